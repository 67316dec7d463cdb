package csc.lakehouse.measures;

import csc.lakehouse.spec.DataSchemas;
import csc.lakehouse.spec.SimpleCsv;
import org.apache.spark.sql.Column;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Working days (measures.md, Conventions): weekdays that are not England and Wales bank holidays,
 * counted from the day after the start date up to and including the end date (same day = 0; Friday
 * to the following Monday = 1). The calendar is data: {@code data-schemas/calendar/bank_holidays_england_wales.csv}
 * ({@code date,name}), covering {@link #FIRST_YEAR} to {@link #LAST_YEAR}.
 *
 * <p>Implementation: a cumulative working-day index {@code cum[i]} = working days in
 * {@code (COVER_START, COVER_START + i]} is built once on the driver and embedded in the plan as a
 * constant integer array (about 6,600 entries, 26 KB). {@code workingDaysBetween(s, e)} is then two
 * array look-ups, {@code cum[e] - cum[s]}: O(1) per row, no join, no shuffle, no per-row loop over days
 * (the same idea as joining a broadcast cumulative-index table twice, without the joins). A date
 * outside the calendar's years gives null: the measure cannot know that year's bank holidays.
 */
public final class WorkingDays {
    public static final String CALENDAR = "calendar/bank_holidays_england_wales.csv";
    public static final int FIRST_YEAR = 2010;
    public static final int LAST_YEAR = 2027;
    public static final LocalDate COVER_START = LocalDate.of(FIRST_YEAR, 1, 1);
    public static final LocalDate COVER_END = LocalDate.of(LAST_YEAR, 12, 31);

    private static volatile NavigableMap<LocalDate, String> holidays;
    private static volatile int[] index;

    private WorkingDays() {}

    /** Bank holidays from the calendar file, by date. */
    public static NavigableMap<LocalDate, String> bankHolidays() {
        if (holidays == null) {
            NavigableMap<LocalDate, String> m = new TreeMap<>();
            String[] lines = DataSchemas.readText(CALENDAR).split("\r?\n");
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) continue;
                List<String> c = SimpleCsv.parseLine(lines[i]);
                m.put(LocalDate.parse(c.get(0).trim()), c.size() > 1 ? c.get(1) : "");
            }
            holidays = Collections.unmodifiableNavigableMap(m);
        }
        return holidays;
    }

    public static boolean isWorkingDay(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY
                && !bankHolidays().containsKey(d);
    }

    /** cum[i] = working days in (COVER_START, COVER_START + i]; cum[0] = 0. */
    static int[] cumulativeIndex() {
        if (index == null) {
            int n = (int) ChronoUnit.DAYS.between(COVER_START, COVER_END) + 1;
            int[] cum = new int[n];
            LocalDate d = COVER_START;
            for (int i = 1; i < n; i++) {
                d = d.plusDays(1);
                cum[i] = cum[i - 1] + (isWorkingDay(d) ? 1 : 0);
            }
            index = cum;
        }
        return index;
    }

    /** Plain-Java version (tests, driver-side checks): null when either date is outside the calendar. */
    public static Integer between(LocalDate start, LocalDate end) {
        if (start == null || end == null || outside(start) || outside(end)) return null;
        int[] cum = cumulativeIndex();
        return cum[(int) ChronoUnit.DAYS.between(COVER_START, end)]
                - cum[(int) ChronoUnit.DAYS.between(COVER_START, start)];
    }

    private static boolean outside(LocalDate d) {
        return d.isBefore(COVER_START) || d.isAfter(COVER_END);
    }

    /**
     * Working days from {@code start} (exclusive) to {@code end} (inclusive) as a Spark column of ints;
     * negative when end is before start; null when either is null or outside the calendar's years.
     */
    public static Column workingDaysBetween(Column start, Column end) {
        Column cum = lit(cumulativeIndex());
        return lookup(cum, end).minus(lookup(cum, start));
    }

    private static Column lookup(Column cum, Column date) {
        int n = cumulativeIndex().length;
        // 1-based position in the array; guarded so that ANSI mode never sees an out-of-range index
        Column pos = datediff(date, lit(java.sql.Date.valueOf(COVER_START))).plus(1);
        return when(pos.geq(1).and(pos.leq(n)), element_at(cum, when(pos.geq(1).and(pos.leq(n)), pos).otherwise(1)));
    }
}
