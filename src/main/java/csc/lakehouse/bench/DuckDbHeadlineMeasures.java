package csc.lakehouse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The six headline measures (referrals, rereferrals_12m, assessments_45wd, cpp_31mar, cin_plan_duration,
 * cla_starts_police_protection) in DuckDB SQL, written from measures.md and not from the Spark code, so that the
 * benchmark's agreement check does not share the code it checks. A subclass loads the per-return tables below from
 * its own inputs (the drop's files, or the lakehouse's silver Parquet files); this class computes the figures into
 * {@code ref(measure_id, la, year, breakdown, breakdown_value, numerator, denominator, value)} and compares them with
 * a trends.csv. The tables a subclass loads, one row per item and return (measures.md: "the return is the record of
 * its year; history serves look-backs"):
 * <ul>
 *   <li>{@code cin_years(la, year)}, {@code cla_years(la, year)}: the CIN census and SSDA903 returns held;</li>
 *   <li>{@code referral(la, year, child, referral_date)} and {@code referral_history(la, child, referral_date)},
 *       the de-duplicated history that re-referrals look back over;</li>
 *   <li>{@code assessment(la, year, child, start_date, end_date)} (end = authorisation),
 *       {@code cin_plan(...)}, {@code cp_plan(...)} with the same columns;</li>
 *   <li>{@code episode(la, year, child, decom, rne, ls)}: SSDA903 episodes.</li>
 * </ul>
 */
public abstract class DuckDbHeadlineMeasures {
    protected final Connection db;
    /** a scratch folder for files DuckDB reads (flattened XML, the bank holidays, the LA codes) */
    protected final Path flat;
    /** figures compared by the last {@link #compare} */
    public long compared;

    protected DuckDbHeadlineMeasures(Connection db, Path flat) {
        this.db = db;
        this.flat = flat;
    }

    /** Creates the per-return tables listed in the class comment. */
    public abstract void load() throws IOException, SQLException;

    protected static String q(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    protected void exec(String sql) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute(sql);
        }
    }

    /** The working-day calendar: a cumulative count of working days (not weekend, not a bank holiday) to each date. */
    private void calendar() throws IOException, SQLException {
        Files.createDirectories(flat);
        Path bh = flat.resolve("bank_holidays.csv");
        Files.writeString(bh, csc.lakehouse.spec.DataSchemas.readText("calendar/bank_holidays_england_wales.csv"), StandardCharsets.UTF_8);
        exec("CREATE TABLE bank_holiday AS SELECT CAST(date AS DATE) AS d FROM read_csv(" + q(bh) + ", header=true, all_varchar=true)");
        exec("CREATE TABLE calendar AS SELECT d, sum(CASE WHEN isodow(d) <= 5 AND d NOT IN (SELECT d FROM bank_holiday) THEN 1 ELSE 0 END)"
                + " OVER (ORDER BY d) AS wd FROM (SELECT CAST(g AS DATE) AS d FROM generate_series("
                + " (SELECT make_date(year(min(d)), 1, 1) FROM bank_holiday)::TIMESTAMP,"
                + " (SELECT make_date(year(max(d)), 12, 31) FROM bank_holiday)::TIMESTAMP, INTERVAL 1 DAY) t(g))");
    }

    /** The six measures into {@code ref}, in the trends.csv conventions (reporting year Y = 1 April Y-1 to 31 March Y). */
    public void measures() throws IOException, SQLException {
        calendar();
        exec("CREATE TABLE cin_period AS SELECT DISTINCT la, year, make_date(year - 1, 4, 1) AS ps, make_date(year, 3, 31) AS pe FROM cin_years");
        exec("CREATE TABLE cla_period_y AS SELECT DISTINCT la, year, make_date(year - 1, 4, 1) AS ps, make_date(year, 3, 31) AS pe FROM cla_years");
        exec("CREATE TABLE ref (measure_id VARCHAR, la VARCHAR, year INTEGER, breakdown VARCHAR, breakdown_value VARCHAR,"
                + " numerator BIGINT, denominator BIGINT, value DOUBLE)");
        String pct = "CASE WHEN den > 0 THEN round(100.0 * num / den, 1) END";
        // referrals: return Y's referrals (child, referral date) dated in year Y, NFA included
        exec("INSERT INTO ref SELECT 'referrals', p.la, p.year, 'Total', 'Total', count(r.child), NULL, count(r.child)"
                + " FROM cin_period p LEFT JOIN referral r ON r.la = p.la AND r.year = p.year AND r.referral_date BETWEEN p.ps AND p.pe"
                + " GROUP BY p.la, p.year");
        // rereferrals_12m: of those, the ones whose child has another referral in the history with an earlier date on
        // or after this date minus 12 months; a look-back measure, so published only where return Y-1 is held too
        exec("INSERT INTO ref SELECT 'rereferrals_12m', la, year, 'Total', 'Total', num, den, " + pct + " FROM ("
                + " SELECT p.la, p.year, count(r.child) AS den, count(r.child) FILTER (WHERE EXISTS (SELECT 1 FROM referral_history h"
                + "   WHERE h.la = r.la AND h.child = r.child AND h.referral_date < r.referral_date"
                + "   AND h.referral_date >= r.referral_date - INTERVAL 12 MONTH)) AS num"
                + " FROM cin_period p LEFT JOIN referral r ON r.la = p.la AND r.year = p.year AND r.referral_date BETWEEN p.ps AND p.pe"
                + " WHERE EXISTS (SELECT 1 FROM cin_years y WHERE y.la = p.la AND y.year = p.year - 1) GROUP BY p.la, p.year)");
        // assessments_45wd: return Y's assessments authorised in year Y, start not after authorisation; within = at
        // most 45 working days from the day after the start (a date outside the calendar's years is not within)
        exec("INSERT INTO ref SELECT 'assessments_45wd', la, year, 'Total', 'Total', num, den, " + pct + " FROM ("
                + " SELECT p.la, p.year, count(a.child) AS den, count(a.child) FILTER (WHERE ce.wd - cs.wd <= 45) AS num"
                + " FROM cin_period p LEFT JOIN assessment a ON a.la = p.la AND a.year = p.year AND a.end_date BETWEEN p.ps AND p.pe"
                + " AND a.start_date <= a.end_date"
                + " LEFT JOIN calendar cs ON cs.d = a.start_date LEFT JOIN calendar ce ON ce.d = a.end_date GROUP BY p.la, p.year)");
        // cpp_31mar: return Y's CP plans open at 31 March Y (start on or before, end empty or after)
        exec("INSERT INTO ref SELECT 'cpp_31mar', p.la, p.year, 'Total', 'Total', count(c.child), NULL, count(c.child)"
                + " FROM cin_period p LEFT JOIN cp_plan c ON c.la = p.la AND c.year = p.year AND c.start_date <= p.pe"
                + " AND (c.end_date IS NULL OR c.end_date > p.pe) GROUP BY p.la, p.year");
        // cin_plan_duration: children on a CIN plan of return Y open at 31 March Y, by calendar months since the
        // (latest) plan start; Total = children, bands = percent of them
        exec("CREATE TABLE cin_plan_open AS SELECT la, year, CASE"
                + " WHEN start_date + INTERVAL 24 MONTH <= pe THEN '24m+' WHEN start_date + INTERVAL 12 MONTH <= pe THEN '12-<24m'"
                + " WHEN start_date + INTERVAL 9 MONTH <= pe THEN '9-<12m' ELSE '<9m' END AS band FROM ("
                + " SELECT p.la, p.year, p.pe, c.child, max(c.start_date) AS start_date FROM cin_period p JOIN cin_plan c"
                + " ON c.la = p.la AND c.year = p.year AND c.start_date <= p.pe AND (c.end_date IS NULL OR c.end_date > p.pe)"
                + " GROUP BY p.la, p.year, p.pe, c.child)");
        exec("INSERT INTO ref SELECT 'cin_plan_duration', p.la, p.year, 'Total', 'Total', count(o.band), NULL, count(o.band)"
                + " FROM cin_period p LEFT JOIN cin_plan_open o ON o.la = p.la AND o.year = p.year GROUP BY p.la, p.year");
        exec("INSERT INTO ref SELECT 'cin_plan_duration', la, year, 'duration_band', band, n, total,"
                + " CASE WHEN total > 0 THEN round(100.0 * n / total, 1) ELSE 0 END FROM ("
                + " SELECT p.la, p.year, b.band, (SELECT count(*) FROM cin_plan_open o WHERE o.la = p.la AND o.year = p.year AND o.band = b.band) AS n,"
                + " (SELECT count(*) FROM cin_plan_open o WHERE o.la = p.la AND o.year = p.year) AS total"
                + " FROM cin_period p CROSS JOIN (VALUES ('<9m'), ('9-<12m'), ('12-<24m'), ('24m+')) b(band))");
        // measures.md, "items that could not exist yet": CIN plan durations before the first census holding
        // CINPlanDates are x (not collected), never 0; the year is data (data-schemas/collected_from.yaml)
        exec("UPDATE ref SET numerator = NULL, denominator = NULL, value = NULL WHERE measure_id = 'cin_plan_duration'"
                + " AND year < " + firstCollectionYear("cin_plan"));
        // cla_starts_police_protection: children starting to be looked after in year Y (return Y's episodes with RNE S,
        // not a V3/V4 short break), each at the first such start; those whose first episode's legal status is L1
        exec("CREATE TABLE cla_first_start AS SELECT la, year, child, ls FROM ("
                + " SELECT p.la, p.year, e.child, upper(trim(e.ls)) AS ls,"
                + " row_number() OVER (PARTITION BY p.la, p.year, e.child ORDER BY e.decom) AS n"
                + " FROM cla_period_y p JOIN episode e ON e.la = p.la AND e.year = p.year AND e.decom BETWEEN p.ps AND p.pe"
                + " WHERE upper(trim(e.rne)) = 'S' AND coalesce(upper(trim(e.ls)) NOT IN ('V3', 'V4'), true)) WHERE n = 1");
        exec("INSERT INTO ref SELECT 'cla_starts_police_protection', la, year, 'Total', 'Total', num, den, " + pct + " FROM ("
                + " SELECT p.la, p.year, count(s.child) AS den, count(s.child) FILTER (WHERE s.ls = 'L1') AS num"
                + " FROM cla_period_y p LEFT JOIN cla_first_start s ON s.la = p.la AND s.year = p.year GROUP BY p.la, p.year)");
    }

    @SuppressWarnings("unchecked")
    private static int firstCollectionYear(String item) {
        Map<String, Object> all = csc.lakehouse.spec.DataSchemas.readYaml("collected_from.yaml", Map.class);
        Object y = ((Map<String, Object>) ((Map<String, Object>) all.get("items")).get(item)).get("first_collection_year");
        return ((Number) y).intValue();
    }

    /** The measure ids the reference computed, in the order its SQL computes them. */
    public List<String> measureIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT measure_id FROM ref GROUP BY measure_id ORDER BY min(rowid)")) {
            while (rs.next()) ids.add(rs.getString(1));
        }
        return ids;
    }

    /**
     * Every reference figure against a trends.csv (read by column name), and every row of those measures there against
     * the reference (a row on one side only is a difference); one line per difference.
     */
    public List<String> compare(Path trendsCsv) throws SQLException, IOException {
        Path laCodes = flat.resolve("la_codes.csv");
        Files.writeString(laCodes, csc.lakehouse.spec.DataSchemas.readText("reference/la_codes.csv"), StandardCharsets.UTF_8);
        String ids = String.join(", ", measureIds().stream().map(m -> "'" + m + "'").toList());
        exec("DROP TABLE IF EXISTS spark");
        exec("DROP TABLE IF EXISTS duck");
        exec("CREATE TABLE spark AS SELECT measure_id, new_la_code, time_period, breakdown, breakdown_value,"
                + " try_cast(numerator AS BIGINT) AS numerator, try_cast(denominator AS BIGINT) AS denominator, try_cast(value AS DOUBLE) AS value"
                + " FROM read_csv(" + q(trendsCsv) + ", header=true, all_varchar=true)"
                + " WHERE measure_id IN (" + ids + ") AND time_identifier = 'Reporting year'"
                + " AND (breakdown = 'Total' OR measure_id = 'cin_plan_duration')");
        exec("CREATE TABLE duck AS SELECT r.measure_id, coalesce(l.new_la_code, r.la) AS new_la_code,"
                + " CAST(r.year - 1 AS VARCHAR) || right(CAST(r.year AS VARCHAR), 2) AS time_period,"
                + " r.breakdown, r.breakdown_value, r.numerator, r.denominator, r.value FROM ref r"
                + " LEFT JOIN read_csv(" + q(laCodes) + ", header=true, all_varchar=true) l ON l.la_code = r.la");
        try (Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM duck")) {
                rs.next();
                compared = rs.getLong(1);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT coalesce(s.measure_id, d.measure_id), coalesce(s.new_la_code, d.new_la_code),"
                    + " coalesce(s.time_period, d.time_period), coalesce(s.breakdown, d.breakdown), coalesce(s.breakdown_value, d.breakdown_value),"
                    + " s.measure_id IS NULL AS no_spark, d.measure_id IS NULL AS no_duck,"
                    + " s.numerator, s.denominator, s.value, d.numerator, d.denominator, d.value"
                    + " FROM spark s FULL OUTER JOIN duck d ON s.measure_id = d.measure_id AND s.new_la_code = d.new_la_code"
                    + " AND s.time_period = d.time_period AND s.breakdown = d.breakdown AND s.breakdown_value = d.breakdown_value"
                    + " WHERE s.measure_id IS NULL OR d.measure_id IS NULL"
                    + " OR s.numerator IS DISTINCT FROM d.numerator OR s.denominator IS DISTINCT FROM d.denominator"
                    + " OR (s.value IS NULL) <> (d.value IS NULL) OR abs(s.value - d.value) > 0.051"
                    + " ORDER BY 1, 2, 3, 4, 5")) {
                while (rs.next()) {
                    out.add(String.format(Locale.ROOT, "%s | %s | %s | %s | %s | %s | %s", rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getBoolean(6) ? "(no row)" : rs.getString(8) + "/" + rs.getString(9) + "/" + rs.getString(10),
                            rs.getBoolean(7) ? "(no row)" : rs.getString(11) + "/" + rs.getString(12) + "/" + rs.getString(13)));
                }
            }
            return out;
        }
    }
}
