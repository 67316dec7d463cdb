package csc.lakehouse.publish;

import java.util.List;
import java.util.Locale;

/** Server-side SVG charts for the evidence pack: no scripts, no external references. */
final class SvgChart {
    private SvgChart() {}

    static final String BOROUGH = "#1d3f73";
    static final String ENGLAND = "#6b6b6b";
    static final String REGION = "#2e7d32";
    static final String SN = "#d9822b";
    static final String TARGET = "#c62828";
    /** 20 colours, no two alike: a stacked chart of up to 20 bands never repeats one (C1 and V2 shared one). */
    static final String[] PALETTE = {"#1d3f73", "#d9822b", "#2e7d32", "#8e24aa", "#00838f", "#6d4c41", "#c62828",
            "#5c6bc0", "#9e9d24", "#455a64", "#f06292", "#4db6ac", "#ffb300", "#7cb342", "#a1887f", "#90a4ae", "#283593",
            "#ad1457", "#00e5ff", "#000000"};

    /**
     * One line. values: one per x label, null = nothing to draw. suppressed: positions whose value is
     * suppressed (drawn as a gap marked "c"); may be null.
     */
    record Series(String name, String color, boolean dashed, List<Double> values, java.util.Set<Integer> suppressed) {
        Series(String name, String color, boolean dashed, List<Double> values) { this(name, color, dashed, values, java.util.Set.of()); }
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String num(double v) { return String.format(Locale.ROOT, "%.1f", v); }

    /** A "nice" axis maximum and tick step for values up to max. */
    static double[] axis(double min, double max) {
        if (max <= min) max = min + 1;
        double range = max - min;
        double raw = range / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3 ? 2 * mag : raw / mag < 7 ? 5 * mag : 10 * mag;
        double lo = Math.floor(min / step) * step;
        double hi = Math.ceil(max / step) * step;
        return new double[] {lo, hi, step};
    }

    static String tick(double v) {
        return v == Math.rint(v) ? String.format(Locale.UK, "%,d", (long) v) : String.format(Locale.UK, "%.1f", v);
    }

