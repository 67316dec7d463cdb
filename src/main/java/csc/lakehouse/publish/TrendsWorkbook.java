package csc.lakehouse.publish;

import com.fasterxml.jackson.databind.JsonNode;
import csc.lakehouse.publish.MeasureDefinitionLike.Themes;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * trends.xlsx for analysts: a Contents sheet, one sheet per theme with each measure as a block (id,
 * title and definition above its figures, years down, benchmarks and target beside), a native line chart
 * for every measure with two or more reporting years (blanks drawn as gaps, a colour per series, axis
 * titles, legends in words), a Recommendations sheet grouped by recommendation with targets, a Data
 * quality sheet (rows set aside and every warning), and a flat Data sheet holding every trends.csv row as
 * an Excel table with filters, for pivoting. Every sheet prints fitted to the page width with its title
 * row repeated, landscape when wide. Figures are the unsuppressed trends.csv rows (the council's own
 * use); real numbers and real Excel dates throughout.
 */
public final class TrendsWorkbook {
    static final int CHART_ROWS = 16, CHART_COLS = 8;
    /** Series colours, one per line (the first is the council). */
    static final String[] COLOURS = {"1d3f73", "6b6b6b", "2e7d32", "d9822b", "c62828", "8e24aa", "00838f", "6d4c41",
            "5c6bc0", "9e9d24", "f06292", "4db6ac"};
    public static final String DATA_SHEET = "Data";
    public static final String RECOMMENDATIONS_SHEET = "Recommendations";
    public static final String NATIONAL_FRAMEWORK_SHEET = "National framework";

    private final XSSFWorkbook wb = new XSSFWorkbook();
    private final CreationHelper helper = wb.getCreationHelper();
    private final Map<String, CellStyle> styles = new LinkedHashMap<>();
    private final Map<String, List<TrendRow>> byMeasure;
    private final Map<String, ? extends MeasureDefinitionLike> catalogue;
    /** Measures whose catalogue entry allows a chart (chart: true in data-schemas/measures.yaml, or not catalogued). */
    private final Set<String> charted = new java.util.HashSet<>();
    private final Benchmarks benchmarks;
    private final JsonNode manifest;
    private final List<TrendRow> rows;
    private final PublishConfig config = PublishConfig.get();

    private TrendsWorkbook(List<TrendRow> rows, Map<String, ? extends MeasureDefinitionLike> catalogue, Benchmarks benchmarks,
            String manifestJson) {
        this.rows = rows;
        this.byMeasure = TrendSeries.byMeasure(rows);
        this.catalogue = catalogue == null ? Map.of() : catalogue;
        this.benchmarks = benchmarks == null ? Benchmarks.of(List.of()) : benchmarks;
        this.manifest = EvidencePack.parse(manifestJson);
        csc.lakehouse.spec.MeasureSpec spec = csc.lakehouse.spec.MeasureSpec.load();
        for (String m : byMeasure.keySet()) if (spec.get(m).map(csc.lakehouse.spec.MeasureSpec.Measure::chart).orElse(true)) charted.add(m);
    }

    public static void write(OutputStream out, List<TrendRow> rows, Map<String, ? extends MeasureDefinitionLike> catalogue,
            Benchmarks benchmarks, String manifestJson) throws IOException {
        TrendsWorkbook w = new TrendsWorkbook(rows, catalogue, benchmarks, manifestJson);
        try (XSSFWorkbook wb = w.build()) {
            wb.write(out);
        }
    }

    // ---- styles ------------------------------------------------------------------------------------

