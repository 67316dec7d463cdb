package csc.lakehouse.conform;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of what conform builds: the silver builders (one per table, from bronze) and the derived
 * silver tables (from other silver tables). Adding a source means adding its reader in ingest, its builders
 * here and its schemas in data-schemas.
 */
public final class SilverTables {
    private SilverTables() {}

    public static List<SilverBuilder> builders() {
        List<SilverBuilder> b = new ArrayList<>();
        b.add(new csc.lakehouse.conform.cin.CinPersonBuilder());
        // referral, assessment, s47_enquiry, cin_plan, cp_plan, cp_review, pre_proceedings: from their specs
        b.addAll(csc.lakehouse.conform.cin.CinSilverBuilder.all());
        b.addAll(csc.lakehouse.conform.ssda903.Ssda903Builders.all());
        b.add(new csc.lakehouse.conform.population.PopulationBuilder());
        b.addAll(csc.lakehouse.conform.TrackerSilverBuilder.all());
        b.addAll(csc.lakehouse.conform.AnnexASilverBuilder.all());
        b.addAll(csc.lakehouse.conform.ssd.SsdSilverBuilder.all());
        return b;
    }

    /** Derived silver tables, in dependency order. */
    public static List<DerivedSilverTable> derived() {
        List<DerivedSilverTable> d = new ArrayList<>();
        d.add(new csc.lakehouse.conform.cin.CinAssessmentFactorTable());
        d.add(new csc.lakehouse.conform.ssda903.CarePeriods.PeriodTable());
        d.add(new csc.lakehouse.conform.ssda903.CarePeriods.LegalStatusTable());
        d.add(new csc.lakehouse.conform.ssda903.CarePeriods.PlacementTable());
        d.add(new csc.lakehouse.conform.ssda903.PersonTable());   // last: reads person_cin and person_903
        d.add(new csc.lakehouse.conform.ssd.ReturnReconciliationTable());   // returns against the SSD, when both are held
        d.add(new ReturnCorrections());   // what a later return corrected in an earlier one
        return d;
    }
}
