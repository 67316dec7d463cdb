package csc.lakehouse.ingest;

import csc.lakehouse.spec.LooseDates;
import csc.lakehouse.spec.Lineage;
import csc.lakehouse.spec.AnnexASpec;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ofsted Annex A workbooks: {@code annex_a/*.xlsx} (and {@code .xlsm}, {@code .xls}), also under
 * {@code la=<code>/}. Each sheet named like a list ({@code List 1}, {@code List_1},
 * {@code List 1 - Contacts}, {@code list1}) becomes rows of {@code bronze.annex_a_list<N>}; other
 * sheets (front sheet, guidance, Codes_used) are ignored. The header row is the row among the first
 * 40 that matches most of the list's known headings (case, spacing and punctuation ignored); blank
 * rows and columns are skipped. Cells become text: real dates as ISO {@code yyyy-mm-dd}, whole numbers
 * without a decimal point, formulas by their cached value, errors as Excel shows them ({@code #N/A}),
 * and a merged cell's value in every cell it covers. Codes and text dates are left exactly as typed
 * for silver to map.
 *
 * <p>The collection year is the reporting year containing the latest date in the workbook's date
 * columns (dates more than a year in the future are ignored as typos), else a 20xx year in the file
 * name.
 */
public final class AnnexAReader implements SourceReader {
    public static final String SOURCE = "annex_a";
    private static final Pattern FILE = Pattern.compile("^(?:la=[^/]+/)?annex_a/(?:[^/]+/)*[^/~][^/]*\\.(xlsx|xlsm|xls)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SHEET = Pattern.compile("^\\s*list\\s*[_\\-. ]*\\s*(\\d{1,2})(?!\\d).*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR_IN_NAME = Pattern.compile("(20\\d\\d)");
    private static final int HEADER_SCAN_ROWS = 40;

    @Override
    public String source() { return SOURCE; }

    @Override
    public List<InputFile> select(List<InputFile> dropFiles) {
        return inSourceFolder(dropFiles, f -> FILE.matcher(f.relative()).matches());
    }

    @Override
    public List<String> bronzeTables() {
        List<String> t = new ArrayList<>();
        for (AnnexASpec.ListSpec l : AnnexASpec.get().lists) t.add(l.bronzeTable());
        return t;
    }

    /** The list number a sheet name stands for, if any. */
    public static Optional<Integer> listNumber(String sheetName) {
        Matcher m = SHEET.matcher(sheetName);
        if (!m.matches()) return Optional.empty();
        int n = Integer.parseInt(m.group(1));
        return n >= 1 && n <= 11 ? Optional.of(n) : Optional.empty();
    }

    @Override
    public ParsedFile read(SparkSession spark, InputFile file) throws FileRejected {
        byte[] bytes;
        try {
            Path p = new Path(file.uri());
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (InputStream in = fs.open(p)) {
                bytes = in.readAllBytes();
            }
        } catch (IOException e) {
            throw new FileRejected("could not be read: " + e.getMessage(), e);
        }
        return parse(spark, file, bytes);
    }

    /** A sheet read into bronze rows (for tests and the reader). */
    public record SheetRows(int list, String sheet, int headerRow, List<String> columns, List<Object[]> rows,
                            LocalDate latestDate) {}

    public static ParsedFile parse(SparkSession spark, InputFile file, byte[] bytes) throws FileRejected {
        List<String> warnings = new ArrayList<>();
        Map<Integer, SheetRows> byList = new TreeMap<>();
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
            for (Sheet sheet : wb) {
                Optional<Integer> n = listNumber(sheet.getSheetName());
                if (n.isEmpty()) continue;
                AnnexASpec.ListSpec spec = AnnexASpec.get().list(n.get());
                if (byList.containsKey(n.get())) {
                    warnings.add("sheet '" + sheet.getSheetName() + "' is a second List " + n.get() + ": ignored");
                    continue;
                }
                readSheet(sheet, spec, warnings).ifPresent(s -> byList.put(s.list(), s));
            }
        } catch (IOException | RuntimeException e) {
            throw new FileRejected("not a readable Excel workbook"
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\s+", " ").trim()), e);
        }
        if (byList.isEmpty()) {
            throw new FileRejected("no Annex A list sheets found (expected sheets named List 1 .. List 11 with their headings)");
        }
        LocalDate latest = null;
        for (SheetRows s : byList.values()) {
            if (s.latestDate() != null && (latest == null || s.latestDate().isAfter(latest))) latest = s.latestDate();
        }
        int year;
        if (latest != null) {
            year = LooseDates.reportingYear(latest);
        } else {
            Matcher m = YEAR_IN_NAME.matcher(file.name());
            if (m.find()) {
                year = Integer.parseInt(m.group(1));
            } else {
                year = LooseDates.reportingYear(LocalDate.now());
                warnings.add("no dates in the workbook and no year in its name: recorded as collection year " + year);
            }
        }
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        long total = 0;
        for (SheetRows s : byList.values()) {
            StructType schema = new StructType();
            for (String c : s.columns()) schema = schema.add(c, DataTypes.StringType);
            schema = schema.add(Lineage.ROW_NUMBER, DataTypes.LongType);
            List<Row> rows = new ArrayList<>();
            for (Object[] r : s.rows()) rows.add(RowFactory.create(r));
            tables.put(AnnexASpec.get().list(s.list()).bronzeTable(), spark.createDataFrame(rows, schema));
            total += rows.size();
        }
        return new ParsedFile(year, null, tables, total, warnings);
    }

    static Optional<SheetRows> readSheet(Sheet sheet, AnnexASpec.ListSpec spec, List<String> warnings) {
        Map<String, String> headings = spec.headingIndex();
        Map<Long, String> merged = mergedValues(sheet);
        int headerRow = -1, best = 0;
        int last = sheet.getLastRowNum();
        for (int r = sheet.getFirstRowNum(); r <= Math.min(last, sheet.getFirstRowNum() + HEADER_SCAN_ROWS); r++) {
            org.apache.poi.ss.usermodel.Row row = sheet.getRow(r);
            if (row == null) continue;
            int hits = 0;
            for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                if (headings.containsKey(AnnexASpec.normaliseHeading(text(sheet, row.getCell(c), r, c, merged)))) hits++;
            }
            if (hits > best) {
                best = hits;
                headerRow = r;
            }
        }
        if (headerRow < 0 || best < 2) {
            warnings.add("sheet '" + sheet.getSheetName() + "': no row with the List " + spec.list + " headings: sheet ignored");
            return Optional.empty();
        }
        Map<String, Integer> at = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        org.apache.poi.ss.usermodel.Row hr = sheet.getRow(headerRow);
        for (int c = 0; c < hr.getLastCellNum(); c++) {
            String h = text(sheet, hr.getCell(c), headerRow, c, merged);
            if (h == null || h.isBlank()) continue;
            String name = headings.get(AnnexASpec.normaliseHeading(h));
            if (name == null) unknown.add(h.trim());
            else at.putIfAbsent(name, c);
        }
        if (!unknown.isEmpty()) {
            warnings.add("sheet '" + sheet.getSheetName() + "': heading(s) not in List " + spec.list + " ignored: " + String.join("; ", unknown));
        }
        List<String> missing = new ArrayList<>();
        for (AnnexASpec.Column c : spec.columns) if (c.required && !at.containsKey(c.name)) missing.add(c.headers.get(0));
        if (!missing.isEmpty()) {
            warnings.add("sheet '" + sheet.getSheetName() + "': required heading(s) missing: " + String.join("; ", missing) + ": sheet ignored");
            return Optional.empty();
        }
        List<String> cols = spec.columnNames();
        List<Object[]> rows = new ArrayList<>();
        LocalDate latest = null;
        LocalDate limit = LocalDate.now().plusYears(1);
        for (int r = headerRow + 1; r <= last; r++) {
            org.apache.poi.ss.usermodel.Row row = sheet.getRow(r);
            Object[] v = new Object[cols.size() + 1];
            boolean any = false;
            for (int i = 0; i < cols.size(); i++) {
                Integer c = at.get(cols.get(i));
                String s = c == null ? null : text(sheet, row == null ? null : row.getCell(c), r, c, merged);
                if (s != null && s.isBlank()) s = null;
                v[i] = s;
                if (s != null) any = true;
            }
            if (!any) continue;
            for (AnnexASpec.Column c : spec.columns) {
                if (!"date".equals(c.type)) continue;
                Optional<LocalDate> d = LooseDates.date((String) v[cols.indexOf(c.name)]);
                if (d.isPresent() && !d.get().isAfter(limit) && (latest == null || d.get().isAfter(latest))) latest = d.get();
            }
            v[cols.size()] = (long) (r + 1);
            rows.add(v);
        }
        return Optional.of(new SheetRows(spec.list, sheet.getSheetName(), headerRow, cols, rows, latest));
    }

    private static Map<Long, String> mergedValues(Sheet sheet) {
        Map<Long, String> out = new HashMap<>();
        for (CellRangeAddress a : sheet.getMergedRegions()) {
            org.apache.poi.ss.usermodel.Row top = sheet.getRow(a.getFirstRow());
            String v = top == null ? null : cellText(top.getCell(a.getFirstColumn()));
            if (v == null) continue;
            for (int r = a.getFirstRow(); r <= a.getLastRow(); r++) {
                for (int c = a.getFirstColumn(); c <= a.getLastColumn(); c++) out.put(((long) r << 16) | c, v);
            }
        }
        return out;
    }

    private static String text(Sheet sheet, Cell cell, int r, int c, Map<Long, String> merged) {
        String v = cellText(cell);
        if (v == null || v.isBlank()) {
            String m = merged.get(((long) r << 16) | c);
            if (m != null) return m;
        }
        return v;
    }

    /** A cell as text: see the class comment. Null for blank cells. */
    public static String cellText(Cell cell) {
        if (cell == null) return null;
        CellType t = cell.getCellType();
        if (t == CellType.FORMULA) t = cell.getCachedFormulaResultType();
        switch (t) {
            case STRING:
                return cell.getRichStringCellValue().getString();
            case NUMERIC:
                if (DateUtil.isCellDateFormatted(cell)) {
                    LocalDateTime dt = cell.getLocalDateTimeCellValue();
                    if (dt == null) return null;
                    return dt.toLocalTime().toSecondOfDay() == 0 ? dt.toLocalDate().toString() : dt.toString();
                }
                double d = cell.getNumericCellValue();
                if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
                return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            case BOOLEAN:
                return cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR:
                try {
                    return FormulaError.forInt(cell.getErrorCellValue()).getString();
                } catch (IllegalArgumentException e) {
                    return "#ERROR";
                }
            default:
                return null;
        }
    }

    static String lower(String s) { return s.toLowerCase(Locale.ROOT); }
}
