package dev.missions.coordinator.ui;

import java.util.List;
import java.util.Locale;

/**
 * The analytics charts, drawn server-side as inline SVG like {@link Dag}: no chart library to ship, nothing for the
 * CSP to allow, and in the first response. Every chart is an image with a title, uses the Okabe–Ito palette, and says
 * its values in words (labels on the bars, a title on every segment) besides the table the page prints beside it.
 */
final class Charts {

    /** One kind of a stacked column's parts: what the legend says, and its colour. */
    record Series(String name, String colour) {
    }

    /** A stacked column: its axis label, the words for its title, and one value per series. */
    record Column(String label, String title, long[] values) {

        long total() {
            long total = 0;
            for (long value : values) {
                total += value;
            }
            return total;
        }
    }

    /** A horizontal bar: its name, its value (the length), and how the value is written. */
    record Bar(String label, double value, String text) {
    }

    // stacked columns: plot area within a fixed viewBox; the SVG scales to its box
    static final int STACK_WIDTH = 760;
    static final int STACK_HEIGHT = 260;
    static final int LEFT = 44;
    static final int RIGHT = 8;
    static final int TOP = 12;
    static final int PLOT_HEIGHT = 180;

    // horizontal bars: a name column, the bar, room for the value written after it
    static final int BARS_WIDTH = 480;
    static final int NAME_WIDTH = 170;
    static final int BAR_SPACE = 200;
    static final int ROW = 28;
    // larger than the columns' labels: these charts are narrower, so a phone shrinks them less
    static final int BAR_FONT = 15;

    private Charts() {
    }