    /**
     * A line chart. xLabels along the bottom; each series has one value per label (null = gap). An
     * optional horizontal target line.
     */
    static String line(String id, String title, String yLabel, List<String> xLabels, List<Series> series,
            Double target, String targetLabel, String source) {
        int w = 720, left = 64, right = 36, top = 36, ph = 200;
        int pw = w - left - right;
        // legend below the plot, wrapped into rows
        List<String> names = new java.util.ArrayList<>();
        for (Series s : series) names.add(s.name());
        if (target != null) names.add(targetLabel);
        int[] lx = new int[names.size()], lyRow = new int[names.size()];
        int x0 = left, row = 0;
        for (int i = 0; i < names.size(); i++) {
            int itemW = 44 + (int) Math.ceil(6.2 * names.get(i).length());
            if (x0 + itemW > w - right && x0 > left) { row++; x0 = left; }
            lx[i] = x0; lyRow[i] = row; x0 += itemW;
        }
        int legendTop = top + ph + 34;
        int h = legendTop + (row + 1) * 18 + 22;
        double min = 0, max = 0;
        boolean anyNeg = false;
        for (Series s : series) for (Double v : s.values()) if (v != null) { max = Math.max(max, v); if (v < 0) { anyNeg = true; min = Math.min(min, v); } }
        if (target != null) max = Math.max(max, target);
        if (!anyNeg) min = 0;
        double[] ax = axis(min, max * 1.05);
        double lo = ax[0], hi = ax[1], step = ax[2];
        int n = Math.max(1, xLabels.size());
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart\" id=\"").append(esc(id)).append("\" viewBox=\"0 0 ")
                .append(w).append(' ').append(h).append("\" role=\"img\" aria-labelledby=\"").append(esc(id)).append("-t\">");
        b.append("<title id=\"").append(esc(id)).append("-t\">").append(esc(title)).append("</title>");
        b.append("<text x=\"").append(left).append("\" y=\"20\" class=\"ct\">").append(esc(title)).append("</text>");
        // grid and y axis
        for (double t = lo; t <= hi + step / 2; t += step) {
            double y = top + ph - (t - lo) / (hi - lo) * ph;
            b.append("<line x1=\"").append(left).append("\" x2=\"").append(left + pw).append("\" y1=\"").append(num(y))
                    .append("\" y2=\"").append(num(y)).append("\" class=\"grid\"/>");
            b.append("<text x=\"").append(left - 6).append("\" y=\"").append(num(y + 4)).append("\" class=\"yt\">")
                    .append(esc(tick(t))).append("</text>");
        }
        b.append("<line x1=\"").append(left).append("\" x2=\"").append(left).append("\" y1=\"").append(top).append("\" y2=\"")
                .append(top + ph).append("\" class=\"axis\"/>");
        b.append("<line x1=\"").append(left).append("\" x2=\"").append(left + pw).append("\" y1=\"").append(top + ph)
                .append("\" y2=\"").append(top + ph).append("\" class=\"axis\"/>");
        b.append("<text transform=\"translate(14,").append(top + ph / 2).append(") rotate(-90)\" class=\"yl\">")
                .append(esc(yLabel)).append("</text>");
        int every = n <= 8 ? 1 : (int) Math.ceil(n / 8.0);
        for (int i = 0; i < n; i++) {
            double x = left + (n == 1 ? pw / 2.0 : i * (double) pw / (n - 1));
            if ((n - 1 - i) % every == 0) {
                b.append("<text x=\"").append(num(x)).append("\" y=\"").append(top + ph + 18).append("\" class=\"xt\">")
                        .append(esc(xLabels.get(i))).append("</text>");
            }
        }
        if (target != null) {
            double y = top + ph - (target - lo) / (hi - lo) * ph;
            b.append("<line x1=\"").append(left).append("\" x2=\"").append(left + pw).append("\" y1=\"").append(num(y))
                    .append("\" y2=\"").append(num(y)).append("\" stroke=\"").append(TARGET).append("\" stroke-width=\"2\" stroke-dasharray=\"8 4\"/>");
        }
        int li = 0;
        for (Series s : series) {
            for (int i : s.suppressed() == null ? java.util.Set.<Integer>of() : s.suppressed()) {
                if (i < 0 || i >= n) continue;
                double x = left + (n == 1 ? pw / 2.0 : i * (double) pw / (n - 1));
                b.append("<text x=\"").append(num(x)).append("\" y=\"").append(top + ph - 6).append("\" class=\"sup\" fill=\"")
                        .append(s.color()).append("\">c<title>").append(esc(s.name() + " " + xLabels.get(i) + ": suppressed (c)"))
                        .append("</title></text>");
            }
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < s.values().size() && i < n; i++) {
                Double v = s.values().get(i);
                if (v == null) { pen = false; continue; }
                double x = left + (n == 1 ? pw / 2.0 : i * (double) pw / (n - 1));
                double y = top + ph - (v - lo) / (hi - lo) * ph;
                path.append(pen ? " L" : " M").append(num(x)).append(' ').append(num(y));
                pen = true;
                b.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y)).append("\" r=\"3\" fill=\"")
                        .append(s.color()).append("\"><title>").append(esc(s.name() + " " + xLabels.get(i) + ": " + tick(v)))
                        .append("</title></circle>");
            }
            if (path.length() > 0) {
                b.append("<path d=\"").append(path.toString().trim()).append("\" fill=\"none\" stroke=\"").append(s.color())
                        .append("\" stroke-width=\"").append(s.dashed() ? "2" : "3").append('"')
                        .append(s.dashed() ? " stroke-dasharray=\"5 4\"" : "").append("/>");
            }
            int ly = legendTop + lyRow[li] * 18;
            b.append("<line x1=\"").append(lx[li]).append("\" x2=\"").append(lx[li] + 24).append("\" y1=\"").append(ly)
                    .append("\" y2=\"").append(ly).append("\" stroke=\"").append(s.color()).append("\" stroke-width=\"3\"")
                    .append(s.dashed() ? " stroke-dasharray=\"5 4\"" : "").append("/>");
            b.append("<text x=\"").append(lx[li] + 28).append("\" y=\"").append(ly + 4).append("\" class=\"lg\">")
                    .append(esc(s.name())).append("</text>");
            li++;
        }
        if (target != null) {
            int ly = legendTop + lyRow[li] * 18;
            b.append("<line x1=\"").append(lx[li]).append("\" x2=\"").append(lx[li] + 24).append("\" y1=\"").append(ly)
                    .append("\" y2=\"").append(ly).append("\" stroke=\"").append(TARGET).append("\" stroke-width=\"2\" stroke-dasharray=\"8 4\"/>");
            b.append("<text x=\"").append(lx[li] + 28).append("\" y=\"").append(ly + 4).append("\" class=\"lg\">")
                    .append(esc(targetLabel)).append("</text>");
        }
        b.append("<text x=\"").append(left).append("\" y=\"").append(h - 8).append("\" class=\"src\">Source: ")
                .append(esc(source)).append("</text>");
        b.append("</svg>");
        return b.toString();
    }

    /** Horizontal 100% stacked bars, one per period: shares of each band. values[period][band] in percent. */
    static String stacked(String id, String title, List<String> periods, List<String> bands, Double[][] values, String source) {
        int w = 720, left = 70, right = 20, top = 36, barH = 20, gap = 8;
        // legend wrapped into rows that fit the width
        int[] lgx = new int[bands.size()], lgRow = new int[bands.size()];
        int cx = left, lrow = 0;
        for (int k = 0; k < bands.size(); k++) {
            int itemW = 26 + (int) Math.ceil(6.6 * bands.get(k).length()) + 10;
            if (cx + itemW > w - right && cx > left) { lrow++; cx = left; }
            lgx[k] = cx; lgRow[k] = lrow; cx += itemW;
        }
        int legendH = 18 * (lrow + 1) + 8;
        int h = top + periods.size() * (barH + gap) + legendH + 30;
        int pw = w - left - right;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart\" id=\"").append(esc(id)).append("\" viewBox=\"0 0 ")
                .append(w).append(' ').append(h).append("\" role=\"img\" aria-labelledby=\"").append(esc(id)).append("-t\">");
        b.append("<title id=\"").append(esc(id)).append("-t\">").append(esc(title)).append("</title>");
        b.append("<text x=\"").append(left).append("\" y=\"20\" class=\"ct\">").append(esc(title)).append("</text>");
        for (int p = 0; p < periods.size(); p++) {
            int y = top + p * (barH + gap);
            b.append("<text x=\"").append(left - 6).append("\" y=\"").append(y + 14).append("\" class=\"yt\">")
                    .append(esc(periods.get(p))).append("</text>");
            double x = left;
            for (int k = 0; k < bands.size(); k++) {
                Double v = values[p][k];
                if (v == null || v <= 0) continue;
                double bw = Math.min(v, 100) / 100.0 * pw;
                b.append("<rect x=\"").append(num(x)).append("\" y=\"").append(y).append("\" width=\"").append(num(bw))
                        .append("\" height=\"").append(barH).append("\" fill=\"").append(PALETTE[k % PALETTE.length]).append("\"><title>")
                        .append(esc(periods.get(p) + " " + bands.get(k) + ": " + num(v) + "%")).append("</title></rect>");
                if (bw > 34) {
                    b.append("<text x=\"").append(num(x + bw / 2)).append("\" y=\"").append(y + 14).append("\" class=\"bl\">")
                            .append(esc(String.format(Locale.UK, "%.0f%%", v))).append("</text>");
                }
                x += bw;
            }
        }
        int ly0 = top + periods.size() * (barH + gap) + 12;
        for (int k = 0; k < bands.size(); k++) {
            int lx = lgx[k], ly = ly0 + 18 * lgRow[k];
            b.append("<rect x=\"").append(lx).append("\" y=\"").append(ly - 10).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(PALETTE[k % PALETTE.length]).append("\"/>");
            b.append("<text x=\"").append(lx + 16).append("\" y=\"").append(ly).append("\" class=\"lg\">").append(esc(bands.get(k))).append("</text>");
        }
        b.append("<text x=\"").append(left).append("\" y=\"").append(h - 8).append("\" class=\"src\">Source: ")
                .append(esc(source)).append("</text>");
        b.append("</svg>");
        return b.toString();
    }
}
