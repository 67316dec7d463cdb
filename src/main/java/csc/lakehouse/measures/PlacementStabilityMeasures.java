package csc.lakehouse.measures;

import csc.lakehouse.spec.CodeLists;
import csc.lakehouse.spec.DataSchemas;
import csc.lakehouse.spec.SimpleCsv;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;

/**
 * Where children looked after at 31 March live, and how often they moved in the year (SSDA903; the national
 * framework dashboard's rows 45 and 48-50): {@code gold.placement_stability}. Placements are silver
 * {@code placement} (a new placement at RNE S, P, T, B or U); the DfE's placement groups are
 * {@code data-schemas/reference/cla_placement_groups.csv}.
 */
public final class PlacementStabilityMeasures implements MeasureFamily {
    public static final String GROUPS_FILE = "reference/cla_placement_groups.csv";
    public static final String THREE_PLUS = "cla_3plus_placements";
    public static final String PLACEMENT_TYPE = "cla_placement_type";
    public static final String OVER_20_MILES = "cla_placed_over_20_miles";
    public static final String LONG_TERM = "cla_long_term_stability";
    /** Long-term stability: under 16 at 31 March, looked after continuously for 30 months, same placement for 24. */
    static final int UNDER_AGE = 16, CARE_MONTHS = 30, SAME_PLACEMENT_MONTHS = 24;
    /** The returns before year Y that hold every episode open in the 2.5 years: Y-2 and Y-1 (a return holds its year's). */
    static final int LONG_TERM_RETURNS_BACK = 2;
    static final String ADOPTION_GROUP = "Placed for adoption";
    /** silver cla_episode's distance band (conform's PlacementDistance) and the band counted */
    static final String DISTANCE_BAND = "placement_distance_band";
    static final String BEYOND_20_MILES = "more than 20 miles";
    static final String NO_DISTANCE = "no placement distance in the year's return: the drop held no postcode-to-coordinates "
            + "file (such as the ONS postcode directory) in reference/ when the episodes were conformed, and the distance has "
            + "to be taken before postcodes are reduced to districts";
    public static final String BREAKDOWN = "placement_group";
    /** Three or more placements in the year: the DfE's short-term stability threshold. */
    public static final int MOVES = 3;

    /** A PLACE code's DfE group, and whether it is a temporary move (not counted as a placement). */
    public record Group(String code, String group, boolean temporary) {}

    @Override
    public String name() { return "placement_stability"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of(THREE_PLUS, PLACEMENT_TYPE, OVER_20_MILES, LONG_TERM);
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> years = ctx.reportingYears(MeasureContext.SSDA903);
        Dataset<Row> atYearEnd = lookedAfterAtYearEnd(years, ctx.returnRows("cla_episode"));
        Dataset<Row> placements = ctx.table("placement");
        return ctx.withLookBack(CinMeasureSupport.shapeAll(List.of(
                threePlusPlacements(years, atYearEnd, placements),
                placementType(years, atYearEnd),
                placedOver20Miles(years, atYearEnd),
                longTermStability(years, atYearEnd, ctx.table("cla_period"), placements, ctx.table("person_903")))),
                MeasureContext.SSDA903, List.of(LONG_TERM), LONG_TERM_RETURNS_BACK);
    }

