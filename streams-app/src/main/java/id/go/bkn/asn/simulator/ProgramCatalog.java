package id.go.bkn.asn.simulator;

import id.go.bkn.asn.schema.Delivery;
import id.go.bkn.asn.schema.OrganizerKind;
import id.go.bkn.asn.schema.TrainingProgram;
import java.util.ArrayList;
import java.util.List;

/**
 * The programmes Kota Serang's employees attend in the simulation: every training type of
 * reference/training-types.csv, organised by BKN, LAN, BKPSDM Kota Serang, ministries, the local
 * universities (Untirta, UIN Sultan Maulana Hasanuddin Banten: seminars and workshops) and others
 * (BPSDM Provinsi Banten, BPKP, LKPP, ANRI, BSSN...). Titles are plausible Bahasa Indonesia, JP per
 * type follow common practice (leadership programmes 200+ JP over months, a seminar 2-8 JP,
 * e-learning modules 4-20 JP). The catalogue is fixed, not seeded: the seed varies the runs, not
 * what exists. Two programmes are deliberately poorly received (a crowded online sosialisasi and a
 * remote course with connection trouble) so LOW_SATISFACTION has something to find.
 */
final class ProgramCatalog {

  private static final String LAN = "Lembaga Administrasi Negara (LAN RI)";
  private static final String BKN = "Badan Kepegawaian Negara";
  private static final String BKN_KANREG = "BKN Kantor Regional III Bandung";
  private static final String BKPSDM = "BKPSDM Kota Serang";
  private static final String BPSDM_BANTEN = "BPSDM Provinsi Banten";
  private static final String KEMENDAGRI = "BPSDM Kementerian Dalam Negeri";
  private static final String KEMENKES = "Kementerian Kesehatan (Bapelkes)";
  private static final String KEMENDIKBUD = "Kementerian Pendidikan Dasar dan Menengah";
  private static final String KEMENPANRB = "Kementerian PANRB";
  private static final String KEMENAG = "Kementerian Agama";
  private static final String UNTIRTA = "Universitas Sultan Ageng Tirtayasa (Untirta)";
  private static final String UIN = "UIN Sultan Maulana Hasanuddin Banten";

  private final List<ProgramSpec> specs = new ArrayList<>();

  private ProgramCatalog() {}

  /** The catalogue, in a fixed order. */
  static List<ProgramSpec> kotaSerang() {
    final ProgramCatalog c = new ProgramCatalog();
    c.leadershipAndBasic();
    c.technicalAndFunctional();
    c.seminarsAndWorkshops();
    c.nonClassical();
    return List.copyOf(c.specs);
  }

  private void leadershipAndBasic() {
    add(
        "PRG-PKN1-01",
        "PKN-I",
        "Pelatihan Kepemimpinan Nasional Tingkat I",
        LAN,
        OrganizerKind.LAN,
        Delivery.BLENDED,
        SessionPattern.blocks(8, 10, 4, 5),
        Audience.STRUCTURAL,
        0.05,
        1,
        1,
        4.5);
    add(
        "PRG-PKN2-01",
        "PKN-II",
        "Pelatihan Kepemimpinan Nasional Tingkat II",
        LAN,
        OrganizerKind.LAN,
        Delivery.BLENDED,
        SessionPattern.blocks(8, 10, 3, 5),
        Audience.STRUCTURAL,
        0.15,
        1,
        2,
        4.4);
    add(
        "PRG-PKA-01",
        "PKA",
        "Pelatihan Kepemimpinan Administrator",
        BPSDM_BANTEN,
        OrganizerKind.OTHER,
        Delivery.BLENDED,
        SessionPattern.blocks(8, 10, 3, 4),
        Audience.STRUCTURAL,
        0.5,
        3,
        8,
        4.3);
    add(
        "PRG-PKP-01",
        "PKP",
        "Pelatihan Kepemimpinan Pengawas",
        BPSDM_BANTEN,
        OrganizerKind.OTHER,
        Delivery.BLENDED,
        SessionPattern.blocks(8, 9, 3, 3),
        Audience.STRUCTURAL,
        0.6,
        4,
        10,
        4.2);
    add(
        "PRG-LATSAR-01",
        "LATSAR",
        "Pelatihan Dasar CPNS Golongan III",
        BKPSDM,
        OrganizerKind.BKPSDM,
        Delivery.BLENDED,
        SessionPattern.blocks(8, 10, 3, 3),
        Audience.NEW_PNS,
        0.3,
        20,
        40,
        4.1);
  }

