package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.Map;

import static csc.lakehouse.SparkTestSession.frame;
import static csc.lakehouse.SparkTestSession.row;
import static csc.lakehouse.measures.RecommendationFixtures.LA;
import static csc.lakehouse.measures.RecommendationFixtures.byMeasure;
import static csc.lakehouse.measures.RecommendationFixtures.check;
import static csc.lakehouse.measures.RecommendationFixtures.year2024;

class PoliceProtectionUseTest {

    static Row ev(String child, String group, String when) {
        return row(LA, child, group, Timestamp.valueOf(when));
    }

    /*
     * Entries in 2023-24 (the calendar file has Mon 25 December 2023 as Christmas Day):
     *   a g1 Tue 02/05/23 10:00 in hours     b g1 Tue 02/05/23 10:00 in hours
     *   a g1 Mon 11/09/23 10:00 in hours (a's second entry: still one child)
     *   c -  Sat 03/06/23 11:00 out (weekend)
     *   d g2 Wed 05/07/23 17:00 out (17:00 is out of hours); d is the only child with g2: one child is not a group
     *   e -  Mon 25/12/23 12:00 out (bank holiday)
     *   f -  Thu 03/08/23 08:59 out
     *   h, i, j g3 Fri 01/03/24 20:00 out (three siblings together)
     *   g g4 Mon 01/04/24 03:00 is in 2024-25: outside the year
     * pp_sibling_groups: children in groups of 2+ = g1 {a, b} + g3 {h, i, j} = 5 children (not 6 entries, not d);
     *   groups = 2 (a 2-child group counts, the 1-child g2 does not)
     * pp_out_of_hours: 10 entries; out of hours c, d, e, f, h, i, j = 7 -> 70.0%
     */
    @Test
    void siblingGroupsNeedTwoChildrenAndCountChildren() {
        StructType s = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("sibling_group_id", DataTypes.StringType).add("event_datetime", DataTypes.TimestampType);
        Dataset<Row> events = frame(s, ev("a", "g1", "2023-05-02 10:00:00"), ev("b", "g1", "2023-05-02 10:00:00"),
                ev("a", "g1", "2023-09-11 10:00:00"), ev("c", null, "2023-06-03 11:00:00"),
                ev("d", "g2", "2023-07-05 17:00:00"), ev("e", null, "2023-12-25 12:00:00"),
                ev("f", null, "2023-08-03 08:59:00"), ev("h", "g3", "2024-03-01 20:00:00"),
                ev("i", "g3", "2024-03-01 20:00:00"), ev("j", "g3", "2024-03-01 20:00:00"),
                ev("g", "g4", "2024-04-01 03:00:00"));
        Map<String, Row> m = byMeasure(PoliceProtectionUse.policeProtection(year2024(), events));
        check(m, "pp_sibling_groups", 5L, null, 5.0);
        check(m, "pp_sibling_groups|groups", 2L, null, 2.0);
        check(m, "pp_out_of_hours", 7L, 10L, 70.0);
    }
}
