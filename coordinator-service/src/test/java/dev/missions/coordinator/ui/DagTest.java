package dev.missions.coordinator.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

class DagTest {

    static final Pattern TRANSLATE = Pattern.compile("translate\\((\\d+) (\\d+)\\)");

    @Test
    void layersFollowTheLongestPathAndEveryNodeSaysItsStatus() {
        Document svg = Jsoup.parse(Dag.svg(List.of(
                new Dag.Node("code", "CODE", "Write it", "SUCCEEDED", List.of()),
                new Dag.Node("test", "TEST", "Test it", "RUNNING", List.of("code")),
                new Dag.Node("review", "REVIEW", "Review <it>", "PENDING", List.of("code", "test")),
                new Dag.Node("docs", "DOCS", "Doc it", "FAILED", List.of("code")))), "", Parser.xmlParser());
        assertEquals(4, svg.select("g.node").size());
        assertEquals(4, svg.select("path.edge").size());
        int code = x(svg, "code");
        int test = x(svg, "test");
        int review = x(svg, "review");
        assertTrue(code < test && test < review, "review waits for test, which waits for code: " + code + " " + test + " " + review);
        assertEquals(test, x(svg, "docs"), "docs needs only code: the layer after it");
        Element failed = svg.selectFirst("g.node[data-key=docs]");
        assertEquals("FAILED", failed.attr("data-status"));
        assertTrue(failed.text().contains("FAILED"), "the status is written, not only coloured");
        assertEquals("#D55E00", failed.selectFirst("rect").attr("fill"), "Okabe–Ito vermillion");
        assertTrue(svg.outerHtml().contains("Review &lt;it&gt;"), "titles are escaped");
    }

    @Test
    void nodesAreOrderedToAvoidCrossings() {
        // a1 → b2 and a2 → b1 as given would cross; the layout puts b1 and b2 in their parents' order
        Document svg = Jsoup.parse(Dag.svg(List.of(
                new Dag.Node("a1", "CODE", "", "PENDING", List.of()),
                new Dag.Node("a2", "CODE", "", "PENDING", List.of()),
                new Dag.Node("b1", "TEST", "", "PENDING", List.of("a2")),
                new Dag.Node("b2", "TEST", "", "PENDING", List.of("a1")))), "", Parser.xmlParser());
        assertTrue(y(svg, "b2") < y(svg, "b1"), "b2 follows a1 at the top");
    }

    private static int x(Document svg, String key) {
        return coordinate(svg, key, 1);
    }

    private static int y(Document svg, String key) {
        return coordinate(svg, key, 2);
    }

    private static int coordinate(Document svg, String key, int group) {
        Matcher matcher = TRANSLATE.matcher(svg.selectFirst("g.node[data-key=" + key + "]").attr("transform"));
        assertTrue(matcher.find());
        return Integer.parseInt(matcher.group(group));
    }
}