  private void technicalAndFunctional() {
    add(
        "PRG-TEK-01",
        "TEK",
        "Pelatihan Teknis Pengelolaan Keuangan Daerah melalui SIPD",
        KEMENDAGRI,
        OrganizerKind.MINISTRY,
        Delivery.IN_PERSON,
        SessionPattern.daily(8, 5),
        Audience.ALL,
        1.0,
        20,
        40,
        4.2);
    add(
        "PRG-TEK-02",
        "TEK",
        "Pelatihan Teknis Pengadaan Barang/Jasa Pemerintah",
        "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah (LKPP)",
        OrganizerKind.OTHER,
        Delivery.IN_PERSON,
        SessionPattern.daily(8, 4),
        Audience.ALL,
        0.8,
        20,
        35,
        4.3);
    add(
        "PRG-TEK-03",
        "TEK",
        "Pelatihan Teknis Pelayanan Publik Prima",
        BKPSDM,
        OrganizerKind.BKPSDM,
        Delivery.IN_PERSON,
        SessionPattern.daily(6, 3),
        Audience.REGIONAL,
        2.0,
        25,
        40,
        4.2);
    add(
        "PRG-TEK-04",
        "TEK",
        "Pelatihan Basic Trauma and Cardiac Life Support (BTCLS)",
        KEMENKES,
        OrganizerKind.MINISTRY,
        Delivery.IN_PERSON,
        SessionPattern.daily(8, 5),
        Audience.HEALTH,
        1.0,
        20,
        30,
        4.5);
    add(
        "PRG-FUNG-01",
        "FUNG",
        "Pelatihan Pembentukan Jabatan Fungsional Auditor",
        "Pusdiklatwas BPKP",
        OrganizerKind.OTHER,
        Delivery.IN_PERSON,
        SessionPattern.daily(8, 8),
        Audience.FUNCTIONAL,
        0.3,
        3,
        8,
        4.2);
    add(
        "PRG-FUNG-02",
        "FUNG",
        "Pelatihan Jabatan Fungsional Perawat",
        KEMENKES,
        OrganizerKind.MINISTRY,
        Delivery.IN_PERSON,
        SessionPattern.daily(8, 5),
        Audience.HEALTH,
        0.8,
        20,
        35,
        4.3);
    add(
        "PRG-FUNG-03",
        "FUNG",
        "Penguatan Kompetensi Guru: Implementasi Kurikulum Merdeka",
        KEMENDIKBUD,
        OrganizerKind.MINISTRY,
        Delivery.BLENDED,
        SessionPattern.every(4, 8, 5),
        Audience.EDUCATION,
        3.0,
        40,
        80,
        4.2);
    add(
        "PRG-FUNG-04",
        "FUNG",
        "Pelatihan Fungsional Analis Sumber Daya Manusia Aparatur",
        BKN,
        OrganizerKind.BKN,
        Delivery.ONLINE,
        SessionPattern.daily(6, 6),
        Audience.FUNCTIONAL,
        0.4,
        10,
        25,
        4.1);
    add(
        "PRG-SOSKUL-01",
        "SOSKUL",
        "Pelatihan Sosial Kultural Moderasi Beragama dan Wawasan" + " Kebangsaan",
        KEMENAG,
        OrganizerKind.MINISTRY,
        Delivery.IN_PERSON,
        SessionPattern.daily(8, 2),
        Audience.ALL,
        1.0,
        30,
        50,
        4.3);
    add(
        "PRG-KUR-01",
        "KUR",
        "Kursus Bahasa Inggris untuk Pelayanan Publik",
        UNTIRTA,
        OrganizerKind.UNIVERSITY,
        Delivery.IN_PERSON,
        SessionPattern.every(3, 10, 2),
        Audience.ALL,
        0.5,
        15,
        25,
        4.4);
    add(
        "PRG-KUR-02",
        "KUR",
        "Kursus Pengolahan Data dengan Lembar Kerja Elektronik",
        BKPSDM,
        OrganizerKind.BKPSDM,
        Delivery.IN_PERSON,
        SessionPattern.every(4, 6, 2),
        Audience.ALL,
        0.8,
        15,
        25,
        4.2);
    add(
        "PRG-BIMTEK-01",
        "BIMTEK",
        "Bimbingan Teknis Pemutakhiran Data Mandiri SIASN",
        BKN_KANREG,
        OrganizerKind.BKN,
        Delivery.IN_PERSON,
        SessionPattern.daily(4, 2),
        Audience.ALL,
        2.0,
        30,
        60,
        4.0);
    add(
        "PRG-BIMTEK-02",
        "BIMTEK",
        "Bimbingan Teknis Penyusunan Laporan Keuangan Berbasis" + " Akrual",
        KEMENDAGRI,
        OrganizerKind.MINISTRY,
        Delivery.IN_PERSON,
        SessionPattern.daily(8, 3),
        Audience.ALL,
        1.0,
        25,
        40,
        4.1);
    add(
        "PRG-BIMTEK-03",
        "BIMTEK",
        "Bimbingan Teknis Administrasi Kependudukan bagi Operator" + " Kelurahan",
        "Ditjen Dukcapil Kementerian Dalam Negeri",
        OrganizerKind.MINISTRY,
        Delivery.IN_PERSON,
        SessionPattern.daily(6, 2),
        Audience.REGIONAL,
        1.0,
        20,
        40,
        4.0);
  }

