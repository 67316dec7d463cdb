package csc.lakehouse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The headline measures' inputs read from a lakehouse's silver tables: the Parquet files of each table's current
 * Delta version ({@link DeltaLogFiles}), the same files Spark reads, by column name. Per-return rows are silver's own
 * (every row carries the collection year of the return that held it); the look-back history is the rows marked
 * {@code is_latest} and not {@code vanished}, as silver documents them; the returns held are {@code silver.returns_held}.
 * A table the lakehouse lacks (a drop without SSDA903 returns) is an empty one.
 */
public final class SilverInDuckDb extends DuckDbHeadlineMeasures {
    private final Path silver;

    public SilverInDuckDb(Connection db, Path lakehouse, Path flat) {
        super(db, flat);
        this.silver = lakehouse.toAbsolutePath().resolve("silver");
    }

    /** A view over the table's current files; an empty table of the given columns when it has none. */
    private void view(String table, String emptyColumns) throws IOException, SQLException {
        Path dir = silver.resolve(table);
        List<Path> files = Files.isDirectory(dir) ? DeltaLogFiles.current(db, dir) : List.of();
        if (files.isEmpty()) {
            exec("CREATE TABLE s_" + table + " (" + emptyColumns + ")");
        } else {
            exec("CREATE VIEW s_" + table + " AS SELECT * FROM read_parquet([" + files.stream().map(DuckDbHeadlineMeasures::q)
                    .collect(Collectors.joining(", ")) + "])");
        }
    }

    @Override
    public void load() throws IOException, SQLException {
        String item = "la_code VARCHAR, collection_year INTEGER, person_id VARCHAR, is_latest BOOLEAN, vanished BOOLEAN";
        view("returns_held", "la_code VARCHAR, source VARCHAR, collection_year INTEGER");
        view("referral", item + ", referral_date DATE");
        view("assessment", item + ", start_date DATE, authorisation_date DATE");
        view("cin_plan", item + ", start_date DATE, end_date DATE");
        view("cp_plan", item + ", start_date DATE, end_date DATE");
        view("cla_episode", item + ", start_date DATE, reason_new_episode VARCHAR, legal_status VARCHAR");
        exec("CREATE TABLE cin_years AS SELECT DISTINCT la_code AS la, collection_year AS year FROM s_returns_held WHERE source = 'cin_census'");
        exec("CREATE TABLE cla_years AS SELECT DISTINCT la_code AS la, collection_year AS year FROM s_returns_held WHERE source = 'ssda903'");
        exec("CREATE TABLE referral AS SELECT DISTINCT la_code AS la, collection_year AS year, person_id AS child, referral_date FROM s_referral");
        exec("CREATE TABLE referral_history AS SELECT DISTINCT la_code AS la, person_id AS child, referral_date FROM s_referral"
                + " WHERE coalesce(is_latest, true) AND NOT coalesce(vanished, false)");
        exec("CREATE TABLE assessment AS SELECT la_code AS la, collection_year AS year, person_id AS child, start_date,"
                + " any_value(authorisation_date) AS end_date FROM s_assessment GROUP BY ALL");
        for (String t : List.of("cin_plan", "cp_plan")) {
            exec("CREATE TABLE " + t + " AS SELECT la_code AS la, collection_year AS year, person_id AS child, start_date,"
                    + " any_value(end_date) AS end_date FROM s_" + t + " GROUP BY ALL");
        }
        exec("CREATE TABLE episode AS SELECT DISTINCT la_code AS la, collection_year AS year, person_id AS child, start_date AS decom,"
                + " reason_new_episode AS rne, legal_status AS ls FROM s_cla_episode");
    }
}
