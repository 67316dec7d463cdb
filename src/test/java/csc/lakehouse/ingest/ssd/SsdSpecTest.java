package csc.lakehouse.ingest.ssd;

import csc.lakehouse.spec.DataSchemas;
import csc.lakehouse.spec.SsdRuleFiles;
import csc.lakehouse.spec.SsdSilverMap;
import csc.lakehouse.spec.SsdSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SsdSpecTest {

    @Test
    void specLoadsTablesKeysAndForeignKeysFromTheVendoredFiles() {
        SsdSpec spec = SsdSpec.get();
        // 48 ssd_*.yml object files besides relationships.yml
        assertEquals(48, spec.tables().size());
        assertTrue(spec.version.contains("4987c73"), spec.version);
        SsdSpec.Table contacts = spec.table("ssd_contacts").orElseThrow();
        assertEquals("cont_contact_id", contacts.primaryKey());
        // the spec marks cont_contact_id and cont_person_id required
        assertEquals(java.util.List.of("cont_contact_id", "cont_person_id"), contacts.mandatory());
        assertEquals("date", contacts.field("cont_contact_date").orElseThrow().kind());
        // no key flagged in the spec: spec.yaml supplies it
        assertEquals("invo_involvements_id", spec.table("ssd_involvements").orElseThrow().primaryKey());
        // a plan has many visits: the spec's unique flag on cppv_cp_plan_id is not enforced
        assertFalse(spec.table("ssd_cp_visits").orElseThrow().field("cppv_cp_plan_id").orElseThrow().unique());
        assertTrue(spec.foreignKeys("ssd_contacts").stream().anyMatch(r ->
                r.parentTable().equals("ssd_person") && r.childKey().equals("cont_person_id")));
        assertTrue(spec.isSsdDate("2024-05-01"));
        assertTrue(spec.isSsdDate("2024-05-01 09:30:00.000"));
        assertFalse(spec.isSsdDate("01/05/2024"));
    }

    @Test
    void committedSilverSchemasAndRulesEqualWhatTheSpecWrites() {
        // edit inputs/ssd/silver.yaml or the spec, then run SsdRuleFiles: the committed files must follow
        for (Map.Entry<String, SsdSilverMap.TableMap> e : SsdSilverMap.get().tables.entrySet()) {
            String silver = e.getValue().silver;
            assertEquals(SsdRuleFiles.schemaYaml(e.getKey(), e.getValue()),
                    DataSchemas.readText("tables/silver/" + silver + ".yaml"), silver + " schema");
            assertEquals(SsdRuleFiles.rulesYaml(e.getKey(), e.getValue()),
                    DataSchemas.readText("rules/" + silver + ".yaml"), silver + " rules");
        }
    }

    @Test
    void namesRegistrationNumbersAndFreeTextNeverMapToSilver() {
        for (SsdSilverMap.TableMap m : SsdSilverMap.get().tables.values()) {
            for (SsdSilverMap.ColumnMap c : m.columns.values()) {
                assertFalse(c.from.contains("name") || c.from.contains("registration") || c.from.contains("staff_id")
                        || c.from.contains("postcode") || (c.from.contains("upn") && !c.from.endsWith("upn_unknown")) || c.from.contains("forename")
                        || c.from.contains("surname") || c.from.contains("common_child_id"), m.silver + " maps " + c.from);
            }
        }
    }
}
