package csc.lakehouse.cli;

import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.config.PseudonymKey;
import csc.lakehouse.conform.Pseudonymiser;
import csc.lakehouse.ingest.FileRejected;
import csc.lakehouse.ingest.cin.CinCensusReader;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Progress;
import csc.lakehouse.lake.RunManifest;
import csc.lakehouse.lake.SparkSessions;
import csc.lakehouse.measures.MeasuresJob;
import csc.lakehouse.pipeline.IngestAndConform;
import csc.lakehouse.pipeline.PipelineRun;
import csc.lakehouse.synth.Generator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./csc bench}: architecture.md section 6. Generates (or reuses) a synthetic drop, runs ingest, measures
 * and publish into a fresh temporary lakehouse timing each stage, then computes six headline measures
 * (referrals, rereferrals_12m, assessments_45wd, cpp_31mar, cin_plan_duration, cla_starts_police_protection)
 * again from the same drop in embedded DuckDB, written independently from the Spark code from measures.md,
 * and compares every figure with the pipeline's trends.csv. Exit 1 and a list of differences when any
 * figure disagrees. The last line is
 * {@code bench scale=<scale> rows=<rows> spark_s=<s> duckdb_s=<s> ratio=<spark_s/duckdb_s> peak_rss_mb=<MB>
 * jobs=<Spark jobs> tasks=<Spark tasks> commits=<Delta commits> files=<data files written>} (the last four count the
 * Spark side's ingest, measures and publish).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the pipeline on a synthetic drop against a DuckDB reference implementation of six headline measures.")
public final class BenchCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    SyntheticDropOptions synthetic;

    @Option(names = "--drop", paramLabel = "DIR",
            description = "where the synthetic drop is generated or reused (default: bench-drops/seed-<seed>-scale-<scale>-<from>-<to>)")
    Path drop;

    @Option(names = "--keep", description = "keep the temporary lakehouse, outputs and DuckDB flat files (their folder is printed)")
    boolean keep;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*], or what spark-submit set)")
    String master;

    @Option(names = "--shuffle-partitions", paramLabel = "N", defaultValue = "4",
            description = "Spark SQL shuffle partitions (default: ${DEFAULT-VALUE})")
    int shufflePartitions;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "pseudonym key file (else CSC_PSEUDONYM_KEY / CSC_PSEUDONYM_KEY_FILE, else the demo key: synthetic data only)")
    String keyFile;

    @Option(names = "--debug", description = "print stack traces")
    boolean debug;

    @Option(names = "--duckdb-only", description = "diagnostic: time only the DuckDB side (no Spark, no comparison, no contract line)")
    boolean duckdbOnly;

    private final Map<String, Double> stages = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        synthetic.check();
        String scale = synthetic.scale;
        Path dropDir = drop != null ? drop
                : Paths.get("bench-drops", "seed-" + synthetic.seed + "-scale-" + scale + "-" + synthetic.from + "-" + synthetic.to);
        long rows = ensureDrop(dropDir);

        Path work = Files.createTempDirectory("csc-bench-");
        if (duckdbOnly) {
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
                DuckDbReference ref = new DuckDbReference(db, dropDir, work.resolve("duckdb"));
                long t = System.nanoTime();
                ref.flatten();
                stage("duckdb.flatten_xml", t);
                t = System.nanoTime();
                ref.load();
                stage("duckdb.load", t);
                t = System.nanoTime();
                ref.measures();
                stage("duckdb.measures", t);
                for (Map.Entry<String, Double> e : stages.entrySet()) {
                    System.out.printf(Locale.ROOT, "stage %-22s %9.2f s%n", e.getKey(), e.getValue());
                }
                System.out.println(String.format(Locale.ROOT, "bench duckdb-only scale=%s rows=%d duckdb_s=%.2f peak_rss_mb=%d (not compared)",
                        scale, rows, sum("duckdb."), peakRssMb()));
                return Csc.OK;
            } finally {
                if (!keep) deleteTree(work);
            }
        }
        try {
            // ---- Spark: the pipeline's own stages into a fresh lakehouse ----
            PseudonymKey key = benchKey();
            long t = System.nanoTime();
            SparkSession spark = SparkSessions.embedded(master, shufflePartitions);
            Pseudonymiser.register(spark, key);
            stage("spark.session", t);
            Lakehouse lake = new Lakehouse(spark, work.resolve("lakehouse").toString());
            RunManifest manifest = new RunManifest("bench");
            csc.lakehouse.lake.WorkCounter.Snapshot work0 = csc.lakehouse.lake.WorkCounter.snapshot();
            manifest.parameter("input", dropDir.toString()).parameter("lakehouse", lake.root());
            PipelineRun pipeline = new PipelineRun(spark, lake, manifest);
            t = System.nanoTime();
            IngestAndConform.Result ingested = pipeline.ingest(dropDir.toString(), null, false, List.of());
            stage("spark.ingest", t);
            if (ingested.nothingUsable()) throw new IllegalStateException("no usable input in " + dropDir);
            t = System.nanoTime();
            pipeline.measures(new MeasuresJob.Options(null, null, null, false, null));
            stage("spark.measures", t);
            t = System.nanoTime();
            Path out = work.resolve("out");
            pipeline.publish(out, null);
            stage("spark.publish", t);
            double sparkS = sum("spark.");
            csc.lakehouse.lake.WorkCounter.Snapshot sparkWork = csc.lakehouse.lake.WorkCounter.snapshot().since(work0);

            // ---- DuckDB: the reference implementation on the same drop ----
            List<String> diffs;
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
                DuckDbReference ref = new DuckDbReference(db, dropDir, work.resolve("duckdb"));
                t = System.nanoTime();
                ref.flatten();
                stage("duckdb.flatten_xml", t);
                t = System.nanoTime();
                ref.load();
                stage("duckdb.load", t);
                t = System.nanoTime();
                ref.measures();
                stage("duckdb.measures", t);
                double duckS = sum("duckdb.");
                t = System.nanoTime();
                diffs = ref.compare(out.resolve("trends.csv"));
                long compared = ref.compared;
                stage("compare", t);
                for (Map.Entry<String, Double> e : stages.entrySet()) {
                    System.out.printf(Locale.ROOT, "stage %-22s %9.2f s%n", e.getKey(), e.getValue());
                }
                System.out.printf(Locale.ROOT, "compared %d figures of %s: %d difference(s)%n", compared,
                        String.join(", ", ref.measureIds()), diffs.size());
                if (keep) System.out.println("kept: " + work.toAbsolutePath());
                if (!diffs.isEmpty()) {
                    System.out.println("measure_id | new_la_code | time_period | breakdown | breakdown_value | spark num/den/value | duckdb num/den/value");
                    for (String d : diffs) System.out.println("  " + d);
                    System.out.println("bench FAILED: " + diffs.size() + " figure(s) differ between Spark and DuckDB");
                    return Csc.FAILED;
                }
                if (compared == 0) {
                    System.out.println("bench FAILED: nothing was compared");
                    return Csc.FAILED;
                }
                // the Spark side's work (ingest, measures, publish) after the timings: machine-independent figures
                System.out.println(String.format(Locale.ROOT, "bench scale=%s rows=%d spark_s=%.2f duckdb_s=%.2f ratio=%.2f peak_rss_mb=%d %s",
                        scale, rows, sparkS, duckS, duckS > 0 ? sparkS / duckS : 0.0, peakRssMb(), sparkWork.line()));
                return Csc.OK;
            }
        } finally {
            if (!keep) deleteTree(work);
        }
    }

    private PseudonymKey benchKey() {
        if (keyFile != null || System.getenv("CSC_PSEUDONYM_KEY") != null || System.getenv("CSC_PSEUDONYM_KEY_FILE") != null) {
            return PseudonymKey.resolve(keyFile);
        }
        return PseudonymKey.demoKey();
    }

    private void stage(String name, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        stages.put(name, s);
        Progress.say("bench: %s %.2f s", name, s);
    }

    private double sum(String prefix) {
        return stages.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue).sum();
    }

    /** Generates the drop unless it already holds these parameters; returns its input rows. */
    private long ensureDrop(Path dir) throws Exception {
        long t = System.nanoTime();
        long rows = synthetic.generateOrReuse(dir, "_bench.txt");
        stage("generate or reuse the drop (not timed in spark_s/duckdb_s)", t);
        return rows;
    }

    /** Peak resident set size of this JVM (VmHWM), in MB; -1 where /proc is not available. */
    static long peakRssMb() {
        try {
            for (String l : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }

    /**
     * The six measures in DuckDB SQL, from the files of the drop: the CIN census XML flattened to CSV with
     * the project's StAX reader ({@link CinCensusReader#parse}, no Spark), the SSDA903 episodes CSVs read
     * with read_csv. Written from measures.md, not from the Spark code.
     */
    static final class DuckDbReference {
        private static final Pattern LA_FOLDER = Pattern.compile("(?:^|/)la=([0-9A-Za-z]+)/");
        private final Connection db;
        private final Path drop;
        private final Path flat;
        long compared;

        DuckDbReference(Connection db, Path drop, Path flat) {
            this.db = db;
            this.drop = drop.toAbsolutePath();
            this.flat = flat;
        }

        private static String q(Path p) {
            return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
        }

        private static String laHint(Path file, Path root) {
            Matcher m = LA_FOLDER.matcher(root.relativize(file).toString().replace('\\', '/'));
            return m.find() ? m.group(1) : null;
        }

        private List<Path> files(String glob) throws IOException {
            java.nio.file.PathMatcher pm = drop.getFileSystem().getPathMatcher("glob:" + glob);
            try (Stream<Path> s = Files.walk(drop)) {
                return s.filter(Files::isRegularFile).filter(p -> pm.matches(drop.relativize(p))).sorted().toList();
            }
        }

        /**
         * CIN census XML to four CSVs (la, collection year, child, dates). Column positions follow
         * CinCensusReader's record kinds: carried columns first (LAchildID, CINreferralDate), then the
         * element's leaf fields in their declared order.
         */
        void flatten() throws IOException, FileRejected {
            Files.createDirectories(flat);
            List<Path> xml = new ArrayList<>(files("cin_census/*.xml"));
            xml.addAll(files("la=*/cin_census/*.xml"));
            try (BufferedWriter years = csv("cin_years", "la,year");
                 BufferedWriter det = csv("cin_details", "la,year,child,referral_date,closure_date,nfa");
                 BufferedWriter ass = csv("cin_assessment", "la,year,child,start_date,authorisation_date");
                 BufferedWriter plan = csv("cin_plan", "la,year,child,start_date,end_date");
                 BufferedWriter cpp = csv("cin_cpp", "la,year,child,start_date,end_date")) {
                for (Path f : xml) {
                    CinCensusReader.Parsed p;
                    try (InputStream in = Files.newInputStream(f)) {
                        p = CinCensusReader.parse(in);
                    }
                    String la = p.laCode() != null ? p.laCode() : laHint(f, drop);
                    String y = String.valueOf(p.collectionYear());
                    line(years, la, y);
                    // CINdetails: LAchildID, CINreferralDate, ReferralSource, PrimaryNeedCode, CINclosureDate, ReasonForClosure, DateOfInitialCPC, ReferralNFA
                    for (Row r : p.rows().get(BronzeSpec.CIN_DETAILS)) line(det, la, y, s(r, 0), s(r, 1), s(r, 4), s(r, 7));
                    // Assessments: LAchildID, CINreferralDate, AssessmentActualStartDate, AssessmentInternalReviewDate, AssessmentAuthorisationDate
                    for (Row r : p.rows().get(BronzeSpec.CIN_ASSESSMENT)) line(ass, la, y, s(r, 0), s(r, 2), s(r, 4));
                    // CINPlanDates: LAchildID, CINreferralDate, CINPlanStartDate, CINPlanEndDate
                    for (Row r : p.rows().get(BronzeSpec.CIN_PLAN)) line(plan, la, y, s(r, 0), s(r, 2), s(r, 3));
                    // ChildProtectionPlans: LAchildID, CINreferralDate, CPPstartDate, CPPendDate
                    for (Row r : p.rows().get(BronzeSpec.CIN_CPP)) line(cpp, la, y, s(r, 0), s(r, 2), s(r, 3));
                }
            }
        }

        private static String s(Row r, int i) {
            Object o = r.get(i);
            return o == null ? null : o.toString().trim();
        }

        private BufferedWriter csv(String name, String header) throws IOException {
            BufferedWriter w = Files.newBufferedWriter(flat.resolve(name + ".csv"), StandardCharsets.UTF_8);
            w.write(header);
            w.write('\n');
            return w;
        }

        private static void line(BufferedWriter w, String... v) throws IOException {
            for (int i = 0; i < v.length; i++) {
                if (i > 0) w.write(',');
                if (v[i] != null && !v[i].isEmpty()) {
                    w.write('"');
                    w.write(v[i].replace("\"", "\"\""));
                    w.write('"');
                }
            }
            w.write('\n');
        }

        private void exec(String sql) throws SQLException {
            try (Statement st = db.createStatement()) {
                st.execute(sql);
            }
        }

        private String readFlat(String name, String columns) {
            return "read_csv(" + q(flat.resolve(name + ".csv")) + ", header=true, quote='\"', columns={" + columns + "})";
        }

        /** Raw tables, then de-duplicated ones: natural key, the later collection year wins. */
        void load() throws IOException, SQLException {
            exec("CREATE TABLE cin_years AS SELECT DISTINCT * FROM " + readFlat("cin_years", "'la':'VARCHAR','year':'INTEGER'"));
            String dates = "'la':'VARCHAR','year':'INTEGER','child':'VARCHAR','d1':'VARCHAR','d2':'VARCHAR'";
            exec("CREATE TABLE referral AS SELECT la, child, referral_date, closure_date, nfa FROM ("
                    + " SELECT la, child, try_cast(referral_date AS DATE) AS referral_date, try_cast(closure_date AS DATE) AS closure_date,"
                    + " coalesce(lower(trim(nfa)) IN ('true', '1', 'y', 'yes'), false) AS nfa,"
                    + " row_number() OVER (PARTITION BY la, child, try_cast(referral_date AS DATE) ORDER BY year DESC) AS rn"
                    + " FROM " + readFlat("cin_details", "'la':'VARCHAR','year':'INTEGER','child':'VARCHAR','referral_date':'VARCHAR','closure_date':'VARCHAR','nfa':'VARCHAR'")
                    + ") WHERE rn = 1 AND referral_date IS NOT NULL AND child IS NOT NULL");
            for (String[] t : new String[][]{{"assessment", "cin_assessment"}, {"cin_plan", "cin_plan"}, {"cp_plan", "cin_cpp"}}) {
                exec("CREATE TABLE " + t[0] + " AS SELECT la, child, d1 AS start_date, d2 AS end_date FROM ("
                        + " SELECT la, child, try_cast(d1 AS DATE) AS d1, try_cast(d2 AS DATE) AS d2,"
                        + " row_number() OVER (PARTITION BY la, child, try_cast(d1 AS DATE) ORDER BY year DESC) AS rn"
                        + " FROM " + readFlat(t[1], dates) + ") WHERE rn = 1 AND d1 IS NOT NULL AND child IS NOT NULL");
            }
            // SSDA903 episodes straight from the CSVs: year from the ssda903/<YYYY>/ folder, LA from an la=<code>/
            // folder, else the one LA the drop's CIN census names.
            List<Path> eps = new ArrayList<>(files("ssda903/*/episodes.csv"));
            eps.addAll(files("la=*/ssda903/*/episodes.csv"));
            String dropLa = null;
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT DISTINCT la FROM cin_years")) {
                List<String> las = new ArrayList<>();
                while (rs.next()) las.add(rs.getString(1));
                if (las.size() == 1) dropLa = las.get(0);
            }
            exec("CREATE TABLE ep_raw (la VARCHAR, year INTEGER, child VARCHAR, decom DATE, dec DATE, rne VARCHAR, ls VARCHAR, rec VARCHAR)");
            exec("CREATE TABLE cla_years (la VARCHAR, year INTEGER)");
            for (Path f : eps) {
                String la = laHint(f, drop);
                if (la == null) la = dropLa;
                if (la == null) throw new IllegalStateException("cannot tell the LA of " + f);
                int year = Integer.parseInt(f.getParent().getFileName().toString());
                String lit = "'" + la.replace("'", "''") + "'";
                exec("INSERT INTO cla_years VALUES (" + lit + ", " + year + ")");
                exec("INSERT INTO ep_raw SELECT " + lit + ", " + year + ", trim(CHILD),"
                        + " try_strptime(trim(DECOM), '%d/%m/%Y')::DATE, try_strptime(trim(DEC), '%d/%m/%Y')::DATE,"
                        + " nullif(trim(RNE), ''), nullif(upper(trim(LS)), ''), nullif(upper(trim(REC)), '')"
                        + " FROM read_csv(" + q(f) + ", header=true, all_varchar=true)");
            }
            exec("CREATE TABLE episode AS SELECT la, child, decom, dec, rne, ls, rec FROM ("
                    + " SELECT *, row_number() OVER (PARTITION BY la, child, decom ORDER BY year DESC) AS rn FROM ep_raw"
                    + " WHERE decom IS NOT NULL AND child IS NOT NULL AND child <> '') WHERE rn = 1");
            // working-day calendar: cumulative count of working days (not weekend, not a bank holiday) up to each date
            Path bh = flat.resolve("bank_holidays.csv");
            Files.writeString(bh, csc.lakehouse.spec.DataSchemas.readText("calendar/bank_holidays_england_wales.csv"), StandardCharsets.UTF_8);
            exec("CREATE TABLE bank_holiday AS SELECT CAST(date AS DATE) AS d FROM read_csv(" + q(bh) + ", header=true, all_varchar=true)");
            exec("CREATE TABLE calendar AS SELECT d, sum(CASE WHEN isodow(d) <= 5 AND d NOT IN (SELECT d FROM bank_holiday) THEN 1 ELSE 0 END)"
                    + " OVER (ORDER BY d) AS wd FROM (SELECT CAST(g AS DATE) AS d FROM generate_series("
                    + " (SELECT make_date(year(min(d)), 1, 1) FROM bank_holiday)::TIMESTAMP,"
                    + " (SELECT make_date(year(max(d)), 12, 31) FROM bank_holiday)::TIMESTAMP, INTERVAL 1 DAY) t(g))");
        }

        /** ref(measure_id, la, year, breakdown, breakdown_value, numerator, denominator, value) in the trends.csv conventions. */
        void measures() throws SQLException {
            exec("CREATE TABLE cin_period AS SELECT la, year, make_date(year - 1, 4, 1) AS ps, make_date(year, 3, 31) AS pe FROM cin_years");
            exec("CREATE TABLE cla_period_y AS SELECT DISTINCT la, year, make_date(year - 1, 4, 1) AS ps, make_date(year, 3, 31) AS pe FROM cla_years");
            exec("CREATE TABLE ref (measure_id VARCHAR, la VARCHAR, year INTEGER, breakdown VARCHAR, breakdown_value VARCHAR,"
                    + " numerator BIGINT, denominator BIGINT, value DOUBLE)");
            String pct = "CASE WHEN den > 0 THEN round(100.0 * num / den, 1) END";
            // referrals: distinct (child, referral date) in the year, NFA included
            exec("INSERT INTO ref SELECT 'referrals', p.la, p.year, 'Total', 'Total', count(r.child), NULL, count(r.child)"
                    + " FROM cin_period p LEFT JOIN referral r ON r.la = p.la AND r.referral_date BETWEEN p.ps AND p.pe GROUP BY p.la, p.year");
            // rereferrals_12m: the same child had another referral with an earlier date on or after date - 12 months;
            // a look-back measure, so published only for a year whose LA also sent return Y-1 (measures.md)
            exec("INSERT INTO ref SELECT 'rereferrals_12m', la, year, 'Total', 'Total', num, den, " + pct + " FROM ("
                    + " SELECT p.la, p.year, count(r.child) AS den, count(r.child) FILTER (WHERE EXISTS (SELECT 1 FROM referral o"
                    + "   WHERE o.la = r.la AND o.child = r.child AND o.referral_date < r.referral_date"
                    + "   AND o.referral_date >= r.referral_date - INTERVAL 12 MONTH)) AS num"
                    + " FROM cin_period p LEFT JOIN referral r ON r.la = p.la AND r.referral_date BETWEEN p.ps AND p.pe"
                    + " WHERE EXISTS (SELECT 1 FROM cin_years y WHERE y.la = p.la AND y.year = p.year - 1) GROUP BY p.la, p.year)");
            // assessments_45wd: authorised in the year, start not after authorisation; within = working days <= 45
            exec("INSERT INTO ref SELECT 'assessments_45wd', la, year, 'Total', 'Total', num, den, " + pct + " FROM ("
                    + " SELECT p.la, p.year, count(a.child) AS den,"
                    + " count(a.child) FILTER (WHERE ce.wd - cs.wd <= 45) AS num"
                    + " FROM cin_period p LEFT JOIN assessment a ON a.la = p.la AND a.end_date BETWEEN p.ps AND p.pe AND a.start_date <= a.end_date"
                    + " LEFT JOIN calendar cs ON cs.d = a.start_date LEFT JOIN calendar ce ON ce.d = a.end_date"
                    + " GROUP BY p.la, p.year)");
            // cpp_31mar: CP plans open at 31 March (start <= A, end empty or after A)
            exec("INSERT INTO ref SELECT 'cpp_31mar', p.la, p.year, 'Total', 'Total', count(c.child), NULL, count(c.child)"
                    + " FROM cin_period p LEFT JOIN cp_plan c ON c.la = p.la AND c.start_date <= p.pe AND (c.end_date IS NULL OR c.end_date > p.pe)"
                    + " GROUP BY p.la, p.year");
            // cin_plan_duration: children on an open CIN plan at 31 March, by calendar months since the (latest) plan start
            exec("CREATE TABLE cin_plan_open AS SELECT la, year, CASE"
                    + " WHEN start_date + INTERVAL 24 MONTH <= pe THEN '24m+' WHEN start_date + INTERVAL 12 MONTH <= pe THEN '12-<24m'"
                    + " WHEN start_date + INTERVAL 9 MONTH <= pe THEN '9-<12m' ELSE '<9m' END AS band FROM ("
                    + " SELECT p.la, p.year, p.pe, c.child, max(c.start_date) AS start_date FROM cin_period p JOIN cin_plan c ON c.la = p.la"
                    + " AND c.start_date <= p.pe AND (c.end_date IS NULL OR c.end_date > p.pe) GROUP BY p.la, p.year, p.pe, c.child)");
            exec("INSERT INTO ref SELECT 'cin_plan_duration', p.la, p.year, 'Total', 'Total', count(o.band), NULL, count(o.band)"
                    + " FROM cin_period p LEFT JOIN cin_plan_open o ON o.la = p.la AND o.year = p.year GROUP BY p.la, p.year");
            exec("INSERT INTO ref SELECT 'cin_plan_duration', la, year, 'duration_band', band, n, total,"
                    + " CASE WHEN total > 0 THEN round(100.0 * n / total, 1) ELSE 0 END FROM ("
                    + " SELECT p.la, p.year, b.band, (SELECT count(*) FROM cin_plan_open o WHERE o.la = p.la AND o.year = p.year AND o.band = b.band) AS n,"
                    + " (SELECT count(*) FROM cin_plan_open o WHERE o.la = p.la AND o.year = p.year) AS total"
                    + " FROM cin_period p CROSS JOIN (VALUES ('<9m'), ('9-<12m'), ('12-<24m'), ('24m+')) b(band))");
            // periods of care: a new period at an episode with RNE S or one that does not follow an X1 episode ending the same day
            exec("CREATE TABLE care_period AS SELECT la, child, min(decom) AS start_date, arg_min(ls, decom) AS first_ls FROM ("
                    + " SELECT *, sum(new_period) OVER (PARTITION BY la, child ORDER BY decom ROWS UNBOUNDED PRECEDING) AS pno FROM ("
                    + "  SELECT *, CASE WHEN rne = 'S' OR NOT coalesce(lag(rec) OVER w = 'X1' AND lag(dec) OVER w = decom, false)"
                    + "   THEN 1 ELSE 0 END AS new_period FROM episode WINDOW w AS (PARTITION BY la, child ORDER BY decom)))"
                    + " GROUP BY la, child, pno");
            // cla_starts_police_protection: of periods starting in the year (not short breaks), first legal status L1
            exec("INSERT INTO ref SELECT 'cla_starts_police_protection', la, year, 'Total', 'Total', num, den, " + pct + " FROM ("
                    + " SELECT p.la, p.year, count(c.child) AS den, count(c.child) FILTER (WHERE c.first_ls = 'L1') AS num"
                    + " FROM cla_period_y p LEFT JOIN care_period c ON c.la = p.la AND c.start_date BETWEEN p.ps AND p.pe"
                    + " AND coalesce(c.first_ls NOT IN ('V3', 'V4'), true) GROUP BY p.la, p.year)");
        }

        /** The measure ids the reference computed, in the order its SQL computes them. */
        List<String> measureIds() throws SQLException {
            List<String> ids = new ArrayList<>();
            try (Statement st = db.createStatement();
                    ResultSet rs = st.executeQuery("SELECT measure_id FROM ref GROUP BY measure_id ORDER BY min(rowid)")) {
                while (rs.next()) ids.add(rs.getString(1));
            }
            return ids;
        }

        /** Every reference figure against the pipeline's trends.csv; returns one line per difference. */
        List<String> compare(Path trendsCsv) throws SQLException, IOException {
            Path laCodes = flat.resolve("la_codes.csv");
            Files.writeString(laCodes, csc.lakehouse.spec.DataSchemas.readText("reference/la_codes.csv"), StandardCharsets.UTF_8);
            // the measures the reference computed (its SQL names them, as a family's code does): the pipeline's rows
            // of exactly these are compared
            String ids = String.join(", ", measureIds().stream().map(m -> "'" + m + "'").toList());
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
}
