package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * The measures tracking one of the council's Ofsted recommendations
 * ({@code data-schemas/ofsted_recommendations.yaml}): a small class per recommendation whose static
 * functions are the measures (each tested by hand beside its fixture), and whose {@link #compute} picks
 * their inputs from the context. {@link OfstedRecommendationMeasures} writes them all to
 * {@code gold.ofsted_recommendations}.
 */
public interface OfstedRecommendation {
    /** The recommendation's id in ofsted_recommendations.yaml (R1..R8, PP). */
    String recommendationId();

    List<MeasureDefinition> definitions();

    /** Rows in the {@link RecommendationRows#OUT} shape, before {@link Trends#shape}. */
    Dataset<Row> compute(MeasureContext ctx);
}