  private void seminarsAndWorkshops() {
    add(
        "PRG-SEM-01",
        "SEM",
        "Seminar Transformasi Digital Pemerintahan Daerah",
        UNTIRTA,
        OrganizerKind.UNIVERSITY,
        Delivery.IN_PERSON,
        SessionPattern.single(4),
        Audience.ALL,
        1.5,
        60,
        150,
        4.2);
    add(
        "PRG-SEM-02",
        "SEM",
        "Seminar Kebijakan Publik dan Tata Kelola Pemerintahan yang Baik",
        UIN,
        OrganizerKind.UNIVERSITY,
        Delivery.IN_PERSON,
        SessionPattern.single(6),
        Audience.ALL,
        1.0,
        60,
        120,
        4.1);
    add(
        "PRG-SEM-03",
        "SEM",
        "Seminar Literasi Keuangan dan Ekonomi Digital",
        "Bank Indonesia Perwakilan Banten",
        OrganizerKind.OTHER,
        Delivery.ONLINE,
        SessionPattern.single(3),
        Audience.ALL,
        1.0,
        80,
        200,
        4.0);
    add(
        "PRG-SEM-04",
        "SEM",
        "Sarasehan Sejarah dan Budaya Kesultanan Banten",
        UIN,
        OrganizerKind.UNIVERSITY,
        Delivery.IN_PERSON,
        SessionPattern.single(2),
        Audience.ALL,
        0.5,
        40,
        100,
        4.4);
    add(
        "PRG-WS-01",
        "WS",
        "Workshop Penyusunan Indikator Kinerja dan Laporan SAKIP",
        KEMENPANRB,
        OrganizerKind.MINISTRY,
        Delivery.IN_PERSON,
        SessionPattern.daily(8, 2),
        Audience.ALL,
        1.0,
        30,
        50,
        4.1);
    add(
        "PRG-WS-02",
        "WS",
        "Lokakarya Penulisan Karya Tulis Ilmiah bagi Guru",
        UNTIRTA,
        OrganizerKind.UNIVERSITY,
        Delivery.IN_PERSON,
        SessionPattern.daily(8, 2),
        Audience.EDUCATION,
        1.0,
        30,
        60,
        4.3);
    add(
        "PRG-WS-03",
        "WS",
        "Workshop Perumusan Kebijakan Berbasis Bukti",
        UIN,
        OrganizerKind.UNIVERSITY,
        Delivery.IN_PERSON,
        SessionPattern.daily(8, 2),
        Audience.FUNCTIONAL,
        0.6,
        20,
        40,
        4.2);
    add(
        "PRG-SOS-01",
        "SOS",
        "Sosialisasi Manajemen Kinerja ASN",
        KEMENPANRB,
        OrganizerKind.MINISTRY,
        Delivery.ONLINE,
        SessionPattern.single(3),
        Audience.ALL,
        1.5,
        80,
        200,
        3.9);
    add(
        "PRG-SOS-02",
        "SOS",
        "Sosialisasi Aplikasi e-Kinerja Kota Serang",
        BKPSDM,
        OrganizerKind.BKPSDM,
        Delivery.ONLINE,
        SessionPattern.single(2),
        Audience.ALL,
        3.0,
        80,
        200,
        3.1);
    add(
        "PRG-SOS-03",
        "SOS",
        "Sosialisasi Netralitas ASN dan Kode Etik",
        "Bawaslu Kota Serang",
        OrganizerKind.OTHER,
        Delivery.IN_PERSON,
        SessionPattern.single(3),
        Audience.ALL,
        1.0,
        60,
        150,
        4.0);
  }

