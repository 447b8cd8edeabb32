package id.go.bkn.asn.simulator;

import java.time.Instant;

/**
 * A simulation a driver can pace: reference data first, then records in simulated-time order up to
 * a time, with a record budget. The Kota Serang {@link EventGenerator} and the national profile's
 * generator both are one, so {@code simulate} and {@code bench} drive either the same way.
 */
public interface Simulation {

  /** Emits the reference data (units, roster, programmes), once. */
  void emitReference();

  /**
   * Emits records up to and including the simulated time {@code until}, at most {@code maxRecords}
   * of them (reference records and bad input not counted).
   *
   * @return the number of records emitted
   */
  int advanceTo(Instant until, int maxRecords);

  /** The simulated time everything before which has been emitted. */
  Instant reached();
}
