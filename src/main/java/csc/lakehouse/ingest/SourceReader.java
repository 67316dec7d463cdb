package csc.lakehouse.ingest;

import org.apache.spark.sql.SparkSession;

import java.util.List;

/** Reads one kind of input (CIN census XML, SSDA903 CSV/XML, population CSV...) into bronze rows. */
public interface SourceReader {
    /** The drop folder this reader owns, e.g. {@code cin_census}. */
    String source();

    /** The files of the drop this reader will read, in a stable order. */
    List<InputFile> select(List<InputFile> dropFiles);

    /**
     * Parses one file. Must not write anything. A file that cannot be read as a whole throws
     * {@link FileRejected} with a one-line reason; row-level problems are left for the silver rules.
     */
    ParsedFile read(SparkSession spark, InputFile file) throws FileRejected;

    /** Bronze tables this reader can produce (so empty tables can be created and schemas checked). */
    List<String> bronzeTables();
}
