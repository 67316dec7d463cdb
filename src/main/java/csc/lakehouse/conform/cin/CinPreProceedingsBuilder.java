package csc.lakehouse.conform.cin;

import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.conform.BronzeView;
import csc.lakehouse.conform.ConformContext;
import csc.lakehouse.conform.SilverBuilder;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.List;
import java.util.Optional;

import static csc.lakehouse.conform.cin.CinConform.bool;
import static csc.lakehouse.conform.cin.CinConform.code;
import static csc.lakehouse.conform.cin.CinConform.date;
import static csc.lakehouse.conform.cin.CinConform.integer;
import static org.apache.spark.sql.functions.col;

/** {@code silver.pre_proceedings} from {@code cin_census_pre_proceedings} (2026-27 module). */
public final class CinPreProceedingsBuilder implements SilverBuilder {
    @Override
    public String table() { return "pre_proceedings"; }

    @Override
    public Optional<Dataset<Row>> build(BronzeView bronze, ConformContext ctx) {
        return CinConform.current(bronze, ctx, BronzeSpec.CIN_PRE_PROCEEDINGS).map(d -> {
            Column ref = date("CINreferralDate");
            Column start = date("PPStartDate");
            List<Column> silver = List.of(
                    CinConform.id(col("la_code"), col("person_id"), start).as("pre_proceedings_id"),
                    CinConform.id(col("la_code"), col("person_id"), ref).as("referral_id"),
                    col("la_code"), col("person_id"),
                    ref.as("referral_date"),
                    start.as("pp_start_date"),
                    date("LBPSentDate").as("lbp_sent_date"),
                    bool("FGDMMeetingOffer").as("fgdm_meeting_offered"),
                    bool("FGDMMeetingFac").as("fgdm_meeting_facilitated"),
                    date("InitialPPMeetingDate").as("initial_pp_meeting_date"),
                    integer("ReviewMeetingsCount").as("review_meetings_count"),
                    date("StepDecisionDate").as("step_decision_date"),
                    code("PPOutcome").as("pp_outcome"),
                    date("CourtAppDate").as("court_app_date"),
                    date("LetterInitCPDate").as("letter_init_cp_date"));
            Column src = functions.struct(
                    col("CINreferralDate").as("referral_date"),
                    col("PPStartDate").as("pp_start_date"),
                    col("LBPSentDate").as("lbp_sent_date"),
                    col("FGDMMeetingOffer").as("fgdm_meeting_offered"),
                    col("FGDMMeetingFac").as("fgdm_meeting_facilitated"),
                    col("InitialPPMeetingDate").as("initial_pp_meeting_date"),
                    col("ReviewMeetingsCount").as("review_meetings_count"),
                    col("StepDecisionDate").as("step_decision_date"),
                    col("PPOutcome").as("pp_outcome"),
                    col("CourtAppDate").as("court_app_date"),
                    col("LetterInitCPDate").as("letter_init_cp_date"));
            return CinConform.select(d, silver, src);
        });
    }
}
