package dev.arbiter.eval.internal;

import java.util.List;
import java.util.Locale;

/** Inline SVG charts for the HTML report: no script, no external resource. Stateless and thread-safe. */
public final class Svg {

    private static final int LABEL_WIDTH = 170;
    private static final int BAR_WIDTH = 360;
    private static final int ROW = 26;

    private Svg() {}

    /** A labelled value between 0 and 1. */
    public record Bar(String label, double value, String text) {}

    /** A pair of values between 0 and 1 under one label: before and after. */
    public record Pair(String label, double before, double after, boolean regressed) {}

    /** Returns horizontal bars of values in [0, 1], each coloured by whether it reaches {@code good}. */
    public static String bars(String id, String title, List<Bar> bars) {
        int height = bars.size() * ROW + 30;
        StringBuilder s = open(id, title, LABEL_WIDTH + BAR_WIDTH + 80, height);
        axis(s, bars.size() * ROW + 6);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = 6 + i * ROW;
            label(s, y, b.label());
            s.append(f("<rect class=\"track\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\"/>", LABEL_WIDTH, y, BAR_WIDTH));
            s.append(f("<rect class=\"bar %s\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\"><title>%s</title></rect>",
                    tone(b.value()), LABEL_WIDTH, y, b.value() * BAR_WIDTH, Html.escape(b.label() + ": " + b.text())));
            s.append(f("<text class=\"value\" x=\"%d\" y=\"%d\">%s</text>", LABEL_WIDTH + BAR_WIDTH + 6, y + 13,
                    Html.escape(b.text())));
        }
        return s.append("</svg>").toString();
    }

    /** Returns paired bars (baseline above candidate) per label. */
    public static String pairs(String id, String title, List<Pair> pairs) {
        int height = pairs.size() * (ROW + 12) + 40;
        StringBuilder s = open(id, title, LABEL_WIDTH + BAR_WIDTH + 120, height);
        axis(s, pairs.size() * (ROW + 12) + 6);
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            int y = 6 + i * (ROW + 12);
            label(s, y + 6, p.label());
            s.append(f("<rect class=\"bar baseline\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\"><title>%s baseline"
                    + " %s</title></rect>", LABEL_WIDTH, y, p.before() * BAR_WIDTH, Html.escape(p.label()),
                    pct(p.before())));
            s.append(f("<rect class=\"bar %s\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\"><title>%s candidate"
                    + " %s</title></rect>", p.regressed() ? "bad" : "candidate", LABEL_WIDTH, y + 14,
                    p.after() * BAR_WIDTH, Html.escape(p.label()), pct(p.after())));
            s.append(f("<text class=\"value\" x=\"%d\" y=\"%d\">%s → %s</text>", LABEL_WIDTH + BAR_WIDTH + 6, y + 18,
                    pct(p.before()), pct(p.after())));
        }
        int ly = pairs.size() * (ROW + 12) + 24;
        s.append(f("<rect class=\"bar baseline\" x=\"%d\" y=\"%d\" width=\"12\" height=\"10\"/>", LABEL_WIDTH, ly));
        s.append(f("<text x=\"%d\" y=\"%d\">baseline</text>", LABEL_WIDTH + 16, ly + 9));
        s.append(f("<rect class=\"bar candidate\" x=\"%d\" y=\"%d\" width=\"12\" height=\"10\"/>", LABEL_WIDTH + 90, ly));
        s.append(f("<text x=\"%d\" y=\"%d\">candidate</text>", LABEL_WIDTH + 106, ly + 9));
        return s.append("</svg>").toString();
    }

    /** Returns a histogram of counts in equal bins over [0, 1]. */
    public static String histogram(String id, String title, List<Integer> counts) {
        int w = 260;
        int h = 110;
        int max = Math.max(1, counts.stream().mapToInt(Integer::intValue).max().orElse(1));
        double bw = (double) w / counts.size();
        StringBuilder s = open(id, title, w + 20, h + 34);
        for (int i = 0; i < counts.size(); i++) {
            double bh = (double) counts.get(i) * h / max;
            s.append(f("<rect class=\"bar %s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%.1f–%.1f:"
                    + " %d</title></rect>", i >= counts.size() / 2 ? "hist" : "hist-low", 10 + i * bw + 1, 6 + h - bh,
                    bw - 2, bh, (double) i / counts.size(), (double) (i + 1) / counts.size(), counts.get(i)));
        }
        s.append(f("<line class=\"axis\" x1=\"10\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", 6 + h, 10 + w, 6 + h));
        s.append(f("<text x=\"10\" y=\"%d\">0</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">1</text>", h + 22,
                10 + w, h + 22));
        s.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">score</text>", 10 + w / 2, h + 22));
        return s.append("</svg>").toString();
    }

    private static StringBuilder open(String id, String title, int width, int height) {
        StringBuilder s = new StringBuilder();
        s.append(f("<svg id=\"%s\" class=\"chart\" role=\"img\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\"><title>%s</title>", Html.escape(id), width, height, width,
                height, Html.escape(title)));
        return s;
    }

    private static void axis(StringBuilder s, int bottom) {
        for (int i = 0; i <= 4; i++) {
            double x = LABEL_WIDTH + i * BAR_WIDTH / 4.0;
            s.append(f("<line class=\"grid\" x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\"/>", x, x, bottom));
            s.append(f("<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d%%</text>", x, bottom + 12,
                    i * 25));
        }
    }

    private static void label(StringBuilder s, int y, String label) {
        String shown = label.length() > 24 ? label.substring(0, 23) + "…" : label;
        s.append(f("<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", LABEL_WIDTH - 8, y + 13,
                Html.escape(shown)));
    }

    private static String tone(double v) {
        return v >= 0.9 ? "good" : v >= 0.6 ? "fair" : "bad";
    }

    /** Returns a fraction as a percentage with one decimal. */
    public static String pct(double v) {
        return f("%.1f%%", 100 * v);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
