package csc.lakehouse.ingest;

import csc.lakehouse.conform.DerivedSilverTable;
import csc.lakehouse.conform.SilverBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of what the pipeline can read and conform. Adding a source means adding its reader,
 * its silver builders and its schemas here and in data-schemas; nothing else changes.
 */
public final class Sources {
    private Sources() {}

    public static List<SourceReader> readers() {
        List<SourceReader> r = new ArrayList<>();
        r.add(new LocalTrackerReader());
        r.add(new AnnexAReader());
        return r;
    }

    public static List<SilverBuilder> silverBuilders() {
        List<SilverBuilder> b = new ArrayList<>();
        b.addAll(csc.lakehouse.conform.TrackerSilverBuilder.all());
        b.addAll(csc.lakehouse.conform.AnnexASilverBuilder.all());
        return b;
    }

    /** Derived silver tables, in dependency order. */
    public static List<DerivedSilverTable> derivedTables() {
        List<DerivedSilverTable> d = new ArrayList<>();
        return d;
    }
}
