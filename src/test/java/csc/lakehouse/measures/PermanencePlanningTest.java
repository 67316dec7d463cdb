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
import static csc.lakehouse.measures.RecommendationFixtures.snap;

class PermanencePlanningTest {

    /*
     * Looked after at 31/03/2024: k1, k2, k3 (k4 left, k5 short breaks).
     * Second review in the period: k1 15/09/23 (its 01/01/23 review is before the period), k2 20/03/24, k3 has one.
     * PPMs: k1 01/09/23 (before its 2nd review), k2 25/03/24 (after its 2nd review), k3 none.
     * ppm_held 2/3 = 66.7%; ppm_by_second_review 1/2 = 50.0%
     */
    @Test
    void meetingsHeldAndByTheSecondReview() {
        StructType p = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("start_date", DataTypes.DateType).add("end_date", DataTypes.DateType).add("is_short_break", DataTypes.BooleanType);
        StructType r = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("review_date", DataTypes.DateType);
        StructType mt = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("meeting_date", DataTypes.DateType);
        Dataset<Row> poc = frame(p, row(LA, "k1", d("2023-06-01"), null, false), row(LA, "k2", d("2023-10-01"), null, false),
                row(LA, "k3", d("2024-01-15"), null, false), row(LA, "k4", d("2023-05-01"), d("2024-01-01"), false),
                row(LA, "k5", d("2023-07-01"), null, true));
        Dataset<Row> rv = frame(r, row(LA, "k1", d("2023-01-01")), row(LA, "k1", d("2023-06-20")), row(LA, "k1", d("2023-09-15")),
                row(LA, "k1", d("2024-03-01")), row(LA, "k2", d("2023-10-25")), row(LA, "k2", d("2024-03-20")),
                row(LA, "k3", d("2024-02-10")), row(LA, "k5", d("2023-07-20")), row(LA, "k5", d("2023-08-20")));
        Dataset<Row> ppm = frame(mt, row(LA, "k1", d("2023-09-01")), row(LA, "k2", d("2024-03-25")), row(LA, "k5", d("2023-07-10")));
        Map<String, Row> m = byMeasure(PermanencePlanning.permanence(snap("2024-03-31"), poc, rv, ppm));
        check(m, "ppm_held", 2L, 3L, 66.7);
        check(m, "ppm_by_second_review", 1L, 2L, 50.0);
    }
}
