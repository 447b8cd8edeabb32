package id.go.bkn.asn.simulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic, harmless free-text comments in Bahasa Indonesia, chosen by the rating they go with.
 * They never name a person; the pipeline must never copy comments into its outputs anyway.
 */
final class FeedbackComments {

  private static final List<String> GOOD =
      List.of(
          "Materi sangat bermanfaat untuk pekerjaan sehari-hari.",
          "Narasumber menguasai materi dan menjelaskan dengan jelas.",
          "Pelatihan ini membantu saya memahami tugas dengan lebih baik.",
          "Studi kasus relevan dengan kondisi di unit kerja kami.",
          "Terima kasih, penyelenggaraan tertib dan tepat waktu.");
  private static final List<String> FAIR =
      List.of(
          "Materi cukup baik, tetapi waktunya terlalu singkat.",
          "Sebaiknya lebih banyak praktik daripada ceramah.",
          "Bahan tayang sebaiknya dibagikan sebelum sesi dimulai.",
          "Cukup bermanfaat, semoga ada tindak lanjut.");
  private static final List<String> POOR =
      List.of(
          "Koneksi daring sering terputus sehingga materi tidak tersampaikan.",
          "Peserta terlalu banyak, sesi tanya jawab tidak sempat.",
          "Materi kurang sesuai dengan tugas jabatan saya.",
          "Jadwal sering berubah tanpa pemberitahuan.");

  private FeedbackComments() {}

  /** A comment that fits an overall rating of 1-5. */
  static String pick(final int overall, final SplittableRandom rng) {
    final List<String> pool = overall >= 4 ? GOOD : overall == 3 ? FAIR : POOR;
    return pool.get(rng.nextInt(pool.size()));
  }
}
