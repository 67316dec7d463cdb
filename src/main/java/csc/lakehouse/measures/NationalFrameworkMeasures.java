package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * National framework indicators computed from silver tables no other family reads (issue 15): one gold table,
 * {@code gold.national_framework}, holding the rows of its parts. Each part is a family of its own (its measures
 * name it in data-schemas/measures.yaml and its test calls it directly); they are written together so the run
 * adds one gold table, one Delta commit and one headline read rather than one per part.
 */
public final class NationalFrameworkMeasures implements MeasureFamily {
    private final List<MeasureFamily> parts = List.of(
            new AssessmentFactorMeasures(),
            new CeasedCareMeasures(),
            new PlacementStabilityMeasures(),
            new MissingMeasures(),
            new UascMeasures(),
            new SocialWorkerStabilityMeasures(),
            new CareLeaverMeasures(),
            new ClaHealthMeasures(),
            // the ChAT's measures from one Annex A workbook, as-at rows (they need no other source)
            new AnnexAMeasures(),
            // the core measures by the child's age, sex and ethnic group, with disproportionality (section 3)
            new ChildCharacteristicMeasures());

    @Override
    public String name() { return "national_framework"; }

    /** The part families, in publishing order (the catalogue test reads each part's definitions). */
    public List<MeasureFamily> parts() { return parts; }

    @Override
    public List<MeasureDefinition> definitions() {
        List<MeasureDefinition> out = new ArrayList<>();
        for (MeasureFamily f : parts) out.addAll(f.definitions());
        return out;
    }

    /** The parts' rows (each already in the Trends shape), in order. */
    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> all = null;
        for (MeasureFamily f : parts) {
            Dataset<Row> rows = f.compute(ctx);
            all = all == null ? rows : all.unionByName(rows);
        }
        return all;
    }
}
