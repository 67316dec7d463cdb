package csc.lakehouse.measures;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;

/**
 * Children looked after who went missing or were away from placement without authorisation (SSDA903 missing
 * episodes; the DfE's "children looked after who had a missing incident during the year"): {@code gold.cla_missing}.
 * The cohort is the children looked after at any time in the year; incidents are silver {@code missing_episode}
 * (MIS_START in the year), one per child and start date.
 */
public final class MissingMeasures implements MeasureFamily {
    /** MISSING codes (data-schemas/codelists/cla_missing.csv). */
    public static final String MISSING = "M";
    public static final String AWAY = "A";
    public static final String CLA_MISSING = "cla_missing";
    public static final String CLA_AWAY = "cla_away";
    public static final String INCIDENTS_PER_CHILD = "cla_missing_incidents_per_child";

    @Override
    public String name() { return "cla_missing"; }

    @Override
    public List<MeasureDefinition> definitions() {
        return MeasureDefinition.of(CLA_MISSING, CLA_AWAY, INCIDENTS_PER_CHILD);
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> years = ctx.reportingYears(MeasureContext.SSDA903);
        Dataset<Row> cohort = lookedAfterDuringYear(years, ctx.returnRows("cla_episode"));
        Dataset<Row> incidents = ctx.table("missing_episode");
        return CinMeasureSupport.shapeAll(List.of(
                childrenWith(CLA_MISSING, MISSING, years, cohort, incidents),
                childrenWith(CLA_AWAY, AWAY, years, cohort, incidents),
                incidentsPerChild(years, cohort, incidents)));
    }

    /**
     * Children looked after at some time in year Y: return Y's episodes with DECOM on or before 31 March and DEC
     * empty or on or after 1 April, short breaks (V3/V4) excluded. Columns: period columns, person_id (distinct).
     */
    static Dataset<Row> lookedAfterDuringYear(Dataset<Row> years, Dataset<Row> episodes) {
        // the return serving the year (as Periods.duringInReturn): collection_year = the period's return_year
        return episodes.filter(CeasedCareMeasures.notShortBreak())
                .join(years.select(Periods.pcols("return_year")), Periods.seq("la_code"))
                .filter(col("collection_year").isNull().or(col("collection_year").equalTo(col("return_year"))))
                .filter(col("start_date").leq(col("period_end"))
                        .and(col("end_date").isNull().or(col("end_date").geq(col("period_start")))))
                .select(Periods.pcols("person_id")).distinct();
    }

    /** Incidents of the given MISSING type starting in the year, of children in the cohort (period columns kept). */
    static Dataset<Row> incidentsInYear(String type, Dataset<Row> cohort, Dataset<Row> incidents) {
        Dataset<Row> i = incidents.filter(functions.coalesce(upper(trim(col("missing_type"))).equalTo(type), lit(false)))
                .select(col("la_code").as("_i_la"), col("person_id").as("_i_person"), col("start_date").as("_i_start"));
        return cohort.join(i, col("la_code").equalTo(col("_i_la")).and(col("person_id").equalTo(col("_i_person")))
                .and(col("_i_start").between(col("period_start"), col("period_end"))));
    }

    /** Of the cohort, the children with an incident of the type starting in the year. */
    static Dataset<Row> childrenWith(String measureId, String type, Dataset<Row> years, Dataset<Row> cohort,
                                     Dataset<Row> incidents) {
        Dataset<Row> flagged = cohort.join(incidentsInYear(type, cohort, incidents)
                        .select(col("la_code").as("_f_la"), col("time_period").as("_f_tp"), col("person_id").as("_f_person"))
                        .distinct(),
                col("la_code").equalTo(col("_f_la")).and(col("time_period").equalTo(col("_f_tp")))
                        .and(col("person_id").equalTo(col("_f_person"))), "left");
        return Trends.percentRows(measureId, Periods.numDen(years, flagged, col("_f_person").isNotNull(), "person_id"));
    }

    /**
     * {@code cla_missing_incidents_per_child}: missing incidents (type M, distinct child and start date) starting in
     * the year, of children looked after during it, per child with one (numerator = incidents, denominator =
     * children); null where no child went missing.
     */
    static Dataset<Row> incidentsPerChild(Dataset<Row> years, Dataset<Row> cohort, Dataset<Row> incidents) {
        Dataset<Row> i = incidentsInYear(MISSING, cohort, incidents);
        Dataset<Row> g = i.groupBy(Periods.pcols()).agg(
                Periods.countDistinct("person_id", "_i_start").as("num"), functions.countDistinct(col("person_id")).as("den"));
        Column value = functions.when(col("den").gt(0), functions.round(col("num").cast("double").divide(col("den")), 1));
        return years.select(Periods.pcols()).join(g, Periods.pseq(), "left")
                .withColumn("num", functions.coalesce(col("num"), lit(0L)))
                .withColumn("den", functions.coalesce(col("den"), lit(0L)))
                .withColumn("measure_id", lit(INCIDENTS_PER_CHILD))
                .withColumn("numerator", col("num").cast("long"))
                .withColumn("denominator", col("den").cast("long"))
                .withColumn("value", value)
                .withColumn("unit", lit("mean"))
                .drop("num", "den");
    }
}
