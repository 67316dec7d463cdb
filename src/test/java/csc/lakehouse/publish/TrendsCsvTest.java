package csc.lakehouse.publish;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.measures.Trends;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** trends.csv: contract columns in order, number/date formatting, RFC 4180 quoting, stable order, same bytes. */
class TrendsCsvTest {
    static final java.sql.Date S = java.sql.Date.valueOf("2023-04-01");
    static final java.sql.Date E = java.sql.Date.valueOf("2024-03-31");

    /** A gold row (trends.yaml column order): measure, period, la, breakdown, num, den, value, unit, note. */
    static Row g(String m, String tp, String ti, String la, String newLa, String laName, String b, String bv,
                 Long num, Long den, Double v, String unit, String note) {
        java.sql.Date ps = ti.equals("As at date") ? java.sql.Date.valueOf(tp) : S;
        java.sql.Date pe = ti.equals("As at date") ? java.sql.Date.valueOf(tp) : E;
        return RowFactory.create(m, tp, ti, ps, pe, "Local authority", la, newLa, laName, b, bv, num, den, v, unit, note);
    }

    static List<Row> rows() {
        StructType t = Trends.schema().structType();
        List<Row> raw = List.of(
                g("b_count", "202324", "Reporting year", "301", "E09000002", "Barking and Dagenham", "Total", "Total",
                        null, null, 12.0, "count", null),
                g("a_pct", "202324", "Reporting year", "301", "E09000002", "Barking and Dagenham", "legal_status", "L1",
                        5L, 7L, 33.35, "percent", null),
                g("a_pct", "202324", "Reporting year", "301", "E09000002", "Barking and Dagenham", "legal_status", "C1",
                        1L, 7L, 0.05, "percent", null),
                g("a_pct", "202324", "Reporting year", "301", "E09000002", "Barking and Dagenham", "Total", "Total",
                        null, null, 7.0, "count", null),
                g("a_pct", "2024-01-31", "As at date", "301", "E09000002", "Barking and Dagenham", "Total", "Total",
                        null, null, 3.0, "count", null),
                g("c_rate", "202324", "Reporting year", "801", "E06000023", "Bristol, City of", "series", "say \"hi\"",
                        3L, 64907L, 1.0E7, "rate_per_10000", "per 10,000; mid-2023"),
                g("c_rate", "202223", "Reporting year", "801", "E06000023", "Bristol, City of", "Total", "Total",
                        null, null, null, "rate_per_10000", "no estimate"),
                g("d_pp", "202324", "Reporting year", "301", "E09000002", "Barking and Dagenham", "series", "x",
                        null, null, -0.04, "percentage_points", null));
        // round-trip through Spark so the types are exactly those gold holds
        return SparkTestSession.get().createDataFrame(raw, t).collectAsList();
    }

    static final String EXPECTED = String.join("\n",
            "measure_id,time_period,time_identifier,period_start,period_end,geographic_level,new_la_code,la_name,breakdown,breakdown_value,numerator,denominator,value,unit",
            // a_pct: As at date sorts before Reporting year; Total first, then C1 before L1; 33.35 -> 33.4 (HALF_UP); 0.05 -> 0.1
            "a_pct,2024-01-31,As at date,2024-01-31,2024-01-31,Local authority,E09000002,Barking and Dagenham,Total,Total,,,3,count",
            "a_pct,202324,Reporting year,2023-04-01,2024-03-31,Local authority,E09000002,Barking and Dagenham,Total,Total,,,7,count",
            "a_pct,202324,Reporting year,2023-04-01,2024-03-31,Local authority,E09000002,Barking and Dagenham,legal_status,C1,1,7,0.1,percent",
            "a_pct,202324,Reporting year,2023-04-01,2024-03-31,Local authority,E09000002,Barking and Dagenham,legal_status,L1,5,7,33.4,percent",
            "b_count,202324,Reporting year,2023-04-01,2024-03-31,Local authority,E09000002,Barking and Dagenham,Total,Total,,,12,count",
            // c_rate: 202223 before 202324; null value empty; 1.0E7 in plain notation; comma and quote fields quoted
            "c_rate,202223,Reporting year,2022-04-01,2023-03-31,Local authority,E06000023,\"Bristol, City of\",Total,Total,,,,rate_per_10000",
            "c_rate,202324,Reporting year,2023-04-01,2024-03-31,Local authority,E06000023,\"Bristol, City of\",series,\"say \"\"hi\"\"\",3,64907,10000000.0,rate_per_10000",
            // -0.04 rounds to 0.0, not -0.0
            "d_pp,202324,Reporting year,2023-04-01,2024-03-31,Local authority,E09000002,Barking and Dagenham,series,x,,,0.0,percentage_points",
            "");

