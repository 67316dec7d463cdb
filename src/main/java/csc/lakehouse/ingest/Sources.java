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
        r.add(new csc.lakehouse.ingest.cin.CinCensusReader());
        return r;
    }

    public static List<SilverBuilder> silverBuilders() {
        List<SilverBuilder> b = new ArrayList<>();
        b.add(new csc.lakehouse.conform.cin.CinPersonBuilder());
        b.add(new csc.lakehouse.conform.cin.CinReferralBuilder());
        b.add(new csc.lakehouse.conform.cin.CinAssessmentBuilder());
        b.add(new csc.lakehouse.conform.cin.CinS47Builder());
        b.add(new csc.lakehouse.conform.cin.CinPlanBuilder());
        b.add(new csc.lakehouse.conform.cin.CinCppBuilder());
        b.add(new csc.lakehouse.conform.cin.CinCppReviewBuilder());
        b.add(new csc.lakehouse.conform.cin.CinPreProceedingsBuilder());
        return b;
    }

    /** Derived silver tables, in dependency order. */
    public static List<DerivedSilverTable> derivedTables() {
        List<DerivedSilverTable> d = new ArrayList<>();
        d.add(new csc.lakehouse.conform.cin.CinAssessmentFactorTable());
        return d;
    }
}
