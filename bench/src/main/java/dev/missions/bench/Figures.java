package dev.missions.bench;

/** Number formatting shared by the table, the JSON and the Markdown. */
final class Figures {

    private Figures() {
    }

    /** Three decimals: sub-millisecond figures (a commit on a fast disk) must not round to zero. */
    static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    static String ms(double value) {
        return String.format("%.2f ms", value);
    }
}
