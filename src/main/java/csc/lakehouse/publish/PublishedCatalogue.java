package csc.lakehouse.publish;

import csc.lakehouse.measures.MeasureDefinition;
import csc.lakehouse.measures.MeasureFamilies;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The code's measure catalogue, adapted to the publishing themes (one sheet and section each). */
public final class PublishedCatalogue {
    private PublishedCatalogue() {}

    public static Map<String, MeasureDefinitionLike> get() {
        Map<String, MeasureDefinitionLike> out = new LinkedHashMap<>();
        for (MeasureDefinition d : MeasureFamilies.catalogue()) {
            out.put(d.id(), MeasureDefinitionLike.of(d.title(), theme(d.theme()), d.definition(), d.unit()));
        }
        return out;
    }

    /** Maps a family's theme wording to the publishing theme it belongs under. */
    static String theme(String t) {
        String s = t == null ? "" : t.toLowerCase(Locale.ROOT);
        if (s.contains("recommend") || s.contains("ofsted")) return MeasureDefinitionLike.Themes.RECOMMENDATIONS;
        if (s.contains("neglect")) return MeasureDefinitionLike.Themes.NEGLECT;
        if (s.contains("front")) return MeasureDefinitionLike.Themes.FRONT_DOOR;
        if (s.contains("looked") || s.contains("police")) return MeasureDefinitionLike.Themes.CLA_PP;
        if (s.contains("demand") || s.contains("population")) return MeasureDefinitionLike.Themes.DEMAND;
        if (s.contains("need") || s.contains("protection")) return MeasureDefinitionLike.Themes.CIN_CP;
        return t;
    }
}
