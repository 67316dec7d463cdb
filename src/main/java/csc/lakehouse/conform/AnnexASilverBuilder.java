package csc.lakehouse.conform;

import csc.lakehouse.spec.Lineage;
import csc.lakehouse.spec.AnnexASpec;
import csc.lakehouse.spec.CodeLists;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Silver for one Annex A list: {@code bronze.annex_a_list<N>} to {@code silver.annex_a_<name>}.
 * Coded answers are mapped through {@code data-schemas/codelists/annex_a_*.csv} (derived from the
 * template's Codes_used sheet): the {@code b) } prefix is dropped and the rest matched against each
 * code and label ignoring case and punctuation, then the leading code token ({@code N1} of
 * {@code N1 - Abuse or neglect}); a value that still does not match is left null and its row
 * quarantined by the list's rules. Excel errors ({@code #N/A}) count as blank. Dates: ISO (real
 * spreadsheet dates), dd/mm/yyyy text, or an Excel serial number. Child ids are pseudonymised, dates
 * of birth kept to the month, postcodes to the district; allocated workers' names become keyed pseudonyms
 * ({@link #workerPseudonym}) so caseloads can be counted without a name past bronze.
 */
public final class AnnexASilverBuilder implements SilverBuilder {
    private final AnnexASpec.ListSpec spec;

    public AnnexASilverBuilder(AnnexASpec.ListSpec spec) { this.spec = spec; }

    /** One builder per list that has a silver table. */
    public static List<SilverBuilder> all() {
        List<SilverBuilder> b = new ArrayList<>();
        for (AnnexASpec.ListSpec l : AnnexASpec.get().lists) if (l.silver_table != null) b.add(new AnnexASilverBuilder(l));
        return b;
    }

    @Override
    public String table() { return spec.silver_table; }

    @Override
    public Optional<Dataset<Row>> build(BronzeView bronze, ConformContext ctx) {
        return bronze.current(spec.bronzeTable()).map(this::typed);
    }

    public Dataset<Row> typed(Dataset<Row> b) {
        List<String> have = List.of(b.columns());
        List<Column> out = new ArrayList<>();
        List<Column> src = new ArrayList<>();
        Column la = col(Lineage.LA_CODE);
        out.add(la.as("la_code"));
        for (AnnexASpec.Column c : spec.columns) {
            if ("drop".equals(c.type)) continue;
            Column raw = cleanA(have.contains(c.name) ? col(c.name) : lit(null).cast("string"));
            Column typed = switch (c.type) {
                case "child_id", "family_id" -> Pseudonymiser.pseudonym(la, raw);
                case "worker" -> workerPseudonym(la, raw);
                case "code" -> mapCode(raw, c.codelist);
                case "date" -> date(raw);
                case "birth_month" -> functions.trunc(date(raw), "month");
                case "int" -> LooseParse.integer(raw);
                case "postcode_district" -> functions.upper(functions.nullif(
                        functions.regexp_extract(raw, "^\\s*([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)(\\s|$|[0-9][A-Za-z]{2})", 1), lit("")));
                default -> raw;
            };
            out.add(typed.as(c.silverName()));
            if (!"child_id".equals(c.type) && !"family_id".equals(c.type) && !"worker".equals(c.type)
                    && !"postcode_district".equals(c.type)) {
                src.add(raw.as(c.name));
            }
        }
        out.add(col(Lineage.COLLECTION_YEAR).cast("int").as("collection_year"));
        out.add(col(Lineage.FILE_SHA256).as("source_file_sha256"));
        for (String l : List.of(Lineage.SOURCE_FILE, Lineage.FILE_SHA256, Lineage.LA_CODE, Lineage.ROW_NUMBER,
                Lineage.INGESTED_AT)) {
            out.add(col(l));
        }
        out.add(functions.struct(src.toArray(new Column[0])).as("_src"));
        return b.select(out.toArray(new Column[0]));
    }

    /**
     * A worker's name as a keyed pseudonym in the workers' namespace ({@code worker|}, as the SSD's worker ids), case
     * and spacing ignored so "Jo  Smith" and "jo smith" on two lists are one worker; null when blank.
     */
    static Column workerPseudonym(Column la, Column name) {
        Column norm = functions.lower(functions.trim(functions.regexp_replace(name, "\\s+", " ")));
        return Pseudonymiser.pseudonym(la, functions.concat(lit("worker|"), norm));
    }

    /** Blank and Excel error values to null, otherwise trimmed. */
    static Column cleanA(Column raw) {
        Column t = LooseParse.clean(raw);
        return when(t.rlike("^#(N/A|REF!|VALUE!|DIV/0!|NAME\\?|NUM!|NULL!|ERROR)$"), lit(null).cast("string")).otherwise(t);
    }

    /** ISO, dd/mm/yyyy or an Excel serial day number (1900 system). */
    static Column date(Column raw) {
        Column serial = when(raw.rlike("^\\d{5}(\\.0+)?$"),
                functions.date_add(lit(java.sql.Date.valueOf("1899-12-30")), functions.regexp_replace(raw, "\\.0+$", "").cast("int")));
        return functions.coalesce(LooseParse.date(raw), serial);
    }

    /** Normalisation shared by the Java key side and the Spark value side. */
    public static String normalise(String s) {
        if (s == null) return null;
        String t = s.trim().replaceFirst("^[a-zA-Z]{1,2}\\)\\s*", "").toLowerCase(Locale.ROOT)
                .replace("\u2019", "").replace("'", "").replace("\u2018", "");
        return t.replaceAll("[^a-z0-9]+", " ").trim();
    }

    /** Lookup keys of a code list: each code and each label, normalised; keys naming two codes dropped. */
    public static Map<String, String> lookup(String list) {
        Map<String, String> m = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (CodeLists.Entry e : CodeLists.get().entries(list)) {
            for (String k : new String[]{normalise(e.code()), normalise(e.label())}) {
                if (k == null || k.isEmpty()) continue;
                String prev = m.putIfAbsent(k, e.code());
                if (prev != null && !prev.equals(e.code())) ambiguous.add(k);
            }
        }
        ambiguous.forEach(m::remove);
        return m;
    }

    /** Java twin of the Spark mapping (for tests and reports). */
    public static String mapValue(String raw, String list) {
        if (raw == null || raw.isBlank()) return null;
        Map<String, String> m = lookup(list);
        String v = m.get(normalise(raw));
        if (v != null) return v;
        java.util.regex.Matcher t = java.util.regex.Pattern.compile("^([A-Za-z0-9]{1,4})\\s*(:|\\s[-\u2013]\\s)")
                .matcher(raw.trim().replaceFirst("^[a-zA-Z]{1,2}\\)\\s*", ""));
        return t.find() ? m.get(t.group(1).toLowerCase(Locale.ROOT)) : null;
    }

    static Column mapCode(Column raw, String list) {
        Map<String, String> m = lookup(list);
        List<Column> kv = new ArrayList<>();
        m.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            kv.add(lit(e.getKey()));
            kv.add(lit(e.getValue()));
        });
        Column map = functions.map(kv.toArray(new Column[0]));
        Column stripped = functions.regexp_replace(raw, "^[a-zA-Z]{1,2}\\)\\s*", "");
        Column norm = functions.trim(functions.regexp_replace(functions.regexp_replace(functions.lower(stripped),
                "[\u2019\u2018']", ""), "[^a-z0-9]+", " "));
        Column token = functions.lower(functions.regexp_extract(stripped, "^([A-Za-z0-9]{1,4})\\s*(:|\\s[-\u2013]\\s)", 1));
        return functions.coalesce(functions.element_at(map, norm),
                functions.element_at(map, functions.nullif(token, lit(""))));
    }
}