    private CellStyle style(String name) {
        return styles.computeIfAbsent(name, n -> {
            CellStyle s = wb.createCellStyle();
            Font f = wb.createFont();
            switch (n) {
                case "h1" -> { f.setBold(true); f.setFontHeightInPoints((short) 16); f.setColor(IndexedColors.DARK_BLUE.getIndex()); }
                case "h2" -> { f.setBold(true); f.setFontHeightInPoints((short) 12); f.setColor(IndexedColors.DARK_BLUE.getIndex()); }
                case "bold" -> f.setBold(true);
                case "head", "head_n" -> {
                    f.setBold(true);
                    s.setFillForegroundColor(IndexedColors.PALE_BLUE.getIndex());
                    s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
                    s.setBorderBottom(BorderStyle.THIN);
                    s.setWrapText(true);
                    // the header of a column of numbers: right-aligned, like the numbers under it
                    if (n.equals("head_n")) s.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.RIGHT);
                }
                case "mark" -> s.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.RIGHT);   // c / x among numbers
                case "wrap" -> { s.setWrapText(true); f.setItalic(true); }
                case "link" -> { f.setUnderline(Font.U_SINGLE); f.setColor(IndexedColors.BLUE.getIndex()); }
                case "date" -> s.setDataFormat(helper.createDataFormat().getFormat("dd/mm/yyyy"));
                case "datetime" -> s.setDataFormat(helper.createDataFormat().getFormat("dd/mm/yyyy hh:mm"));
                case "percent" -> s.setDataFormat(helper.createDataFormat().getFormat("0.0%"));
                case "rate_per_10000", "index" -> s.setDataFormat(helper.createDataFormat().getFormat("#,##0.0"));
                case "percentage_points", "index_points" -> s.setDataFormat(helper.createDataFormat().getFormat("+0.0;-0.0;0.0"));
                case "days" -> s.setDataFormat(helper.createDataFormat().getFormat("#,##0"));
                case "count" -> s.setDataFormat(helper.createDataFormat().getFormat("#,##0"));
                case "decimal", "median", "mean" -> s.setDataFormat(helper.createDataFormat().getFormat("#,##0.0"));
                default -> { }
            }
            s.setFont(f);
            return s;
        });
    }

    private static org.apache.poi.ss.usermodel.Row row(Sheet sh, int r) {
        org.apache.poi.ss.usermodel.Row x = sh.getRow(r);
        return x == null ? sh.createRow(r) : x;
    }

    private Cell text(Sheet sh, int r, int c, String v, String style) {
        Cell cell = row(sh, r).createCell(c);
        cell.setCellValue(v == null ? "" : v);
        if (style != null) cell.setCellStyle(style(style));
        return cell;
    }

    /** A measure value: percent is stored as a fraction (0.256) with a percent format, so it is a real percentage. */
    private void number(Sheet sh, int r, int c, Double v, String unit) {
        if (v == null) return;
        Cell cell = row(sh, r).createCell(c);
        cell.setCellValue("percent".equals(unit) ? v / 100.0 : v);
        cell.setCellStyle(style(unit == null ? "decimal" : unit));
    }

    private void date(Sheet sh, int r, int c, String iso) {
        if (iso == null || iso.isBlank()) return;
        try {
            LocalDate d = LocalDate.parse(iso.trim());
            Cell cell = row(sh, r).createCell(c);
            cell.setCellValue(d);
            cell.setCellStyle(style("date"));
        } catch (DateTimeParseException e) {
            text(sh, r, c, iso, null);
        }
    }

    private void link(Sheet sh, int r, int c, String label, String target) {
        Cell cell = text(sh, r, c, label, "link");
        Hyperlink h = helper.createHyperlink(HyperlinkType.DOCUMENT);
        h.setAddress(target);
        cell.setHyperlink(h);
    }

    /** Excel sheet names are at most 31 characters: "Looked after and police protection" is 34. */
    public static String sheetName(String theme) {
        if (theme.length() <= 31) return theme;
        String s = theme.replace(" and ", ", ");
        return s.length() <= 31 ? s : s.substring(0, 31);
    }

    static String sheetRef(String sheet, int row) { return "'" + sheet.replace("'", "''") + "'!A" + (row + 1); }

    // ---- build -------------------------------------------------------------------------------------

    private XSSFWorkbook build() {
        XSSFSheet contents = wb.createSheet("Contents");
        Map<String, List<String>> byTheme = new LinkedHashMap<>();
        for (String t : Themes.ALL) byTheme.put(t, new ArrayList<>());
        for (String m : byMeasure.keySet()) {
            MeasureDefinitionLike d = catalogue.get(m);
            String theme = d != null && byTheme.containsKey(d.theme()) ? d.theme() : "Other measures";
            byTheme.computeIfAbsent(theme, k -> new ArrayList<>()).add(m);
        }
        Map<String, Integer> blockRow = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : byTheme.entrySet()) {
            XSSFSheet sh = wb.createSheet(sheetName(e.getKey()));
            int r = 0;
            text(sh, r++, 0, e.getKey(), "h1");
            link(sh, r++, 0, "Back to contents", sheetRef("Contents", 0));
            r++;
            for (String m : e.getValue()) {
                blockRow.put(m, r);
                r = block(sh, r, m) + 2;
            }
            if (e.getKey().equals(Themes.DATA_QUALITY)) dataQuality(sh, r);
            else if (e.getValue().isEmpty()) text(sh, r, 0, "No measures for this theme in this run.", "wrap");
            sh.setColumnWidth(0, 14 * 256);
            sh.setColumnWidth(1, 12 * 256);
            sh.setColumnWidth(2, 12 * 256);
            for (int c = 3; c < 16; c++) sh.setColumnWidth(c, 13 * 256);
            sh.createFreezePane(0, 3);
        }
        // contents
        int r = 0;
        text(contents, r++, 0, "Children's social care trends", "h1");
        text(contents, r, 0, "Run id", "bold");
        text(contents, r++, 1, EvidencePackText.field(manifest, "run_id"), null);
        text(contents, r, 0, "Generated at", "bold");
        Cell gen = row(contents, r++).createCell(1);
        gen.setCellValue(java.time.LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
        gen.setCellStyle(style("datetime"));
        text(contents, r, 0, "Code version", "bold");
        text(contents, r++, 1, EvidencePackText.field(manifest, "code_version"), null);
        text(contents, r++, 0, "Unsuppressed figures for the council's own use. The shareable, suppressed figures are in published/trends.csv.", "wrap");
        r++;
        text(contents, r, 0, "Sheet", "head");
        text(contents, r, 1, "Measure", "head");
        text(contents, r++, 2, "Title", "head");
        for (Map.Entry<String, List<String>> e : byTheme.entrySet()) {
            link(contents, r++, 0, e.getKey(), sheetRef(sheetName(e.getKey()), 0));
            for (String m : e.getValue()) {
                link(contents, r, 1, m, sheetRef(sheetName(e.getKey()), blockRow.get(m)));
                text(contents, r++, 2, title(m), null);
            }
        }
        link(contents, r++, 0, RECOMMENDATIONS_SHEET, sheetRef(RECOMMENDATIONS_SHEET, 0));
        link(contents, r++, 0, NATIONAL_FRAMEWORK_SHEET + " (the DfE dashboard's 68 indicators)", sheetRef(NATIONAL_FRAMEWORK_SHEET, 0));
        link(contents, r++, 0, DATA_SHEET + " (every row of trends.csv, for pivot tables)", sheetRef(DATA_SHEET, 0));
        contents.setColumnWidth(0, 36 * 256);
        contents.setColumnWidth(1, 34 * 256);
        contents.setColumnWidth(2, 60 * 256);
        recommendationsSheet();
        nationalFrameworkSheet();
        dataSheet();
        for (int i = 0; i < wb.getNumberOfSheets(); i++) printSetup(wb.getSheetAt(i), i == 0 ? 0 : i == wb.getNumberOfSheets() - 1 ? 0 : 0);
        return wb;
    }

    /**
     * Prints fitted to one page wide (as many pages down as needed), the first row repeated on every page,
     * landscape when the sheet is wider than a portrait page (more than 8 columns used).
     */
    static void printSetup(XSSFSheet sh, int titleRow) {
        int cols = 0;
        for (org.apache.poi.ss.usermodel.Row r : sh) cols = Math.max(cols, r.getLastCellNum());
        sh.setFitToPage(true);
        sh.setAutobreaks(true);
        org.apache.poi.ss.usermodel.PrintSetup ps = sh.getPrintSetup();
        ps.setFitWidth((short) 1);
        ps.setFitHeight((short) 0);
        ps.setPaperSize(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
        ps.setLandscape(cols > 8);
        sh.setRepeatingRows(new CellRangeAddress(titleRow, titleRow, -1, -1));
    }

    /** Every trends.csv row, typed (numbers as numbers, dates as dates), as an Excel table with filters. */
    private void dataSheet() {
        XSSFSheet sh = wb.createSheet(DATA_SHEET);
        List<String> cols = TrendsFile.COLUMNS;
        for (int c = 0; c < cols.size(); c++)
            text(sh, 0, c, cols.get(c), List.of("numerator", "denominator", "value").contains(cols.get(c)) ? "head_n" : "head");
        int r = 1;
        for (TrendRow x : rows) {
            List<String> f = x.fields();
            for (int c = 0; c < cols.size(); c++) {
                String col = cols.get(c), v = f.get(c);
                if (v.isEmpty()) continue;
                switch (col) {
                    case "period_start", "period_end" -> date(sh, r, c, v);
                    case "numerator", "denominator", "value" -> {
                        Double d = TrendsFile.parseDouble(v);
                        if (d == null) text(sh, r, c, v, "mark");   // c, x, z, low: right, among the numbers
                        else row(sh, r).createCell(c).setCellValue(d);
                    }
                    default -> text(sh, r, c, v, null);
                }
            }
            r++;
        }
        if (r == 1) r = 2; // a table needs a data row
        org.apache.poi.xssf.usermodel.XSSFTable t = sh.createTable(new org.apache.poi.ss.util.AreaReference(
                new org.apache.poi.ss.util.CellReference(0, 0), new org.apache.poi.ss.util.CellReference(r - 1, cols.size() - 1),
                wb.getSpreadsheetVersion()));
        t.setName("trends");
        t.setDisplayName("trends");
        t.getCTTable().addNewAutoFilter().setRef(t.getArea().formatAsString());
        t.getCTTable().addNewTableStyleInfo().setName("TableStyleMedium2");
        t.getCTTable().getTableStyleInfo().setShowRowStripes(true);
        for (int c = 0; c < cols.size(); c++) sh.setColumnWidth(c, (cols.get(c).length() + 6) * 256);
        sh.setColumnWidth(0, 34 * 256);
        sh.createFreezePane(0, 1);
    }

    /** The council's recommendations, grouped, each measure with previous, latest, target, met and better/worse. */
    private void recommendationsSheet() {
        XSSFSheet sh = wb.createSheet(RECOMMENDATIONS_SHEET);
        int r = 0;
        List<String> head = List.of("Recommendation", "Measure", "Title", "Previous period", "Previous", "Latest period",
                "Latest", "Target", "Target met", "Better or worse");
        // Previous, Latest and Target hold numbers: their headers align right with them
        for (int c = 0; c < head.size(); c++) text(sh, r, c, head.get(c), c == 4 || c == 6 || c == 7 ? "head_n" : "head");
        r++;
        PublishConfig.Recommendation current = null;
        int groupStart = r;
        for (RecommendationView.Line l : RecommendationView.lines(rows, config)) {
            if (l.recommendation() != current) {
                if (current != null && r - 1 > groupStart) sh.addMergedRegion(new CellRangeAddress(groupStart, r - 1, 0, 0));
                current = l.recommendation();
                groupStart = r;
                text(sh, r, 0, current.id() + ". " + current.title(), "bold");
            }
            String u = unitOf(byMeasure.getOrDefault(l.measureId(), List.of()), "Total");
            if (catalogue.get(l.measureId()) != null && catalogue.get(l.measureId()).unit() != null) u = catalogue.get(l.measureId()).unit();
            text(sh, r, 1, l.measureId(), null);
            text(sh, r, 2, title(l.measureId()), null);
            if (l.previous() != null) {
                text(sh, r, 3, RecommendationView.periodLabel(l.previous()), null);
                numberOrMark(sh, r, 4, l.previous(), u);
            }
            if (l.latest() != null) {
                text(sh, r, 5, RecommendationView.periodLabel(l.latest()), null);
                numberOrMark(sh, r, 6, l.latest(), u);
            } else text(sh, r, 5, "not measured in this run", "wrap");
            if (l.target() != null && l.target().target() != null) number(sh, r, 7, RecommendationView.round(l.target().target(), u), u);
            text(sh, r, 8, l.met(), null);
            text(sh, r, 9, l.direction(), null);
            r++;
        }
        if (current != null && r - 1 > groupStart) sh.addMergedRegion(new CellRangeAddress(groupStart, r - 1, 0, 0));
        sh.setColumnWidth(0, 40 * 256);
        sh.setColumnWidth(1, 30 * 256);
        sh.setColumnWidth(2, 40 * 256);
        for (int c = 3; c < head.size(); c++) sh.setColumnWidth(c, 14 * 256);
        sh.createFreezePane(0, 1);
    }

    /**
     * The DfE national framework dashboard's indicators, one row each in its order: the council's latest figure and
     * the year before, the comparators and quartile band for the latest year both hold, and the source, or why the
     * indicator is not computed (NationalFrameworkView, as in the evidence pack).
     */
    private void nationalFrameworkSheet() {
        XSSFSheet sh = wb.createSheet(NATIONAL_FRAMEWORK_SHEET);
        List<String> comps = Benchmarks.COMPARATORS.stream().map(benchmarks::label).toList();
        List<String> head = new ArrayList<>(List.of("Row", "Area", "Indicator", "Measure", "Breakdown", "Latest year", "Latest",
                "Year before", "Before", "Comparator year"));
        head.addAll(comps);
        head.addAll(List.of("Quartile band", "Rank", "Of", "Published for the council", "Difference", "Source"));
        int numericFrom = 6;
        for (int c = 0; c < head.size(); c++) {
            boolean n = c == 0 || c == 6 || c == 8 || (c >= 10 && c < head.size() - 1 && c != 10 + comps.size());
            text(sh, 0, c, head.get(c), n ? "head_n" : "head");
        }
        int r = 1;
        for (NationalFrameworkView.Line l : NationalFrameworkView.lines(byMeasure, benchmarks, config)) {
            csc.lakehouse.spec.NationalFramework.Indicator i = l.indicator();
            number(sh, r, 0, (double) i.row(), "count");
            text(sh, r, 1, i.tab() + ": " + i.heading(), "wrap");
            text(sh, r, 2, i.text(), "wrap");
            if (i.computed()) {
                text(sh, r, 3, i.measureId(), null);
                text(sh, r, 4, i.breakdownValue(), null);
            }
            String u = i.computed() && catalogue.get(i.measureId()) != null ? catalogue.get(i.measureId()).unit() : "count";
            TrendRow latest = l.latest();
            if (latest == null && !l.publishedSeries().isEmpty()) {
                // only national data holds it: the council's published (LAIT) values, by LAIT's year label
                u = "score".equals(i.laitUnit()) ? "decimal" : i.laitUnit();
                text(sh, r, 3, "LAIT " + i.laitItem(), null);
                text(sh, r, 5, l.publishedSeries().lastKey(), null);
                number(sh, r, numericFrom, l.publishedSeries().lastEntry().getValue(), u);
                List<java.util.Map.Entry<String, Double>> before = l.publishedBefore();
                if (!before.isEmpty()) {
                    text(sh, r, 7, before.get(0).getKey(), null);
                    number(sh, r, 8, before.get(0).getValue(), u);
                }
            }
            if (latest != null) {
                text(sh, r, 5, TrendSeries.label(latest.timePeriod()), null);
                numberOrMark(sh, r, numericFrom, latest, u);
                List<TrendRow> before = l.before();
                if (!before.isEmpty()) {
                    text(sh, r, 7, TrendSeries.label(before.get(0).timePeriod()), null);
                    numberOrMark(sh, r, 8, before.get(0), u);
                }
            }
            if (l.comparatorPeriod() != null) {
                text(sh, r, 9, TrendSeries.label(l.comparatorPeriod()), null);
                for (int k = 0; k < comps.size(); k++) {
                    Double v = l.comparators().get(comps.get(k));
                    if (v != null) number(sh, r, 10 + k, v, u);
                }
            }
            int c = 10 + comps.size();
            if (l.position() != null) {
                text(sh, r, c, String.valueOf(l.position().band()), null);
                number(sh, r, c + 1, (double) l.position().rank(), "count");
                number(sh, r, c + 2, (double) l.position().of(), "count");
            } else if (l.noBand() != null) {
                text(sh, r, c, l.noBand(), "wrap");
            }
            if (l.published() != null) {
                number(sh, r, c + 3, l.published(), u);
                number(sh, r, c + 4, l.atComparatorPeriod() - l.published(), u);
            }
            text(sh, r, c + 5, l.source(), "wrap");
            r++;
        }
        sh.setColumnWidth(0, 6 * 256);
        sh.setColumnWidth(1, 30 * 256);
        sh.setColumnWidth(2, 50 * 256);
        sh.setColumnWidth(3, 30 * 256);
        for (int c = 4; c < head.size() - 1; c++) sh.setColumnWidth(c, 12 * 256);
        sh.setColumnWidth(head.size() - 1, 60 * 256);
        sh.createFreezePane(3, 1);
    }

    /** A value rounded as in recommendations.csv (one decimal), or "c" when suppressed. */
    private void numberOrMark(XSSFSheet sh, int r, int c, TrendRow x, String unit) {
        if (RecommendationView.suppressed(x)) { text(sh, r, c, "c", "mark"); return; }
        Double v = x.valueAsDouble();
        if (v != null) number(sh, r, c, RecommendationView.round(v, unit), unit);
    }

    private String title(String m) {
        MeasureDefinitionLike d = catalogue.get(m);
        return d != null && d.title() != null ? d.title() : m;
    }

    /** Writes one measure block at row r; returns the last row used. */
    private int block(XSSFSheet sh, int r, String m) {
        List<TrendRow> rows = byMeasure.get(m);
        MeasureDefinitionLike d = catalogue.get(m);
        text(sh, r, 0, m, "h2");
        text(sh, r, 3, title(m), "h2");
        r++;
        String def = d == null ? "" : d.definition();
        text(sh, r, 0, def, "wrap");
        sh.addMergedRegion(new CellRangeAddress(r, r, 0, 11));
        row(sh, r).setHeightInPoints(Math.max(15, 15 * (1 + def.length() / 140)));
        r++;
        // periods: (time_identifier, time_period) in order
        Set<String> periodKeys = new LinkedHashSet<>();
        rows.stream().sorted((a, b) -> (a.timeIdentifier() + a.timePeriod()).compareTo(b.timeIdentifier() + b.timePeriod()))
                .forEach(x -> periodKeys.add(x.timeIdentifier() + "|" + x.timePeriod()));
        List<String> bvs = TrendSeries.breakdownValues(rows);
        boolean distribution = !bvs.isEmpty();
        List<String> cols = new ArrayList<>();
        cols.add("Total");
        cols.addAll(bvs);
        // header
        int h = r;
        text(sh, h, 0, "Year", "head");
        text(sh, h, 1, "Period start", "head");
        text(sh, h, 2, "Period end", "head");
        int c = 3;
        Map<String, Integer> valueCol = new LinkedHashMap<>();
        for (String col : cols) {
            valueCol.put(col, c);
            String unit = unitOf(rows, col);
            // a distribution's Total is its count; a rate, index or within-group percentage by group has its own unit
            String total = distribution && "count".equals(unit) ? "Total (count)"
                    : (distribution ? "Total (" : "Value (") + TrendSeries.unitLabel(unit) + ")";
            text(sh, h, c++, col.equals("Total") ? total : col, "head_n");
        }
        int numCol = -1, denCol = -1;
        if (!distribution) {
            numCol = c; text(sh, h, c++, "Numerator", "head_n");
            denCol = c; text(sh, h, c++, "Denominator", "head_n");
        }
        // benchmark columns: for Total (and breakdown values) that have any
        Map<String, Integer> benchCol = new LinkedHashMap<>();
        for (String col : cols) {
            for (String comp : Benchmarks.COMPARATORS) {
                boolean any = benchmarks.rows().stream().anyMatch(b -> b.measureId().equals(m) && b.breakdownValue().equals(col)
                        && b.comparator().equals(comp));
                if (any) {
                    benchCol.put(col + "|" + comp, c);
                    text(sh, h, c++, (col.equals("Total") ? "" : col + " ") + benchmarks.label(comp), "head_n");
                }
            }
        }
        int targetCol = -1;
        PublishConfig.Target target = config.target(m);
        if (target != null && target.target() != null) { targetCol = c; text(sh, h, c++, "Target", "head_n"); }
        row(sh, h).setHeightInPoints(30);
        r++;
        int first = r;
        for (String pk : periodKeys) {
            String ti = pk.substring(0, pk.indexOf('|')), tp = pk.substring(pk.indexOf('|') + 1);
            TrendRow any = null;
            for (String col : cols) {
                TrendRow x = find(rows, ti, tp, col);
                if (x == null) continue;
                if (any == null) any = x;
                number(sh, r, valueCol.get(col), x.valueAsDouble(), x.unit());
                if (!distribution) {
                    Long n = x.numeratorAsLong(), dd = x.denominatorAsLong();
                    if (n != null) number(sh, r, numCol, n.doubleValue(), "count");
                    if (dd != null) number(sh, r, denCol, dd.doubleValue(), "count");
                }
                for (String comp : Benchmarks.COMPARATORS) {
                    Integer bc = benchCol.get(col + "|" + comp);
                    Benchmarks.Benchmark b = bc == null ? null : benchmarks.get(m, col, tp, comp);
                    if (b != null) number(sh, r, bc, b.value(), x.unit());
                }
            }
            text(sh, r, 0, TrendSeries.REPORTING_YEAR.equals(ti) ? TrendSeries.label(tp) : tp, null);
            if (any != null) { date(sh, r, 1, any.periodStart()); date(sh, r, 2, any.periodEnd()); }
            if (targetCol >= 0) number(sh, r, targetCol, target.target(), unitOf(rows, "Total"));
            r++;
        }
        int last = r - 1;
        // source line
        String src = benchmarks.rows().stream().filter(b -> b.measureId().equals(m)).map(b -> b.source().replaceAll(";.*", ""))
                .map(s -> s.replaceAll(" \\(\\d{4}\\)$", "")).distinct().reduce((a, b) -> a + ", " + b).orElse("");
        text(sh, r++, 0, "Source: trends.csv (" + m + ")" + (src.isEmpty() ? "" : "; benchmarks: DfE " + src
                + "; statistical neighbours: mean of the published values of the DfE's 10 neighbours"), "wrap");
        if (charted.contains(m) && chartable(rows) && last > first) {
            chart(sh, m, first, last, cols, valueCol, benchCol, targetCol, distribution);
            r = Math.max(r, first - 3 + CHART_ROWS);
        }
        return r;
    }

    /** A measure the catalogue lets be charted is charted when it has a value in two or more reporting years. */
    static boolean chartable(List<TrendRow> rows) {
        Set<String> years = new java.util.HashSet<>();
        for (TrendRow x : rows) if (TrendSeries.REPORTING_YEAR.equals(x.timeIdentifier()) && x.valueAsDouble() != null) years.add(x.timePeriod());
        return years.size() >= 2;
    }

    private static String unitOf(List<TrendRow> rows, String bv) {
        for (TrendRow x : rows) if (x.breakdownValue().equals(bv)) return x.unit();
        return "count";
    }

    private static TrendRow find(List<TrendRow> rows, String ti, String tp, String bv) {
        for (TrendRow x : rows) if (x.timeIdentifier().equals(ti) && x.timePeriod().equals(tp) && x.breakdownValue().equals(bv)) return x;
        return null;
    }

    private void chart(XSSFSheet sh, String m, int first, int last, List<String> cols, Map<String, Integer> valueCol,
            Map<String, Integer> benchCol, int targetCol, boolean distribution) {
        int lastCol = 3;
        for (int v : valueCol.values()) lastCol = Math.max(lastCol, v);
        for (int v : benchCol.values()) lastCol = Math.max(lastCol, v);
        lastCol = Math.max(lastCol, targetCol) + 2;
        XSSFDrawing drawing = sh.createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, lastCol, first - 3, lastCol + CHART_COLS, first - 3 + CHART_ROWS);
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText(title(m));
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
        x.setTitle("Year");
        XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
        y.setTitle(TrendSeries.unitLabel(unitOf(byMeasure.get(m), distribution ? cols.get(Math.min(1, cols.size() - 1)) : "Total")));
        y.setCrosses(AxisCrosses.AUTO_ZERO);
        XDDFLineChartData data = (XDDFLineChartData) chart.createData(ChartTypes.LINE, x, y);
        XDDFDataSource<String> years = XDDFDataSourcesFactory.fromStringCellRange(sh, new CellRangeAddress(first, last, 0, 0));
        List<String> series = distribution ? cols.subList(1, cols.size()) : List.of("Total");
        int k = 0;
        for (String col : series) {
            addSeries(data, sh, years, first, last, valueCol.get(col), col.equals("Total") ? laName() : legend(col), COLOURS[k++ % COLOURS.length], false);
        }
        if (!distribution) {
            for (String comp : Benchmarks.COMPARATORS) {
                Integer bc = benchCol.get("Total|" + comp);
                if (bc != null) addSeries(data, sh, years, first, last, bc, benchmarks.label(comp), COLOURS[k++ % COLOURS.length], true);
            }
        }
        if (targetCol >= 0) addSeries(data, sh, years, first, last, targetCol, "Target", "c62828", true);
        chart.plot(data);
        // empty cells (years with no benchmark, suppressed years) are gaps, never zeros
        org.openxmlformats.schemas.drawingml.x2006.chart.CTChart ct = chart.getCTChart();
        (ct.isSetDispBlanksAs() ? ct.getDispBlanksAs() : ct.addNewDispBlanksAs())
                .setVal(org.openxmlformats.schemas.drawingml.x2006.chart.STDispBlanksAs.GAP);
        ct.setPlotVisOnly(ct.isSetPlotVisOnly() ? ct.getPlotVisOnly() : ct.addNewPlotVisOnly());
    }

    /** A legend entry in words: a measure id (demand index series) becomes its title. */
    private String legend(String breakdownValue) {
        return catalogue.containsKey(breakdownValue) ? title(breakdownValue) : breakdownValue;
    }

    private String laName() {
        for (List<TrendRow> rs : byMeasure.values()) for (TrendRow r : rs) if (!r.laName().isBlank()) return r.laName();
        return "Borough";
    }

    private static void addSeries(XDDFLineChartData data, XSSFSheet sh, XDDFDataSource<String> years, int first, int last,
            int col, String name, String rgb, boolean dashed) {
        XDDFNumericalDataSource<Double> ys = XDDFDataSourcesFactory.fromNumericCellRange(sh, new CellRangeAddress(first, last, col, col));
        XDDFLineChartData.Series s = (XDDFLineChartData.Series) data.addSeries(years, ys);
        s.setTitle(name, null);
        s.setSmooth(false);
        s.setMarkerStyle(MarkerStyle.CIRCLE);
        byte[] c = new byte[] {(byte) Integer.parseInt(rgb.substring(0, 2), 16), (byte) Integer.parseInt(rgb.substring(2, 4), 16),
                (byte) Integer.parseInt(rgb.substring(4, 6), 16)};
        org.apache.poi.xddf.usermodel.XDDFSolidFillProperties fill = new org.apache.poi.xddf.usermodel.XDDFSolidFillProperties(
                org.apache.poi.xddf.usermodel.XDDFColor.from(c));
        org.apache.poi.xddf.usermodel.XDDFLineProperties line = new org.apache.poi.xddf.usermodel.XDDFLineProperties(fill);
        line.setWidth(dashed ? 1.5 : 2.5);
        if (dashed) line.setPresetDash(new org.apache.poi.xddf.usermodel.XDDFPresetLineDash(org.apache.poi.xddf.usermodel.PresetLineDash.DASH));
        org.apache.poi.xddf.usermodel.XDDFShapeProperties sp = s.getShapeProperties() == null
                ? new org.apache.poi.xddf.usermodel.XDDFShapeProperties() : s.getShapeProperties();
        sp.setLineProperties(line);
        s.setShapeProperties(sp);
        s.setLineProperties(line);
    }

    private void dataQuality(XSSFSheet sh, int r) {
        text(sh, r++, 0, "Quarantined rows by rule", "h2");
        text(sh, r, 0, "Table", "head");
        text(sh, r, 1, "Rule", "head");
        text(sh, r++, 2, "Rows", "head_n");
        JsonNode q = manifest.path("quarantine_by_rule");
        for (Iterator<Map.Entry<String, JsonNode>> it = q.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> t = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> rr = t.getValue().fields(); rr.hasNext();) {
                Map.Entry<String, JsonNode> rule = rr.next();
                text(sh, r, 0, t.getKey(), null);
                text(sh, r, 1, rule.getKey(), null);
                number(sh, r++, 2, rule.getValue().asDouble(), "count");
            }
        }
        r++;
        text(sh, r++, 0, "Warnings", "h2");
        text(sh, r, 0, "Where", "head");
        text(sh, r, 1, "Warning", "head");
        text(sh, r++, 2, "Times", "head_n");
        List<String[]> warnings = EvidencePack.warnings(manifest);
        if (warnings.isEmpty()) text(sh, r++, 0, "No warnings.", null);
        for (String[] w : warnings) {
            text(sh, r, 0, w[0], null);
            text(sh, r, 1, w[1], null);
            number(sh, r++, 2, Double.valueOf(w[2].replace(",", "")), "count");
        }
        r++;
        if (manifest.path(DataQuality.RECONCILIATION).size() > 0) {
            // issue 18: each return against the case-management system (counts; the items stay in the lakehouse)
            List<String> cols = new ArrayList<>(List.of("collection_year", "item"));
            cols.addAll(DataQuality.STATUSES);
            cols.add("fields_differing");
            r = jsonTable(sh, r, "Returns against the case-management system (SSD extract)", manifest.path(DataQuality.RECONCILIATION), cols);
        }
        r = jsonTable(sh, r, "Inputs", manifest.path("inputs"), List.of("path", "sha256", "bytes", "rows", "status", "reason"));
        r = jsonTable(sh, r, "Tables", manifest.path("tables"),
                List.of("name", "layer", "rows_in", "rows_written", "rows_quarantined", "rows_duplicate", "delta_version"));
        jsonTable(sh, r, "Stages", manifest.path("stages"), List.of("name", "seconds"));
    }

    private int jsonTable(XSSFSheet sh, int r, String caption, JsonNode arr, List<String> cols) {
        text(sh, r++, 0, caption, "h2");
        for (int i = 0; i < cols.size(); i++) text(sh, r, i, cols.get(i), "head");
        r++;
        for (JsonNode n : arr) {
            for (int i = 0; i < cols.size(); i++) {
                JsonNode v = n.path(cols.get(i));
                if (v.isNumber()) number(sh, r, i, v.asDouble(), v.isIntegralNumber() ? "count" : "decimal");
                else if (!v.isMissingNode() && !v.isNull()) text(sh, r, i, EvidencePack.noPaths(v.asText()), null);
            }
            r++;
        }
        return r + 1;
    }

    /** Small JSON accessors shared with the evidence pack. */
    static final class EvidencePackText {
        private EvidencePackText() {}

        static String field(JsonNode n, String f) {
            JsonNode v = n.path(f);
            return v.isMissingNode() || v.isNull() ? "" : v.asText();
        }
    }
}
