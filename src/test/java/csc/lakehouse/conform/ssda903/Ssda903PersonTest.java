package csc.lakehouse.conform.ssda903;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ssda903PersonTest {
    static final StructType P = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
            .add("sex", DataTypes.StringType).add("ethnicity", DataTypes.StringType).add("birth_month", DataTypes.DateType)
            .add("collection_year", DataTypes.IntegerType).add("source_file_sha256", DataTypes.StringType);

    @Test
    void laterYearWinsAndCinWinsTies() {
        // p1: CIN 2022 (F) and 903 2022 (M) -> tie, CIN wins: F, in both.
        // p2: CIN 2021 (F) and 903 2023 (U) -> later wins: U, in both.
        // p3: 903 only -> in_903 only.
        Dataset<Row> cin = SparkTestSession.frame(P,
                row("301", "p1", "F", "WBRI", d("2010-01-01"), 2022, "c22"),
                row("301", "p2", "F", "WBRI", d("2011-01-01"), 2021, "c21"));
        Dataset<Row> s903 = SparkTestSession.frame(P,
                row("301", "p1", "M", "WBRI", d("2010-01-01"), 2022, "s22"),
                row("301", "p2", "U", "WBRI", d("2011-01-01"), 2023, "s23"),
                row("301", "p3", "M", "BAFR", d("2012-01-01"), 2023, "s23"));
        List<Row> rows = PersonTable.build(cin, s903).orElseThrow().orderBy("person_id").collectAsList();
        assertEquals(3, rows.size());
        assertEquals("F", rows.get(0).getAs("sex"));
        assertEquals("c22", rows.get(0).getAs("source_file_sha256"));
        assertTrue((boolean) rows.get(0).getAs("in_cin") && (boolean) rows.get(0).getAs("in_903"));
        assertEquals("U", rows.get(1).getAs("sex"));
        assertEquals(2023, (int) rows.get(1).getAs("collection_year"));
        assertEquals(false, rows.get(2).getAs("in_cin"));
        assertEquals(true, rows.get(2).getAs("in_903"));
        assertEquals(1, PersonTable.build(null, s903).orElseThrow().filter("person_id = 'p1'").count());
    }
}
