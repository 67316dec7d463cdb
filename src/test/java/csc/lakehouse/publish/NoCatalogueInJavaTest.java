package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import csc.lakehouse.spec.DataSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The recommendations' titles and the council's targets live in data-schemas/ only: no Java source under
 * src/main/java repeats a recommendation title or writes a target beside the words of its measure.
 */
class NoCatalogueInJavaTest {
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
