package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * A family of measures written to one gold table ({@code gold.<name>}). {@link #compute} is a pure
 * function of silver (through the context) returning rows in the {@link Trends} shape.
 */
public interface MeasureFamily {
    /** gold table name, e.g. {@code front_door} */
    String name();

    List<MeasureDefinition> definitions();

    Dataset<Row> compute(MeasureContext ctx);
}
