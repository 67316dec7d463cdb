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

    /** Sheet and section names, in publishing order: the themes of data-schemas/measures.yaml. */
    final class Themes {
        private static final csc.lakehouse.spec.MeasureSpec SPEC = csc.lakehouse.spec.MeasureSpec.load();
        public static final String FRONT_DOOR = SPEC.themeTitle("front_door");
        public static final String CIN_CP = SPEC.themeTitle("cin_cp");
        public static final String NEGLECT = SPEC.themeTitle("neglect");
        public static final String CLA_PP = SPEC.themeTitle("cla_pp");
        public static final String DEMAND = SPEC.themeTitle("demand");
        public static final String CASE_HISTORY = SPEC.themeTitle("case_history");
        public static final String RECOMMENDATIONS = SPEC.themeTitle("recommendations");
        public static final String DATA_QUALITY = SPEC.themeTitle("data_quality");
        public static final java.util.List<String> ALL = SPEC.themeTitles();

        private Themes() {}
    }
}
