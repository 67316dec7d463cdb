package csc.lakehouse.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import csc.lakehouse.SmallDrop;
import csc.lakehouse.lake.Layer;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18: the published run manifest (read by the pack's and the workbook's data-quality parts) counts every row of
 * silver.return_reconciliation of the suite's shared run, by return, item and status, and no more: the counts
 * reconcile with the table.
 */
@org.junit.jupiter.api.Tag("slow")
class ReturnReconciliationOutputTest {

    @Test
    void theManifestCountsEveryReconciledItem() throws Exception {
        SmallDrop shared = SmallDrop.get();
        JsonNode rec = new ObjectMapper().readTree(shared.out.resolve("manifest.json").toFile()).path(DataQuality.RECONCILIATION);
        assertTrue(rec.isArray() && rec.size() > 0, "the shared drop holds returns and an SSD extract: " + rec);
        Map<String, Long> published = new TreeMap<>(), table = new TreeMap<>();
        for (JsonNode r : rec) {
            for (String st : DataQuality.STATUSES) {
                long n = r.path(st).asLong();
                if (n > 0) published.put(r.path("la_code").asText() + "|" + r.path("collection_year").asInt() + "|"
                        + r.path("item").asText() + "|" + st, n);
            }
        }
        for (Row r : shared.lake.read(Layer.SILVER, DataQuality.RECONCILIATION)
                .groupBy("la_code", "collection_year", "item", "status").count().collectAsList()) {
            table.put(r.getString(0) + "|" + r.getInt(1) + "|" + r.getString(2) + "|" + r.getString(3), r.getLong(4));
        }
        assertEquals(table, published);
        assertTrue(published.keySet().stream().anyMatch(k -> k.endsWith("|matched")), published.toString());
    }
}
