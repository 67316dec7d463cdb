package csc.lakehouse.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of what ingest can read. Adding a source means adding its reader here, its silver builders in
 * {@code csc.lakehouse.conform.SilverTables} and its schemas in data-schemas; nothing else changes.
 */
public final class Sources {
    private Sources() {}

    public static List<SourceReader> readers() {
        List<SourceReader> r = new ArrayList<>();
        r.add(new csc.lakehouse.ingest.cin.CinCensusReader());
        r.add(new csc.lakehouse.ingest.ssda903.Ssda903CsvReader());
        r.add(new csc.lakehouse.ingest.ssda903.Ssda903XmlReader());
        r.add(new csc.lakehouse.ingest.population.PopulationReader());
        r.add(new csc.lakehouse.ingest.LocalTrackerReader());
        r.add(new csc.lakehouse.ingest.AnnexAReader());
        r.add(new csc.lakehouse.ingest.ssd.SsdCsvReader());
        return r;
    }
}
