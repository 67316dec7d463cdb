package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static csc.lakehouse.measures.MeasureTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Demand index, excess growth and projection from hand-made upstream rows (LA 301).
 * Population: mid-2021 50,000, mid-2022 52,000, mid-2023 55,000 (estimates). Projections, two vintages:
 * proj-2021.csv mid-2023 54,000, mid-2024 56,000, mid-2025 57,000; proj-2024.csv mid-2026 60,000 only.
 * Referrals 1,000 / 1,200 / 1,500 and cla_31mar 100 / 110 / 121 in 2021-22 / 2022-23 / 2023-24.
 */
class DemandMeasuresTest {
    static Dataset<Row> upstream() {
        StructType t = new StructType().add("measure_id", DataTypes.StringType).add("la_code", DataTypes.StringType)
                .add("time_period", DataTypes.StringType).add("time_identifier", DataTypes.StringType)
                .add("breakdown", DataTypes.StringType).add("value", DataTypes.DoubleType);
        return SparkTestSession.get().createDataFrame(List.of(
                RowFactory.create("referrals", "301", "202122", "Reporting year", "Total", 1000.0),
                RowFactory.create("referrals", "301", "202223", "Reporting year", "Total", 1200.0),
                RowFactory.create("referrals", "301", "202324", "Reporting year", "Total", 1500.0),
                RowFactory.create("cla_31mar", "301", "202122", "Reporting year", "Total", 100.0),
                RowFactory.create("cla_31mar", "301", "202223", "Reporting year", "Total", 110.0),
                RowFactory.create("cla_31mar", "301", "202324", "Reporting year", "Total", 121.0),
                // ignored: an as-at snapshot, a breakdown row, a measure that is not a series
                RowFactory.create("cla_31mar", "301", "2023-12-31", "As at date", "Total", 999.0),
                RowFactory.create("cla_31mar", "301", "202324", "Reporting year", "legal_status", 5.0),
                RowFactory.create("cla_starts_rate", "301", "202324", "Reporting year", "Total", 30.0)), t);
    }

    static List<Row> run(Integer baseYear) {
        Dataset<Row> population = silver("population", "new_la_code,la_code,mid_year,population,is_projection,source_file",
                r("E09000002", "301", 2021, 50000L, false, "mye.csv"),
                r("E09000002", "301", 2022, 52000L, false, "mye.csv"),
                r("E09000002", "301", 2023, 55000L, false, "mye.csv"),
                r("E09000002", "301", 2023, 54000L, true, "proj-2021.csv"),
                r("E09000002", "301", 2024, 56000L, true, "proj-2021.csv"),
                r("E09000002", "301", 2025, 57000L, true, "proj-2021.csv"),
                r("E09000002", "301", 2026, 60000L, true, "proj-2024.csv"));
        MeasureContext ctx = ctx(Map.of("population", population), List.<Object[]>of(
                r("301", "cin_census", 2022), r("301", "cin_census", 2023), r("301", "cin_census", 2024),
                r("301", "ssda903", 2022), r("301", "ssda903", 2023), r("301", "ssda903", 2024)), null, baseYear);
        return collect(new DemandMeasures().compute(ctx, upstream()));
    }

    @Test
    void populationIsTheMidPreviousYearEstimate() {
        List<Row> out = run(null);
        // 2023-24 uses mid-2023 (55,000); 2021-22 mid-2021 (50,000)
        assertEquals(55000.0, value(out, "population_0_17", "202324"));
        assertEquals(50000.0, value(out, "population_0_17", "202122"));
        assertEquals(3, out.stream().filter(x -> x.getAs("measure_id").equals("population_0_17")).count());
    }

