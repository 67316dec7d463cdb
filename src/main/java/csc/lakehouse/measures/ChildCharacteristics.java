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
     * A distribution by each characteristic: the Total row (count of items) and, for each of the three breakdowns,
     * one row per value with its count and percent of the Total (zeros published as 0).
     *
     * @param items one row per counted item, with the period columns and the three characteristic columns
     */
    public static Dataset<Row> distribution(String measureId, Dataset<Row> periods, Dataset<Row> items) {
        Dataset<Row> out = null;
        for (Map.Entry<String, List<String>> b : BREAKDOWNS.entrySet()) {
            Dataset<Row> d = Trends.distribution(measureId, periods, items, b.getKey(), b.getValue());
            // each breakdown carries the same Total row: keep the first one
            out = out == null ? d : out.unionByName(d.filter(col("breakdown").notEqual(Trends.TOTAL)));
        }
        return out;
    }

    /**
     * A percentage within each group: the Total row is the measure's percentage over all items, and each breakdown
     * value's row the percentage among the items of that value (numerator and denominator its counts; zeros as 0).
     * Items may repeat (a left join): numerator and denominator count distinct {@code keys}.
     */
    public static Dataset<Row> percentWithin(String measureId, Dataset<Row> periods, Dataset<Row> items,
                                             Column isNumerator, String... keys) {
        Dataset<Row> out = Trends.percentRows(measureId, Periods.numDen(periods, items, isNumerator, keys))
                .withColumn("breakdown", lit(Trends.TOTAL)).withColumn("breakdown_value", lit(Trends.TOTAL));
        for (Map.Entry<String, List<String>> b : BREAKDOWNS.entrySet()) {
            Dataset<Row> byValue = numDenBy(periods, items, isNumerator, b.getKey(), b.getValue(), keys);
            out = out.unionByName(Trends.percentRows(measureId, byValue)
                    .withColumn("value", coalesce(col("value"), lit(0.0)))
                    .withColumn("breakdown", lit(b.getKey())));
        }
        return out;
    }

    /** Per period and value of {@code dimension} (every value, zeros where none): distinct items {@code den} and {@code num}. */
    private static Dataset<Row> numDenBy(Dataset<Row> periods, Dataset<Row> items, Column isNumerator, String dimension,
                                        List<String> values, String... keys) {
        Column[] numKeys = new Column[keys.length];
        Column[] denKeys = new Column[keys.length];
        for (int i = 0; i < keys.length; i++) {
            numKeys[i] = when(isNumerator, col(keys[i]));
            denKeys[i] = col(keys[i]);
        }
        Dataset<Row> g = items.groupBy(Periods.pcols(dimension)).agg(
                count_distinct(numKeys[0], java.util.Arrays.copyOfRange(numKeys, 1, keys.length)).as("num"),
                count_distinct(denKeys[0], java.util.Arrays.copyOfRange(denKeys, 1, keys.length)).as("den"))
                .withColumnRenamed(dimension, "breakdown_value");
        return grid(periods, values).join(g, Trends.toSeq(Periods.P, "breakdown_value"), "left")
                .withColumn("num", coalesce(col("num"), lit(0L)))
                .withColumn("den", coalesce(col("den"), lit(0L)));
    }

    /** Every period (its columns, with reporting_year when the periods have it) crossed with every value. */
    private static Dataset<Row> grid(Dataset<Row> periods, List<String> values) {
        List<Column> c = new ArrayList<>(List.of(Periods.pcols()));
        if (List.of(periods.columns()).contains("reporting_year")) c.add(col("reporting_year"));
        return periods.select(c.toArray(new Column[0])).distinct()
                .crossJoin(periods.sparkSession().createDataset(values, org.apache.spark.sql.Encoders.STRING()).toDF("breakdown_value"));
    }

    /**
     * Items per 10,000 residents of each ethnic group (the Total row: of all residents), with the Census 2021
     * population of all ages as the denominator: numerator = the group's items, denominator = its residents.
     * Children of an unknown ethnicity count in the Total only.
     *
     * @param population la_code, ethnic_group, population ({@link #census2021})
     */
    public static Dataset<Row> ethnicityRates(String measureId, Dataset<Row> periods, Dataset<Row> items,
                                              Dataset<Row> population) {
        return groupCounts(periods, items, population)
                .withColumn("measure_id", lit(measureId))
                .withColumn("numerator", col("n"))
                .withColumn("denominator", col("population"))
                .withColumn("value", Trends.ratePer10k(col("n"), col("population")))
                .withColumn("unit", lit("rate_per_10000"))
                .drop("n", "population");
    }

    /**
     * The relative rate index: each group's rate per 10,000 residents divided by the {@link #REFERENCE_GROUP}'s
     * (the Total row: all residents' rate over it), to two decimal places; null when the reference group has no
     * items. numerator and denominator are the group's items and residents, as in {@link #ethnicityRates}.
     */
    public static Dataset<Row> relativeRateIndex(String measureId, Dataset<Row> periods, Dataset<Row> items,
                                                 Dataset<Row> population) {
        Dataset<Row> counts = groupCounts(periods, items, population);
        Dataset<Row> ref = counts.filter(col("breakdown_value").equalTo(REFERENCE_GROUP))
                .select(col("la_code").as("_r_la"), col("time_period").as("_r_tp"), col("time_identifier").as("_r_ti"),
                        col("n").as("_r_n"), col("population").as("_r_pop"));
        Column rate = col("n").cast("double").divide(col("population"));
        Column refRate = col("_r_n").cast("double").divide(col("_r_pop"));
        return counts.join(ref, col("la_code").equalTo(col("_r_la")).and(col("time_period").equalTo(col("_r_tp")))
                        .and(col("time_identifier").equalTo(col("_r_ti"))), "left")
                .withColumn("value", when(col("_r_n").gt(0).and(col("population").gt(0)), round(rate.divide(refRate), 2)))
                .withColumn("measure_id", lit(measureId))
                .withColumn("numerator", col("n"))
                .withColumn("denominator", col("population"))
                .withColumn("unit", lit("index"))
                .drop("n", "population", "_r_la", "_r_tp", "_r_ti", "_r_n", "_r_pop");
    }

    /** Total and per-group rows of {@code n} (items) and {@code population}, with breakdown columns. */
    private static Dataset<Row> groupCounts(Dataset<Row> periods, Dataset<Row> items, Dataset<Row> population) {
        Dataset<Row> perGroup = items.groupBy(Periods.pcols(ETHNIC_GROUP)).agg(count(lit(1)).as("n"))
                .withColumnRenamed(ETHNIC_GROUP, "breakdown_value");
        Dataset<Row> groups = grid(periods, POPULATION_GROUPS)
                .join(perGroup, Trends.toSeq(Periods.P, "breakdown_value"), "left")
                .withColumn("n", coalesce(col("n"), lit(0L)))
                .join(population.withColumnRenamed("ethnic_group", "breakdown_value"), Periods.seq("la_code", "breakdown_value"), "left")
                .withColumn("breakdown", lit(ETHNIC_GROUP));
        Dataset<Row> total = items.groupBy(Periods.pcols()).agg(count(lit(1)).as("n"));
        Dataset<Row> allResidents = population.groupBy("la_code").agg(sum("population").as("population"));
        Dataset<Row> totals = grid(periods, List.of(Trends.TOTAL)).drop("breakdown_value")
                .join(total, Trends.toSeq(Periods.P), "left")
                .withColumn("n", coalesce(col("n"), lit(0L)))
                .join(allResidents, Periods.seq("la_code"), "left")
                .withColumn("breakdown", lit(Trends.TOTAL)).withColumn("breakdown_value", lit(Trends.TOTAL));
        return totals.unionByName(groups)
                .withColumn("population", col("population").cast("long"))
                .withColumn("note", when(col("population").isNull(),
                        lit("no Census 2021 population for the group in data-schemas/reference/ethnic_population_2021.csv: not computed"))
                        .otherwise(lit(CENSUS_NOTE)));
    }

    static final String CENSUS_NOTE = "denominator: Census 2021 usual residents of all ages in the ethnic group "
            + "(ONS, data-schemas/reference/ethnic_population_2021.csv), not the 0-17 population";

    /**
     * The Census 2021 usual residents (all ages) of each LA by major ethnic group, from
     * {@code data-schemas/reference/ethnic_population_2021.csv}: la_code (the DfE number), ethnic_group, population.
     */
    public static Dataset<Row> census2021(SparkSession spark) {
        Map<String, String> laByNewCode = new LinkedHashMap<>();
        for (LaReference.La la : LaReference.all().values()) laByNewCode.put(la.newLaCode(), la.laCode());
        List<Row> rows = new ArrayList<>();
        String[] lines = DataSchemas.readText("reference/ethnic_population_2021.csv").split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            List<String> c = SimpleCsv.parseLine(lines[i]);
            String la = laByNewCode.get(c.get(0));
            if (la != null) rows.add(RowFactory.create(la, c.get(2), Long.parseLong(c.get(3))));
        }
        StructType s = new StructType().add("la_code", DataTypes.StringType).add("ethnic_group", DataTypes.StringType)
                .add("population", DataTypes.LongType);
        return spark.createDataFrame(rows, s);
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return List.copyOf(out);
    }
}
