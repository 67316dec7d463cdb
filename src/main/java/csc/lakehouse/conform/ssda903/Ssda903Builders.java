package csc.lakehouse.conform.ssda903;

import csc.lakehouse.conform.SilverBuilder;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.List;

import static csc.lakehouse.conform.ssda903.Ssda903Columns.bool;
import static csc.lakehouse.conform.ssda903.Ssda903Columns.date;
import static csc.lakehouse.conform.ssda903.Ssda903Columns.hashId;
import static csc.lakehouse.conform.ssda903.Ssda903Columns.integer;
import static csc.lakehouse.conform.ssda903.Ssda903Columns.month;
import static csc.lakehouse.conform.ssda903.Ssda903Columns.postcodeDistrict;
import static csc.lakehouse.conform.ssda903.Ssda903Columns.raw;
import static csc.lakehouse.conform.ssda903.Ssda903Columns.rawIfUnparsed;
import static csc.lakehouse.conform.ssda903.Ssda903Columns.sex;
import static csc.lakehouse.conform.ssda903.Ssda903Columns.text;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.upper;

/**
 * The SSDA903 silver builders: bronze {@code ssda903_<file>} to the silver tables of
 * {@code data-schemas/tables/silver/}. CHILD becomes {@code person_id} (keyed pseudonym), UPN is dropped,
 * DOB and MC_DOB are degraded to the month, postcodes to their district. {@code _src} carries the raw
 * codes and dates the rules look at, never CHILD, UPN, a postcode or a full date of birth.
 */
public final class Ssda903Builders {
    private Ssda903Builders() {}

    public static List<SilverBuilder> all() {
        return List.of(person903(), episodes(), reviews(), missing(), uasc(), oc2(), oc3(), adoption(),
                placedForAdoption(), previousPermanence(), swEpisodes(), dolo());
    }

    /** {@code _src}: the named raw columns as received (trimmed), plus any extra columns given. */
    static Column src(Dataset<Row> rows, List<String> names, Column... extra) {
        List<Column> f = new ArrayList<>();
        for (String n : names) f.add(text(raw(rows, n)).as(n));
        for (Column c : extra) f.add(c);
        return functions.struct(f.toArray(new Column[0])).as("_src");
    }

    public static Ssda903Builder person903() {
        return new Ssda903Builder("person_903", "ssda903_header", r -> List.of(
                sex(raw(r, "SEX")).as("sex"),
                upper(text(raw(r, "ETHNIC"))).as("ethnicity"),
                month(raw(r, "DOB")).as("birth_month"),
                bool(raw(r, "MOTHER")).as("mother"),
                month(raw(r, "MC_DOB")).as("mother_child_birth_month"),
                date(raw(r, "DOB")).as("_dob"),
                src(r, List.of("SEX", "ETHNIC", "MOTHER"), rawIfUnparsed(raw(r, "DOB")).as("DOB"),
                        rawIfUnparsed(raw(r, "MC_DOB")).as("MC_DOB"))));
    }

