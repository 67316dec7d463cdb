package csc.lakehouse.ingest;

/** A file that cannot be read at all (not XML, truncated, wrong root, missing columns...). */
public class FileRejected extends Exception {
    public FileRejected(String reason) { super(reason); }

    public FileRejected(String reason, Throwable cause) { super(reason, cause); }
}
