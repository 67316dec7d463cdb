package csc.lakehouse.synth;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.measures.WorkingDays;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every case date the generator writes for the demo's first years lies inside the working-day calendar, so the
 * demo's timeliness measures never stop on a date outside it. The demo's 2013 census re-reports cases open since
 * the 2000s (a 2007 referral stopped `./csc demo` when the calendar began in 2010); the full-pipeline fixtures
 * start in 2023 and could not see it. Generation only, no Spark: a second or two.
 */
class GeneratedDatesInCalendarTest {
    /** XML elements holding case dates (birth and death dates are never timed in working days) */
    static final Pattern XML_DATE = Pattern.compile("<(\\w*Date)>(\\d{4}-\\d{2}-\\d{2})</\\1>");

    @Test
    void theFirstYearsCaseDatesAreInsideTheCalendar() throws Exception {
        Path drop = SparkTestSession.tempDir("dates-in-calendar");
        Generator.generate(new Generator.Options(drop, 20231, "0.2", 2013, 2013, false, false, 1), null);
        List<String> outside = new ArrayList<>();
        int seen = 0;
        LocalDate earliest = LocalDate.MAX;
        try (Stream<Path> files = Files.walk(drop)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".xml")).toList()) {
                Matcher m = XML_DATE.matcher(Files.readString(f));
                while (m.find()) {
                    if (m.group(1).contains("Birth") || m.group(1).contains("Death")) continue;
                    LocalDate d = LocalDate.parse(m.group(2));
                    seen++;
                    if (d.isBefore(earliest)) earliest = d;
                    if (!WorkingDays.covers(d)) outside.add(m.group(1) + " " + d + " in " + drop.relativize(f));
                }
            }
        }
        // the check saw the census's case dates, and the earliest reaches back before the census year
        assertTrue(seen > 1000, "case dates seen: " + seen);
        assertTrue(earliest.isBefore(LocalDate.of(2012, 4, 1)), "earliest case date " + earliest);
        assertEquals(List.of(), outside.stream().limit(20).toList(), "case dates outside " + WorkingDays.coverStart()
                + " to " + WorkingDays.coverEnd() + " (" + outside.size() + " in all)");
    }
}