    /** Columns of stacked parts (missions per day by outcome); a chart with nothing in it says so instead. */
    static String stacked(String id, String title, List<Series> series, List<Column> columns, String empty) {
        long highest = columns.stream().mapToLong(Column::total).max().orElse(0);
        StringBuilder svg = open(id, title, STACK_WIDTH, STACK_HEIGHT);
        if (highest == 0) {
            return nothing(svg, STACK_WIDTH, STACK_HEIGHT, empty);
        }
        long top = ceiling(highest);
        int bottom = TOP + PLOT_HEIGHT;
        double step = (double) (STACK_WIDTH - LEFT - RIGHT) / columns.size();
        double width = Math.max(1, step * 0.75);
        for (long tick : top == 1 ? new long[] {0, 1} : new long[] {0, top / 2, top}) {
            double y = bottom - (double) tick / top * PLOT_HEIGHT;
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(STACK_WIDTH - RIGHT).append("\" y1=\"")
                    .append(n(y)).append("\" y2=\"").append(n(y)).append("\" stroke=\"#d0d0d0\"/>")
                    .append(text(LEFT - 6, y + 4, "end", Long.toString(tick)));
        }
        // as many labels as there is room for, counted back from the last (today), which always has one
        int every = (int) Math.ceil(columns.size() / 12.0);
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            double x = LEFT + i * step + (step - width) / 2;
            double y = bottom;
            svg.append("<g class=\"column\" data-label=\"").append(Dag.escape(column.label())).append("\" data-total=\"")
                    .append(column.total()).append("\">");
            for (int s = 0; s < series.size(); s++) {
                long value = column.values()[s];
                if (value == 0) {
                    continue;
                }
                double height = (double) value / top * PLOT_HEIGHT;
                y -= height;
                svg.append("<rect class=\"part\" data-series=\"").append(Dag.escape(series.get(s).name())).append("\" data-value=\"")
                        .append(value).append("\" x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
                        .append(n(width)).append("\" height=\"").append(n(height)).append("\" fill=\"").append(series.get(s).colour())
                        .append("\" stroke=\"#333\" stroke-width=\"0.5\"><title>")
                        .append(Dag.escape(column.title() + ": " + value + " " + series.get(s).name().toLowerCase(Locale.ROOT)))
                        .append("</title></rect>");
            }
            svg.append("</g>");
            if ((columns.size() - 1 - i) % every == 0) {
                svg.append(text(x + width / 2, bottom + 16, "middle", column.label()));
            }
        }
        svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(STACK_WIDTH - RIGHT).append("\" y1=\"").append(bottom)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#333\"/>");
        // the legend: a swatch and the name of each series, in the order they stack, at the right where today is
        double x = STACK_WIDTH - RIGHT - series.stream().mapToDouble(Charts::legendWidth).sum();
        for (Series each : series) {
            svg.append("<rect class=\"swatch\" x=\"").append(n(x)).append("\" y=\"").append(STACK_HEIGHT - 26)
                    .append("\" width=\"12\" height=\"12\" fill=\"").append(each.colour()).append("\" stroke=\"#333\" stroke-width=\"0.5\"/>")
                    .append(text(x + 17, STACK_HEIGHT - 16, "start", each.name()));
            x += legendWidth(each);
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars, longest first as given, each with its name and its value written beside it. */
    static String bars(String id, String title, String colour, List<Bar> bars, String empty) {
        if (bars.isEmpty()) {
            return nothing(open(id, title, BARS_WIDTH, 2 * ROW), BARS_WIDTH, 2 * ROW, empty);
        }
        int height = bars.size() * ROW + 8;
        StringBuilder svg = open(id, title, BARS_WIDTH, height);
        double highest = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 4 + i * ROW;
            double length = highest <= 0 ? 0 : Math.max(0, bar.value()) / highest * BAR_SPACE;
            svg.append("<g class=\"bar\" data-label=\"").append(Dag.escape(bar.label())).append("\"><title>")
                    .append(Dag.escape(bar.label() + ": " + bar.text())).append("</title>")
                    .append(text(NAME_WIDTH - 8, y + 19, "end", BAR_FONT, clip(bar.label(), 18)))
                    .append("<rect x=\"").append(NAME_WIDTH).append("\" y=\"").append(y + 4).append("\" width=\"").append(n(length))
                    .append("\" height=\"").append(ROW - 8).append("\" fill=\"").append(colour).append("\"/>")
                    .append(text(NAME_WIDTH + length + 6, y + 19, "start", BAR_FONT, bar.text()))
                    .append("</g>");
        }
        return svg.append("</svg>").toString();
    }

    private static double legendWidth(Series series) {
        return 30 + series.name().length() * 7.5;
    }

    private static StringBuilder open(String id, String title, int width, int height) {
        String name = Dag.escape(id);
        return new StringBuilder().append("<svg id=\"").append(name).append("\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\"")
                .append(" role=\"img\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" aria-labelledby=\"")
                .append(name).append("-title\"><title id=\"").append(name).append("-title\">").append(Dag.escape(title)).append("</title>");
    }

    private static String nothing(StringBuilder svg, int width, int height, String message) {
        return svg.append("<text class=\"empty\" x=\"").append(width / 2).append("\" y=\"").append(height / 2 + 5)
                .append("\" text-anchor=\"middle\" fill=\"#555\" font-size=\"15\">").append(Dag.escape(message)).append("</text></svg>")
                .toString();
    }

    private static String text(double x, double y, String anchor, String content) {
        return text(x, y, anchor, 13, content);
    }

    private static String text(double x, double y, String anchor, int size, String content) {
        return "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" text-anchor=\"" + anchor + "\" fill=\"#1a1a1a\" font-size=\"" + size + "\">"
                + Dag.escape(content) + "</text>";
    }

    /** The axis' top: the smallest of 1, 2, 4, 6, 8 × 10ⁿ at or above the highest column, so its half is whole too. */
    static long ceiling(long highest) {
        long power = 1;
        while (true) {
            for (long step : new long[] {1, 2, 4, 6, 8}) {
                if (step * power >= highest && (step * power == 1 || step * power % 2 == 0)) {
                    return step * power;
                }
            }
            power *= 10;
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
