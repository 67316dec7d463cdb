package csc.lakehouse.measures;

import csc.lakehouse.spec.DataSchemas;
import csc.lakehouse.spec.SimpleCsv;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;

/**
 * Care leavers aged 17-18 and 19-21 (SSDA903 OC3; the national framework dashboard's rows 52-55): in education,
 * employment or training, in suitable accommodation, and not in touch. The cohort of year Y is return Y's
 * silver {@code cla_oc3} rows whose child turned 17 or 18 (19, 20 or 21) in the year (the DfE's age groups: the
 * age at 31 March Y, from person_903's month of birth), less those whose IN_TOUCH the groups file marks
 * {@code excluded}. Code groups: {@code data-schemas/reference/cla_oc3_groups.csv}.
 */
public final class CareLeaverMeasures implements MeasureFamily {
    public static final String GROUPS_FILE = "reference/cla_oc3_groups.csv";
    public static final String LEAVERS_17_18 = "care_leavers_17_18";
    public static final String EET_17_18 = "care_leavers_17_18_eet";
    public static final String SUITABLE_17_18 = "care_leavers_17_18_suitable_accommodation";
    public static final String NOT_IN_TOUCH_17_18 = "care_leavers_17_18_not_in_touch";
    public static final String LEAVERS_19_21 = "care_leavers_19_21";
    public static final String EET_19_21 = "care_leavers_19_21_eet";
    public static final String SUITABLE_19_21 = "care_leavers_19_21_suitable_accommodation";
    public static final String NOT_IN_TOUCH_19_21 = "care_leavers_19_21_not_in_touch";
    /** Suffixes of an age group's distribution by activity and its share living with former foster carers. */
    static final String ACTIVITY = "_activity", STAYING_PUT = "_staying_put";
    /** The activity distribution's breakdown; an empty or unlisted ACTIV is information not known, as the DfE's. */
    public static final String ACTIVITY_BREAKDOWN = "activity";
    static final String ACTIVITY_NOT_KNOWN = "Information not known";
    /** The DfE's care-leaver age groups: the age the young person turned in the year. */
    static final int[] AGES_17_18 = {17, 18};
    static final int[] AGES_19_21 = {19, 20, 21};

    @Override
    public String name() { return "care_leavers"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of(LEAVERS_17_18, EET_17_18, SUITABLE_17_18, NOT_IN_TOUCH_17_18,
                LEAVERS_17_18 + ACTIVITY, LEAVERS_17_18 + STAYING_PUT,
                LEAVERS_19_21, EET_19_21, SUITABLE_19_21, NOT_IN_TOUCH_19_21,
                LEAVERS_19_21 + ACTIVITY, LEAVERS_19_21 + STAYING_PUT);
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> years = ctx.reportingYears(MeasureContext.SSDA903);
        Dataset<Row> leavers = careLeavers(years, ctx.table("cla_oc3"), ctx.table("person_903"));
        List<Dataset<Row>> out = new ArrayList<>();
        out.addAll(ageGroup(years, leavers, AGES_17_18, LEAVERS_17_18, EET_17_18, SUITABLE_17_18, NOT_IN_TOUCH_17_18));
        out.addAll(ageGroup(years, leavers, AGES_19_21, LEAVERS_19_21, EET_19_21, SUITABLE_19_21, NOT_IN_TOUCH_19_21));
        return CinMeasureSupport.shapeAll(out);
    }

    /** The codes of one item of the groups file in the given group. */
    static List<String> codes(String item, String group) {
        List<String> out = new ArrayList<>();
        groups(item).forEach((code, g) -> { if (g.equals(group)) out.add(code); });
        return out;
    }

