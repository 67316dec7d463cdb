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
import static org.junit.jupiter.api.Assertions.assertEquals;

class PreProceedingsTimelinessTest {

    /*
     * 16 weeks = 112 days before 31/03/2024 is 10/12/2023. Open and started before it: c1, c2 (family f1), c5 (f4);
     * c1 appears twice (two rows of one child: counted once). c3 started exactly 112 days before (not over);
     * c4 ended 01/02/2024. -> 3 children, 2 families
     */
    @Test
    void childrenAndFamiliesOver16Weeks() {
        StructType s = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("family_id", DataTypes.StringType).add("start", DataTypes.DateType).add("end", DataTypes.DateType);
        Dataset<Row> pp = frame(s, row(LA, "c1", "f1", d("2023-11-01"), null), row(LA, "c1", "f1", d("2023-11-20"), null),
                row(LA, "c2", "f1", d("2023-11-01"), null),
                row(LA, "c3", "f2", d("2023-12-10"), null), row(LA, "c4", "f3", d("2023-10-01"), d("2024-02-01")),
                row(LA, "c5", "f4", d("2023-09-01"), d("2024-04-15")));
        Map<String, Row> m = byMeasure(PreProceedingsTimeliness.preProceedings(snap("2024-03-31"), pp, 16, true, "n"));
        check(m, "pre_proceedings_over_16w", 3L, null, 3.0);
        check(m, "pre_proceedings_over_16w|families", 2L, null, 2.0);
        // the census form has no families row
        assertEquals(1, PreProceedingsTimeliness.preProceedings(snap("2024-03-31"), pp, 16, false, "n").count());
    }
}
