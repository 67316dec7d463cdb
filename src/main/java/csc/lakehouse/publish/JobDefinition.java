package csc.lakehouse.publish;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A batch job definition from {@code jobs/*.yaml} (monthly refresh, annual self-evaluation,
 * engagement-meeting pack). {@code ./csc job FILE} turns it into the equivalent {@code run} command with
 * {@link #toArgs(LocalDate)}. Values may use {@code ${VAR}} or {@code ${VAR:-default}} environment
 * references (e.g. an {@code abfss://} lakehouse on a cluster).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record JobDefinition(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("input") String input,
        @JsonProperty("lakehouse") String lakehouse,
        @JsonProperty("as_at") String asAt,
        @JsonProperty("monthly") Boolean monthly,
        @JsonProperty("from") Integer from,
        @JsonProperty("to") Integer to,
        @JsonProperty("out") String out) {

    public static final String LAST_MONTH_END = "last month end";

    public static JobDefinition load(Path file) {
        return load(file, System.getenv());
    }

    static JobDefinition load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        JobDefinition j;
        try {
            ObjectMapper m = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            j = m.readValue(expand(text, env, file), JobDefinition.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a job definition: " + e.getMessage().split("\n")[0], e);
        }
        if (j == null) throw new IllegalArgumentException(file + ": empty job definition");
        j.validate(file.toString());
        return j;
    }

    static String expand(String text, Map<String, String> env, Path file) {
        Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}").matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            if (v == null || v.isEmpty()) v = m.group(2);
            if (v == null) throw new IllegalArgumentException(file + ": environment variable " + m.group(1) + " is not set");
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }

    void validate(String where) {
        if (input == null || input.isBlank()) throw new IllegalArgumentException(where + ": 'input' is required");
        if (out == null || out.isBlank()) throw new IllegalArgumentException(where + ": 'out' is required");
        if (asAt != null && !asAt.isBlank() && !asAt.trim().equalsIgnoreCase(LAST_MONTH_END)) {
            try {
                LocalDate.parse(asAt.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(where + ": 'as_at' must be an ISO date or \"" + LAST_MONTH_END + "\", not " + asAt);
            }
        }
        if (from != null && to != null && from > to) throw new IllegalArgumentException(where + ": 'from' " + from + " is after 'to' " + to);
    }

    /** The as-at date: the ISO date given, or the last day of the month before {@code today}; null if none. */
    public LocalDate asAtDate(LocalDate today) {
        if (asAt == null || asAt.isBlank()) return null;
        if (asAt.trim().equalsIgnoreCase(LAST_MONTH_END)) return today.withDayOfMonth(1).minusDays(1);
        return LocalDate.parse(asAt.trim());
    }

    public boolean isMonthly() { return Boolean.TRUE.equals(monthly); }

    /** The equivalent {@code ./csc run ...} arguments (without the leading {@code ./csc}). */
    public List<String> toArgs(LocalDate today) {
        List<String> a = new ArrayList<>(List.of("run", "--input", input));
        if (lakehouse != null && !lakehouse.isBlank()) a.addAll(List.of("--lakehouse", lakehouse));
        a.addAll(List.of("--out", out));
        LocalDate d = asAtDate(today);
        if (d != null) a.addAll(List.of("--as-at", d.toString()));
        if (from != null) a.addAll(List.of("--from", from.toString()));
        if (to != null) a.addAll(List.of("--to", to.toString()));
        if (isMonthly()) a.add("--monthly");
        return a;
    }

    public List<String> toArgs() { return toArgs(LocalDate.now(java.time.ZoneOffset.UTC)); }
}