  private void nonClassical() {
    add(
        "PRG-COACH-01",
        "COACH",
        "Coaching Pengembangan Karier ASN",
        BKPSDM,
        OrganizerKind.BKPSDM,
        Delivery.IN_PERSON,
        SessionPattern.every(2, 6, 5),
        Audience.ALL,
        2.0,
        8,
        15,
        4.5);
    add(
        "PRG-MENTOR-01",
        "MENTOR",
        "Mentoring Aktualisasi Nilai Dasar ASN BerAKHLAK",
        BKPSDM,
        OrganizerKind.BKPSDM,
        Delivery.BLENDED,
        SessionPattern.every(2, 8, 5),
        Audience.NEW_PNS,
        1.0,
        10,
        20,
        4.3);
    add(
        "PRG-ELRN-01",
        "ELRN",
        "E-learning Literasi Digital ASN",
        LAN,
        OrganizerKind.LAN,
        Delivery.ONLINE,
        SessionPattern.every(2, 5, 2),
        Audience.ALL,
        4.0,
        50,
        120,
        4.0);
    add(
        "PRG-ELRN-02",
        "ELRN",
        "MOOC Manajemen ASN di ASN Corporate University",
        BKN,
        OrganizerKind.BKN,
        Delivery.ONLINE,
        SessionPattern.every(4, 4, 3),
        Audience.ALL,
        2.0,
        50,
        120,
        4.1);
    add(
        "PRG-ELRN-03",
        "ELRN",
        "E-learning Keamanan Informasi dan Persandian",
        "Badan Siber dan Sandi Negara (BSSN)",
        OrganizerKind.OTHER,
        Delivery.ONLINE,
        SessionPattern.every(2, 3, 2),
        Audience.ALL,
        1.0,
        40,
        100,
        4.0);
    add(
        "PRG-ELRN-04",
        "ELRN",
        "Pelatihan Mandiri Kurikulum Merdeka di Platform Guru",
        KEMENDIKBUD,
        OrganizerKind.MINISTRY,
        Delivery.ONLINE,
        SessionPattern.every(2, 6, 2),
        Audience.EDUCATION,
        4.0,
        60,
        150,
        4.0);
    add(
        "PRG-PJJ-01",
        "PJJ",
        "Pelatihan Jarak Jauh Penyusunan Rencana Kerja Perangkat Daerah",
        KEMENDAGRI,
        OrganizerKind.MINISTRY,
        Delivery.ONLINE,
        SessionPattern.daily(4, 8),
        Audience.ALL,
        1.0,
        30,
        60,
        3.4);
    add(
        "PRG-PJJ-02",
        "PJJ",
        "Pelatihan Jarak Jauh Manajemen Puskesmas",
        KEMENKES,
        OrganizerKind.MINISTRY,
        Delivery.ONLINE,
        SessionPattern.daily(4, 6),
        Audience.HEALTH,
        0.8,
        20,
        40,
        4.0);
    add(
        "PRG-DET-01",
        "DET",
        "Detasering Guru ke Sekolah Penggerak",
        KEMENDIKBUD,
        OrganizerKind.MINISTRY,
        Delivery.IN_PERSON,
        SessionPattern.daily(8, 10),
        Audience.EDUCATION,
        0.3,
        3,
        6,
        4.2);
    add(
        "PRG-MAGANG-01",
        "MAGANG",
        "Magang Pengelolaan Arsip Dinamis",
        "Arsip Nasional Republik Indonesia (ANRI)",
        OrganizerKind.OTHER,
        Delivery.IN_PERSON,
        SessionPattern.daily(8, 5),
        Audience.ALL,
        0.3,
        3,
        6,
        4.3);
    add(
        "PRG-MAGANG-02",
        "MAGANG",
        "Magang Pelayanan di Mal Pelayanan Publik",
        BKPSDM,
        OrganizerKind.BKPSDM,
        Delivery.IN_PERSON,
        SessionPattern.daily(8, 5),
        Audience.REGIONAL,
        0.4,
        5,
        10,
        4.2);
    add(
        "PRG-BENCH-01",
        "BENCH",
        "Patok Banding Inovasi Pelayanan Publik ke Kota Tangerang",
        BKPSDM,
        OrganizerKind.BKPSDM,
        Delivery.IN_PERSON,
        SessionPattern.daily(8, 2),
        Audience.STRUCTURAL,
        0.4,
        10,
        20,
        4.4);
    add(
        "PRG-OUTB-01",
        "OUTB",
        "Outbound Penguatan Kerja Sama Tim",
        BKPSDM,
        OrganizerKind.BKPSDM,
        Delivery.IN_PERSON,
        SessionPattern.daily(8, 2),
        Audience.ALL,
        0.5,
        30,
        60,
        4.5);
    add(
        "PRG-KOMBEL-01",
        "KOMBEL",
        "Komunitas Belajar Guru Sekolah Dasar",
        "Dinas Pendidikan dan Kebudayaan Kota Serang",
        OrganizerKind.OTHER,
        Delivery.IN_PERSON,
        SessionPattern.every(2, 8, 5),
        Audience.EDUCATION,
        4.0,
        20,
        40,
        4.2);
    add(
        "PRG-KOMBEL-02",
        "KOMBEL",
        "Komunitas Belajar Perencana dan Analis Kebijakan",
        "Bappeda Kota Serang",
        OrganizerKind.OTHER,
        Delivery.BLENDED,
        SessionPattern.every(2, 6, 10),
        Audience.FUNCTIONAL,
        0.5,
        10,
        25,
        4.1);
    add(
        "PRG-MANDIRI-01",
        "MANDIRI",
        "Belajar Mandiri Modul Pengantar Manajemen ASN",
        BKN,
        OrganizerKind.BKN,
        Delivery.ONLINE,
        SessionPattern.every(2, 5, 2),
        Audience.ALL,
        3.0,
        30,
        80,
        4.1);
  }

  @SuppressWarnings("checkstyle:ParameterNumber")
  private void add(
      final String id,
      final String type,
      final String title,
      final String organizer,
      final OrganizerKind kind,
      final Delivery delivery,
      final SessionPattern pattern,
      final Audience audience,
      final double runsPerMonth,
      final int minSeats,
      final int maxSeats,
      final double quality) {
    final TrainingProgram program =
        new TrainingProgram(id, title, type, organizer, kind, pattern.totalJp(), delivery);
    // Short events are mostly evaluated with the full form; long programmes use LAN's form,
    // which always asks both questions. Anonymous answers are more common online.
    final double asksCareer = pattern.sessions() >= 5 ? 1.0 : 0.85;
    final double asksRecommend = pattern.sessions() >= 5 ? 0.95 : 0.8;
    final double anonymous = delivery == Delivery.ONLINE ? 0.2 : 0.1;
    specs.add(
        new ProgramSpec(
            program,
            pattern,
            audience,
            runsPerMonth,
            minSeats,
            maxSeats,
            quality,
            asksCareer,
            asksRecommend,
            anonymous));
  }
}
