package csc.lakehouse.ingest;

/**
 * One file of an extract drop.
 *
 * @param uri      full Hadoop URI or path of the file
 * @param relative path inside the drop, as shown to people and recorded in the manifest
 * @param source   {@code cin_census}, {@code ssda903}, {@code population}, {@code annex_a}, {@code local}, ...
 * @param laHint   LA code from an {@code la=<code>/} folder prefix, or null
 * @param yearHint collection year from the folder ({@code ssda903/<YYYY>/}), or null
 */
public record InputFile(String uri, String relative, String source, long bytes, String sha256,
                        String laHint, Integer yearHint) {

    /** The file name without folders, e.g. {@code episodes.csv}. */
    public String name() {
        int i = relative.lastIndexOf('/');
        return i < 0 ? relative : relative.substring(i + 1);
    }
}
