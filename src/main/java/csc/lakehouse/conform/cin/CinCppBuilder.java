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

import static csc.lakehouse.conform.cin.CinConform.code;
import static csc.lakehouse.conform.cin.CinConform.date;
import static csc.lakehouse.conform.cin.CinConform.integer;
import static org.apache.spark.sql.functions.col;

/** {@code silver.cp_plan} from {@code cin_census_cpp}. NumberOfPreviousCPP 0 is valid. */
public final class CinCppBuilder implements SilverBuilder {
    @Override
    public String table() { return "cp_plan"; }

    @Override
    public Optional<Dataset<Row>> build(BronzeView bronze, ConformContext ctx) {
        return CinConform.current(bronze, ctx, BronzeSpec.CIN_CPP).map(d -> {
            Column ref = date("CINreferralDate");
            Column start = date("CPPstartDate");
            List<Column> silver = List.of(
                    CinConform.id(col("la_code"), col("person_id"), start).as("cp_plan_id"),
                    CinConform.id(col("la_code"), col("person_id"), ref).as("referral_id"),
                    col("la_code"), col("person_id"),
                    ref.as("referral_date"),
                    start.as("start_date"),
                    date("CPPendDate").as("end_date"),
                    code("InitialCategoryOfAbuse").as("initial_category"),
                    code("LatestCategoryOfAbuse").as("latest_category"),
                    integer("NumberOfPreviousCPP").as("number_of_previous_cpp"));
            Column src = functions.struct(
                    col("CINreferralDate").as("referral_date"),
                    col("CPPstartDate").as("start_date"),
                    col("CPPendDate").as("end_date"),
                    col("InitialCategoryOfAbuse").as("initial_category"),
                    col("LatestCategoryOfAbuse").as("latest_category"),
                    col("NumberOfPreviousCPP").as("number_of_previous_cpp"));
            return CinConform.select(d, silver, src);
        });
    }
}
