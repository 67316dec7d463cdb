package csc.lakehouse.publish;

import csc.lakehouse.spec.MeasureSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/** The measure catalogue (data-schemas/measures.yaml) as publishing sees it: title, theme title, definition, unit. */
public final class PublishedCatalogue {
    private PublishedCatalogue() {}

    public static Map<String, MeasureDefinitionLike> get() { return of(MeasureSpec.load()); }

    public static Map<String, MeasureDefinitionLike> of(MeasureSpec spec) {
        Map<String, MeasureDefinitionLike> out = new LinkedHashMap<>();
        for (MeasureSpec.Measure m : spec.measures()) {
            out.put(m.id(), MeasureDefinitionLike.of(m.title(), spec.themeTitle(m.theme()), m.definition(), m.unit()));
        }
        return out;
    }
}
