package csc.lakehouse.conform.ssda903;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static csc.lakehouse.conform.ssda903.Ssda903Fixtures.EPISODE_HEADER;
import static csc.lakehouse.conform.ssda903.Ssda903Fixtures.bronze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The placement distance band, taken by conform from the full postcodes and a postcode-to-coordinates file, by hand.
 * One degree of latitude is 2 x pi x 3,958.8 / 360 = 69.0933 miles, so along one meridian 20 miles is 0.28946
 * degrees: home at 51.5500 N 0.1300 E; a placement at 51.8395 N (0.2895 degrees north: 20.003 miles) is more than
 * 20 miles away, one at 51.8394 N (19.996 miles) is not.
 *   child  HOME_POST  PL_POST    coordinates                     band
 *   A      RM8 1AA    RM9 2BB    51.55/0.13 -> 51.54/0.13: 0.7 mi 20 miles or less
 *   B      RM8 1AA    CO1 1AA    -> 51.8395/0.13: 20.003 mi      more than 20 miles
 *   C      rm81aa     CO2 2AA    -> 51.8394/0.13: 19.996 mi      20 miles or less (key: upper case, no spaces)
 *   D      (none)     RM9 2BB    home missing                    not known
 *   E      RM8 1AA    ZZ9 9ZZ    not in the file                 not known
 */
class PlacementDistanceTest {
    static Dataset<Row> episodes() {
        return bronze("episodes", 2024, "301", EPISODE_HEADER
                + "A,01/04/2023,S,C2,N1,U4,PR1,,,,RM8 1AA,RM9 2BB,\n"
                + "B,01/04/2023,S,C2,N1,U4,PR1,,,,RM8 1AA,CO1 1AA,\n"
                + "C,01/04/2023,S,C2,N1,U4,PR1,,,,rm81aa,CO2 2AA,\n"
                + "D,01/04/2023,S,C2,N1,U4,PR1,,,,,RM9 2BB,\n"
                + "E,01/04/2023,S,C2,N1,U4,PR1,,,,RM8 1AA,ZZ9 9ZZ,\n");
    }

    static Dataset<Row> postcodes() {
        StructType s = new StructType().add("postcode", DataTypes.StringType).add("lat", DataTypes.DoubleType)
                .add("lon", DataTypes.DoubleType);
        return SparkTestSession.get().createDataFrame(List.of(
                RowFactory.create("RM8 1AA", 51.55, 0.13), RowFactory.create("RM9 2BB", 51.54, 0.13),
                RowFactory.create("CO1 1AA", 51.8395, 0.13), RowFactory.create("CO2  2AA", 51.8394, 0.13)), s);
    }

    @Test
    void theBandIsTakenFromTheFullPostcodesAndOnlyTheBandIsKept() {
        Dataset<Row> silver = Ssda903Builders.of("cla_episode").conform(episodes(), postcodes());
        List<String> bands = silver.orderBy("placement_postcode_district", "person_id")
                .select("placement_distance_band").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        // CO1 (B), CO2 (C), RM9 (A, D), ZZ9 (E): A and D in person_id order, so compare as a multiset for RM9
        Map<String, Long> byBand = new TreeMap<>();
        for (String b : bands) byBand.merge(b, 1L, Long::sum);
        assertEquals(Map.of(PlacementDistance.WITHIN, 2L, PlacementDistance.BEYOND, 1L, PlacementDistance.NOT_KNOWN, 2L),
                byBand);
        Map<String, String> byDistrict = new TreeMap<>();
        for (Row r : silver.select("placement_postcode_district", "placement_distance_band").collectAsList()) {
            byDistrict.merge(r.getString(0), r.getString(1), (a, b) -> a + "+" + b);
        }
        assertEquals(PlacementDistance.BEYOND, byDistrict.get("CO1"));
        assertEquals(PlacementDistance.WITHIN, byDistrict.get("CO2"));
        assertEquals(PlacementDistance.NOT_KNOWN, byDistrict.get("ZZ9"));
        assertEquals(Map.of(PlacementDistance.WITHIN, 1L, PlacementDistance.NOT_KNOWN, 1L), count(byDistrict.get("RM9")));
        // no full postcode in silver: only the districts and the band
        for (Row r : silver.collectAsList()) {
            for (int i = 0; i < r.size(); i++) {
                Object v = r.get(i);
                assertFalse(v != null && v.toString().toUpperCase().replace(" ", "").matches(".*(RM81AA|RM92BB|CO11AA).*"),
                        "a full postcode in silver: " + r);
            }
        }
        assertEquals("string", silver.schema().apply("placement_distance_band").dataType().typeName());
    }

    @Test
    void withoutACoordinatesFileNoDistanceIsTaken() {
        Dataset<Row> silver = Ssda903Builders.of("cla_episode").conform(episodes());
        assertEquals(5, silver.count());
        for (Row r : silver.select("placement_distance_band").collectAsList()) assertNull(r.get(0));
    }

    @Test
    void theGreatCircleDistanceByHand() {
        // 0.2895 degrees of latitude = 0.2895 x 69.0933 = 20.0025 miles
        Row r = SparkTestSession.get().range(1).select(PlacementDistance.greatCircleMiles(
                org.apache.spark.sql.functions.lit(51.55), org.apache.spark.sql.functions.lit(0.13),
                org.apache.spark.sql.functions.lit(51.8395), org.apache.spark.sql.functions.lit(0.13))).first();
        assertEquals(20.0025, r.getDouble(0), 0.0005);
    }

    private static Map<String, Long> count(String joined) {
        Map<String, Long> out = new TreeMap<>();
        for (String b : joined.split("\\+")) out.merge(b, 1L, Long::sum);
        return out;
    }

    /** The generator's calibration report takes its distances on the same Earth radius as conform. */
    @org.junit.jupiter.api.Test
    void theGeneratorMeasuresOnTheSameEarth() {
        org.junit.jupiter.api.Assertions.assertEquals(PlacementDistance.EARTH_RADIUS_MILES,
                csc.lakehouse.synth.PostcodeCoordinatesWriter.EARTH_RADIUS_MILES);
    }
}
