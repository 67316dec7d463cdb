package csc.lakehouse.conform;

import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.spec.Lineage;
import csc.lakehouse.spec.TrackerSpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * Silver for one local tracker: {@code bronze.local_<tracker>} to {@code silver.tracker_<tracker>},
 * typed as {@code data-schemas/inputs/local/<tracker>.yaml} declares. The child identifier becomes
 * {@code person_id = csc_pseudonym(la, child_id)}; family and sibling-group identifiers are
 * pseudonymised in place; staff ids stay. {@code _src} holds the raw values of every other column. Only the
 * latest file of the tracker per LA is read: each file is the tracker's whole history.
 */
public final class TrackerSilverBuilder implements SilverBuilder {
    private final TrackerSpec spec;

    public TrackerSilverBuilder(TrackerSpec spec) { this.spec = spec; }

    /** One builder per declared tracker. */
    public static List<SilverBuilder> all() {
        List<SilverBuilder> b = new ArrayList<>();
        for (TrackerSpec s : TrackerSpec.all().values()) b.add(new TrackerSilverBuilder(s));
        return b;
    }

    @Override
    public String table() { return spec.silver_table; }

    @Override
    public Optional<Dataset<Row>> build(BronzeView bronze, ConformContext ctx) {
        // the templates ask for the whole history in every file: the latest file per LA is the tracker
        return bronze.all(spec.bronzeTable()).map(BronzeView::latestFile).map(this::typed);
    }

    /** Types one tracker's bronze rows (public for tests). */
    public Dataset<Row> typed(Dataset<Row> b) {
        List<String> have = List.of(b.columns());
        Column la = have.contains(BronzeSpec.TRACKER_LA_COLUMN)
                ? functions.coalesce(LooseParse.clean(col(BronzeSpec.TRACKER_LA_COLUMN)), col(Lineage.LA_CODE))
                : col(Lineage.LA_CODE);
        Dataset<Row> withLa = b.withColumn("_la", la);
        List<Column> out = new ArrayList<>();
        List<Column> src = new ArrayList<>();
        out.add(col("_la").as("la_code"));
        for (TrackerSpec.Column c : spec.columns) {
            Column raw = have.contains(c.name) ? col(c.name) : functions.lit(null).cast("string");
            Column typed = switch (c.type) {
                case "child_id", "family_id" -> Pseudonymiser.pseudonym(col("_la"), LooseParse.clean(raw));
                case "code" -> LooseParse.code(raw);
                case "date" -> LooseParse.date(raw);
                case "datetime" -> LooseParse.timestamp(raw);
                case "int" -> LooseParse.integer(raw);
                case "double" -> LooseParse.dbl(raw);
                case "boolean" -> LooseParse.bool(raw);
                case "string" -> LooseParse.clean(raw);
                default -> throw new IllegalStateException("tracker " + spec.tracker + ": unknown column type " + c.type);
            };
            out.add(typed.as(c.silverName()));
            if (!c.isIdentifier()) src.add(raw.as(c.name));
        }
        out.add(col(Lineage.COLLECTION_YEAR).cast("int").as("collection_year"));
        out.add(col(Lineage.FILE_SHA256).as("source_file_sha256"));
        for (String l : List.of(Lineage.SOURCE_FILE, Lineage.FILE_SHA256, Lineage.LA_CODE, Lineage.ROW_NUMBER,
                Lineage.INGESTED_AT)) {
            out.add(col(l));
        }
        out.add(functions.struct(src.toArray(new Column[0])).as("_src"));
        return withLa.select(out.toArray(new Column[0]));
    }
}
