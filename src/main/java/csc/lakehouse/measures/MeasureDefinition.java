package csc.lakehouse.measures;

/**
 * One entry of the measure catalogue: the id published in {@code trends.csv}, its unit, a short
 * title, the theme it belongs to, and the definition an analyst reads (kept beside the code and
 * exported to docs/measures.md).
 */
public record MeasureDefinition(String id, String unit, String theme, String title, String definition) {
}
