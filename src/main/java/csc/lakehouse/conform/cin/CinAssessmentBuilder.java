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

import static csc.lakehouse.conform.cin.CinConform.date;
import static org.apache.spark.sql.functions.col;

/** {@code silver.assessment} from {@code cin_census_assessment}; factors kept as recorded. */
public final class CinAssessmentBuilder implements SilverBuilder {
    @Override
    public String table() { return "assessment"; }

    @Override
    public Optional<Dataset<Row>> build(BronzeView bronze, ConformContext ctx) {
        return CinConform.current(bronze, ctx, BronzeSpec.CIN_ASSESSMENT).map(d -> {
            Column ref = date("CINreferralDate");
            Column start = date("AssessmentActualStartDate");
            List<Column> silver = List.of(
                    CinConform.id(col("la_code"), col("person_id"), start).as("assessment_id"),
                    CinConform.id(col("la_code"), col("person_id"), ref).as("referral_id"),
                    col("la_code"), col("person_id"),
                    ref.as("referral_date"),
                    start.as("start_date"),
                    date("AssessmentInternalReviewDate").as("internal_review_date"),
                    date("AssessmentAuthorisationDate").as("authorisation_date"),
                    CinConform.codeArray("AssessmentFactors").as("factors"));
            Column src = functions.struct(
                    col("CINreferralDate").as("referral_date"),
                    col("AssessmentActualStartDate").as("start_date"),
                    col("AssessmentInternalReviewDate").as("internal_review_date"),
                    col("AssessmentAuthorisationDate").as("authorisation_date"),
                    col("AssessmentFactors").as("factors"));
            return CinConform.select(d, silver, src);
        });
    }
}
