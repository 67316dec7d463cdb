package csc.lakehouse.measures;

import csc.lakehouse.spec.MeasureSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * data-schemas/measures.yaml names exactly the measure ids the code computes. Each family declares the ids it
 * computes ({@code definitions()}; the families' own tests check that {@code compute} emits those ids), so the
 * comparison needs no pipeline run.
 */
class MeasureCatalogueTest {

    /**
     * measure_id -> the class that computes it, from every registered family (recommendations and the national
     * framework's parts: their own class).
     */
    static Map<String, String> computedByCode() {
        Map<String, String> out = new LinkedHashMap<>();
        List<Object> classes = new ArrayList<>();
        for (MeasureFamily f : MeasureFamilies.all()) {
            if (f instanceof OfstedRecommendationMeasures o) classes.addAll(o.recommendations());
            else if (f instanceof NationalFrameworkMeasures n) classes.addAll(n.parts());
            else classes.add(f);
        }
        classes.addAll(MeasureFamilies.derived());
        for (Object c : classes) {
            List<MeasureDefinition> defs = c instanceof MeasureFamily f ? f.definitions()
                    : c instanceof OfstedRecommendation r ? r.definitions() : ((DerivedMeasureFamily) c).definitions();
            for (MeasureDefinition d : defs) {
                String before = out.put(d.id(), c.getClass().getSimpleName());
                assertNull(before, d.id() + " is computed by both " + before + " and " + c.getClass().getSimpleName());
            }
        }
        return out;
    }

    /** The differences between what the code computes and what the catalogue lists, in words (empty: none). */
    static List<String> differences(Map<String, String> code, MeasureSpec catalogue) {
        List<String> out = new ArrayList<>();
        Map<String, MeasureSpec.Measure> yaml = catalogue.byId();
        for (String id : new TreeSet<>(code.keySet())) {
            if (!yaml.containsKey(id)) out.add(id + " is computed by " + code.get(id) + " but missing from data-schemas/measures.yaml");
            else if (!yaml.get(id).family().equals(code.get(id))) {
                out.add(id + " is computed by " + code.get(id) + " but measures.yaml says family " + yaml.get(id).family());
            }
        }
        for (String id : new TreeSet<>(yaml.keySet())) {
            if (!code.containsKey(id)) out.add(id + " is in data-schemas/measures.yaml but no family computes it");
        }
        return out;
    }

    @Test
    void theCatalogueListsExactlyTheMeasuresTheCodeComputes() {
        Map<String, String> code = computedByCode();
        // sanity: the registry is not empty (else the comparison proves nothing); 71 ids when this test was written
        assertTrue(code.size() >= 71, "families declare " + code.size() + " ids");
        assertEquals(List.of(), differences(code, MeasureSpec.load()));
    }

    /** The comparison itself fails both ways: an id the code computes and the YAML lacks, and the reverse. */
    @Test
    void aMissingOrExtraEntryIsReported() {
        MeasureSpec full = MeasureSpec.load();
        MeasureSpec withoutReferrals = new MeasureSpec(full.themes(),
                full.measures().stream().filter(m -> !m.id().equals("referrals_rate")).toList());
        assertEquals(List.of("referrals_rate is computed by FrontDoorMeasures but missing from data-schemas/measures.yaml"),
                differences(computedByCode(), withoutReferrals));
        Map<String, String> codeWithout = new LinkedHashMap<>(computedByCode());
        codeWithout.remove("pp_l1_over_72h");
        assertEquals(List.of("pp_l1_over_72h is in data-schemas/measures.yaml but no family computes it"),
                differences(codeWithout, full));
    }
}
