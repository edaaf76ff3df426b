package dev.missions.coordinator.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plan drawn as a graph, server-side, as inline SVG: layers by longest path from the roots (a subtask sits one
 * layer right of its latest dependency), nodes within a layer ordered by the mean position of their dependencies
 * (the barycenter heuristic, a few sweeps) to cut crossings, edges as curves. Each node carries its status twice:
 * as an Okabe–Ito colour, safe for colour-blind eyes, and as text.
 */
final class Dag {

    record Node(String key, String role, String title, String status, List<String> dependsOn) {
    }

    static final int WIDTH = 190;
    static final int HEIGHT = 56;
    static final int GAP_X = 60;
    static final int GAP_Y = 22;
    static final int MARGIN = 10;

    /** Okabe–Ito: fill, and the text colour that reads on it. */
    private static final Map<String, String[]> PALETTE = Map.of(
            "SUCCEEDED", new String[] {"#009E73", "#ffffff"},
            "RUNNING", new String[] {"#56B4E9", "#000000"},
            "DISPATCHED", new String[] {"#56B4E9", "#000000"},
            "RETRY_WAIT", new String[] {"#E69F00", "#000000"},
            "FAILED", new String[] {"#D55E00", "#ffffff"},
            "DEAD", new String[] {"#D55E00", "#ffffff"},
            "PENDING", new String[] {"#F0F0F0", "#000000"},
            "REPLACED", new String[] {"#999999", "#000000"});

    private Dag() {
    }

    static String svg(List<Node> nodes) {
        Map<String, Node> byKey = new LinkedHashMap<>();
        nodes.forEach(node -> byKey.put(node.key(), node));
        Map<String, Integer> layer = new HashMap<>();
        nodes.forEach(node -> layerOf(node.key(), byKey, layer, 0));
        int layers = layer.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<String>> columns = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            columns.add(new ArrayList<>());
        }
        nodes.forEach(node -> columns.get(layer.get(node.key())).add(node.key()));
        order(columns, byKey);

        Map<String, int[]> at = new HashMap<>();
        int tallest = 0;
        for (int x = 0; x < columns.size(); x++) {
            List<String> column = columns.get(x);
            tallest = Math.max(tallest, column.size());
            for (int y = 0; y < column.size(); y++) {
                at.put(column.get(y), new int[] {MARGIN + x * (WIDTH + GAP_X), MARGIN + y * (HEIGHT + GAP_Y)});
            }
        }
        int width = Math.max(1, layers) * (WIDTH + GAP_X) - GAP_X + 2 * MARGIN;
        int height = Math.max(1, tallest) * (HEIGHT + GAP_Y) - GAP_Y + 2 * MARGIN;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"dag\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" aria-labelledby=\"dag-title\"><title id=\"dag-title\">Plan: ").append(nodes.size())
                .append(" subtasks and their dependencies</title>")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                        + " orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>");
        for (Node node : nodes) {
            int[] to = at.get(node.key());
            for (String dependency : node.dependsOn()) {
                int[] from = at.get(dependency);
                if (from == null) {
                    continue;
                }
                int x1 = from[0] + WIDTH;
                int y1 = from[1] + HEIGHT / 2;
                int x2 = to[0];
                int y2 = to[1] + HEIGHT / 2;
                int bend = (x2 - x1) / 2;
                svg.append("<path class=\"edge\" data-from=\"").append(escape(dependency)).append("\" data-to=\"")
                        .append(escape(node.key())).append("\" d=\"M ").append(x1).append(' ').append(y1).append(" C ")
                        .append(x1 + bend).append(' ').append(y1).append(' ').append(x2 - bend).append(' ').append(y2).append(' ')
                        .append(x2).append(' ').append(y2).append("\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.5\""
                                + " marker-end=\"url(#arrow)\"/>");
            }
        }
        for (Node node : nodes) {
            int[] p = at.get(node.key());
            String[] colours = PALETTE.getOrDefault(node.status(), new String[] {"#CC79A7", "#000000"});
            svg.append("<g class=\"node\" data-key=\"").append(escape(node.key())).append("\" data-status=\"")
                    .append(escape(node.status())).append("\" transform=\"translate(").append(p[0]).append(' ').append(p[1])
                    .append(")\"><title>").append(escape(node.key() + ": " + node.title() + " (" + node.status() + ")"))
                    .append("</title><rect width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                    .append("\" rx=\"6\" fill=\"").append(colours[0]).append("\" stroke=\"#333\"/>")
                    .append(text(10, 20, "bold", colours[1], clip(node.key() + " · " + lower(node.role()), 26)))
                    .append(text(10, 42, "normal", colours[1], node.status()))
                    .append("</g>");
        }
        return svg.append("</svg>").toString();
    }

    private static int layerOf(String key, Map<String, Node> byKey, Map<String, Integer> layer, int depth) {
        Integer known = layer.get(key);
        if (known != null) {
            return known;
        }
        Node node = byKey.get(key);
        int mine = 0;
        // the API checks plans for cycles; the depth bound only keeps a bad one from looping here
        if (node != null && depth <= byKey.size()) {
            for (String dependency : node.dependsOn()) {
                if (byKey.containsKey(dependency)) {
                    mine = Math.max(mine, layerOf(dependency, byKey, layer, depth + 1) + 1);
                }
            }
        }
        layer.put(key, mine);
        return mine;
    }

    /** Barycenter sweeps: each node moves towards the mean row of its dependencies in the layer before. */
    private static void order(List<List<String>> columns, Map<String, Node> byKey) {
        for (int sweep = 0; sweep < 4; sweep++) {
            for (int x = 1; x < columns.size(); x++) {
                Map<String, Integer> rowBefore = new HashMap<>();
                List<String> before = columns.get(x - 1);
                for (int y = 0; y < before.size(); y++) {
                    rowBefore.put(before.get(y), y);
                }
                List<String> column = columns.get(x);
                Map<String, Double> weight = new HashMap<>();
                for (int y = 0; y < column.size(); y++) {
                    String key = column.get(y);
                    final int current = y;
                    weight.put(key, byKey.get(key).dependsOn().stream().filter(rowBefore::containsKey)
                            .mapToInt(rowBefore::get).average().orElse(current));
                }
                column.sort(Comparator.comparingDouble(weight::get));
            }
        }
    }

    private static String text(int x, int y, String weight, String fill, String content) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-weight=\"" + weight + "\" fill=\"" + fill + "\" font-size=\"13\">"
                + escape(content) + "</text>";
    }

    private static String lower(String role) {
        return role == null ? "" : role.toLowerCase(Locale.ROOT);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
