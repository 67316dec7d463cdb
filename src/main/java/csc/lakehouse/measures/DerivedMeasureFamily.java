package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * A family computed from other families' results rather than from silver alone (written to {@code gold.<name>}).
 * {@link MeasuresJob} runs every {@link MeasureFamily} first and passes their headline rows here.
 */
public interface DerivedMeasureFamily {
    String name();

    List<MeasureDefinition> definitions();

    /**
     * @param upstream the {@code Total}, {@code Reporting year} rows already computed by the other families:
     *                 (measure_id, la_code, time_period, value)
     */
    Dataset<Row> compute(MeasureContext ctx, Dataset<Row> upstream);
}