    @Test
    void indexAndExcessGrowthFromTheFirstYear() {
        List<Row> out = run(null);
        // base 2021-22: referrals 1,200/1,000 = 120.0, 1,500/1,000 = 150.0; population 52/50 = 104.0, 55/50 = 110.0
        assertEquals(100.0, value(out, "demand_index", "202122", "referrals"));
        assertEquals(120.0, value(out, "demand_index", "202223", "referrals"));
        Row r = row(out, "demand_index", "202324", "referrals");
        assertEquals(150.0, (Double) r.getAs("value"));
        assertNumDen(r, 1500L, 1000L);
        assertEquals("series", r.getAs("breakdown"));
        assertEquals("index", r.getAs("unit"));
        assertEquals(110.0, value(out, "demand_index", "202324", "population_0_17"));
        assertEquals(121.0, value(out, "demand_index", "202324", "cla_31mar"));
        // excess: 120 - 104 = 16.0; 150 - 110 = 40.0; cla 121 - 110 = 11.0; base year 0.0
        assertEquals(16.0, value(out, "demand_excess_growth", "202223", "referrals"));
        assertEquals(40.0, value(out, "demand_excess_growth", "202324", "referrals"));
        assertEquals(11.0, value(out, "demand_excess_growth", "202324", "cla_31mar"));
        assertEquals(0.0, value(out, "demand_excess_growth", "202122", "referrals"));
        assertEquals("index_points", row(out, "demand_excess_growth", "202324", "referrals").getAs("unit"));
        // series with no data (s47_enquiries) have no rows; the As at and breakdown rows were ignored (no 999, no 5)
        assertTrue(out.stream().noneMatch(x -> "s47_enquiries".equals(x.getAs("breakdown_value"))));
        assertEquals(3, out.stream().filter(x -> x.getAs("measure_id").equals("demand_index")
                && x.getAs("breakdown_value").equals("cla_31mar")).count());
    }

    @Test
    void baseYearOption() {
        List<Row> out = run(2023);
        // base 2022-23: referrals 1,500/1,200 = 125.0; 1,000/1,200 = 83.33 -> 83.3; population 55/52 = 105.77 -> 105.8
        assertEquals(125.0, value(out, "demand_index", "202324", "referrals"));
        assertEquals(83.3, value(out, "demand_index", "202122", "referrals"));
        assertEquals(105.8, value(out, "demand_index", "202324", "population_0_17"));
        // excess 125 - 105.769 = 19.23 -> 19.2 (computed unrounded, then rounded)
        assertEquals(19.2, value(out, "demand_excess_growth", "202324", "referrals"));
    }

    /*
     * Latest year L = 2023-24, so the base is projected mid-2023. Only proj-2021.csv holds mid-2023: it is the vintage.
     * referrals: 1,500 x 56,000 / 54,000 = 1,555.56 -> 1556 (2024-25); x 57,000 / 54,000 = 1,583.33 -> 1583 (2025-26).
     * 2026-27 needs mid-2026, which proj-2021.csv does not hold: not projected (proj-2024.csv's 60,000 is another
     * vintage and is never mixed in). Mixing a projection with the mid-2023 ESTIMATE (55,000) would have given
     * 1,500 x 56,000 / 55,000 = 1527: the gap between two sources, not growth.
     * cla_31mar: 121 x 56 / 54 = 125.48 -> 125; x 57 / 54 = 127.72 -> 128.
     */
    @Test
    void projectionGrowsTheLatestValueWithinOneProjectionVintage() {
        List<Row> out = run(null);
        Row r = row(out, "demand_projection", "202425", "referrals");
        assertEquals(1556.0, (Double) r.getAs("value"));
        assertEquals(56000L, (Long) r.getAs("denominator"));
        String note = r.getAs("note");
        assertTrue(note.contains("proj-2021.csv") && !note.contains("proj-2024.csv") && note.contains("54000"), note);
        assertEquals(1583.0, value(out, "demand_projection", "202526", "referrals"));
        assertEquals(125.0, value(out, "demand_projection", "202425", "cla_31mar"));
        assertEquals(128.0, value(out, "demand_projection", "202526", "cla_31mar"));
        assertTrue(out.stream().noneMatch(x -> x.getAs("measure_id").equals("demand_projection")
                && "202627".equals(x.getAs("time_period"))), "mid-2026 is only in another vintage");
        assertTrue(out.stream().noneMatch(x -> x.getAs("measure_id").equals("demand_projection")
                && "population_0_17".equals(x.getAs("breakdown_value"))));
    }
}
