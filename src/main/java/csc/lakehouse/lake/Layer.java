package csc.lakehouse.lake;

/** The table layers of the lakehouse; each is a folder under the table root. */
public enum Layer {
    BRONZE("bronze"), SILVER("silver"), GOLD("gold"), QUARANTINE("quarantine"), AUDIT("audit");

    private final String folder;

    Layer(String folder) { this.folder = folder; }

    public String folder() { return folder; }
}
