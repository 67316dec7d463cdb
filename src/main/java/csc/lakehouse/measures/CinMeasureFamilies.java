package csc.lakehouse.measures;

import java.util.List;

/**
 * The CIN census measure families (front door, children in need and child protection, neglect
 * cohort), for the measures job and the catalogue export to list.
 */
public final class CinMeasureFamilies {
    private CinMeasureFamilies() {}

    public static List<MeasureFamily> all() {
        return List.of(new FrontDoorMeasures(), new ChildProtectionMeasures(), new NeglectCohort());
    }
}
