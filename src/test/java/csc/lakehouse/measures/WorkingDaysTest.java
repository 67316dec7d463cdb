package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.row;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkingDaysTest {

    @Test
    void calendarHasTheSpecialDaysAndEasterMatchesComputus() {
        var h = WorkingDays.bankHolidays();
        assertTrue(h.containsKey(LocalDate.of(2020, 5, 8)), "VE day moved early May 2020");
        assertFalse(h.containsKey(LocalDate.of(2020, 5, 4)));
        assertTrue(h.containsKey(LocalDate.of(2023, 5, 8)), "coronation");
        assertTrue(h.containsKey(LocalDate.of(2012, 6, 5)) && h.containsKey(LocalDate.of(2012, 6, 4)));
        assertTrue(h.containsKey(LocalDate.of(2022, 6, 2)) && h.containsKey(LocalDate.of(2022, 6, 3)));
        assertTrue(h.containsKey(LocalDate.of(2022, 9, 19)), "state funeral");
        assertTrue(h.containsKey(LocalDate.of(1995, 5, 8)) && !h.containsKey(LocalDate.of(1995, 5, 1)), "VE day moved early May 1995");
        assertTrue(h.containsKey(LocalDate.of(1999, 12, 31)), "millennium");
        assertTrue(h.containsKey(LocalDate.of(2002, 6, 3)) && h.containsKey(LocalDate.of(2002, 6, 4)), "golden jubilee");
        for (int y = WorkingDays.coverStart().getYear(); y <= WorkingDays.coverEnd().getYear(); y++) {
            LocalDate easter = easter(y);
            assertTrue(h.containsKey(easter.minusDays(2)), "Good Friday " + y);
            assertTrue(h.containsKey(easter.plusDays(1)), "Easter Monday " + y);
        }
        // every year has 8 bank holidays except the special years
        for (int y = WorkingDays.coverStart().getYear(); y <= WorkingDays.coverEnd().getYear(); y++) {
            final int yy = y;
            long n = h.keySet().stream().filter(x -> x.getYear() == yy).count();
            int expected = switch (y) { case 1999, 2002, 2011, 2012, 2023 -> 9; case 2022 -> 10; default -> 8; };
            assertEquals(expected, n, "bank holidays in " + y);
            h.keySet().stream().filter(x -> x.getYear() == yy).forEach(x -> assertTrue(
                    x.getDayOfWeek() != DayOfWeek.SATURDAY && x.getDayOfWeek() != DayOfWeek.SUNDAY, x + " is a weekday"));
        }
    }

    /** Anonymous Gregorian computus, to check the Easter dates typed into the calendar. */
    static LocalDate easter(int y) {
        int a = y % 19, b = y / 100, c = y % 100, dd = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - dd - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(y, month, day);
    }

    @Test
    void sparkColumnMatchesHandCountedCases() {
        StructType s = new StructType().add("s", DataTypes.DateType).add("e", DataTypes.DateType).add("expected", DataTypes.IntegerType);
        // Hand counts (day after start .. end inclusive, weekdays minus bank holidays):
        //  same day                                     2024-03-06 -> 2024-03-06 : 0
        //  Friday -> Monday                             2024-03-08 -> 2024-03-11 : 1 (Mon 11)
        //  Easter 2024: Thu 28 Mar -> Tue 2 Apr         Fri 29 GF, Sat, Sun, Mon 1 EM, Tue 2 -> 1
        //  Christmas 2022 (Sun 25; subs Mon 26, Tue 27): Fri 23 Dec -> Wed 28 Dec : 1 (Wed 28)
        //  Christmas 2021 (Sat 25; subs Mon 27, Tue 28): Fri 24 Dec -> Fri 31 Dec : 3 (Wed 29, Thu 30, Fri 31)
        //  Christmas 2020 (Fri 25, Boxing sub Mon 28): Thu 24 Dec -> Tue 29 Dec : 1 (Tue 29)
        //  a plain week Mon -> next Mon                2024-03-04 -> 2024-03-11 : 5
        //  end before start                             2024-03-11 -> 2024-03-08 : -1
        //  null                                         -> null
        Dataset<Row> f = SparkTestSession.frame(s,
                row(d("2024-03-06"), d("2024-03-06"), 0),
                row(d("2024-03-08"), d("2024-03-11"), 1),
                row(d("2024-03-28"), d("2024-04-02"), 1),
                row(d("2022-12-23"), d("2022-12-28"), 1),
                row(d("2021-12-24"), d("2021-12-31"), 3),
                row(d("2020-12-24"), d("2020-12-29"), 1),
                row(d("2024-03-04"), d("2024-03-11"), 5),
                row(d("2024-03-11"), d("2024-03-08"), -1),
                row(null, d("2024-03-08"), null));
        List<Row> out = f.withColumn("wd", WorkingDays.workingDaysBetween(col("s"), col("e"))).collectAsList();
        for (Row r : out) {
            Object exp = r.get(2);
            Object got = r.get(3);
            if (exp == null) assertNull(got, r.toString());
            else assertEquals(((Number) exp).intValue(), ((Number) got).intValue(), r.toString());
            LocalDate a = r.isNullAt(0) ? null : r.getDate(0).toLocalDate();
            LocalDate b = r.isNullAt(1) ? null : r.getDate(1).toLocalDate();
            assertEquals(exp == null ? null : ((Number) exp).intValue(), WorkingDays.between(a, b), "java " + r);
        }
    }

    @Test
    void columnAgreesWithADayByDayCountOverTheWholeCalendar() {
        // brute-force cross-check of the index against a naive loop, for a spread of pairs
        for (LocalDate a = WorkingDays.coverStart(); a.plusDays(75).isBefore(WorkingDays.coverEnd()); a = a.plusDays(37)) {
            LocalDate b = a.plusDays(75);
            int naive = 0;
            for (LocalDate x = a.plusDays(1); !x.isAfter(b); x = x.plusDays(1)) if (WorkingDays.isWorkingDay(x)) naive++;
            assertEquals(naive, WorkingDays.between(a, b), a + " -> " + b);
        }
    }

    /*
     * The calendar's range is the whole years the file holds: today its first row is 1990-01-01 (New Year's
     * Day 1990; the demo's census history reaches back to long-open cases) and its last 2027-12-28 (Boxing Day
     * substitute 2027), so 1990-01-01 to 2027-12-31.
     */
    @Test
    void rangeComesFromTheCalendarFile() {
        String[] lines = csc.lakehouse.spec.DataSchemas.readText(WorkingDays.CALENDAR).trim().split("\r?\n");
        int first = LocalDate.parse(lines[1].split(",")[0]).getYear();
        int last = LocalDate.parse(lines[lines.length - 1].split(",")[0]).getYear();
        assertEquals(LocalDate.of(first, 1, 1), WorkingDays.coverStart());
        assertEquals(LocalDate.of(last, 12, 31), WorkingDays.coverEnd());
        assertEquals(LocalDate.of(1990, 1, 1), WorkingDays.coverStart());
        assertEquals(LocalDate.of(2027, 12, 31), WorkingDays.coverEnd());
        // the edges themselves are inside: Thu 2027-12-23 -> Fri 2027-12-31: Fri 24, (Mon 27, Tue 28 holidays),
        // Wed 29, Thu 30, Fri 31 = 4
        assertEquals(4, WorkingDays.between(LocalDate.of(2027, 12, 23), LocalDate.of(2027, 12, 31)));
    }

    /* A date outside the calendar is an error naming the file to extend: in Java and in a Spark job. */
    @Test
    void aDateOutsideTheCalendarIsAClearErrorNamingTheFile() {
        WorkingDays.OutsideCalendar e = org.junit.jupiter.api.Assertions.assertThrows(WorkingDays.OutsideCalendar.class,
                () -> WorkingDays.between(LocalDate.of(2027, 12, 30), LocalDate.of(2028, 1, 4)));
        assertTrue(e.getMessage().contains("2028-01-04"), e.getMessage());
        assertTrue(e.getMessage().contains("data-schemas/calendar/bank_holidays_england_wales.csv"), e.getMessage());
        assertThrows(WorkingDays.OutsideCalendar.class, () -> WorkingDays.between(LocalDate.of(1989, 12, 31), LocalDate.of(1990, 1, 5)));
        assertThrows(WorkingDays.OutsideCalendar.class, () -> WorkingDays.isWorkingDay(LocalDate.of(1989, 12, 31)));

        StructType s = new StructType().add("s", DataTypes.DateType).add("e", DataTypes.DateType);
        Dataset<Row> f = SparkTestSession.frame(s, row(d("2024-03-08"), d("2024-03-11")), row(d("1989-12-31"), d("1990-01-05")));
        Exception spark = assertThrows(Exception.class,
                () -> f.withColumn("wd", WorkingDays.workingDaysBetween(col("s"), col("e"))).collectAsList());
        assertTrue(fullMessage(spark).contains("1989-12-31 is outside the bank-holiday calendar"), fullMessage(spark));
        assertTrue(fullMessage(spark).contains("data-schemas/calendar/bank_holidays_england_wales.csv"), fullMessage(spark));
        Exception holiday = assertThrows(Exception.class,
                () -> f.withColumn("h", WorkingDays.isBankHoliday(col("s"))).collectAsList());
        assertTrue(fullMessage(holiday).contains("bank_holidays_england_wales.csv"), fullMessage(holiday));
        // inside the calendar the holiday column answers: Mon 2024-04-01 Easter Monday yes, Fri 2024-03-08 no
        Dataset<Row> g = SparkTestSession.frame(s, row(d("2024-04-01"), null), row(d("2024-03-08"), null));
        List<Row> h = g.withColumn("h", WorkingDays.isBankHoliday(col("s"))).orderBy("s").collectAsList();
        assertEquals(false, h.get(0).getAs("h"));
        assertEquals(true, h.get(1).getAs("h"));
    }

    static String fullMessage(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable x = t; x != null; x = x.getCause()) b.append(x.getMessage()).append(" | ");
        return b.toString();
    }
}
