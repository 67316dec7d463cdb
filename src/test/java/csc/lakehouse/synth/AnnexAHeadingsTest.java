package csc.lakehouse.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csc.lakehouse.spec.AnnexASpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The generator's Annex A headings are the reader's: every required heading of each list
 * (data-schemas/inputs/annex_a/lists.yaml, from Ofsted's template) is written, and List 7's headings are all known. The demo's List 7 once said "CPP Start Date" where the template says "Child Protection Plan Start
 * Date", and the reader ignored the whole list with only a warning.
 */
class AnnexAHeadingsTest {
    @Test
    void everyListTheGeneratorWritesIsReadWhole() {
        int lists = 0;
        for (String[] l : AnnexAWriter.LISTS) {
            int n = Integer.parseInt(l[0].replace("List ", ""));
            AnnexASpec.ListSpec spec = AnnexASpec.get().list(n);
            List<String> written = new ArrayList<>(List.of(AnnexAWriter.COMMON));
            written.addAll(List.of(l).subList(1, l.length));
            Set<String> norm = written.stream().map(AnnexASpec::normaliseHeading).collect(Collectors.toSet());
            Map<String, String> known = spec.headingIndex();
            for (AnnexASpec.Column c : spec.columns) {
                if (!c.required) continue;
                assertTrue(c.headers.stream().map(AnnexASpec::normaliseHeading).anyMatch(norm::contains),
                    l[0] + ": required heading " + c.headers.get(0) + " not written");
            }
            // List 7's headings are all the template's (List 5 still writes five headings the reader does not know:
            // they are read as a warning, not a dropped list)
            if (n == 7) {
                List<String> unknown = written.stream().filter(h -> !known.containsKey(AnnexASpec.normaliseHeading(h))).toList();
                assertEquals(List.of(), unknown, l[0] + ": headings the reader does not know");
            }
            lists++;
        }
        assertEquals(11, lists, "Lists 1 to 11 are generated");
    }
}
