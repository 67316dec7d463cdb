package csc.lakehouse.spec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.*;

/** docs/measures.md is generated from data-schemas/measures.yaml and must be up to date with it. */
class MeasureDocsTest {
    static final String REGENERATE = "regenerate it with mvn -B -q test -Dtest=MeasureDocsTest -Dcsc.updateCatalogue=true";

    @Test
    void docsMeasuresMdIsUpToDate() throws Exception {
        Path file = Paths.get(MeasureDocs.FILE);
        String expected = MeasureDocs.render();
        if (Boolean.getBoolean("csc.updateCatalogue")) Files.writeString(file, expected, StandardCharsets.UTF_8);
        assertTrue(Files.exists(file), MeasureDocs.FILE + " is missing: " + REGENERATE);
        assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8), MeasureDocs.FILE
                + " is out of date with data-schemas/measures.yaml: " + REGENERATE);
    }

    @Test
    void theDocListsEveryMeasureUnderItsTheme() throws Exception {
        String doc = Files.readString(Paths.get(MeasureDocs.FILE), StandardCharsets.UTF_8);
        MeasureSpec spec = MeasureSpec.load();
        for (MeasureSpec.Measure m : spec.measures()) {
            int row = doc.indexOf("| `" + m.id() + "` | " + m.unit() + " |");
            assertTrue(row > 0, m.id() + " is not in " + MeasureDocs.FILE);
            int heading = doc.lastIndexOf("\n## ", row);
            assertTrue(doc.startsWith("\n## " + spec.themeTitle(m.theme()) + "\n", heading), m.id() + " is under the wrong theme");
        }
    }
}
