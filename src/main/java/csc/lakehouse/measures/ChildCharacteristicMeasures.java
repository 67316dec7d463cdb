package csc.lakehouse.measures;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.List;

import static csc.lakehouse.measures.MeasureContext.CIN_CENSUS;
import static csc.lakehouse.measures.MeasureContext.SSDA903;
import static org.apache.spark.sql.functions.col;

/**
 * The core measures by the child's age band, sex and ethnic group, and the ethnic groups' rates per 10,000 residents
 * and relative rate index (issue 15, section 3): a part of {@code gold.national_framework}. Each breakdown counts the
 * same items as its core measure (the core family's own item function), so its Total row equals the core measure.
 * Look-back, provisional and not-collected rules are the core measures' own.
 */
public final class ChildCharacteristicMeasures implements MeasureFamily {
    /** core measure -> its breakdown measure */
    static String byChild(String core) { return core + "_characteristics"; }
    static String ethnicityRate(String core) { return core + "_ethnicity_rate"; }
    static String ethnicityRri(String core) { return core + "_ethnicity_rri"; }

    /** core count measures that also get the ethnic groups' rates and relative rate index */
    static final List<String> WITH_RATES = List.of("referrals", "cin_31mar", "cpp_starts", "cpp_31mar", "cla_starts", "cla_31mar");
    /** core measures broken down by characteristic */
    static final List<String> CORE = List.of("referrals", "cin_31mar", "cin_plan_31mar", "cpp_starts", "cpp_31mar",
            "cpp_repeat", "cla_starts", "cla_31mar", "cla_starts_police_protection", "neglect_new");

    @Override
    public String name() { return "characteristics"; }

    @Override
    public List<MeasureDefinition> definitions() {
        List<String> ids = new java.util.ArrayList<>();
        for (String c : CORE) ids.add(byChild(c));
        for (String c : WITH_RATES) { ids.add(ethnicityRate(c)); ids.add(ethnicityRri(c)); }
        return MeasureDefinition.of(ids.toArray(new String[0]));
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> people = people(ctx);
        java.util.Map<String, Long> census = ChildCharacteristics.census2021();
        Dataset<Row> years = ctx.reportingYearsToDate(CIN_CENSUS);
        Dataset<Row> snaps = ctx.snapshots(CIN_CENSUS);
        Dataset<Row> years903 = ctx.reportingYearsToDate(SSDA903);
        Dataset<Row> snaps903 = ctx.snapshots(SSDA903);
        Dataset<Row> referral = ctx.returnRows("referral");
        Dataset<Row> cp = ctx.returnRows("cp_plan");
        Dataset<Row> episodes = ctx.returnRows("cla_episode");

        Dataset<Row> referrals = with(FrontDoorMeasures.referralItems(referral, years), people, col("referral_date"));
        Dataset<Row> cin = with(ChildProtectionMeasures.cinOpenItems(referral, snaps), people, col("period_end"));
        Dataset<Row> cinPlans = with(ChildProtectionMeasures.cinPlanOpenItems(ctx.returnRows("cin_plan"), snaps), people, col("period_end"));
        Dataset<Row> cppStarts = with(ChildProtectionMeasures.cppStartItems(cp, years), people, col("start_date"));
        Dataset<Row> cppOpen = with(ChildProtectionMeasures.cppOpenItems(cp, snaps), people, col("period_end"));
        Dataset<Row> cppFlagged = with(ChildProtectionMeasures.cppStartsFlaggedRepeat(cp, ctx.table("cp_plan"), years),
                people, col("start_date"));
        Dataset<Row> claStarts = with(LookedAfterMeasures.firstStartsInYear(years903, episodes), people, col("start_date"));
        Dataset<Row> claOpen = with(LookedAfterMeasures.claOpenItems(snaps903, episodes), people, col("period_end"));

        Dataset<Row> cinRows = CinMeasureSupport.union(List.of(
                withRates("referrals", years, referrals, census),
                withRates("cin_31mar", snaps, cin, census),
                distribution("cin_plan_31mar", snaps, cinPlans),
                withRates("cpp_starts", years, cppStarts, census),
                withRates("cpp_31mar", snaps, cppOpen, census),
                ChildCharacteristics.percentWithin(byChild("cpp_repeat"), years, cppFlagged,
                        col(ChildProtectionMeasures.REPEAT), "person_id", "start_date")));
        cinRows = ctx.withLookBack(CollectedFrom.apply(cinRows), CIN_CENSUS, List.of(byChild("cpp_repeat")));
        cinRows = ctx.withProvisional(cinRows, CIN_CENSUS);

        Dataset<Row> claRows = CinMeasureSupport.union(List.of(
                withRates("cla_starts", years903, claStarts, census),
                withRates("cla_31mar", snaps903, claOpen, census),
                ChildCharacteristics.percentWithin(byChild("cla_starts_police_protection"), years903, claStarts,
                        functions.coalesce(col("first_legal_status").equalTo("L1"), functions.lit(false)), "person_id")));
        claRows = ctx.withProvisional(CollectedFrom.apply(claRows), SSDA903);

        // the neglect cohort counts first identifications in whole reporting years, as neglect_new does
        Dataset<Row> neglectYears = ctx.reportingYears(CIN_CENSUS);
        Dataset<Row> firstNeglect = NeglectCohort.firstNeglect(NeglectCohort.factors(ctx), ctx.table("cp_plan"));
        Dataset<Row> neglect = with(Periods.during(neglectYears, firstNeglect, "first_neglect"), people, col("first_neglect"));
        Dataset<Row> neglectRows = ctx.withLookBack(
                distribution("neglect_new", neglectYears, neglect), CIN_CENSUS,
                List.of(byChild("neglect_new")));

        return CinMeasureSupport.shapeAll(List.of(cinRows, claRows, neglectRows));
    }

    private static Dataset<Row> with(Dataset<Row> items, Dataset<Row> people, Column ageAt) {
        return ChildCharacteristics.withCharacteristics(items, people, ageAt);
    }

    private static Dataset<Row> distribution(String core, Dataset<Row> periods, Dataset<Row> items) {
        return ChildCharacteristics.distribution(byChild(core), ChildCharacteristics.counts(periods, items));
    }

    /** The distribution, the ethnic groups' rates and the index of one core measure, from one count of its items. */
    private static Dataset<Row> withRates(String core, Dataset<Row> periods, Dataset<Row> items, java.util.Map<String, Long> census) {
        Dataset<Row> counts = ChildCharacteristics.counts(periods, items);
        return ChildCharacteristics.distribution(byChild(core), counts)
                .unionByName(ChildCharacteristics.ethnicityRates(ethnicityRate(core), counts, census), true)
                .unionByName(ChildCharacteristics.relativeRateIndex(ethnicityRri(core), counts, census), true);
    }

    /**
     * One row per child: silver {@code person} (sex, ethnicity, birth month: later returns win), with the expected
     * birth month of the child's latest CIN census row, which marks an unborn child.
     */
    static Dataset<Row> people(MeasureContext ctx) {
        Dataset<Row> person = ctx.table("person");
        Dataset<Row> expected = ctx.table("person_cin").groupBy("la_code", "person_id")
                .agg(functions.max("expected_birth_month").as("expected_birth_month"));
        return person.select("la_code", "person_id", "sex", "ethnicity", "birth_month")
                .join(expected, Periods.seq("la_code", "person_id"), "left");
    }
}
