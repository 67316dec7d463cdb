package csc.lakehouse.measures;

import csc.lakehouse.spec.DataSchemas;
import csc.lakehouse.spec.SimpleCsv;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;

/**
 * Breakdowns of a measure's items by the child's age band, sex and ethnic group (issue 15, section 3), and the
 * ethnic groups' rates per 10,000 residents and relative rate index. Pure functions of item frames (one row per
 * counted item, with the period columns) and the children's characteristics; {@link ChildCharacteristicMeasures}
 * applies them to the core measures' items.
 *
 * <p>Age bands are the DfE's (Under 1, 1 to 4, 5 to 9, 10 to 15, 16 and over), from the month of birth (the date
 * is degraded to its month before silver): the age in whole years between the first of the birth month and the
 * measure's date. A child whose birth month is after that date, or who has only an expected birth month, is
 * Unborn. Ethnic groups are the DfE's five major groups of the CBDS codes ({@code data-schemas/reference/ethnic_groups.csv}).
 */
public final class ChildCharacteristics {
    private ChildCharacteristics() {}

    public static final String AGE_BAND = "age_band";
    public static final String SEX = "child_sex";
    public static final String ETHNIC_GROUP = "ethnic_group";

    public static final String UNBORN = "Unborn";
    public static final List<String> AGE_BANDS =
            List.of(UNBORN, "Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over", "Age not known");
    public static final List<String> SEXES = List.of("Male", "Female", "Sex not known");
    public static final String ETHNICITY_NOT_KNOWN = "Ethnicity not known";
    /** the groups the Census counts (rates and the index have a population for these only) */
    public static final List<String> POPULATION_GROUPS = List.of("White", "Mixed", "Asian", "Black", "Other");
    public static final List<String> ETHNIC_GROUPS = concat(POPULATION_GROUPS, ETHNICITY_NOT_KNOWN);
    /** the relative rate index compares each group's rate with this group's */
    public static final String REFERENCE_GROUP = "White";

    /** Breakdown name -> its values, in publishing order. */
    public static final Map<String, List<String>> BREAKDOWNS = breakdowns();