    @Test
    void columnsOrderAndFormatting() throws Exception {
        Path dir = SparkTestSession.tempDir("trends-csv");
        // fix the 202223 row's period (g() gives every Reporting year row 2023-24 dates)
        List<Row> rows = new ArrayList<>();
        for (Row r : rows()) {
            if ("202223".equals(r.getAs("time_period"))) {
                Object[] v = new Object[r.size()];
                for (int i = 0; i < v.length; i++) v[i] = r.get(i);
                v[3] = java.sql.Date.valueOf("2022-04-01");
                v[4] = java.sql.Date.valueOf("2023-03-31");
                rows.add(new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(v, r.schema()));
            } else rows.add(r);
        }
        Path f = TrendsCsv.write(TrendsCsv.published(rows), dir);
        byte[] bytes = Files.readAllBytes(f);
        assertEquals(EXPECTED, new String(bytes, StandardCharsets.UTF_8));
        assertNotEquals((byte) 0xEF, bytes[0], "no BOM");
        assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("\r"));
        assertEquals(TrendsCsv.COLUMNS, List.of(EXPECTED.split("\n")[0].split(",")));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("trends.csv"), s.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        }
    }

    @Test
    void sameBytesWhateverTheInputOrder() throws Exception {
        List<Row> a = rows();
        List<Row> b = new ArrayList<>(a);
        Collections.reverse(b);
        Path d1 = SparkTestSession.tempDir("trends-a");
        Path d2 = SparkTestSession.tempDir("trends-b");
        assertArrayEquals(Files.readAllBytes(TrendsCsv.write(TrendsCsv.published(a), d1)), Files.readAllBytes(TrendsCsv.write(TrendsCsv.published(b), d2)));
        assertArrayEquals(Files.readAllBytes(TrendsCsv.writeNotes(a, d1)), Files.readAllBytes(TrendsCsv.writeNotes(b, d2)));
    }

    @Test
    void notesFile() throws Exception {
        Path dir = SparkTestSession.tempDir("trends-notes");
        String notes = Files.readString(TrendsCsv.writeNotes(rows(), dir));
        // new_la_code last: the column trends.csv has, so the notes join it; the first four columns are unchanged
        assertEquals("measure_id,time_period,la_code,note,new_la_code\n"
                + "c_rate,202223,801,no estimate,E06000023\n"
                + "c_rate,202324,801,\"per 10,000; mid-2023\",E06000023\n", notes);
    }

    @Test
    void notPublishedRowsStayOutAndNotCollectedShowsX() throws Exception {
        StructType t = Trends.schema().structType();
        List<Row> raw = List.of(
                // an open look-forward window: gold marks it not published, values null
                g("e_window", "202526", "Reporting year", "301", "E09000002", "Barking and Dagenham", "Total", "Total",
                        null, null, null, "percent", Trends.NOT_PUBLISHED_MARK + "window not complete"),
                // CIN plan dates did not exist yet: x, not 0 and not blank
                g("f_plans", "201314", "Reporting year", "301", "E09000002", "Barking and Dagenham", "Total", "Total",
                        null, null, null, "count", Trends.X_MARK + "not collected before 2021-22"),
                g("f_plans", "202223", "Reporting year", "301", "E09000002", "Barking and Dagenham", "Total", "Total",
                        null, null, 40.0, "count", null));
        List<Row> rows = SparkTestSession.get().createDataFrame(raw, t).collectAsList();
        Path dir = SparkTestSession.tempDir("trends-status");
        String csv = Files.readString(TrendsCsv.write(TrendsCsv.published(rows), dir));
        // by hand: e_window is left out; f_plans 201314 has value x; f_plans 202223 is 40
        assertEquals(String.join("\n",
                "measure_id,time_period,time_identifier,period_start,period_end,geographic_level,new_la_code,la_name,breakdown,breakdown_value,numerator,denominator,value,unit",
                "f_plans,201314,Reporting year,2023-04-01,2024-03-31,Local authority,E09000002,Barking and Dagenham,Total,Total,,,x,count",
                "f_plans,202223,Reporting year,2023-04-01,2024-03-31,Local authority,E09000002,Barking and Dagenham,Total,Total,,,40,count",
                ""), csv);
        // the reason the window row is missing is still given in trends_notes.csv
        String notes = Files.readString(TrendsCsv.writeNotes(rows, dir));
        org.junit.jupiter.api.Assertions.assertTrue(notes.contains("e_window,202526,301,[not published] window not complete"), notes);
    }

    @Test
    void valueFormatting() {
        assertEquals("3", TrendRow.formatValue(2.5, "count"));       // HALF_UP
        assertEquals("0.3", TrendRow.formatValue(0.25, "percent"));  // HALF_UP, not banker's
        assertEquals("123456789012.0", TrendRow.formatValue(1.23456789012E11, "rate_per_10000"));
        assertEquals("", TrendRow.formatValue(null, "count"));
        assertEquals("", TrendRow.formatValue(Double.NaN, "percent"));
        assertEquals("150.0", TrendRow.formatValue(150.0, "index"));
    }
}
