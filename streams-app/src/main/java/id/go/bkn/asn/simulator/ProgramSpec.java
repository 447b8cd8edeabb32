package id.go.bkn.asn.simulator;

import id.go.bkn.asn.schema.TrainingProgram;
import java.util.Objects;

/**
 * A programme of the catalogue with what the simulator needs to run it: its reference record, how
 * its sessions are laid out, who it is for, how often a run starts, how many seats a run has, how
 * well it is received, and what its feedback form asks.
 *
 * @param program the reference record ({@code reference.programs})
 * @param pattern session layout; its total JP equals the programme's totalJp
 * @param audience who fills the seats
 * @param runsPerMonth expected runs starting per month on an ordinary day's activity
 * @param minSeats smallest run
 * @param maxSeats largest run (at most 8,000)
 * @param quality mean overall rating (1-5) the programme earns from an ordinary unit
 * @param asksCareer share of forms that ask about career relevance
 * @param asksRecommend share of forms that ask the 0-10 recommend question
 * @param anonymousShare share of responses given anonymously
 */
record ProgramSpec(
    TrainingProgram program,
    SessionPattern pattern,
    Audience audience,
    double runsPerMonth,
    int minSeats,
    int maxSeats,
    double quality,
    double asksCareer,
    double asksRecommend,
    double anonymousShare) {

  ProgramSpec {
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(audience, "audience");
    if (Math.abs(pattern.totalJp() - program.getTotalJp()) > 1e-9) {
      throw new IllegalArgumentException(
          program.getProgramId()
              + ": sessions add up to "
              + pattern.totalJp()
              + " JP, not "
              + program.getTotalJp());
    }
    if (minSeats < 1 || maxSeats < minSeats || maxSeats > 8_000) {
      throw new IllegalArgumentException(program.getProgramId() + ": seats must be 1-8000");
    }
    if (!(quality >= 1 && quality <= 5)) {
      throw new IllegalArgumentException(program.getProgramId() + ": quality must be 1-5");
    }
  }

  /** The programme's id. */
  String id() {
    return program.getProgramId();
  }
}
