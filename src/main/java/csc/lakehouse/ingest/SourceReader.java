package csc.lakehouse.ingest;

import org.apache.spark.sql.SparkSession;

import java.util.List;

/** Reads one kind of input (CIN census XML, SSDA903 CSV/XML, population CSV...) into bronze rows. */
public interface SourceReader {
    /** The drop folder this reader owns, e.g. {@code cin_census}. */
    String source();

    /** The files of the drop this reader will read, in a stable order. */
    List<InputFile> select(List<InputFile> dropFiles);

    /** The drop's files in this reader's folder that {@code accept} takes, in the drop's (sorted) order. */
    default List<InputFile> inSourceFolder(List<InputFile> dropFiles, java.util.function.Predicate<InputFile> accept) {
        List<InputFile> out = new java.util.ArrayList<>();
        for (InputFile f : dropFiles) {
            if (source().equals(f.source()) && accept.test(f)) out.add(f);
        }
        return out;
    }

    /** Files whose name ends with one of the extensions (case-insensitive), e.g. {@code ".xml"}. */
    static java.util.function.Predicate<InputFile> withExtension(String... extensions) {
        return f -> {
            String n = f.name().toLowerCase(java.util.Locale.ROOT);
            for (String e : extensions) if (n.endsWith(e)) return true;
            return false;
        };
    }

    /**
     * Parses one file. Must not write anything. A file that cannot be read as a whole throws
     * {@link FileRejected} with a one-line reason; row-level problems are left for the silver rules.
     */
    ParsedFile read(SparkSession spark, InputFile file) throws FileRejected;

    /** Bronze tables this reader can produce (so empty tables can be created and schemas checked). */
    List<String> bronzeTables();
}