    private static Map<String, List<String>> breakdowns() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(AGE_BAND, AGE_BANDS);
        m.put(SEX, SEXES);
        m.put(ETHNIC_GROUP, ETHNIC_GROUPS);
        return m;
    }

    /**
     * Adds {@link #AGE_BAND}, {@link #SEX} and {@link #ETHNIC_GROUP} to items with {@code la_code} and {@code person_id}.
     *
     * @param people one row per child: la_code, person_id, sex (M/F/U), ethnicity (CBDS), birth_month,
     *               expected_birth_month (either may be missing from the frame)
     * @param ageAt  the date the age is taken at (the event's date, or the snapshot's period_end)
     */
    public static Dataset<Row> withCharacteristics(Dataset<Row> items, Dataset<Row> people, Column ageAt) {
        List<String> have = List.of(people.columns());
        Dataset<Row> p = people.select(col("la_code").as("_c_la"), col("person_id").as("_c_person"),
                col("sex").as("_c_sex"), col("ethnicity").as("_c_eth"),
                col("birth_month").as("_c_birth"),
                (have.contains("expected_birth_month") ? col("expected_birth_month") : lit(null).cast("date")).as("_c_expected"));
        Dataset<Row> j = items.withColumn("_c_at", ageAt.cast("date"))
                .join(p, col("la_code").equalTo(col("_c_la")).and(col("person_id").equalTo(col("_c_person"))), "left");
        Column years = floor(months_between(col("_c_at"), col("_c_birth")).divide(12));
        Column age = when(col("_c_birth").isNotNull().and(col("_c_birth").gt(col("_c_at"))), lit(UNBORN))
                .when(col("_c_birth").isNull().and(col("_c_expected").isNotNull()), lit(UNBORN))
                .when(col("_c_birth").isNull().or(col("_c_at").isNull()), lit("Age not known"))
                .when(years.lt(1), lit("Under 1"))
                .when(years.lt(5), lit("1 to 4"))
                .when(years.lt(10), lit("5 to 9"))
                .when(years.lt(16), lit("10 to 15"))
                .otherwise(lit("16 and over"));
        Column sex = upper(trim(col("_c_sex")));
        Column sexGroup = when(sex.equalTo("M"), lit("Male")).when(sex.equalTo("F"), lit("Female")).otherwise(lit("Sex not known"));
        return j.withColumn(AGE_BAND, age).withColumn(SEX, sexGroup)
                .withColumn(ETHNIC_GROUP, ethnicGroup(upper(trim(col("_c_eth")))))
                .drop("_c_la", "_c_person", "_c_sex", "_c_eth", "_c_birth", "_c_expected", "_c_at");
    }

    /** The CBDS code's major group from data-schemas/reference/ethnic_groups.csv; an unlisted or empty code is not known. */
    static Column ethnicGroup(Column code) {
        Column out = lit(ETHNICITY_NOT_KNOWN);
        for (Map.Entry<String, String> e : EthnicGroups.BY_CODE.entrySet()) {
            out = when(code.equalTo(e.getKey()), lit(e.getValue())).otherwise(out);
        }
        return out;
    }

    private static final class EthnicGroups {
        static final Map<String, String> BY_CODE = load();

        static Map<String, String> load() {
            Map<String, String> m = new LinkedHashMap<>();
            String[] lines = DataSchemas.readText("reference/ethnic_groups.csv").split("\r?\n");
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) continue;
                List<String> c = SimpleCsv.parseLine(lines[i]);
                if (!ETHNIC_GROUPS.contains(c.get(1))) throw new IllegalStateException(
                        "reference/ethnic_groups.csv: " + c.get(0) + " has group " + c.get(1) + ", not one of " + ETHNIC_GROUPS);
                m.put(c.get(0), c.get(1));
            }
            return m;
        }
    }

    /**
     * Counts of items per period by each characteristic: one row per period and (breakdown, value), the Total row
     * included, every value present (0 where none). Each item is unpivoted into its Total, age, sex and ethnic-group
     * rows and counted in one aggregation, so a core measure's distribution, rates and index share one pass.
     *
     * @param items one row per counted item, with the period columns and the three characteristic columns
     * @return period columns, {@code breakdown}, {@code breakdown_value}, {@code n}
     */
    public static Dataset<Row> counts(Dataset<Row> periods, Dataset<Row> items) {
        Dataset<Row> n = unpivot(items).groupBy(Periods.pcols("breakdown", "breakdown_value")).agg(count(lit(1)).as("n"));
        return grid(periods).join(n, Trends.toSeq(Periods.P, "breakdown", "breakdown_value"), "left")
                .withColumn("n", coalesce(col("n"), lit(0L)));
    }

    /** Each item's rows: (Total, Total), (age_band, its band), (child_sex, its sex), (ethnic_group, its group). */
    private static Dataset<Row> unpivot(Dataset<Row> items) {
        Column pairs = array(pair(lit(Trends.TOTAL), lit(Trends.TOTAL)), pair(lit(AGE_BAND), col(AGE_BAND)),
                pair(lit(SEX), col(SEX)), pair(lit(ETHNIC_GROUP), col(ETHNIC_GROUP)));
        return items.withColumn("_bd", explode(pairs))
                .withColumn("breakdown", col("_bd.b")).withColumn("breakdown_value", col("_bd.v")).drop("_bd");
    }

    private static Column pair(Column breakdown, Column value) {
        return struct(breakdown.as("b"), value.as("v"));
    }

    /** Every period with every (breakdown, value) pair, the Total first (a literal array: no join). */
    private static Dataset<Row> grid(Dataset<Row> periods) {
        List<Column> pairs = new ArrayList<>();
        pairs.add(pair(lit(Trends.TOTAL), lit(Trends.TOTAL)));
        for (Map.Entry<String, List<String>> b : BREAKDOWNS.entrySet()) {
            for (String v : b.getValue()) pairs.add(pair(lit(b.getKey()), lit(v)));
        }
        return periods.select(Periods.pcols()).distinct()
                .withColumn("_bd", explode(array(pairs.toArray(new Column[0]))))
                .withColumn("breakdown", col("_bd.b")).withColumn("breakdown_value", col("_bd.v")).drop("_bd");
    }

    private static Column perPeriod(Column c) {
        return c.over(org.apache.spark.sql.expressions.Window.partitionBy(Periods.pcols()));
    }

    /**
     * A distribution by each characteristic: the Total row (count of items) and, for each of the three breakdowns,
     * one row per value with its count and percent of the Total (zeros published as 0).
     *
     * @param counts {@link #counts}
     */
    public static Dataset<Row> distribution(String measureId, Dataset<Row> counts) {
        Column isTotal = col("breakdown").equalTo(Trends.TOTAL);
        Column total = perPeriod(max(when(isTotal, col("n"))));
        return counts.withColumn("_total", total)
                .withColumn("measure_id", lit(measureId))
                .withColumn("numerator", col("n"))
                .withColumn("denominator", when(isTotal, lit(null).cast("long")).otherwise(col("_total")))
                .withColumn("value", when(isTotal, col("n").cast("double"))
                        .otherwise(coalesce(Trends.percent(col("n"), col("_total")), lit(0.0))))
                .withColumn("unit", when(isTotal, lit("count")).otherwise(lit("percent")))
                .drop("n", "_total");
    }

    /**
     * A percentage within each group: the Total row is the measure's percentage over all items, and each breakdown
     * value's row the percentage among the items of that value (numerator and denominator its counts; zeros as 0).
     * Items may repeat (a left join): numerator and denominator count distinct {@code keys}.
     */
    public static Dataset<Row> percentWithin(String measureId, Dataset<Row> periods, Dataset<Row> items,
                                             Column isNumerator, String... keys) {
        Dataset<Row> g = unpivot(items)
                .groupBy(Periods.pcols("breakdown", "breakdown_value"))
                .agg(Periods.distinctNum(isNumerator, keys), Periods.countDistinct(keys).as("den"));
        Dataset<Row> numDen = grid(periods).join(g, Trends.toSeq(Periods.P, "breakdown", "breakdown_value"), "left")
                .withColumn("num", coalesce(col("num"), lit(0L)))
                .withColumn("den", coalesce(col("den"), lit(0L)));
        Column isTotal = col("breakdown").equalTo(Trends.TOTAL);
        return Trends.percentRows(measureId, numDen)
                .withColumn("value", when(isTotal, col("value")).otherwise(coalesce(col("value"), lit(0.0))));
    }

    /**
     * Items per 10,000 residents of each ethnic group (the Total row: of all residents), with the Census 2021
     * population of all ages as the denominator: numerator = the group's items, denominator = its residents.
     * Children of an unknown ethnicity count in the Total only.
     *
     * @param counts     {@link #counts}
     * @param population residents by {@code la_code|group} ({@link #census2021})
     */
    public static Dataset<Row> ethnicityRates(String measureId, Dataset<Row> counts, Map<String, Long> population) {
        return withPopulation(counts, population)
                .withColumn("measure_id", lit(measureId))
                .withColumn("numerator", col("n"))
                .withColumn("denominator", col("population"))
                .withColumn("value", Trends.ratePer10k(col("n"), col("population")))
                .withColumn("unit", lit("rate_per_10000"))
                .drop("n", "population");
    }

    /**
     * The relative rate index: each group's rate per 10,000 residents divided by the {@link #REFERENCE_GROUP}'s
     * (the Total row: all residents' rate over it), to one decimal place (as trends.csv shows an index); null when the reference group has no
     * items. numerator and denominator are the group's items and residents, as in {@link #ethnicityRates}.
     */
    public static Dataset<Row> relativeRateIndex(String measureId, Dataset<Row> counts, Map<String, Long> population) {
        Column rate = col("n").cast("double").divide(col("population"));
        Column isRef = col("breakdown_value").equalTo(REFERENCE_GROUP);
        return withPopulation(counts, population)
                .withColumn("_ref_n", perPeriod(max(when(isRef, col("n")))))
                .withColumn("_ref_rate", perPeriod(max(when(isRef, rate))))
                .withColumn("value", when(col("_ref_n").gt(0).and(col("population").gt(0)), round(rate.divide(col("_ref_rate")), 1)))
                .withColumn("measure_id", lit(measureId))
                .withColumn("numerator", col("n"))
                .withColumn("denominator", col("population"))
                .withColumn("unit", lit("index"))
                .drop("n", "population", "_ref_n", "_ref_rate");
    }

    /**
     * The Total and ethnic-group rows of {@code counts} with {@code population} (the Total: all residents) and a
     * note. The residents are a literal map keyed {@code la_code|group}: a lookup, not a join.
     */
    private static Dataset<Row> withPopulation(Dataset<Row> counts, Map<String, Long> population) {
        Column residents = element_at(map_from_arrays(lit(population.keySet().toArray(new String[0])),
                        lit(population.values().stream().mapToLong(Long::longValue).toArray())),
                functions.concat(col("la_code"), lit("|"), col("breakdown_value")));
        return counts.filter(col("breakdown").equalTo(Trends.TOTAL)
                        .or(col("breakdown").equalTo(ETHNIC_GROUP).and(col("breakdown_value").isin(POPULATION_GROUPS.toArray()))))
                .withColumn("population", residents.cast("long"))
                .withColumn("note", when(col("population").isNull(),
                        lit("no Census 2021 population for the group in data-schemas/reference/ethnic_population_2021.csv: not computed"))
                        .otherwise(lit(CENSUS_NOTE)));
    }

    static final String CENSUS_NOTE = "denominator: Census 2021 usual residents of all ages in the ethnic group "
            + "(ONS, data-schemas/reference/ethnic_population_2021.csv), not the 0-17 population";

    /**
     * The Census 2021 usual residents (all ages) of each LA by major ethnic group, from
     * {@code data-schemas/reference/ethnic_population_2021.csv}, keyed {@code la_code|group} (la_code the DfE number),
     * with {@code la_code|Total} the LA's residents of every group.
     */
    public static Map<String, Long> census2021() {
        Map<String, String> laByNewCode = new LinkedHashMap<>();
        for (LaReference.La la : LaReference.all().values()) laByNewCode.put(la.newLaCode(), la.laCode());
        Map<String, Long> out = new LinkedHashMap<>();
        String[] lines = DataSchemas.readText("reference/ethnic_population_2021.csv").split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            List<String> c = SimpleCsv.parseLine(lines[i]);
            String la = laByNewCode.get(c.get(0));
            if (la == null) continue;
            long n = Long.parseLong(c.get(3));
            out.put(la + "|" + c.get(2), n);
            out.merge(la + "|" + Trends.TOTAL, n, Long::sum);
        }
        return out;
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return List.copyOf(out);
    }
}
