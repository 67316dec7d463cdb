package csc.lakehouse.synth;

import csc.lakehouse.synth.Journey.CareEpisode;
import csc.lakehouse.synth.Journey.Child;
import csc.lakehouse.synth.Journey.Family;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Writes reference/postcode_coordinates.csv in the ONS Postcode Directory's columns ({@code pcds, lat, long}) for
 * every home and placement postcode of the synthetic borough's care episodes: the file a council supplies so that
 * "placed more than 20 miles from home" can be taken (issue 15). The postcodes are invented (a real district and a
 * random sector and unit), so their coordinates are too: the district's approximate centre moved by up to about
 * 0.7 miles, decided by the postcode itself (the same postcode always has the same point).
 */
public final class PostcodeCoordinatesWriter implements Consumer<Family>, AutoCloseable {
    /** mean Earth radius in miles: conform's PlacementDistance takes distances on the same (PlacementDistanceTest checks) */
    public static final double EARTH_RADIUS_MILES = 3958.8;
    public static final String FILE = "reference/postcode_coordinates.csv";

    /** approximate centres of the districts the simulator uses (Simulator.postcode): latitude, longitude */
    static final Map<String, double[]> DISTRICTS = Map.ofEntries(
            Map.entry("RM8", new double[] {51.553, 0.128}), Map.entry("RM9", new double[] {51.536, 0.132}),
            Map.entry("RM10", new double[] {51.545, 0.163}), Map.entry("IG11", new double[] {51.536, 0.084}),
            Map.entry("RM6", new double[] {51.577, 0.126}), Map.entry("RM7", new double[] {51.577, 0.172}),
            Map.entry("E6", new double[] {51.527, 0.056}), Map.entry("IG1", new double[] {51.559, 0.073}),
            Map.entry("SS14", new double[] {51.575, 0.475}), Map.entry("CM1", new double[] {51.740, 0.460}),
            Map.entry("DA1", new double[] {51.445, 0.215}), Map.entry("E17", new double[] {51.586, -0.020}),
            Map.entry("CO1", new double[] {51.889, 0.902}), Map.entry("ME4", new double[] {51.380, 0.528}),
            Map.entry("MK9", new double[] {52.043, -0.757}), Map.entry("BN1", new double[] {50.829, -0.140}));

    private final Path root;
    private final TreeSet<String> postcodes = new TreeSet<>();

    public PostcodeCoordinatesWriter(Path root) { this.root = root; }

    @Override
    public void accept(Family f) {
        for (Child c : f.children) {
            for (CareEpisode ep : c.care) {
                if (ep.homePost != null) postcodes.add(ep.homePost);
                if (ep.plPost != null) postcodes.add(ep.plPost);
            }
        }
    }

    /**
     * The point written for a postcode (latitude, longitude, as the file's six decimals), or null when its district
     * is not one the simulator uses.
     */
    public static double[] point(String postcode) {
        if (postcode == null || postcode.indexOf(' ') < 0) return null;
        double[] centre = DISTRICTS.get(postcode.substring(0, postcode.indexOf(' ')));
        if (centre == null) return null;
        int h = Math.floorMod(postcode.hashCode(), 10_000);
        double lat = centre[0] + (h % 100 - 50) * 0.0002, lon = centre[1] + (h / 100 - 50) * 0.0003;
        return new double[] {Double.parseDouble(sixDecimals(lat)), Double.parseDouble(sixDecimals(lon))};
    }

    /**
     * Straight-line (great-circle) miles between two postcodes' points, as conform takes the placement distance
     * (PlacementDistance: haversine on the same Earth radius); NaN when either point is not known.
     */
    public static double miles(String from, String to) {
        double[] a = point(from), b = point(to);
        if (a == null || b == null) return Double.NaN;
        double p1 = Math.toRadians(a[0]), p2 = Math.toRadians(b[0]);
        double dp = Math.toRadians(b[0] - a[0]), dl = Math.toRadians(b[1] - a[1]);
        double h = Math.pow(Math.sin(dp / 2), 2) + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(dl / 2), 2);
        return 2 * EARTH_RADIUS_MILES * Math.asin(Math.sqrt(Math.min(1.0, h)));
    }

    private static String sixDecimals(double v) { return String.format(Locale.ROOT, "%.6f", v); }

    @Override
    public void close() {
        try (Csv csv = new Csv(root, FILE, "pcds,lat,long")) {
            for (String pc : postcodes) {
                double[] p = point(pc);
                if (p != null) csv.row(pc, sixDecimals(p[0]), sixDecimals(p[1]));
            }
        }
    }
}
