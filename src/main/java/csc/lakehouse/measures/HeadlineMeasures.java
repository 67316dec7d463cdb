package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * The six headline measures the benchmark compares with DuckDB (referrals, rereferrals_12m, assessments_45wd,
 * cpp_31mar, cin_plan_duration, cla_starts_police_protection), computed by the functions of their own families with
 * the families' own rules (return Y's rows for year Y, the look-back rule, codes not yet collected, provisional
 * as-at dates), and nothing else: what {@code bench}'s like-for-like timing runs on the Spark side. A family's
 * output holds the same rows for these measures (BenchCommandTest compares them with trends.csv).
 */
public final class HeadlineMeasures {
    /** The silver tables they read (besides returns_held, which the context holds). */
    public static final List<String> TABLES = List.of("referral", "assessment", "cin_plan", "cp_plan", "cla_episode");

    private HeadlineMeasures() {}

    /** The six measures' rows in the gold trends shape, rows not to be published included (their note says so). */
    public static Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> years = ctx.reportingYears(MeasureContext.CIN_CENSUS);
        Dataset<Row> snaps = ctx.snapshots(MeasureContext.CIN_CENSUS);
        Dataset<Row> referral = ctx.returnRows("referral");
        Dataset<Row> cin = CinMeasureSupport.union(List.of(
                FrontDoorMeasures.referrals(referral, years),
                FrontDoorMeasures.rereferrals12m(referral, ctx.table("referral"), years),
                FrontDoorMeasures.assessments45wd(ctx.returnRows("assessment"), years),
                ChildProtectionMeasures.cpp31mar(ctx.returnRows("cp_plan"), snaps),
                ChildProtectionMeasures.cinPlanDuration(ctx.returnRows("cin_plan"), snaps)));
        cin = ctx.withLookBack(CollectedFrom.apply(cin), MeasureContext.CIN_CENSUS, FrontDoorMeasures.LOOK_BACK);
        cin = ctx.withProvisional(cin, MeasureContext.CIN_CENSUS);

        Dataset<Row> claYears = ctx.reportingYearsToDate(MeasureContext.SSDA903);
        Dataset<Row> starts = LookedAfterMeasures.firstStartsInYear(claYears, ctx.returnRows("cla_episode"));
        Dataset<Row> cla = CollectedFrom.apply(LookedAfterMeasures.claStartsPoliceProtection(claYears, starts));
        cla = ctx.withProvisional(cla, MeasureContext.SSDA903);
        return CinMeasureSupport.shapeAll(List.of(cin, cla));
    }
}
