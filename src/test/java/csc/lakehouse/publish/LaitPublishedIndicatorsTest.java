package csc.lakehouse.publish;

import csc.lakehouse.spec.MeasureSpec;
import csc.lakehouse.spec.NationalFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15 section 2: a national framework indicator only national data holds shows the council's published value
 * from LAIT's long file, with England, the region, the statistical neighbours and the band worked out as for a
 * computed indicator. A hand-made LAIT file (DuckDB writes the parquet) for social worker turnover (row 63, LAIT
 * Work_Force_TO_Rate, lower is better) and Barking and Dagenham (301).
 */
class LaitPublishedIndicatorsTest {
    @Test
    void turnoverComesFromLaitWithItsComparatorsAndBand(@TempDir Path dir) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/benchmarks/sn_model_2025_wide.csv")) {
            Files.copy(in, dir.resolve("sn_model_2025_wide.csv"));
        }
        String file = dir.resolve("bds_long_test.parquet").toString();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("create table t(\"Short Desc\" varchar, \"Years\" varchar, \"LA and Regions\" varchar, \"LA Number\" double, \"Values\" varchar)");
            st.execute("insert into t values "
                    + "('Work_Force_TO_Rate','2024','Barking and Dagenham',301,'17.2'),"
                    + "('Work_Force_TO_Rate','2025','Barking and Dagenham',301,'14.8'),"
                    + "('Work_Force_TO_Rate','2025 (prov)','Barking and Dagenham',301,'99'),"   // not a plain year: left out
                    // three of B&D's ten 2025-model neighbours (308 Newham, 821 Luton, 313 Hounslow), one missing (333)
                    + "('Work_Force_TO_Rate','2025','Newham',308,'10'),('Work_Force_TO_Rate','2025','Luton',821,'12'),"
                    + "('Work_Force_TO_Rate','2025','Hounslow',313,'32'),('Work_Force_TO_Rate','2025','Sandwell',333,'-'),"
                    + "('Work_Force_TO_Rate','2025','City of London',202,'5'),"                   // not a neighbour
                    + "('Work_Force_TO_Rate','2025','England',970,'16.0'),('Work_Force_TO_Rate','2025','London',986,'15.5'),"
                    + "('Work_Force_TO_Rate','2025','London (Outer)',988,'77'),"                 // a sub-region: left out
                    + "('Some_Other_Item','2025','Barking and Dagenham',301,'1')");
            st.execute("copy t to '" + file + "' (format parquet)");
        }
        // a broken parquet file beside it is skipped with a warning; the readable one still counts
        Files.writeString(dir.resolve("broken.parquet"), "not a parquet file");
        Benchmarks b = Benchmarks.load(dir, "301");
        String m = Benchmarks.lait("Work_Force_TO_Rate");
        assertEquals(new TreeMap<>(Map.of("2024", 17.2, "2025", 14.8)), b.ownSeries(m, MeasureSpec.TOTAL));
        assertTrue(b.ownSeries(Benchmarks.lait("Some_Other_Item"), MeasureSpec.TOTAL).isEmpty(), "an item no indicator names is not read");

        NationalFramework.Indicator turnover = NationalFramework.indicators().stream().filter(i -> i.row() == 63).findFirst().orElseThrow();
        assertTrue(turnover.publishedOnly());
        NationalFrameworkView.Line l = NationalFrameworkView.publishedOnly(turnover, b);
        assertEquals("2025", l.comparatorPeriod());
        Map<String, Double> want = new LinkedHashMap<>();
        want.put("England", 16.0);
        want.put("London", 15.5);
        // neighbours with a 2025 value: 10, 12, 32 -> mean 18.0, median 12.0
        want.put(Benchmarks.SN, 18.0);
        want.put(Benchmarks.SN_MEDIAN, 12.0);
        assertEquals(want, l.comparators());
        // lower is better: 10, 12 and 5 are better than 14.8 (32 is not) -> rank 4 of 5 LAs; band C ((4-1)*4/5 = 2)
        assertEquals(new Benchmarks.Position(4, 5, 'C'), l.position());
        assertEquals(2, l.publishedSeries().size());
        assertEquals(Map.entry("2024", 17.2), l.publishedBefore().get(0));
        assertTrue(l.source().equals("Published: LAIT Work_Force_TO_Rate (year to 30 September)"), l.source());
        assertNull(l.latest(), "no computed series");
    }
}