    /** The groups file, in its order. */
    public static List<Group> groups() {
        List<List<String>> rows = SimpleCsv.parse(DataSchemas.readText(GROUPS_FILE));
        List<Group> out = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            if (r.size() < 3 || r.get(0).isBlank()) continue;
            out.add(new Group(r.get(0).trim(), r.get(1).trim(), Boolean.parseBoolean(r.get(2).trim())));
        }
        return out;
    }

    /** The group names in publishing order. */
    public static List<String> groupNames() {
        return List.copyOf(new LinkedHashSet<>(groups().stream().map(Group::group).toList()));
    }

    /** PLACE codes of the code list the groups file does not place (a test keeps this empty). */
    public static List<String> ungroupedCodes() {
        Map<String, Group> byCode = new LinkedHashMap<>();
        for (Group g : groups()) byCode.put(g.code(), g);
        return CodeLists.get().allCodes("cla_placement").stream().filter(c -> !byCode.containsKey(c)).toList();
    }

    private static Column groupOf(Column placeCode) {
        Column g = lit(null).cast("string");
        for (Group x : groups()) g = functions.when(placeCode.equalTo(x.code()), lit(x.group())).otherwise(g);
        return g;
    }

    /**
     * Children looked after at 31 March Y (return Y's episodes open at the date, short breaks excluded, as
     * {@code cla_31mar}), one row each with the placement type of their open episode (the latest-starting one
     * when two overlap). Columns: period columns, person_id, {@code placement_type}, {@code placement_distance_band}.
     */
    static Dataset<Row> lookedAfterAtYearEnd(Dataset<Row> years, Dataset<Row> episodes) {
        // a lakehouse conformed before the distance band existed has no such column: no distance was taken
        if (!java.util.Arrays.asList(episodes.columns()).contains(DISTANCE_BAND)) {
            episodes = episodes.withColumn(DISTANCE_BAND, lit(null).cast("string"));
        }
        Dataset<Row> open = Periods.openAtInReturn(years, episodes.filter(CeasedCareMeasures.notShortBreak()),
                "start_date", "end_date");
        return open.withColumn("_n", functions.row_number().over(Window.partitionBy(Periods.pcols("person_id"))
                        .orderBy(col("start_date").desc())))
                .filter(col("_n").equalTo(1))
                .select(Periods.pcols("person_id", "placement_type", DISTANCE_BAND))
                .withColumn("placement_type", upper(trim(col("placement_type"))));
    }

    /**
     * {@code cla_placed_over_20_miles}: of the children looked after at 31 March, those whose placement (of the open
     * episode) is more than 20 miles from home in a straight line; a distance not known (a postcode missing or not
     * in the coordinates file) stays in the denominator, as the DfE's "not known" row is part of its 100%. Not
     * published for a year whose return's episodes carry no distance at all (the drop had no coordinates file).
     */
    static Dataset<Row> placedOver20Miles(Dataset<Row> years, Dataset<Row> atYearEnd) {
        Dataset<Row> rows = Trends.percentRows(OVER_20_MILES, Periods.numDen(years, atYearEnd,
                functions.coalesce(col(DISTANCE_BAND).equalTo(BEYOND_20_MILES), lit(false)), "person_id"));
        Dataset<Row> taken = atYearEnd.groupBy(Periods.pcols())
                .agg(functions.max(functions.when(col(DISTANCE_BAND).isNotNull(), 1).otherwise(0)).as("_taken"));
        return Trends.notPublished(rows.join(taken, Periods.pseq(), "left"),
                functions.not(functions.coalesce(col("_taken").equalTo(1), lit(false))), lit(NO_DISTANCE)).drop("_taken");
    }

    /**
     * {@code cla_3plus_placements}: of the children looked after at 31 March, those with 3 or more placements
     * (silver {@code placement}, the history) in place at some time in the year (start on or before 31 March Y,
     * end empty or after 1 April Y-1), temporary moves (T0-T4) not counted.
     */
    static Dataset<Row> threePlusPlacements(Dataset<Row> years, Dataset<Row> atYearEnd, Dataset<Row> placements) {
        List<String> temporary = groups().stream().filter(Group::temporary).map(Group::code).toList();
        Dataset<Row> p = placements
                .filter(functions.not(functions.coalesce(upper(trim(col("placement_type"))).isin(temporary.toArray()),
                        lit(false))))
                .select(col("la_code").as("_p_la"), col("person_id").as("_p_person"), col("start_date").as("_p_start"),
                        col("end_date").as("_p_end"));
        Dataset<Row> perChild = atYearEnd.join(p, col("la_code").equalTo(col("_p_la"))
                        .and(col("person_id").equalTo(col("_p_person")))
                        .and(col("_p_start").leq(col("period_end")))
                        .and(col("_p_end").isNull().or(col("_p_end").gt(col("period_start")))), "left")
                .groupBy(Periods.pcols("person_id")).agg(functions.countDistinct(col("_p_start")).as("_placements"));
        return Trends.percentRows(THREE_PLUS,
                Periods.numDen(years, perChild, col("_placements").geq(MOVES), "person_id"));
    }

    /**
     * {@code cla_long_term_stability} (LAIT's long-term stability; DfE la_cla_placement_stability.csv): of the children
     * looked after at 31 March aged under 16 at the date (from person_903's month of birth, which gives the age at 31
     * March exactly; no month of birth: not in the cohort) whose period of care open at the date (silver cla_period)
     * started at least 2.5 years before it, those whose current placement started at least 2 years before it. The
     * current placement is the latest-starting placement that started on or before 31 March, temporary moves (T0-T4)
     * not counted (a child on a temporary move at the date is still in the usual placement); a
     * placement for adoption (the DfE's "Placed for adoption" group) that abuts the placement before it counts from
     * that placement's start, as the DfE counts the adoptive placement together with the one before.
     */
    static Dataset<Row> longTermStability(Dataset<Row> years, Dataset<Row> atYearEnd, Dataset<Row> periods,
                                          Dataset<Row> placements, Dataset<Row> person903) {
        Dataset<Row> births = person903.select(col("la_code").as("_b_la"), col("person_id").as("_b_person"),
                col("birth_month").as("_b_month"));
        Dataset<Row> care = periods.select(col("la_code").as("_c_la"), col("person_id").as("_c_person"),
                col("start_date").as("_c_start"), col("end_date").as("_c_end"));
        Dataset<Row> cohort = atYearEnd
                .join(births, col("la_code").equalTo(col("_b_la")).and(col("person_id").equalTo(col("_b_person"))))
                .filter(functions.floor(functions.months_between(col("period_end"), col("_b_month")).divide(12)).lt(UNDER_AGE))
                .join(care, col("la_code").equalTo(col("_c_la")).and(col("person_id").equalTo(col("_c_person")))
                        .and(col("_c_start").leq(col("period_end")))
                        .and(col("_c_end").isNull().or(col("_c_end").gt(col("period_end")))))
                .filter(col("_c_start").leq(functions.add_months(col("period_end"), -CARE_MONTHS)))
                .select(Periods.pcols("person_id"));
        List<String> temporary = groups().stream().filter(Group::temporary).map(Group::code).toList();
        List<String> adoption = groups().stream().filter(g -> g.group().equals(ADOPTION_GROUP)).map(Group::code).toList();
        Column type = upper(trim(col("placement_type")));
        WindowSpec history = Window.partitionBy(col("la_code"), col("person_id")).orderBy(col("start_date"));
        Column together = functions.coalesce(type.isin(adoption.toArray()), lit(false))
                .and(functions.coalesce(functions.lag(col("end_date"), 1).over(history).equalTo(col("start_date")), lit(false)));
        Dataset<Row> p = placements
                .filter(functions.not(functions.coalesce(type.isin(temporary.toArray()), lit(false))))
                .withColumn("_since", functions.when(together, functions.lag(col("start_date"), 1).over(history))
                        .otherwise(col("start_date")))
                .select(col("la_code").as("_p_la"), col("person_id").as("_p_person"), col("start_date").as("_p_start"),
                        col("_since"));
        // the usual placement: a temporary move open at the date does not end it
        Dataset<Row> current = cohort.join(p, col("la_code").equalTo(col("_p_la"))
                        .and(col("person_id").equalTo(col("_p_person")))
                        .and(col("_p_start").leq(col("period_end"))), "left")
                .withColumn("_n", functions.row_number().over(Window.partitionBy(Periods.pcols("person_id"))
                        .orderBy(col("_p_start").desc_nulls_last())))
                .filter(col("_n").equalTo(1));
        return Trends.percentRows(LONG_TERM, Periods.numDen(years, current,
                functions.coalesce(col("_since").leq(functions.add_months(col("period_end"), -SAME_PLACEMENT_MONTHS)), lit(false)),
                "person_id"));
    }

    /**
     * {@code cla_placement_type}: Total = children looked after at 31 March; breakdown {@code placement_group}: the
     * DfE group of their placement type, each as a percent of the Total (a missing or unknown code is in no group).
     */
    static Dataset<Row> placementType(Dataset<Row> years, Dataset<Row> atYearEnd) {
        return Trends.distribution(PLACEMENT_TYPE, years,
                atYearEnd.withColumn("_group", groupOf(col("placement_type"))), "_group", groupNames())
                .withColumn("breakdown", functions.when(col("breakdown").equalTo("_group"), lit(BREAKDOWN))
                        .otherwise(col("breakdown")));
    }
}
