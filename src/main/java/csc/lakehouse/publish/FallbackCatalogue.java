package csc.lakehouse.publish;

import csc.lakehouse.publish.MeasureDefinitionLike.Themes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Titles, themes and short definitions for the measures of measures.md, used when the publish step is
 * given no catalogue (and by the stand-alone renderer). The measure classes' definitions take precedence.
 */
public final class FallbackCatalogue {
  private FallbackCatalogue() {}

  private static final String[][] ROWS = {
      {"referrals", Themes.FRONT_DOOR, "count", "Referrals", "Referrals (CINdetails) with CINreferralDate in the year."},
      {"referrals_rate", Themes.FRONT_DOOR, "rate_per_10000", "Referrals per 10,000 children", "Referrals per 10,000 children aged 0-17 (mid-year estimate of the year before)."},
      {"rereferrals_12m", Themes.FRONT_DOOR, "percent", "Re-referrals within 12 months", "Of referrals in the year, those where the same child had another referral in the 12 months before."},
      {"assessments_completed", Themes.FRONT_DOOR, "count", "Assessments completed", "Assessments authorised in the year."},
      {"assessments_45wd", Themes.FRONT_DOOR, "percent", "Assessments within 45 working days", "Of assessments completed, those authorised within 45 working days of the start."},
      {"s47_enquiries", Themes.FRONT_DOOR, "count", "Section 47 enquiries", "Section 47 enquiries starting in the year."},
      {"s47_rate", Themes.FRONT_DOOR, "rate_per_10000", "Section 47 enquiries per 10,000 children", "Section 47 enquiries starting in the year per 10,000 children."},
      {"icpc_15wd", Themes.FRONT_DOOR, "percent", "Initial conferences within 15 working days", "Of ICPCs in the year, those within 15 working days of the S47 start."},
      {"children_open", Themes.FRONT_DOOR, "count", "Children open to social care", "Children with an open CIN episode at the date."},
      {"cin_31mar", Themes.CIN_CP, "count", "Children in need at 31 March", "CIN episodes open at 31 March (DfE At31_episodes)."},
      {"cin_31mar_rate", Themes.CIN_CP, "rate_per_10000", "Children in need per 10,000", "CIN episodes open at 31 March per 10,000 children."},
      {"cin_open_duration", Themes.CIN_CP, "percent", "Open CIN episodes by duration", "Open CIN episodes by time since referral."},
      {"cin_plan_duration", Themes.CIN_CP, "percent", "Children on CIN plans by plan duration", "Children on an open CIN plan by time since the plan started (the long CIN plans cohort)."},
      {"cpp_starts", Themes.CIN_CP, "count", "Child protection plans started", "CP plans starting in the year."},
      {"cpp_starts_rate", Themes.CIN_CP, "rate_per_10000", "CP plans started per 10,000", "CP plans starting in the year per 10,000 children."},
      {"cpp_31mar", Themes.CIN_CP, "count", "Child protection plans at 31 March", "CP plans open at 31 March."},
      {"cpp_31mar_rate", Themes.CIN_CP, "rate_per_10000", "Child protection plans per 10,000", "CP plans open at 31 March per 10,000 children."},
      {"cpp_repeat", Themes.CIN_CP, "percent", "Second or subsequent CP plans", "Of CP plans starting in the year, those that are a second or subsequent plan."},
      {"cpp_duration", Themes.CIN_CP, "percent", "CP plans by duration", "Open CP plans by time since start; 24m+ is the DfE's 'two years or more'."},
      {"cpp_ended_2yr", Themes.CIN_CP, "percent", "CP plans ending after 2 years or more", "Of CP plans ending in the year, those that lasted 2 years or more."},
      {"cpp_category", Themes.CIN_CP, "percent", "CP plans by category of abuse", "CP plans starting in the year by initial category of abuse."},
      {"neglect_new", Themes.NEGLECT, "count", "Children newly identified with neglect", "Children whose first neglect identification (assessment factor 16A or a NEG CP plan) falls in the year."},
      {"neglect_days_to_cpp", Themes.NEGLECT, "days", "Days from neglect assessment to CP plan", "Median days from the first assessment with factor 16A to the first CP plan on or after it (a plan is never its own identification)."},
      {"neglect_repeat_cpp", Themes.NEGLECT, "percent", "Repeat CP plans for neglect", "Of CP plans starting in the year with initial category NEG, those that are second or subsequent."},
      {"neglect_late_care_entry", Themes.NEGLECT, "percent", "Late care entries after neglect", "Of children entering care after neglect was identified, those identified 2 years or more before."},
      {"neglect_prior_referrals", Themes.NEGLECT, "median", "Referrals before care entry (neglect cohort)", "Median number of referrals before the care start."},
      {"cla_31mar", Themes.CLA_PP, "count", "Children looked after at 31 March", "Children with an open 903 episode at 31 March (short breaks excluded)."},
      {"cla_31mar_rate", Themes.CLA_PP, "rate_per_10000", "Children looked after per 10,000", "Children looked after at 31 March per 10,000 children."},
      {"cla_starts", Themes.CLA_PP, "count", "Children starting to be looked after", "Periods of care starting in the year."},
      {"cla_starts_rate", Themes.CLA_PP, "rate_per_10000", "Care starts per 10,000", "Periods of care starting in the year per 10,000 children."},
      {"cla_starts_legal_status", Themes.CLA_PP, "percent", "Care starts by legal status", "Periods of care starting in the year by the legal status of the first episode."},
      {"cla_starts_police_protection", Themes.CLA_PP, "percent", "Care entries under police protection", "Of care starts, those whose first episode is under police protection (L1). Target 13%."},
      {"pp_returned_home_14d", Themes.CLA_PP, "percent", "Police-protection entries home within 14 days", "Of periods starting under L1, those ending within 14 days with a return home."},
      {"pp_l1_over_72h", Themes.CLA_PP, "count", "Police protection over 72 hours", "L1 episodes starting in the year that lasted more than 3 days."},
      {"pp_sibling_groups", Themes.CLA_PP, "count", "Children in police protection in sibling groups", "Children taken into police protection in a sibling group of two or more children."},
      {"pp_out_of_hours", Themes.CLA_PP, "percent", "Police-protection entries out of hours", "Entries under police protection outside 09:00-17:00 Monday to Friday."},
      {"population_0_17", Themes.DEMAND, "count", "Child population (0-17)", "ONS mid-year estimate of the 0-17 population used as the denominator."},
      {"demand_index", Themes.DEMAND, "index", "Demand index", "Each series divided by its base-year value x 100."},
      {"demand_excess_growth", Themes.DEMAND, "index_points", "Demand growth beyond population growth", "Growth since the base year minus the population's growth."},
      {"demand_projection", Themes.DEMAND, "count", "Demand projection", "Each series' latest value grown by the population projection's growth, within one projection vintage."},
      {"strategy_discussion_days", Themes.RECOMMENDATIONS, "days", "Days to strategy discussion", "Mean working days from referral to strategy discussion."},
      {"strategy_discussion_days_median", Themes.RECOMMENDATIONS, "days", "Days to strategy discussion (median)", "Median working days from referral to strategy discussion."},
      {"strategy_discussion_in_timescale", Themes.RECOMMENDATIONS, "percent", "Strategy discussions in timescale", "Strategy discussions within the local timescale."},
      {"strategy_police_attended", Themes.RECOMMENDATIONS, "percent", "Strategy discussions attended by police", "Strategy discussions with police attendance."},
      {"supervision_4wk", Themes.RECOMMENDATIONS, "percent", "Supervision within 4 weeks", "Children whose latest case supervision is within 28 days."},
      {"supervision_8wk", Themes.RECOMMENDATIONS, "percent", "Supervision within 8 weeks", "Children whose latest case supervision is within 56 days."},
      {"caseload_over_target", Themes.RECOMMENDATIONS, "count", "Social workers over caseload target", "Case-holding social workers above their team's target."},
      {"pre_proceedings_over_16w", Themes.RECOMMENDATIONS, "count", "Pre-proceedings over 16 weeks", "Children in pre-proceedings for more than 16 weeks."},
      {"homeless_1617", Themes.RECOMMENDATIONS, "count", "Homeless 16/17-year-olds", "16/17-year-olds presenting as homeless in the year."},
      {"unregistered_u16_notified", Themes.RECOMMENDATIONS, "count", "Under-16s in unregistered placements", "Children under 16 placed in unregistered settings; percent notified to Ofsted."},
      {"ppm_by_second_review", Themes.RECOMMENDATIONS, "percent", "Permanence planning by second review", "Children looked after with a permanence planning meeting by their second review."},
      {"early_help_threshold", Themes.RECOMMENDATIONS, "count", "Early help step-up and step-down", "Referrals from early help and closures to early help."},
  };

  public static Map<String, MeasureDefinitionLike> get() {
    Map<String, MeasureDefinitionLike> m = new LinkedHashMap<>();
    for (String[] r : ROWS) m.put(r[0], MeasureDefinitionLike.of(r[3], r[1], r[4], r[2]));
    return m;
  }
}
