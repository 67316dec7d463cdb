package csc.lakehouse.measures;

/**
 * A measure a family declares it computes: the id published in {@code trends.csv}, with the unit, title, theme
 * and definition its author wrote beside the code. The catalogue that publishing and docs/measures.md read is
 * {@code data-schemas/measures.yaml} ({@code spec.MeasureSpec}); {@code MeasureCatalogueTest} fails when the ids
 * declared here and the YAML's ids differ.
 */
public record MeasureDefinition(String id, String unit, String theme, String title, String definition) {
}
