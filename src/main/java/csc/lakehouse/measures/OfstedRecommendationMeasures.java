package csc.lakehouse.measures;

import csc.lakehouse.spec.DataSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The measures behind the council's Ofsted recommendations ({@code gold.ofsted_recommendations}), one small
 * class per recommendation ({@link OfstedRecommendation}; data-schemas/ofsted_recommendations.yaml):
 * R1 {@link StrategyDiscussionTimeliness}, R2 {@link SupervisionAndOversight}, R4
 * {@link PreProceedingsTimeliness}, R5 {@link HomelessnessResponse}, R6 {@link UnregisteredHomesOversight},
 * R7 {@link EarlyHelpThreshold}, R8 {@link PermanencePlanning}, and PP {@link PoliceProtectionUse}. R3
 * (neglect) is the {@link NeglectCohort} family. Statutory data is used where it can serve, the local
 * trackers otherwise; each row's {@code note} names its source.
 */
public final class OfstedRecommendationMeasures implements MeasureFamily {
    public static final String NAME = "ofsted_recommendations";
    private final List<OfstedRecommendation> recommendations;

    public OfstedRecommendationMeasures() {
        this(parameter("strategy_discussion_timescale_working_days", 3), parameter("pre_proceedings_weeks", 16));
    }

    public OfstedRecommendationMeasures(int timescaleWorkingDays, int preProceedingsWeeks) {
        this.recommendations = List.of(new StrategyDiscussionTimeliness(timescaleWorkingDays), new SupervisionAndOversight(),
                new PreProceedingsTimeliness(preProceedingsWeeks), new HomelessnessResponse(), new UnregisteredHomesOversight(),
                new EarlyHelpThreshold(), new PermanencePlanning(), new PoliceProtectionUse());
    }

    /** A number under {@code parameters:} in ofsted_recommendations.yaml, or the default. */
    @SuppressWarnings("unchecked")
    static int parameter(String name, int dflt) {
        Map<String, Object> all = DataSchemas.readYaml("ofsted_recommendations.yaml", Map.class);
        Object p = all.get("parameters");
        Object v = p instanceof Map<?, ?> m ? m.get(name) : null;
        return v instanceof Number n ? n.intValue() : dflt;
    }

    public List<OfstedRecommendation> recommendations() { return recommendations; }

    @Override
    public String name() { return NAME; }

    @Override
    public List<MeasureDefinition> definitions() {
        List<MeasureDefinition> out = new ArrayList<>();
        for (OfstedRecommendation r : recommendations) out.addAll(r.definitions());
        return out;
    }

    @Override
    public Dataset<Row> compute(MeasureContext ctx) {
        Dataset<Row> all = null;
        for (OfstedRecommendation r : recommendations) {
            Dataset<Row> rows = r.compute(ctx);
            all = all == null ? rows : all.unionByName(rows, true);
        }
        return Trends.shape(all);
    }
}
