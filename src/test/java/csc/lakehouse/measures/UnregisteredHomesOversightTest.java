package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.frame;
import static csc.lakehouse.SparkTestSession.row;
import static csc.lakehouse.measures.RecommendationFixtures.LA;
import static csc.lakehouse.measures.RecommendationFixtures.byMeasure;
import static csc.lakehouse.measures.RecommendationFixtures.check;
import static csc.lakehouse.measures.RecommendationFixtures.year2024;

class UnregisteredHomesOversightTest {

    /*
     * Under 16 and starting in 2023-24: the 15-, 14- and 15-year-olds = 3 placements (the 16-year-old is not under 16;
     * the April 2024 one is outside the year). Notified on or before the start: only the first (the second was
     * notified two days late, the third never) -> 1 of 3 = 33.3%
     */
    @Test
    void underSixteenPlacementsAndNotification() {
        StructType u = new StructType().add("la_code", DataTypes.StringType).add("age_at_start", DataTypes.IntegerType)
                .add("placement_start", DataTypes.DateType).add("ofsted_notified_date", DataTypes.DateType);
        Dataset<Row> up = frame(u, row(LA, 15, d("2023-05-01"), d("2023-05-01")), row(LA, 14, d("2023-06-01"), d("2023-06-03")),
                row(LA, 15, d("2023-07-01"), null), row(LA, 16, d("2023-08-01"), d("2023-07-01")),
                row(LA, 12, d("2024-04-10"), d("2024-04-01")));
        Map<String, Row> m = byMeasure(UnregisteredHomesOversight.unregistered(year2024(), up));
        check(m, "unregistered_u16_placements", 3L, null, 3.0);
        check(m, "unregistered_u16_notified", 1L, 3L, 33.3);
    }
}
