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
import static org.apache.spark.sql.functions.col;

/** {@code silver.referral} from {@code cin_census_cin_details}: one row per CIN episode. */
public final class CinReferralBuilder implements SilverBuilder {
    @Override
    public String table() { return "referral"; }

    @Override
    public Optional<Dataset<Row>> build(BronzeView bronze, ConformContext ctx) {
        return CinConform.current(bronze, ctx, BronzeSpec.CIN_DETAILS).map(d -> {
            Column ref = date("CINreferralDate");
            List<Column> silver = List.of(
                    CinConform.id(col("la_code"), col("person_id"), ref).as("referral_id"),
                    col("la_code"), col("person_id"),
                    ref.as("referral_date"),
                    code("ReferralSource").as("referral_source"),
                    code("PrimaryNeedCode").as("primary_need"),
                    date("CINclosureDate").as("closure_date"),
                    code("ReasonForClosure").as("reason_for_closure"),
                    date("DateOfInitialCPC").as("icpc_date"),
                    bool("ReferralNFA").as("referral_nfa"));
            Column src = functions.struct(
                    col("CINreferralDate").as("referral_date"),
                    col("ReferralSource").as("referral_source"),
                    col("PrimaryNeedCode").as("primary_need"),
                    col("CINclosureDate").as("closure_date"),
                    col("ReasonForClosure").as("reason_for_closure"),
                    col("DateOfInitialCPC").as("icpc_date"),
                    col("ReferralNFA").as("referral_nfa"));
            return CinConform.select(d, silver, src);
        });
    }
}
