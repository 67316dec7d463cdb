package csc.lakehouse.measures;

import java.util.Arrays;
import java.util.List;

/**
 * A measure a family declares it computes: the id published in {@code trends.csv}. Everything said about the
 * measure (unit, theme, title, definition, links) is its entry in {@code data-schemas/measures.yaml}
 * ({@code spec.MeasureSpec}), the one catalogue; {@code MeasureCatalogueTest} fails when the ids declared here and
 * the YAML's ids differ.
 */
public record MeasureDefinition(String id) {

    /** The ids a family computes, in its order. */
    public static List<MeasureDefinition> of(String... ids) {
        return Arrays.stream(ids).map(MeasureDefinition::new).toList();
    }
}
