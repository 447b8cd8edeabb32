package id.go.bkn.asn.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The answers of the read-only API under {@code /api/v1/}, as the OpenAPI document {@code
 * api/openapi.json} describes them. Every list item is flat, so a list comes as CSV with the same
 * columns as its JSON fields. Dates of windows are WIB calendar dates ({@code yyyy-MM-dd}; a window
 * ends, exclusive, at its {@code windowEnd}); instants are ISO-8601 UTC. A figure that cannot be
 * computed is null, as in the topics. No answer holds a person's identifier.
 */
public final class ApiModel {

  private ApiModel() {}

  /** A work unit of {@code reference.units} with its latest headcount (null while unknown). */
  @JsonPropertyOrder({"unitId", "name", "kind", "parentUnitId", "depth", "headcount"})
  public record Unit(
      String unitId, String name, String kind, String parentUnitId, int depth, Integer headcount) {}

  /** One unit with the path from its root down to it, its sub-units and its year so far. */
  public record UnitDetail(Unit unit, List<Unit> path, List<Unit> children, JpYtd ytd) {}

  /** A unit's daily or weekly record (UnitActivity): subtree figures of one window. */
  @JsonPropertyOrder({
    "unitId",
    "unitName",
    "parentUnitId",
    "depth",
    "windowSize",
    "windowStart",
    "windowEnd",
    "status",
    "revision",
    "headcount",
    "enrollments",
    "withdrawals",
    "completions",
    "participants",
    "participationRate",
    "present",
    "late",
    "absent",
    "excused",
    "attendanceRate",
    "jpDelivered",
    "feedbackResponses",
    "responseRate",
    "satisfactionSuppressed",
    "satisfactionMean",
    "satisfactionIndex",
    "ikmBand",
    "careerRelevanceMean",
    "nps",
    "emittedAt"
  })
  public record Activity(
      String unitId,
      String unitName,
      String parentUnitId,
      int depth,
      String windowSize,
      String windowStart,
      String windowEnd,
      String status,
      int revision,
      int headcount,
      int enrollments,
      int withdrawals,
      int completions,
      int participants,
      Double participationRate,
      int present,
      int late,
      int absent,
      int excused,
      Double attendanceRate,
      double jpDelivered,
      int feedbackResponses,
      Double responseRate,
      boolean satisfactionSuppressed,
      Double satisfactionMean,
      Double satisfactionIndex,
      String ikmBand,
      Double careerRelevanceMean,
      Double nps,
      String emittedAt) {}

  /** A unit's year-to-date JP figures (UnitJpProgress). */
  @JsonPropertyOrder({
    "unitId",
    "unitName",
    "parentUnitId",
    "depth",
    "year",
    "status",
    "asOf",
    "headcount",
    "targetJp",
    "employeesMeetingTarget",
    "employeesZeroJp",
    "totalJp",
    "meanJp",
    "attainmentRatio",
    "expectedAttainment",
    "emittedAt"
  })
  public record JpYtd(
      String unitId,
      String unitName,
      String parentUnitId,
      int depth,
      int year,
      String status,
      String asOf,
      int headcount,
      double targetJp,
      int employeesMeetingTarget,
      int employeesZeroJp,
      double totalJp,
      Double meanJp,
      Double attainmentRatio,
      double expectedAttainment,
      String emittedAt) {}

  /** A programme's weekly figures (ProgramSatisfaction). */
  @JsonPropertyOrder({
    "programId",
    "title",
    "trainingType",
    "organizer",
    "organizerKind",
    "windowStart",
    "windowEnd",
    "status",
    "revision",
    "participants",
    "feedbackResponses",
    "responseRate",
    "satisfactionSuppressed",
    "satisfactionMean",
    "satisfactionIndex",
    "ikmBand",
    "careerRelevanceMean",
    "nps",
    "emittedAt"
  })
  public record ProgramWeek(
      String programId,
      String title,
      String trainingType,
      String organizer,
      String organizerKind,
      String windowStart,
      String windowEnd,
      String status,
      int revision,
      int participants,
      int feedbackResponses,
      Double responseRate,
      boolean satisfactionSuppressed,
      Double satisfactionMean,
      Double satisfactionIndex,
      String ikmBand,
      Double careerRelevanceMean,
      Double nps,
      String emittedAt) {}

  /** An alert record (ParticipationAlert); its message is in Bahasa Indonesia. */
  @JsonPropertyOrder({
    "alertId",
    "unitId",
    "unitName",
    "rule",
    "severity",
    "state",
    "windowStart",
    "windowEnd",
    "value",
    "threshold",
    "message",
    "emittedAt"
  })
  public record Alert(
      String alertId,
      String unitId,
      String unitName,
      String rule,
      String severity,
      String state,
      String windowStart,
      String windowEnd,
      Double value,
      double threshold,
      String message,
      String emittedAt) {}

  /**
   * What the view knows: whether it has read its topics, when its figures last changed (version
   * counts the changes, for pollers), the open and the last closed week, the roots of the unit tree
   * and the smallest headcount ranked and alerted on weekly figures.
   */
  public record Status(
      boolean ready,
      String updatedAt,
      long version,
      String openWeek,
      String lastClosedWeek,
      List<String> roots,
      int minCohort) {}

  /** A request the API cannot answer: the HTTP status and what to fix. */
  public record Error(int status, String error, String message) {}
}
