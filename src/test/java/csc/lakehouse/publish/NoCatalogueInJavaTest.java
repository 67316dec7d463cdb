package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csc.lakehouse.spec.DataSchemas;
import csc.lakehouse.spec.MeasureSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recommendations' titles and the council's targets live in data-schemas/ only: no Java source under
 * src/main/java repeats a recommendation title or writes a target beside the words of its measure, and no Java
 * outside the families that compute the measures (csc/lakehouse/measures/) names a measure id, a target's name or
 * a recommendation title in a string literal.
 */
class NoCatalogueInJavaTest {
    /**
     * Where a measure id may be written: the families that compute the measures, and the synthetic-data generator's
     * three calibrations, which recompute their indicators from the generator's own counts (a second computation of
     * those measures, as the bench's DuckDB reference is, whose ids sit inside its SQL) to check the data it makes.
     */
    static final List<String> COMPUTING_CODE = List.of("csc/lakehouse/measures/", "csc/lakehouse/synth/CalibrationReport.java",
            "csc/lakehouse/synth/StoryCalibration.java", "csc/lakehouse/synth/ClaCalibration.java");

    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\n]|\\\\.)*)\"");

    @SuppressWarnings("unchecked")
    static Set<String> catalogueNames() {
        Set<String> names = new TreeSet<>();
        for (MeasureSpec.Measure m : MeasureSpec.load().measures()) names.add(m.id());
        Map<String, Object> targets = DataSchemas.readYaml("targets.yaml", Map.class);
        names.addAll(((Map<String, Object>) targets.getOrDefault("measures", Map.of())).keySet());
        names.addAll(((Map<String, Object>) targets.getOrDefault("ssd_timescales", Map.of())).keySet());
        for (Object o : (List<Object>) DataSchemas.readYaml("ofsted_recommendations.yaml", Map.class).get("recommendations")) {
            names.add(((Map<String, Object>) o).get("title").toString());
        }
        return names;
    }

    /** "file:line: literal" for each string literal under {@code root} outside the computing code that is a name. */
    static List<String> literalsNaming(Path root, Set<String> names) throws Exception {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (COMPUTING_CODE.stream().anyMatch(rel::startsWith)) continue;
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = STRING_LITERAL.matcher(lines.get(i));
                    while (m.find()) if (names.contains(m.group(1))) found.add(rel + ":" + (i + 1) + ": \"" + m.group(1) + "\"");
                }
            }
        }
        return found;
    }

    @Test
    void noMeasureIdTargetNameOrRecommendationTitleIsALiteralOutsideTheFamilies() throws Exception {
        Set<String> names = catalogueNames();
        // the names are read: 83 catalogue ids and more (targets' names, the nine recommendation titles)
        assertTrue(names.contains("cla_starts_police_protection") && names.contains("caseload_target_per_fte")
                && names.contains("Use of police protection") && names.size() > 90, names.toString());
        assertEquals(List.of(), literalsNaming(Paths.get("src/main/java"), names));
    }

    @Test
    void theScanReportsLiteralsOutsideTheFamiliesOnly(@TempDir Path dir) throws Exception {
        // a publish class naming a measure, and a family naming the same measure (allowed: it computes it)
        Path publish = Files.createDirectories(dir.resolve("csc/lakehouse/publish"));
        Files.writeString(publish.resolve("Bad.java"), "class Bad {\n  String a = \"x\";\n  String m = \"referrals\", t = \"Use of police protection\";\n}\n");
        Path family = Files.createDirectories(dir.resolve("csc/lakehouse/measures"));
        Files.writeString(family.resolve("Fine.java"), "class Fine { String m = \"referrals\"; }\n");
        assertEquals(List.of("csc/lakehouse/publish/Bad.java:3: \"referrals\"",
                "csc/lakehouse/publish/Bad.java:3: \"Use of police protection\""), literalsNaming(dir, catalogueNames()));
    }

    @SuppressWarnings("unchecked")
    @Test
    void noRecommendationTitleOrTargetIsTypedIntoJava() throws Exception {
        List<String> needles = new ArrayList<>();
        for (Object o : (List<Object>) DataSchemas.readYaml("ofsted_recommendations.yaml", Map.class).get("recommendations")) {
            needles.add(((Map<String, Object>) o).get("title").toString());
        }
        // the police-protection target, in the forms a constant or a caption would take
        Map<String, Object> pp = (Map<String, Object>) ((Map<String, Object>) DataSchemas.readYaml("targets.yaml", Map.class)
                .get("measures")).get("cla_starts_police_protection");
        double target = ((Number) pp.get("target")).doubleValue();
        // a line that speaks of police protection and holds the target's number (13, 13.0, 13d, 0.13)
        Pattern targetNumber = Pattern.compile("(?<![\\d.])(" + Pattern.quote(String.format("%.0f", target)) + "(\\.0+)?d?|"
                + Pattern.quote(String.valueOf(target / 100)) + ")(?![\\d.])");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Paths.get("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                for (String n : needles) if (text.contains(n)) found.add(f + ": " + n);
                for (String line : text.split("\n")) {
                    boolean constant = line.matches(".*\\bfinal\\s+double\\s+\\w+\\s*=.*") && targetNumber.matcher(line).find();
                    if (constant || line.toLowerCase(java.util.Locale.ROOT).contains("police") && targetNumber.matcher(line).find()) {
                        found.add(f + ": " + line.trim());
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