    public static Ssda903Builder episodes() {
        return new Ssda903Builder("cla_episode", "ssda903_episodes", r -> List.of(
                hashId(col("la_code"), col("person_id"), date(raw(r, "DECOM"))).as("episode_id"),
                date(raw(r, "DECOM")).as("start_date"),
                upper(text(raw(r, "RNE"))).as("reason_new_episode"),
                upper(text(raw(r, "LS"))).as("legal_status"),
                upper(text(raw(r, "CIN"))).as("category_of_need"),
                upper(text(raw(r, "PLACE"))).as("placement_type"),
                upper(text(raw(r, "PLACE_PROVIDER"))).as("placement_provider"),
                date(raw(r, "DEC")).as("end_date"),
                upper(text(raw(r, "REC"))).as("reason_ceased"),
                upper(text(raw(r, "REASON_PLACE_CHANGE"))).as("reason_place_change"),
                postcodeDistrict(raw(r, "HOME_POST")).as("home_postcode_district"),
                postcodeDistrict(raw(r, "PL_POST")).as("placement_postcode_district"),
                text(raw(r, "URN")).as("urn"),
                src(r, List.of("DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                        "REASON_PLACE_CHANGE", "URN"))));
    }

    public static Ssda903Builder reviews() {
        return new Ssda903Builder("cla_review", "ssda903_reviews", r -> List.of(
                date(raw(r, "REVIEW")).as("review_date"),
                upper(text(raw(r, "REVIEW_CODE"))).as("participation_code"),
                src(r, List.of("REVIEW", "REVIEW_CODE"))));
    }

    public static Ssda903Builder missing() {
        return new Ssda903Builder("missing_episode", "ssda903_missing", r -> List.of(
                upper(text(raw(r, "MISSING"))).as("missing_type"),
                date(raw(r, "MIS_START")).as("start_date"),
                date(raw(r, "MIS_END")).as("end_date"),
                src(r, List.of("MISSING", "MIS_START", "MIS_END"))));
    }

    public static Ssda903Builder uasc() {
        return new Ssda903Builder("cla_uasc", "ssda903_uasc", r -> List.of(
                date(raw(r, "DUC")).as("uasc_ceased_date"),
                src(r, List.of("DUC", "SEX"))));
    }

    public static Ssda903Builder oc2() {
        return new Ssda903Builder("cla_oc2", "ssda903_oc2", r -> List.of(
                integer(raw(r, "SDQ_SCORE")).as("sdq_score"),
                upper(text(raw(r, "SDQ_REASON"))).as("sdq_reason"),
                bool(raw(r, "CONVICTED")).as("convicted"),
                bool(raw(r, "HEALTH_CHECK")).as("health_check"),
                bool(raw(r, "IMMUNISATIONS")).as("immunisations"),
                bool(raw(r, "TEETH_CHECK")).as("teeth_check"),
                bool(raw(r, "HEALTH_ASSESSMENT")).as("health_assessment"),
                bool(raw(r, "SUBSTANCE_MISUSE")).as("substance_misuse"),
                bool(raw(r, "INTERVENTION_RECEIVED")).as("intervention_received"),
                bool(raw(r, "INTERVENTION_OFFERED")).as("intervention_offered"),
                src(r, List.of("SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
                        "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
                        "INTERVENTION_OFFERED"))));
    }

    public static Ssda903Builder oc3() {
        return new Ssda903Builder("cla_oc3", "ssda903_oc3", r -> List.of(
                upper(text(raw(r, "IN_TOUCH"))).as("in_touch"),
                upper(text(raw(r, "ACTIV"))).as("activity"),
                upper(text(raw(r, "ACCOM"))).as("accommodation"),
                src(r, List.of("IN_TOUCH", "ACTIV", "ACCOM"))));
    }

    public static Ssda903Builder adoption() {
        return new Ssda903Builder("cla_adoption", "ssda903_ad1", r -> List.of(
                date(raw(r, "DATE_INT")).as("date_decision_to_adopt"),
                date(raw(r, "DATE_MATCH")).as("date_matched"),
                bool(raw(r, "FOSTER_CARE")).as("foster_care"),
                integer(raw(r, "NB_ADOPTR")).as("number_of_adopters"),
                upper(text(raw(r, "SEX_ADOPTR"))).as("sex_of_adopters"),
                upper(text(raw(r, "LS_ADOPTR"))).as("legal_status_of_adopters"),
                src(r, List.of("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"))));
    }

    public static Ssda903Builder placedForAdoption() {
        return new Ssda903Builder("cla_placed_for_adoption", "ssda903_placed_for_adoption", r -> List.of(
                date(raw(r, "DATE_PLACED")).as("date_placed"),
                date(raw(r, "DATE_PLACED_CEASED")).as("date_placed_ceased"),
                upper(text(raw(r, "REASON_PLACED_CEASED"))).as("reason_placed_ceased"),
                src(r, List.of("DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"))));
    }

    public static Ssda903Builder previousPermanence() {
        return new Ssda903Builder("cla_previous_permanence", "ssda903_previous_permanence", r -> List.of(
                upper(text(raw(r, "PREV_PERM"))).as("previous_permanence"),
                text(raw(r, "LA_PERM")).as("la_of_permanence"),
                text(raw(r, "DATE_PERM")).as("date_of_permanence"),
                src(r, List.of("PREV_PERM", "LA_PERM", "DATE_PERM"))));
    }

    public static Ssda903Builder swEpisodes() {
        return new Ssda903Builder("sw_episode", "ssda903_sw_episodes", r -> List.of(
                text(raw(r, "SW_ID")).as("sw_id"),
                date(raw(r, "SW_DECOM")).as("sw_start_date"),
                date(raw(r, "SW_DEC")).as("sw_end_date"),
                upper(text(raw(r, "SW_REASON"))).as("sw_reason"),
                src(r, List.of("SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"))));
    }

    public static Ssda903Builder dolo() {
        return new Ssda903Builder("dolo", "ssda903_dolo", r -> List.of(
                date(raw(r, "DOLO_START")).as("dolo_start_date"),
                date(raw(r, "DOLO_END")).as("dolo_end_date"),
                src(r, List.of("DOLO_START", "DOLO_END"))));
    }
}
