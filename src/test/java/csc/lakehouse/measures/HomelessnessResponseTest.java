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

class HomelessnessResponseTest {

    /* 4 presentations in 2023-24 (one in May 2024 is outside): s20 x2, s17, returned; seen 2 of 4 */
    @Test
    void presentationsByOutcomeAndSeenByTheRightsOfficer() {
        StructType h = new StructType().add("la_code", DataTypes.StringType).add("presentation_date", DataTypes.DateType)
                .add("outcome", DataTypes.StringType).add("seen_by_childrens_rights_officer", DataTypes.BooleanType);
        Dataset<Row> hl = frame(h, row(LA, d("2023-05-01"), "accommodated_s20", true), row(LA, d("2023-06-01"), "accommodated_s20", false),
                row(LA, d("2023-07-01"), "supported_s17", true), row(LA, d("2023-08-01"), "returned_to_family", null),
                row(LA, d("2024-05-01"), "other", true));
        Map<String, Row> m = byMeasure(HomelessnessResponse.homeless(year2024(), hl));
        check(m, "homeless_1617", 4L, null, 4.0);
        check(m, "homeless_1617|accommodated_s20", 2L, 4L, 50.0);
        check(m, "homeless_1617|supported_s17", 1L, 4L, 25.0);
        check(m, "homeless_1617|returned_to_family", 1L, 4L, 25.0);
        check(m, "homeless_1617|other", 0L, 4L, 0.0);
        check(m, "homeless_1617_seen_cro", 2L, 4L, 50.0);
    }
}
