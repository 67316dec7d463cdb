package csc.lakehouse.measures;

import csc.lakehouse.ingest.LooseDates;
import csc.lakehouse.spec.DataSchemas;
import csc.lakehouse.spec.SimpleCsv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * England and Wales bank holidays from {@code data-schemas/calendar/bank_holidays_england_wales.csv}
 * (first column a date; a header row is skipped). Empty when the calendar is not in the build: measures
 * then count weekdays only and say so in their note.
 */
public final class BankHolidays {
    public static final String PATH = "calendar/bank_holidays_england_wales.csv";

    private BankHolidays() {}

    public static Optional<List<LocalDate>> load() {
        Optional<InputStream> in = DataSchemas.open(PATH);
        if (in.isEmpty()) return Optional.empty();
        try (InputStream s = in.get()) {
            List<LocalDate> out = new ArrayList<>();
            for (String line : new String(s.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n")) {
                if (line.isBlank()) continue;
                LooseDates.date(SimpleCsv.parseLine(line).get(0)).ifPresent(out::add);
            }
            return Optional.of(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Spark SQL array<date> literal of the holidays (empty array when none). */
    public static String sqlArray(List<LocalDate> days) {
        if (days.isEmpty()) return "CAST(array() AS array<date>)";
        return days.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(",", "array(", ")"));
    }
}
