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
        r.add(new csc.lakehouse.ingest.ssda903.Ssda903CsvReader());
        r.add(new csc.lakehouse.ingest.ssda903.Ssda903XmlReader());
        r.add(new csc.lakehouse.ingest.population.PopulationReader());
        r.add(new csc.lakehouse.ingest.LocalTrackerReader());
        r.add(new csc.lakehouse.ingest.AnnexAReader());
        r.add(new csc.lakehouse.ingest.ssd.SsdCsvReader());
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
        b.addAll(csc.lakehouse.conform.ssda903.Ssda903Builders.all());
        b.add(new csc.lakehouse.conform.population.PopulationBuilder());
        b.addAll(csc.lakehouse.conform.TrackerSilverBuilder.all());
        b.addAll(csc.lakehouse.conform.AnnexASilverBuilder.all());
        b.addAll(csc.lakehouse.conform.ssd.SsdSilverBuilder.all());
        return b;
    }

    /** Derived silver tables, in dependency order. */
    public static List<DerivedSilverTable> derivedTables() {
        List<DerivedSilverTable> d = new ArrayList<>();
        d.add(new csc.lakehouse.conform.cin.CinAssessmentFactorTable());
        d.add(new csc.lakehouse.conform.ssda903.CarePeriods.PeriodTable());
        d.add(new csc.lakehouse.conform.ssda903.CarePeriods.LegalStatusTable());
        d.add(new csc.lakehouse.conform.ssda903.CarePeriods.PlacementTable());
        d.add(new csc.lakehouse.conform.ssda903.PersonTable());   // last: reads person_cin and person_903
        d.add(new csc.lakehouse.conform.ssd.ReturnReconciliationTable());   // returns against the SSD, when both are held
        return d;
    }
}
