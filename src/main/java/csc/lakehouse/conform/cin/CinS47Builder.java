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
import static csc.lakehouse.conform.cin.CinConform.date;
import static org.apache.spark.sql.functions.col;

/** {@code silver.s47_enquiry} from {@code cin_census_s47}. */
public final class CinS47Builder implements SilverBuilder {
    @Override
    public String table() { return "s47_enquiry"; }

    @Override
    public Optional<Dataset<Row>> build(BronzeView bronze, ConformContext ctx) {
        return CinConform.current(bronze, ctx, BronzeSpec.CIN_S47).map(d -> {
            Column ref = date("CINreferralDate");
            Column start = date("S47ActualStartDate");
            List<Column> silver = List.of(
                    CinConform.id(col("la_code"), col("person_id"), start).as("s47_id"),
                    CinConform.id(col("la_code"), col("person_id"), ref).as("referral_id"),
                    col("la_code"), col("person_id"),
                    ref.as("referral_date"),
                    start.as("start_date"),
                    date("InitialCPCtarget").as("icpc_target_date"),
                    date("DateOfInitialCPC").as("icpc_date"),
                    bool("ICPCnotRequired").as("icpc_not_required"));
            Column src = functions.struct(
                    col("CINreferralDate").as("referral_date"),
                    col("S47ActualStartDate").as("start_date"),
                    col("InitialCPCtarget").as("icpc_target_date"),
                    col("DateOfInitialCPC").as("icpc_date"),
                    col("ICPCnotRequired").as("icpc_not_required"));
            return CinConform.select(d, silver, src);
        });
    }
}
