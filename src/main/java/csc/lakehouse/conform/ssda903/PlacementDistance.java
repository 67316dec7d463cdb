package csc.lakehouse.conform.ssda903;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * The distance from a child's home to their placement, taken from the full postcodes (HOME_POST, PL_POST) while
 * conform still has them and kept only as a band: the full postcodes never reach silver (issue 15: the national
 * framework's "placed more than 20 miles from home"). Straight-line (great-circle) distance between the postcodes'
 * coordinates in the drop's postcode-to-coordinates file, as the DfE's PL_DISTANCE is a straight-line distance
 * between postcode centroids.
 */
public final class PlacementDistance {
    /** the {@code parse} of a silver column holding the band ({@code home} and {@code source} name the two postcodes) */
    public static final String PARSE = "distance_band";
    public static final String WITHIN = "20 miles or less";
    public static final String BEYOND = "more than 20 miles";
    public static final String NOT_KNOWN = "not known";
    static final double MILES = 20.0;
    /** mean Earth radius in miles */
    static final double EARTH_RADIUS_MILES = 3958.8;

    private PlacementDistance() {}

    /** A postcode as the lookup key: upper case, spaces removed; null when empty. */
    static Column key(Column postcode) {
        Column k = upper(regexp_replace(postcode, "\\s", ""));
        return when(k.notEqual(""), k);
    }

    /** The two postcodes' keys in one struct column, which {@link #band} replaces with the band. */
    static Column keys(Column homePostcode, Column placementPostcode) {
        return struct(key(homePostcode).as("home"), key(placementPostcode).as("place"));
    }

    /**
     * Replaces the struct column {@code column} ({@link #keys}) with the band: {@link #WITHIN}, {@link #BEYOND}, or
     * {@link #NOT_KNOWN} when a postcode is missing or not in the file; null on every row when {@code postcodes} is
     * null (the drop has no such file, so no distance could be taken).
     *
     * @param postcodes postcode (any spacing or case), lat, lon
     */
    public static Dataset<Row> band(Dataset<Row> rows, String column, Dataset<Row> postcodes) {
        List<Column> order = new ArrayList<>();
        for (String c : rows.columns()) order.add(col(c));
        if (postcodes == null) return rows.withColumn(column, lit(null).cast("string"));
        Dataset<Row> lookup = postcodes.select(key(col("postcode")).as("_k"), col("lat").cast("double").as("_lat"),
                col("lon").cast("double").as("_lon")).filter(col("_k").isNotNull()).dropDuplicates("_k");
        Dataset<Row> home = lookup.select(col("_k").as("_hk"), col("_lat").as("_hlat"), col("_lon").as("_hlon"));
        Dataset<Row> place = lookup.select(col("_k").as("_pk"), col("_lat").as("_plat"), col("_lon").as("_plon"));
        Dataset<Row> j = rows
                .join(home, col(column + ".home").equalTo(col("_hk")), "left")
                .join(place, col(column + ".place").equalTo(col("_pk")), "left");
        Column miles = greatCircleMiles(col("_hlat"), col("_hlon"), col("_plat"), col("_plon"));
        Column band = when(col("_hlat").isNull().or(col("_plat").isNull()), lit(NOT_KNOWN))
                .when(miles.gt(MILES), lit(BEYOND)).otherwise(lit(WITHIN));
        return j.withColumn(column, band).select(order.toArray(new Column[0]));
    }

    /** Haversine distance in miles between two points given in degrees. */
    static Column greatCircleMiles(Column lat1, Column lon1, Column lat2, Column lon2) {
        Column p1 = radians(lat1), p2 = radians(lat2);
        Column dp = radians(lat2.minus(lat1)), dl = radians(lon2.minus(lon1));
        Column a = pow(sin(dp.divide(2)), 2).plus(cos(p1).multiply(cos(p2)).multiply(pow(sin(dl.divide(2)), 2)));
        return lit(2 * EARTH_RADIUS_MILES).multiply(asin(sqrt(least(lit(1.0), a))));
    }
}
