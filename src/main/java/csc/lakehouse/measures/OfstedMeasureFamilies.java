package csc.lakehouse.measures;

import java.util.List;

/** The measure families of the Annex A / local trackers work, for the measures job to run. */
public final class OfstedMeasureFamilies {
    private OfstedMeasureFamilies() {}

    public static List<MeasureFamily> all() {
        return List.of(new OfstedRecommendationMeasures());
    }
}