    /** One item of the groups file: code -> group, in file order. */
    static java.util.LinkedHashMap<String, String> groups(String item) {
        List<List<String>> rows = SimpleCsv.parse(DataSchemas.readText(GROUPS_FILE));
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            if (r.size() >= 3 && r.get(0).trim().equals(item)) out.put(r.get(1).trim(), r.get(2).trim());
        }
        return out;
    }

    /** The DfE's activity rows in the groups file's order (the breakdown's values). */
    public static List<String> activityTypes() {
        return List.copyOf(new java.util.LinkedHashSet<>(groups("activity_type").values()));
    }

    /**
     * Return Y's OC3 rows with period columns, person_id, {@code age} (at 31 March Y, from the month of birth:
     * the age turned in the year) and the normalised codes {@code _in_touch}, {@code _activity} and
     * {@code _suitability} (ACCOM's second character); the {@code excluded} IN_TOUCH codes are dropped.
     */
    static Dataset<Row> careLeavers(Dataset<Row> years, Dataset<Row> oc3, Dataset<Row> person903) {
        Dataset<Row> births = person903.select(col("la_code").as("_b_la"), col("person_id").as("_b_person"),
                col("birth_month").as("_b_month"));
        Column accom = upper(trim(col("accommodation")));
        return oc3.join(years.select(Periods.pcols("return_year")), Periods.seq("la_code"))
                .filter(col("collection_year").isNull().or(col("collection_year").equalTo(col("return_year"))))
                .join(births, col("la_code").equalTo(col("_b_la")).and(col("person_id").equalTo(col("_b_person"))))
                .withColumn("age", functions.floor(functions.months_between(col("period_end"), col("_b_month"))
                        .divide(12)).cast("int"))
                .withColumn("_in_touch", upper(trim(col("in_touch"))))
                .withColumn("_activity", upper(trim(col("activity"))))
                .withColumn("_suitability", functions.when(functions.length(accom).geq(2), functions.substring(accom, 2, 1))
                        .otherwise(accom))
                .withColumn("_accommodation_type", functions.substring(accom, 1, 1))
                .filter(functions.not(functions.coalesce(col("_in_touch").isin(codes("in_touch", "excluded").toArray()),
                        lit(false))))
                .select(Periods.pcols("person_id", "age", "_in_touch", "_activity", "_suitability", "_accommodation_type"));
    }

    /**
     * One age group's measures: the cohort count, the three percentages of it, the cohort by the DfE's activity rows
     * ({@code <count>_activity}) and the share living with former foster carers ({@code <count>_staying_put}: ACCOM's
     * first character Z, the groups file's {@code accommodation_type}).
     */
    static List<Dataset<Row>> ageGroup(Dataset<Row> years, Dataset<Row> leavers, int[] ages, String countId,
                                       String eetId, String suitableId, String notInTouchId) {
        Dataset<Row> group = leavers.filter(col("age").between(ages[0], ages[ages.length - 1]));
        Column activityType = lit(ACTIVITY_NOT_KNOWN);
        for (var e : groups("activity_type").entrySet()) {
            activityType = functions.when(col("_activity").equalTo(e.getKey()), lit(e.getValue())).otherwise(activityType);
        }
        Dataset<Row> activity = Trends.distribution(countId + ACTIVITY, years, group.withColumn("_type", activityType),
                "_type", activityTypes())
                .withColumn("breakdown", functions.when(col("breakdown").equalTo("_type"), lit(ACTIVITY_BREAKDOWN))
                        .otherwise(col("breakdown")));
        return List.of(activity,
                Trends.percentRows(countId + STAYING_PUT, Periods.numDen(years, group,
                        in("_accommodation_type", "accommodation_type", "with_former_foster_carers"), "person_id")),
                Trends.count(countId, Periods.count(years, group, "person_id")),
                Trends.percentRows(eetId, Periods.numDen(years, group, in("_activity", "activity", "eet"), "person_id")),
                Trends.percentRows(suitableId, Periods.numDen(years, group,
                        in("_suitability", "accommodation_suitability", "suitable"), "person_id")),
                Trends.percentRows(notInTouchId, Periods.numDen(years, group, in("_in_touch", "in_touch", "not_in_touch"),
                        "person_id")));
    }

    /** The column holds a code of the item's group (null and unlisted codes: false). */
    private static Column in(String column, String item, String group) {
        return functions.coalesce(col(column).isin(codes(item, group).toArray()), lit(false));
    }
}
