package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csc.lakehouse.spec.DataSchemas;
import csc.lakehouse.spec.MeasureSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disclosure links come from the catalogue: a rate measure added to data-schemas/measures.yaml (here a copy with
 * three new entries, as a new family would bring) is suppressed with its count, with no publish code edited.
 */
class CatalogueSuppressionTest {
    static final String NEW_ENTRIES = """
          - id: return_visits
            unit: count
            theme: front_door
            title: "Return visits"
            definition: "return visits in the year"
            family: ReturnVisits
          - id: return_visits_by_place
            unit: percent
            theme: front_door
            title: "Return visits by place"
            definition: "return_visits by place"
            family: ReturnVisits
            breakdowns:
              - name: place
                values: [home]
            total: return_visits
          - id: return_visits_rate
            unit: rate_per_10000
            theme: front_door
            title: "Return visits per 10,000 children"
            definition: "return_visits per 10,000 children"
            family: ReturnVisits
            numerator: return_visits
        """;

    static TrendRow row(String measure, String breakdown, String value, String num, String den, String unit) {
        return new TrendRow(measure, "202425", "Reporting year", "2024-04-01", "2025-03-31", "Local authority", "E09000002",
                "Barking and Dagenham", breakdown.equals("Total") ? "Total" : "place", breakdown, num, den, value, unit);
    }

    /*
     * By hand: return_visits = 9 (not 1..5, so not a primary cell). return_visits_by_place has one cell, home = 3 of 9:
     * primary-suppressed; the group's only cell is hidden, so its Total (9) is hidden instead (else 9 - nothing = 3...
     * the rule for one-cell groups). The catalogue says return_visits_by_place's Total repeats return_visits, and
     * return_visits_rate's numerator repeats return_visits, so both become c: 9 / 60,000 x 10,000 = 1.5 would otherwise
     * give the hidden 9 back. The denominator (60,000) stays.
     */
    static List<TrendRow> rows() {
        return List.of(
                row("return_visits", "Total", "9", "", "", "count"),
                row("return_visits_by_place", "Total", "9", "", "", "count"),
                row("return_visits_by_place", "home", "33.3", "3", "9", "percent"),
                row("return_visits_rate", "Total", "1.5", "9", "60000", "rate_per_10000"));
    }

    @Test
    void aRateAddedOnlyToTheCatalogueIsSuppressedWithItsCount(@TempDir Path dir) throws Exception {
        String yaml = DataSchemas.readText(MeasureSpec.FILE);
        assertTrue(yaml.endsWith("\n"));
        Path copy = dir.resolve("measures.yaml");
        Files.writeString(copy, yaml + NEW_ENTRIES, StandardCharsets.UTF_8);
        MeasureSpec catalogue = MeasureSpec.read(copy);

        List<TrendRow> out = Suppression.apply(rows(), catalogue);
        assertEquals("c", out.get(2).numerator());
        assertEquals("c", out.get(1).value());
        assertEquals("c", out.get(0).value());
        assertEquals("c", out.get(3).numerator());
        assertEquals("c", out.get(3).value());
        assertEquals("60000", out.get(3).denominator());

        // control: without the entries (the real catalogue) nothing links them, and the rate would give 9 away
        List<TrendRow> unlinked = Suppression.apply(rows());
        assertEquals("c", unlinked.get(1).value());
        assertEquals("9", unlinked.get(0).value());
        assertEquals("9", unlinked.get(3).numerator());
    }

    /** The links derived from the real catalogue include the ones publish used to list by hand. */
    @Test
    void theCataloguesLinksCoverTheCountsRepeatedAcrossMeasures() {
        Set<Suppression.Link> links = Set.copyOf(Suppression.links(MeasureSpec.load()));
        Suppression.Ref startsL1 = new Suppression.Ref("cla_starts_legal_status", "L1", Suppression.Field.NUMERATOR);
        Suppression.Ref ppNumerator = new Suppression.Ref("cla_starts_police_protection", "Total", Suppression.Field.NUMERATOR);
        assertTrue(links.contains(new Suppression.Link(startsL1, ppNumerator)), links.toString());
        Suppression.Ref starts = new Suppression.Ref("cla_starts", "Total", Suppression.Field.VALUE);
        assertTrue(links.contains(new Suppression.Link(starts,
                new Suppression.Ref("cla_starts_legal_status", "Total", Suppression.Field.VALUE))));
        assertTrue(links.contains(new Suppression.Link(starts,
                new Suppression.Ref("cla_starts_police_protection", "Total", Suppression.Field.DENOMINATOR))));
        assertTrue(links.contains(new Suppression.Link(new Suppression.Ref("referrals", "Total", Suppression.Field.VALUE),
                new Suppression.Ref("referrals_rate", "Total", Suppression.Field.NUMERATOR))));
        // the 15 links once typed into Suppression, plus ssd_contacts' rate and conversion (2), plus the national
        // framework's six: assessment_factors_rate and cla_ceased_rate over their counts, cla_3plus_placements and
        // cla_placement_type over cla_31mar, incidents per child over cla_missing, and cla_3plus_social_workers over cla_31mar,
        // plus the care leavers' six: EET, suitable accommodation and not in touch over care_leavers_17_18 and _19_21,
        // plus CLA health's four: health assessment, dental and immunisations over cla_12m_31mar, and the SDQ average
        // over cla_12m_sdq_received (the children with a score), and substance misuse over cla_12m_31mar (the age-band
        // percentages, development assessments and convictions, have no count measure to link to),
        // plus LAIT's front door: referrals_nfa and referrals_not_in_need over referrals, and icpcs_rate,
        // icpc_s47_band and icpc_15wd over icpcs, referrals_by_source over referrals, and cpp_ended_2yr's numerator
        // and denominator over cpp_ended_duration's 24m+ row and Total
        // plus the children's characteristics (issue 15 section 3): the eight distributions' Totals over their core
        // measures (8); the two within-group percentages' Total numerator and denominator (4) and, by breakdown
        // value, their denominators over the starts' distribution (2 x 16 values); the six ethnicity rates' and six
        // relative rate indexes' Total numerators and, by ethnic group, their numerators over the distribution's
        // cells (12 x 6); and cla_placed_over_20_miles's denominator over cla_31mar (1),
        // plus the care leavers' activity distributions' Totals over care_leavers_17_18 and _19_21 (2) and their
        // staying-put percentages' denominators over the same (2)
        assertTrue(links.contains(new Suppression.Link(
                new Suppression.Ref("cla_31mar_characteristics", "Black", Suppression.Field.NUMERATOR),
                new Suppression.Ref("cla_31mar_ethnicity_rri", "Black", Suppression.Field.NUMERATOR))), links.toString());
        assertTrue(links.contains(new Suppression.Link(
                new Suppression.Ref("cpp_starts_characteristics", "1 to 4", Suppression.Field.NUMERATOR),
                new Suppression.Ref("cpp_repeat_characteristics", "1 to 4", Suppression.Field.DENOMINATOR))), links.toString());
        assertTrue(links.contains(new Suppression.Link(
                new Suppression.Ref("care_leavers_19_21", "Total", Suppression.Field.VALUE),
                new Suppression.Ref("care_leavers_19_21_staying_put", "Total", Suppression.Field.DENOMINATOR))), links.toString());
        assertEquals(42 + 8 + 4 + 32 + 72 + 1 + 2 + 2, links.size());
    }
}
