package csc.lakehouse.spec;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates people type: {@code dd/mm/yyyy} (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) and ISO
 * {@code yyyy-mm-dd}, each optionally followed by a time ({@code HH:mm[:ss]}, with a space or {@code T}).
 * Used for collection years; silver parses with the same formats in Spark SQL ({@link #SQL_DATE_FORMATS}).
 */
public final class LooseDates {
    /** Spark datetime patterns tried in order for a date column. */
    public static final List<String> SQL_DATE_FORMATS = List.of("d/M/yyyy", "yyyy-M-d", "d-M-yyyy", "d.M.yyyy");
    /** Spark datetime patterns tried in order for a date-and-time column. */
    public static final List<String> SQL_DATETIME_FORMATS = List.of("d/M/yyyy H:mm[:ss]", "yyyy-M-d'T'H:mm[:ss]",
            "yyyy-M-d H:mm[:ss]", "d-M-yyyy H:mm[:ss]");

    private static final Pattern DMY = Pattern.compile("^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?$");
    private static final Pattern YMD = Pattern.compile("^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d+)?)?$");

    private LooseDates() {}

    public static Optional<LocalDate> date(String s) {
        return dateTime(s).map(LocalDateTime::toLocalDate);
    }

    public static Optional<LocalDateTime> dateTime(String s) {
        if (s == null) return Optional.empty();
        String t = s.trim();
        try {
            Matcher m = DMY.matcher(t);
            if (m.matches()) {
                return Optional.of(LocalDateTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(1)), num(m.group(4)), num(m.group(5)), num(m.group(6))));
            }
            m = YMD.matcher(t);
            if (m.matches()) {
                return Optional.of(LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), num(m.group(4)), num(m.group(5)), num(m.group(6))));
            }
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static int num(String g) { return g == null ? 0 : Integer.parseInt(g); }

    /** The reporting year (year ending 31 March) containing a date. */
    public static int reportingYear(LocalDate d) {
        return d.getMonthValue() >= 4 ? d.getYear() + 1 : d.getYear();
    }

    /** ISO text of a date, for bronze values produced from real spreadsheet dates. */
    public static String iso(LocalDate d) { return d.format(DateTimeFormatter.ISO_LOCAL_DATE); }

}
