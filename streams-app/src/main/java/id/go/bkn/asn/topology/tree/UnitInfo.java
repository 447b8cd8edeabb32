package id.go.bkn.asn.topology.tree;

/**
 * What the unit records say about a unit's place in its tree.
 *
 * @param unitId the unit
 * @param name its name (the id when the unit is not in reference.units)
 * @param parentUnitId its parent, null at the root
 * @param depth 0 at the root
 * @param leaf whether no unit has it as parent
 */
public record UnitInfo(String unitId, String name, String parentUnitId, int depth, boolean leaf) {

  /** What is known of a unit missing from reference.units: itself, as a root leaf. */
  public static UnitInfo unknown(final String unitId) {
    return new UnitInfo(unitId, unitId, null, 0, true);
  }
}
