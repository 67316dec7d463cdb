package csc.lakehouse.publish;

/**
 * What the publish step needs to know about a measure. The measure classes' {@code MeasureDefinition}
 * records can be adapted with {@link #of}; the catalogue is passed in as a map measure_id to this.
 */
public interface MeasureDefinitionLike {
  String title();

  /** One of {@link Themes#ALL} (others are shown under "Other measures"). */
  String theme();

  String definition();

  /** count | percent | rate_per_10000 | days | median | index | index_points */
  String unit();

  static MeasureDefinitionLike of(String title, String theme, String definition, String unit) {
    return new Simple(title, theme, definition, unit);
  }

  record Simple(String title, String theme, String definition, String unit) implements MeasureDefinitionLike {}

  /** Sheet and section names, in publishing order. */
  final class Themes {
    public static final String FRONT_DOOR = "Front door";
    public static final String CIN_CP = "Children in need and protection";
    public static final String NEGLECT = "Neglect";
    public static final String CLA_PP = "Looked after and police protection";
    public static final String DEMAND = "Demand against population";
    public static final String RECOMMENDATIONS = "The eight recommendations";
    public static final String DATA_QUALITY = "Data quality";
    public static final java.util.List<String> ALL = java.util.List.of(FRONT_DOOR, CIN_CP, NEGLECT, CLA_PP, DEMAND,
        RECOMMENDATIONS, DATA_QUALITY);

    private Themes() {}
  }
}
