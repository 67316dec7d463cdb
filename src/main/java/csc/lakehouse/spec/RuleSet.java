package csc.lakehouse.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validation rules kept as data: {@code data-schemas/rules/<silver table>.yaml}. Each rule has an id
 * (the DfE rule number where there is one, e.g. {@code CIN-8805}, {@code 903-361}), a severity, a
 * message and exactly one check:
 * <ul>
 *   <li>{@code check}: a Spark SQL boolean expression over the typed row that is TRUE when the rule is
 *       broken (window functions allowed, e.g. {@code count(*) over (partition by person_id) > 1});
 *       raw values as received are in the struct {@code _src};</li>
 *   <li>{@code required}: a column that must not be null;</li>
 *   <li>{@code codelist}: {@code {column, list}}: the value must be in the list for the row's
 *       {@code collection_year} (nulls pass; pair with {@code required});</li>
 *   <li>{@code parsed}: {@code {column, source}}: the typed column is null although the raw
 *       {@code _src.<source>} was not blank (a date, number or boolean that could not be read).</li>
 * </ul>
 * Errors send the row to {@code quarantine.<table>}; warnings are recorded and the row is kept.
 */
public final class RuleSet {
    public String table;
    public List<Rule> rules = new ArrayList<>();

    public static final class Rule {
        public String id;
        public String severity = "error";
        public String message;
        public String check;
        public String required;
        public CodeListCheck codelist;
        public ParsedCheck parsed;

        public boolean isError() { return !"warning".equalsIgnoreCase(severity); }
    }

    public static final class CodeListCheck {
        public String column;
        public String list;
    }

    public static final class ParsedCheck {
        public String column;
        public String source;
    }

    /** Rules for a silver table; an empty set when the table has no rule file. */
    public static RuleSet forTable(String table) {
        Optional<?> present = DataSchemas.open("rules/" + table + ".yaml");
        if (present.isEmpty()) {
            RuleSet r = new RuleSet();
            r.table = table;
            return r;
        }
        RuleSet r = DataSchemas.readYaml("rules/" + table + ".yaml", RuleSet.class);
        for (Rule rule : r.rules) {
            int n = (rule.check != null ? 1 : 0) + (rule.required != null ? 1 : 0)
                    + (rule.codelist != null ? 1 : 0) + (rule.parsed != null ? 1 : 0);
            if (rule.id == null || rule.message == null || n != 1) {
                throw new IllegalStateException("data-schemas/rules/" + table + ".yaml: rule " + rule.id
                        + " needs an id, a message and exactly one of check/required/codelist/parsed");
            }
        }
        return r;
    }
}
