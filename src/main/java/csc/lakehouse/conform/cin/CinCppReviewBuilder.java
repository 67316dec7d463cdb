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

/** {@code silver.cp_review} from {@code cin_census_cpp_review}. */
public final class CinCppReviewBuilder implements SilverBuilder {
    @Override
    public String table() { return "cp_review"; }

    @Override
    public Optional<Dataset<Row>> build(BronzeView bronze, ConformContext ctx) {
        return CinConform.current(bronze, ctx, BronzeSpec.CIN_CPP_REVIEW).map(d -> {
            Column start = date("CPPstartDate");
            List<Column> silver = List.of(
                    CinConform.id(col("la_code"), col("person_id"), start).as("cp_plan_id"),
                    col("la_code"), col("person_id"),
                    start.as("cp_start_date"),
                    date("CPPreviewDate").as("review_date"),
                    date("CINreferralDate").as("_referral_date"));
            Column src = functions.struct(
                    col("CPPstartDate").as("cp_start_date"),
                    col("CPPreviewDate").as("review_date"));
            return CinConform.select(d, silver, src);
        });
    }
}
