package csc.lakehouse.measures;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of measure families {@link MeasuresJob} runs. Add a family here (one line) to have it computed,
 * written to {@code gold.<name>} and published; its measures need entries in {@code data-schemas/measures.yaml}.
 */
public final class MeasureFamilies {
    private MeasureFamilies() {}

    /** Families computed from silver, run first (in this order). */
    public static List<MeasureFamily> all() {
        List<MeasureFamily> out = new ArrayList<>(CinMeasureFamilies.all());
        out.add(new LookedAfterMeasures());
        out.addAll(OfstedMeasureFamilies.all());
        out.add(new SsdCaseHistoryMeasures());
        // national framework indicators from silver tables no other family reads (issue 15): one gold table
        out.add(new NationalFrameworkMeasures());
        return out;
    }

    /** Families computed from the headline rows of {@link #all()}, run after them. */
    public static List<DerivedMeasureFamily> derived() {
        return List.of(new DemandMeasures());
    }

    /** Every measure the families declare, family by family, in registry order (checked against measures.yaml). */
    public static List<MeasureDefinition> catalogue() {
        List<MeasureDefinition> out = new ArrayList<>();
        for (MeasureFamily f : all()) out.addAll(f.definitions());
        for (DerivedMeasureFamily f : derived()) out.addAll(f.definitions());
        return out;
    }
}
