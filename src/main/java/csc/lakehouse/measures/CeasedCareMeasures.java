package csc.lakehouse.measures;

import csc.lakehouse.spec.CodeLists;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;

/**
 * Children who ceased to be looked after, by reason (SSDA903; the DfE's "children who ceased to be looked after
 * during the year" and the national framework dashboard's SGO and residence / child arrangements order rows):
 * {@code gold.cla_ceased}. The reasons are the REC codes of {@code data-schemas/codelists/cla_rec.csv} (X1, care
 * continuing, is not a ceasing); the DfE's groups (adopted, special guardianship, returned home) are the codes
 * whose code-list label begins with the group's words.
 */
public final class CeasedCareMeasures implements MeasureFamily {
    public static final String CODE_LIST = "cla_rec";
    /** Episode ends and a new one starts the same day: care continues. */
    public static final String CARE_CONTINUES = "X1";
    public static final String BREAKDOWN = "reason_ceased";
    public static final String CEASED = "cla_ceased";
    public static final String RATE = "cla_ceased_rate";
    public static final String DECISION_TO_MATCH = "adoption_decision_to_match";
    /** Days in an average calendar month (365.25 / 12): the DfE gives adoption timings in months. */
    static final double DAYS_PER_MONTH = 365.25 / 12;

    /** Group breakdown value -> the start of the code-list labels of its codes (E11/E12; E45-E48; E4A/E4B). */
    public static final Map<String, String> GROUPS = new LinkedHashMap<>();
    static {
        GROUPS.put("Adopted", "Adopted");
        GROUPS.put("Special guardianship order", "Special guardianship order");
        GROUPS.put("Returned home", "Returned home");
    }

    @Override
    public String name() { return "cla_ceased"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of(CEASED, RATE, DECISION_TO_MATCH);
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> years = ctx.reportingYears(MeasureContext.SSDA903);
        Dataset<Row> ceased = lastCeasingInYear(years, ctx.returnRows("cla_episode"));
        return CinMeasureSupport.shapeAll(List.of(
                byReason(years, ceased),
                ctx.rateRows(RATE, Periods.count(years, ceased, "person_id")),
                decisionToMatch(years, ceased, ctx.table("cla_adoption"))));
    }

    /** The REC codes that end care, in code-list order (without X1). */
    public static List<CodeLists.Entry> reasons() {
        List<CodeLists.Entry> out = new ArrayList<>();
        for (CodeLists.Entry e : CodeLists.get().entries(CODE_LIST)) if (!e.code().equals(CARE_CONTINUES)) out.add(e);
        return out;
    }

    /** The codes of a group: those whose code-list label starts with the group's words. */
    public static List<String> groupCodes(String group) {
        String prefix = GROUPS.get(group).toLowerCase();
        return reasons().stream().filter(e -> e.label().toLowerCase().startsWith(prefix)).map(CodeLists.Entry::code).toList();
    }

    /** An episode whose own legal status is not V3/V4 (short breaks are left out of every looked-after measure). */
    static Column notShortBreak() {
        return not(coalesce(upper(trim(col("legal_status"))).isin(LookedAfterMeasures.SHORT_BREAK.toArray()), lit(false)));
    }

    /**
     * Each child's last ceasing in the year (the DfE counts "only the last occasion on which a child ceased to be
     * looked after in the year"): return Y's episodes with DEC in the year and a REC other than X1, excluding short
     * breaks (the episode's legal status V3/V4), per child the latest DEC. Columns: period columns, person_id,
     * end_date, {@code reason_ceased} (upper-cased, trimmed).
     */
    static Dataset<Row> lastCeasingInYear(Dataset<Row> years, Dataset<Row> episodes) {
        Dataset<Row> e = episodes
                .withColumn("_rec", upper(trim(col("reason_ceased"))))
                .filter(col("_rec").isNotNull().and(col("_rec").notEqual(CARE_CONTINUES)).and(notShortBreak()));
        return Periods.duringInReturn(years, e, "end_date")
                .withColumn("_n", functions.row_number().over(Window.partitionBy(Periods.pcols("person_id"))
                        .orderBy(col("end_date").desc(), col("_rec"))))
                .filter(col("_n").equalTo(1))
                .select(Periods.pcols("person_id", "end_date", "_rec"))
                .withColumnRenamed("_rec", BREAKDOWN);
    }

    /**
     * {@code cla_ceased}: Total = children ceasing (count); breakdown {@code reason_ceased}: every REC code, then the
     * DfE's groups (not part of the 100%: each repeats its codes), each as a percent of the Total.
     */
    static Dataset<Row> byReason(Dataset<Row> years, Dataset<Row> ceased) {
        List<String> codes = reasons().stream().map(CodeLists.Entry::code).toList();
        Dataset<Row> perCode = Trends.distribution(CEASED, years, ceased, BREAKDOWN, codes);
        Column group = lit(null).cast("string");
        for (String g : GROUPS.keySet()) {
            group = functions.when(col(BREAKDOWN).isin(groupCodes(g).toArray()), lit(g)).otherwise(group);
        }
        Dataset<Row> perGroup = Trends.distribution(CEASED, years,
                        ceased.withColumn("_group", group), "_group", List.copyOf(GROUPS.keySet()))
                .filter(col("breakdown").notEqual(Trends.TOTAL))
                .withColumn("breakdown", lit(BREAKDOWN));
        return CodeListBreakdowns.notCollectedOutsideYears(perCode.unionByName(perGroup), reasons(), CODE_LIST,
                "reason episode ceased");
    }

    /**
     * {@code adoption_decision_to_match}: of the children whose last ceasing in the year was an adoption (E11, E12),
     * those whose AD1 record gives both the decision that they should be placed for adoption (DATE_INT) and the match
     * with adopters (DATE_MATCH, not before the decision): the mean time between the two in months (days / 30.44,
     * one decimal place); numerator = their total days, denominator = the children. Null where no child is timed.
     */
    static Dataset<Row> decisionToMatch(Dataset<Row> years, Dataset<Row> ceased, Dataset<Row> adoptions) {
        Dataset<Row> adopted = ceased.filter(col(BREAKDOWN).isin(groupCodes("Adopted").toArray()));
        Dataset<Row> timed = adoptions
                .filter(col("date_decision_to_adopt").isNotNull().and(col("date_matched").isNotNull())
                        .and(col("date_matched").geq(col("date_decision_to_adopt"))))
                .select(col("la_code").as("_a_la"), col("person_id").as("_a_person"),
                        functions.datediff(col("date_matched"), col("date_decision_to_adopt")).as("_days"));
        Dataset<Row> g = adopted
                .join(timed, col("la_code").equalTo(col("_a_la")).and(col("person_id").equalTo(col("_a_person"))))
                .groupBy(Periods.pcols())
                .agg(functions.sum(col("_days")).as("num"), functions.countDistinct(col("person_id")).as("den"));
        return years.select(Periods.pcols()).join(g, Periods.pseq(), "left")
                .withColumn("num", coalesce(col("num"), lit(0L)))
                .withColumn("den", coalesce(col("den"), lit(0L)))
                .withColumn("measure_id", lit(DECISION_TO_MATCH))
                .withColumn("numerator", col("num").cast("long"))
                .withColumn("denominator", col("den").cast("long"))
                .withColumn("value", functions.when(col("den").gt(0),
                        functions.round(col("num").cast("double").divide(col("den")).divide(DAYS_PER_MONTH), 1)))
                .withColumn("unit", lit("mean"))
                .drop("num", "den");
    }
}
