package id.go.bkn.asn.simulator;

/** Who a programme is meant for; seats are filled from that part of the roster. */
enum Audience {
  /** Any employee. */
  ALL,
  /** Structural officials (leadership training). */
  STRUCTURAL,
  /** PNS appointed in the last two years (Latsar, mentoring of new CPNS). */
  NEW_PNS,
  /** Staff of the education office (teachers are the bulk of them). */
  EDUCATION,
  /** Staff of the health office, puskesmas and the hospital. */
  HEALTH,
  /** Staff of kecamatan and kelurahan offices. */
  REGIONAL,
  /** Functional officials (auditors, analysts, planners...). */
  FUNCTIONAL
}
