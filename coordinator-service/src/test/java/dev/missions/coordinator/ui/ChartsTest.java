package dev.missions.coordinator.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

class ChartsTest {

    static final List<Charts.Series> TWO = List.of(new Charts.Series("Succeeded", "#009E73"), new Charts.Series("Failed", "#D55E00"));

    @Test
    void stackedColumnsAreProportionalAndSayTheirValues() throws Exception {
        String svg = Charts.stacked("per-day", "Missions per day", TWO, List.of(
                new Charts.Column("12-01", "2026-12-01", new long[] {3, 1}),
                new Charts.Column("12-02", "2026-12-02", new long[] {0, 0}),
                new Charts.Column("12-03", "2026-12-03", new long[] {2, 0})), "No missions in this period");
        wellFormed(svg);
        Document chart = xml(svg);
        Element root = chart.selectFirst("svg");
        assertEquals("img", root.attr("role"));
        assertEquals("per-day-title", root.attr("aria-labelledby"));
        assertEquals("Missions per day", chart.selectFirst("svg > title#per-day-title").text());

        assertEquals(List.of("4", "0", "2"), chart.select("g.column").eachAttr("data-total"));
        Element first = chart.selectFirst("g.column[data-label=12-01]");
        double succeeded = height(first.selectFirst("rect[data-series=Succeeded]"));
        double failed = height(first.selectFirst("rect[data-series=Failed]"));
        assertEquals(3.0, succeeded / failed, 0.01, "three succeeded stand three times as tall as one failed");
        double later = height(chart.selectFirst("g.column[data-label=12-03] rect[data-series=Succeeded]"));
        assertEquals(1.5, succeeded / later, 0.01);
        assertEquals("#009E73", first.selectFirst("rect[data-series=Succeeded]").attr("fill"), "Okabe–Ito bluish green");
        assertTrue(chart.select("g.column[data-label=12-02] rect").isEmpty(), "an empty day draws nothing");
        assertEquals("2026-12-01: 3 succeeded", first.selectFirst("rect[data-series=Succeeded] > title").text());
        assertTrue(chart.select("rect.swatch").size() == 2 && root.text().contains("Failed"), "a legend names each series");
        // the axis goes to a round number at or above the highest column, and the columns are drawn against it
        assertEquals(4, Charts.ceiling(4));
        assertEquals(6, Charts.ceiling(5));
        assertEquals(20, Charts.ceiling(11));
        assertEquals(1, Charts.ceiling(1));
        assertEquals(Charts.PLOT_HEIGHT, succeeded + failed, 0.2, "the tallest column reaches the top of a 4-high axis");
    }

    @Test
    void anEmptyPeriodSaysSoInsteadOfDrawingNothing() throws Exception {
        String svg = Charts.stacked("per-day", "Missions per day", TWO,
                List.of(new Charts.Column("12-01", "2026-12-01", new long[] {0, 0})), "No missions in this period");
        wellFormed(svg);
        Document chart = xml(svg);
        assertEquals("img", chart.selectFirst("svg").attr("role"));
        assertEquals("No missions in this period", chart.selectFirst("text.empty").text());
        assertTrue(chart.select("rect").isEmpty());

        String bars = Charts.bars("cost-by-role", "Cost by role", "#0072B2", List.of(), "No usage in this period");
        wellFormed(bars);
        assertEquals("No usage in this period", xml(bars).selectFirst("text.empty").text());
    }

    @Test
    void barsAreProportionalAndLabelled() throws Exception {
        String svg = Charts.bars("cost-by-model", "Cost by model", "#0072B2", List.of(
                new Charts.Bar("openai/gpt-5", 2.0, "$2.00"),
                new Charts.Bar("anthropic/claude", 0.5, "$0.50"),
                new Charts.Bar("local/free", 0, "$0.00")), "No usage in this period");
        wellFormed(svg);
        Document chart = xml(svg);
        assertEquals("Cost by model", chart.selectFirst("svg > title").text());
        double big = width(chart.selectFirst("g.bar[data-label='openai/gpt-5'] rect"));
        double small = width(chart.selectFirst("g.bar[data-label='anthropic/claude'] rect"));
        assertEquals(Charts.BAR_SPACE, big, 0.1, "the largest bar takes the whole space");
        assertEquals(4.0, big / small, 0.01);
        assertEquals(0.0, width(chart.selectFirst("g.bar[data-label='local/free'] rect")));
        Element bar = chart.selectFirst("g.bar[data-label='anthropic/claude']");
        assertTrue(bar.text().contains("anthropic/claude") && bar.text().contains("$0.50"), "name and value are written: " + bar.text());
        assertEquals(List.of("#0072B2"), chart.select("g.bar rect").eachAttr("fill").stream().distinct().toList());

        Document zeros = xml(Charts.bars("tokens", "Tokens", "#CC79A7", List.of(new Charts.Bar("a", 0, "0")), "none"));
        assertEquals(0.0, width(zeros.selectFirst("g.bar rect")), "nothing spent: no NaN, no bar");
    }

    @Test
    void textIsEscaped() throws Exception {
        String svg = Charts.bars("x\"", "Cost <by> \"role\" & more", "#0072B2",
                List.of(new Charts.Bar("<script>alert(1)</script>", 1, "1 & 2")), "none");
        wellFormed(svg);
        assertFalse(svg.contains("<script>"), svg);
        assertTrue(svg.contains("Cost &lt;by&gt; &quot;role&quot; &amp; more"), svg);
        String stacked = Charts.stacked("s", "t", List.of(new Charts.Series("A<b>", "#009E73")),
                List.of(new Charts.Column("<i>", "<day>", new long[] {1})), "none");
        wellFormed(stacked);
        assertFalse(stacked.contains("<i>") || stacked.contains("<day>") || stacked.contains("A<b>"), stacked);
    }

    /** A strict XML parser: a chart inlined into the page must be well-formed SVG. */
    private static void wellFormed(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        org.w3c.dom.Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", document.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", document.getDocumentElement().getNamespaceURI());
    }

    private static Document xml(String svg) {
        Document document = Jsoup.parse(svg, "", Parser.xmlParser());
        assertNotNull(document.selectFirst("svg"));
        return document;
    }

    private static double height(Element rect) {
        return Double.parseDouble(rect.attr("height"));
    }

    private static double width(Element rect) {
        return Double.parseDouble(rect.attr("width"));
    }
}
