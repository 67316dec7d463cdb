package csc.lakehouse.measures;

/**
 * The statutory review timescales, {@code review_timescales} in data-schemas/targets.yaml (their sources are given
 * there): CP reviews ({@link ChildProtectionMeasures}, the DfE's D6) and the Annex A checks ({@link AnnexAMeasures}).
 * Every key is required: a spec, not a Java default.
 */
public record ReviewTimescales(int cpFirstReviewMonths, int cpReviewMonths, int claFirstReviewWorkingDays,
                               int claReviewMonths, int healthFirstAssessmentWorkingDays,
                               int healthAssessmentMonthsUnder5, int healthAssessmentMonths,
                               int pathwayPlanReviewMonths) {
    @SuppressWarnings("unchecked")
    public static ReviewTimescales load() {
        Object t = csc.lakehouse.spec.DataSchemas.readYaml("targets.yaml", java.util.Map.class).get("review_timescales");
        java.util.Map<String, Object> m = t instanceof java.util.Map<?, ?> ? (java.util.Map<String, Object>) t : java.util.Map.of();
        return new ReviewTimescales(req(m, "cp_first_review_months"), req(m, "cp_review_months"),
                req(m, "cla_first_review_working_days"), req(m, "cla_review_months"),
                req(m, "health_first_assessment_working_days"), req(m, "health_assessment_months_under_5"),
                req(m, "health_assessment_months"), req(m, "pathway_plan_review_months"));
    }

    private static int req(java.util.Map<String, Object> m, String k) {
        if (m.get(k) instanceof Number n) return n.intValue();
        throw new IllegalStateException("data-schemas/targets.yaml: review_timescales." + k + " is missing");
    }
}
