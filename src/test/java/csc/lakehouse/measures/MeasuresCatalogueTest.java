package csc.lakehouse.measures;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** docs/measures.md must equal what the code's MeasureDefinitions generate, so the catalogue never rots. */
class MeasuresCatalogueTest {
    @Test
    void docsMeasuresMdIsUpToDate() throws Exception {
        Path file = Paths.get(MeasureCatalogue.FILE);
        String expected = MeasureCatalogue.render();
        if (Boolean.getBoolean("csc.updateCatalogue")) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), MeasureCatalogue.FILE + " is missing: regenerate it with "
                + "mvn -B -q test -Dtest=MeasuresCatalogueTest -Dcsc.updateCatalogue=true");
        assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8), MeasureCatalogue.FILE
                + " is out of date with the MeasureDefinitions: regenerate it with "
                + "mvn -B -q test -Dtest=MeasuresCatalogueTest -Dcsc.updateCatalogue=true");
    }

    @Test
    void everyMeasureIdIsUniqueAndDefined() {
        Set<String> ids = new HashSet<>();
        for (MeasureDefinition d : MeasureFamilies.catalogue()) {
            assertTrue(ids.add(d.id()), "duplicate measure_id " + d.id());
            assertFalse(d.definition().isBlank(), d.id() + " has no definition");
            assertFalse(d.unit().isBlank(), d.id() + " has no unit");
        }
    }
}
