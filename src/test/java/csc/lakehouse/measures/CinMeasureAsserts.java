package csc.lakehouse.measures;

import org.apache.spark.sql.Row;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Assertions on rows keyed {@code measure|la|time_period|breakdown_value}. */
final class CinMeasureAsserts {
    private CinMeasureAsserts() {}

    static Row get(Map<String, Row> rows, String key) {
        Row r = rows.get(key);
        assertNotNull(r, "no row " + key + " in " + rows.keySet());
        return r;
    }

    /** value, numerator, denominator (null = expect null) */
    static void expect(Map<String, Row> rows, String key, Double value, Long numerator, Long denominator) {
        Row r = get(rows, key);
        assertEquals(value, (Double) r.getAs("value"), key + " value");
        assertEquals(numerator, (Long) r.getAs("numerator"), key + " numerator");
        assertEquals(denominator, (Long) r.getAs("denominator"), key + " denominator");
    }

    static void expectValue(Map<String, Row> rows, String key, Double value) {
        Row r = get(rows, key);
        if (value == null) assertNull(r.getAs("value"), key);
        else assertEquals(value, (Double) r.getAs("value"), key + " value");
    }
}
