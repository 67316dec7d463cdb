package csc.lakehouse.synth;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Date helpers shared by the simulator, writers and calibration. Working days here are weekdays (no bank holidays). */
public final class Dates {
    private Dates() {}
    public static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    public static String dmy(LocalDate d) { return d == null ? "" : d.format(DMY); }
    public static String iso(LocalDate d) { return d == null ? "" : d.toString(); }

    /** collection year (year ending 31 March) containing d */
    public static int collectionYear(LocalDate d) { return d.getMonthValue() >= 4 ? d.getYear() + 1 : d.getYear(); }
    public static LocalDate yearStart(int y) { return LocalDate.of(y - 1, 4, 1); }
    public static LocalDate yearEnd(int y) { return LocalDate.of(y, 3, 31); }

    public static boolean weekday(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY;
    }

    /** the date n working days after d (n >= 0); a start on a weekend counts from the next weekday */
    public static LocalDate plusWorkingDays(LocalDate d, int n) {
        LocalDate x = d;
        int left = n;
        while (left > 0) { x = x.plusDays(1); if (weekday(x)) left--; }
        return x;
    }

    /** working days from the day after start up to and including end (same day = 0) */
    public static int workingDaysBetween(LocalDate start, LocalDate end) {
        if (!end.isAfter(start)) return 0;
        int n = 0;
        for (LocalDate x = start.plusDays(1); !x.isAfter(end); x = x.plusDays(1)) if (weekday(x)) n++;
        return n;
    }

    public static LocalDate min(LocalDate a, LocalDate b) { return a == null ? b : b == null ? a : a.isBefore(b) ? a : b; }
    public static LocalDate max(LocalDate a, LocalDate b) { return a == null ? b : b == null ? a : a.isAfter(b) ? a : b; }
}
