package csc.lakehouse.conform;

import csc.lakehouse.spec.TableSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.frame;
import static csc.lakehouse.SparkTestSession.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a later return corrected in an earlier one (silver.return_corrections), on hand-made CP plans. */
class ReturnCorrectionsTest {
    static final StructType CP = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
            .add("start_date", DataTypes.DateType).add("end_date", DataTypes.DateType)
            .add("initial_category", DataTypes.StringType).add("latest_category", DataTypes.StringType)
            .add("number_of_previous_cpp", DataTypes.IntegerType).add("collection_year", DataTypes.IntegerType)
            .add("is_latest", DataTypes.BooleanType).add("vanished", DataTypes.BooleanType)
            .add("source_file_sha256", DataTypes.StringType);

    /*
     * p1's plan from 2022-06-01:
     *   return 2023: open, NEG/NEG, 0 previous
     *   return 2024: ended 2023-03-20 (a date of 2022-23 the 2023 return left empty: a correction), initial category
     *                PHY (NEG recorded, then changed: a correction), latest EMO (changes while open: progress), 0
     * p2's plan from 2023-01-10:
     *   return 2023: open; return 2024: ended 2023-09-01 (after 31 March 2023: progress, not listed)
     * p3's plan from 2023-05-01:
     *   return 2024: 1 previous plan; return 2025: previous plans empty (recorded, then removed: a correction);
     *   return 2025 is also its last, so there is no pair after it
     * Expected, by hand: 3 rows
     *   p1 2023->2024 end_date          null       -> 2023-03-20
     *   p1 2023->2024 initial_category  NEG        -> PHY
     *   p3 2024->2025 number_of_previous_cpp 1     -> null
     */
    @Test
    void correctionsAreListedAndProgressIsNot() {
        Dataset<Row> rows = frame(CP,
                row("301", "p1", d("2022-06-01"), null, "NEG", "NEG", 0, 2023, false, false, "a"),
                row("301", "p1", d("2022-06-01"), d("2023-03-20"), "PHY", "EMO", 0, 2024, true, false, "b"),
                row("301", "p2", d("2023-01-10"), null, "EMO", "EMO", 0, 2023, false, false, "a"),
                row("301", "p2", d("2023-01-10"), d("2023-09-01"), "EMO", "EMO", 0, 2024, true, false, "b"),
                row("301", "p3", d("2023-05-01"), null, "SAB", "SAB", 1, 2024, false, false, "b"),
                row("301", "p3", d("2023-05-01"), null, "SAB", "SAB", null, 2025, true, false, "c"));
        List<String> got = new ArrayList<>();
        for (Row r : ReturnCorrections.corrections(rows, "cp_plan", TableSchema.load("silver", "cp_plan"))
                .orderBy("item_key", "column_name").collectAsList()) {
            got.add(r.getAs("table_name") + " " + r.getAs("item_key") + " " + r.getAs("earlier_return") + "->"
                    + r.getAs("later_return") + " " + r.getAs("column_name") + " " + r.getAs("earlier_value") + " -> "
                    + r.getAs("later_value"));
        }
        assertEquals(List.of(
                "cp_plan p1|2022-06-01 2023->2024 end_date null -> 2023-03-20",
                "cp_plan p1|2022-06-01 2023->2024 initial_category NEG -> PHY",
                "cp_plan p3|2023-05-01 2024->2025 number_of_previous_cpp 1 -> null"), got);
    }
}
