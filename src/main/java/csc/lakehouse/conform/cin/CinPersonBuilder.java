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
import static csc.lakehouse.conform.cin.CinConform.month;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * {@code silver.person_cin} from {@code cin_census_child}. Sex: GenderCurrent 1/2/0/9 to M/F/U/U, Sex
 * M/F/U kept; anything else null (rule CIN-CODE-sex). Dates of birth, expected birth and death degraded
 * to the first of the month; the full raw dates stay only in {@code _src} for the rules — no LAchildID,
 * UPN or FormerUPN anywhere.
 */
public final class CinPersonBuilder implements SilverBuilder {
    @Override
    public String table() { return "person_cin"; }

    /**
     * The raw date for {@code _src} (and so for quarantine's original_row) without the day: a date that
     * parses is shown as its month ({@code yyyy-MM-01}); only a value that does not parse is kept as
     * received, since that is what someone fixing the return needs to see.
     */
    static Column rawDate(String rawColumn) {
        Column parsed = date(rawColumn);
        return when(parsed.isNotNull(), functions.date_format(month(parsed), "yyyy-MM-dd")).otherwise(col(rawColumn));
    }

    @Override
    public Optional<Dataset<Row>> build(BronzeView bronze, ConformContext ctx) {
        return CinConform.current(bronze, ctx, BronzeSpec.CIN_CHILD).map(d -> {
            Column gc = functions.trim(col("GenderCurrent"));
            Column sx = functions.upper(functions.trim(col("Sex")));
            Column sex = when(col("Sex").isNotNull(), when(sx.isin("M", "F", "U"), sx))
                    .otherwise(when(gc.equalTo("1"), lit("M")).when(gc.equalTo("2"), lit("F"))
                            .when(gc.isin("0", "9"), lit("U")));
            Column sexCode = functions.coalesce(col("Sex"), col("GenderCurrent"));
            List<Column> silver = List.of(
                    col("la_code"), col("person_id"),
                    sex.as("sex"),
                    code("Ethnicity").as("ethnicity"),
                    month(date("PersonBirthDate")).as("birth_month"),
                    month(date("ExpectedPersonBirthDate")).as("expected_birth_month"),
                    month(date("PersonDeathDate")).as("death_month"),
                    code("UPNunknown").as("upn_unknown"),
                    CinConform.codeArray("Disabilities").as("disabilities"),
                    // full dates for the rules only (not in silver): parse checks and same-return conflicts
                    date("PersonBirthDate").as("_birth_date"),
                    date("ExpectedPersonBirthDate").as("_expected_birth_date"),
                    date("PersonDeathDate").as("_death_date"));
            Column src = functions.struct(
                    sexCode.as("sex_code"),
                    col("GenderCurrent").as("gender_current"),
                    col("Sex").as("sex"),
                    col("Ethnicity").as("ethnicity"),
                    col("UPNunknown").as("upn_unknown"),
                    col("Disabilities").as("disabilities"),
                    rawDate("PersonBirthDate").as("person_birth_date"),
                    rawDate("ExpectedPersonBirthDate").as("expected_person_birth_date"),
                    rawDate("PersonDeathDate").as("person_death_date"));
            return CinConform.select(d, silver, src);
        });
    }
}
