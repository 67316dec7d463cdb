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

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;

/**
 * The one working-day calendar of the measures (measures.md, Conventions): weekdays that are not England
 * and Wales bank holidays, counted from the day after the start date up to and including the end date
 * (same day = 0; Friday to the following Monday = 1). The calendar is data:
 * {@code data-schemas/calendar/bank_holidays_england_wales.csv} ({@code date,name}). Its range is the
 * whole calendar years the file holds, 1 January of its first year to 31 December of its last: to
 * measure later (or earlier) dates, add those years' bank holidays to the file.
 *
 * <p>A date outside that range cannot be measured (its bank holidays are unknown), so it is an error that
 * names the file to extend, never a silent null or "not within": {@link #between} throws
 * {@link OutsideCalendar}; the Spark columns fail the job with the same message ({@code raise_error}).
 *
 * <p>Implementation: a cumulative working-day index {@code cum[i]} = working days in
 * {@code (coverStart, coverStart + i]} is built once on the driver and embedded in the plan as a
 * constant integer array (about 6,600 entries for 18 years). {@code workingDaysBetween(s, e)} is then two
 * array look-ups, {@code cum[e] - cum[s]}: O(1) per row, no join, no shuffle, no per-row loop over days.
 */
public final class WorkingDays {
    /** The calendar file, relative to data-schemas/. */
    public static final String CALENDAR = "calendar/bank_holidays_england_wales.csv";
    /** The calendar file as a user finds it in the repository (for error messages). */
    public static final String CALENDAR_FILE = "data-schemas/" + CALENDAR;

    private static volatile NavigableMap<LocalDate, String> holidays;
    private static volatile int[] index;

    private WorkingDays() {}

    /** A date the calendar does not cover. */
    public static final class OutsideCalendar extends IllegalArgumentException {
        public OutsideCalendar(LocalDate d) {
            super(message(d.toString()));
        }
    }

    static String message(String date) {
        return "working days: date " + date + " is outside the bank-holiday calendar (" + coverStart() + " to "
                + coverEnd() + "); add that year's England and Wales bank holidays to " + CALENDAR_FILE;
    }

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
            if (m.isEmpty()) throw new IllegalStateException(CALENDAR_FILE + " holds no bank holidays");
            holidays = Collections.unmodifiableNavigableMap(m);
        }
        return holidays;
    }

    /** 1 January of the first year in the calendar file. */
    public static LocalDate coverStart() {
        return LocalDate.of(bankHolidays().firstKey().getYear(), 1, 1);
    }

    /** 31 December of the last year in the calendar file. */
    public static LocalDate coverEnd() {
        return LocalDate.of(bankHolidays().lastKey().getYear(), 12, 31);
    }

    public static boolean covers(LocalDate d) {
        return !d.isBefore(coverStart()) && !d.isAfter(coverEnd());
    }

    /** A weekday that is not a bank holiday; an error outside the calendar. */
    public static boolean isWorkingDay(LocalDate d) {
        if (!covers(d)) throw new OutsideCalendar(d);
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY
                && !bankHolidays().containsKey(d);
    }

    /** cum[i] = working days in (coverStart, coverStart + i]; cum[0] = 0. */
    static int[] cumulativeIndex() {
        if (index == null) {
            LocalDate start = coverStart();
            int n = (int) ChronoUnit.DAYS.between(start, coverEnd()) + 1;
            int[] cum = new int[n];
            LocalDate d = start;
            for (int i = 1; i < n; i++) {
                d = d.plusDays(1);
                cum[i] = cum[i - 1] + (isWorkingDay(d) ? 1 : 0);
            }
            index = cum;
        }
        return index;
    }

    /**
     * Working days from {@code start} (exclusive) to {@code end} (inclusive); negative when end is before
     * start; null when either is null. A date outside the calendar throws {@link OutsideCalendar}.
     */
    public static Integer between(LocalDate start, LocalDate end) {
        if (start == null || end == null) return null;
        for (LocalDate d : new LocalDate[] {start, end}) if (!covers(d)) throw new OutsideCalendar(d);
        int[] cum = cumulativeIndex();
        LocalDate s0 = coverStart();
        return cum[(int) ChronoUnit.DAYS.between(s0, end)] - cum[(int) ChronoUnit.DAYS.between(s0, start)];
    }

    /**
     * Working days from {@code start} (exclusive) to {@code end} (inclusive) as a Spark column of ints;
     * negative when end is before start; null when either is null. A row with a date outside the calendar
     * fails the job with {@link #message}.
     */
    public static Column workingDaysBetween(Column start, Column end) {
        Column cum = lit(cumulativeIndex());
        return checked(end, checked(start, lookup(cum, end).minus(lookup(cum, start))));
    }

    /** The date is an England and Wales bank holiday (null for null); an error outside the calendar. */
    public static Column isBankHoliday(Column date) {
        Column days = org.apache.spark.sql.functions.array(bankHolidays().keySet().stream()
                .map(d -> lit(java.sql.Date.valueOf(d))).toArray(Column[]::new));
        return checked(date, array_contains(days, date));
    }

    /** {@code value}, or a job-failing error naming the calendar file when {@code date} is outside it. */
    private static Column checked(Column date, Column value) {
        Column outside = date.lt(lit(java.sql.Date.valueOf(coverStart()))).or(date.gt(lit(java.sql.Date.valueOf(coverEnd()))));
        Column error = raise_error(concat(lit("working days: date "), date.cast("string"),
                lit(" is outside the bank-holiday calendar (" + coverStart() + " to " + coverEnd()
                        + "); add that year's England and Wales bank holidays to " + CALENDAR_FILE)));
        return when(outside, error).otherwise(value);
    }

    private static Column lookup(Column cum, Column date) {
        int n = cumulativeIndex().length;
        // 1-based position in the array; guarded so that ANSI mode never sees an out-of-range index
        Column pos = datediff(date, lit(java.sql.Date.valueOf(coverStart()))).plus(1);
        Column inRange = pos.geq(1).and(pos.leq(n));
        return when(inRange, element_at(cum, when(inRange, pos).otherwise(1)));
    }
}
