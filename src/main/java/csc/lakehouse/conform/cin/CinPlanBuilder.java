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

/** {@code silver.cin_plan} from {@code cin_census_cin_plan} (CINPlanDates, from 2021-22). */
public final class CinPlanBuilder implements SilverBuilder {
    @Override
    public String table() { return "cin_plan"; }

    @Override
    public Optional<Dataset<Row>> build(BronzeView bronze, ConformContext ctx) {
        return CinConform.current(bronze, ctx, BronzeSpec.CIN_PLAN).map(d -> {
            Column ref = date("CINreferralDate");
            Column start = date("CINPlanStartDate");
            List<Column> silver = List.of(
                    CinConform.id(col("la_code"), col("person_id"), start).as("cin_plan_id"),
                    CinConform.id(col("la_code"), col("person_id"), ref).as("referral_id"),
                    col("la_code"), col("person_id"),
                    ref.as("referral_date"),
                    start.as("start_date"),
                    date("CINPlanEndDate").as("end_date"));
            Column src = functions.struct(
                    col("CINreferralDate").as("referral_date"),
                    col("CINPlanStartDate").as("start_date"),
                    col("CINPlanEndDate").as("end_date"));
            return CinConform.select(d, silver, src);
        });
    }
}
