package csc.lakehouse.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The pipeline's gold rows as calibration values: counts scaled back to borough size by their unit. */
class PipelineCalibrationTest {
    static final StructType TRENDS = new StructType()
            .add("measure_id", DataTypes.StringType).add("time_period", DataTypes.StringType)
            .add("time_identifier", DataTypes.StringType).add("la_code", DataTypes.StringType)
            .add("breakdown", DataTypes.StringType).add("value", DataTypes.DoubleType).add("unit", DataTypes.StringType);

    static Row row(String measure, String period, String la, String breakdown, double value, String unit) {
        return new GenericRowWithSchema(new Object[] {measure, period, "Reporting year", la, breakdown, value, unit}, TRENDS);
    }

    @Test
    void countsAreDividedByTheScaleAndRatesAreNot() {
        List<Row> gold = List.of(
                // a count at a half-scale drop: 150 / 0.5 = 300 children at borough scale
                row("cla_starts", "202324", "301", "Total", 150.0, "count"),
                // a rate is the same at any scale
                row("cla_31mar_rate", "202324", "301", "Total", 77.5, "rate_per_10000"),
                // not the LA's Total row, or not a calibration indicator: ignored
                row("cla_starts", "202324", "302", "Total", 9.0, "count"),
                row("cla_starts", "202324", "301", "legal_status", 1.0, "count"),
                row("cla_31mar", "202324", "301", "Total", 4.0, "count"));
        Map<String, Map<Integer, Double>> v = PipelineCalibration.values(gold, "301", 0.5);
        assertEquals(Map.of("cla_starts", Map.of(2024, 300.0), "cla_31mar_rate", Map.of(2024, 77.5)), v);
    }
}
