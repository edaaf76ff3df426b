package dev.missions.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.style.Styler;

/** The run's chart (XChart): latency percentiles from the floor to the loaded hop, and hops/s per level. */
final class Chart {

    private Chart() {
    }

    /**
     * Writes {@code <base>.png} (both charts side by side) and {@code <base>-latency.svg}, {@code <base>-throughput.svg}.
     * {@code latencies} maps a label (kafka one-way, P1 hop, ...) to its distribution.
     */
    static List<Path> write(Path base, Map<String, Distribution> latencies, List<Throughput.Level> levels,
            List<DbosPeer.Level> peer) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CategoryChart latency = latencyChart(latencies);
        CategoryChart throughput = throughputChart(levels, peer);
        String name = base.getFileName().toString();
        Path png = base.resolveSibling(name + ".png");
        Path latencySvg = base.resolveSibling(name + "-latency.svg");
        Path throughputSvg = base.resolveSibling(name + "-throughput.svg");
        BitmapEncoder.saveBitmap(List.of(latency, throughput), 1, 2, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(latency, latencySvg.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        VectorGraphicsEncoder.saveVectorGraphic(throughput, throughputSvg.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return List.of(png, latencySvg, throughputSvg);
    }

    private static CategoryChart latencyChart(Map<String, Distribution> latencies) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(520).title("Latency percentiles")
                .xAxisTitle("").yAxisTitle("ms (log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        // bars start at zero, which a log axis cannot show: the percentiles are drawn as points instead
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(10);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLabelRotation(20);
        List<String> labels = new ArrayList<>(latencies.keySet());
        Map<String, List<Number>> series = new LinkedHashMap<>();
        series.put("p50", new ArrayList<>());
        series.put("p90", new ArrayList<>());
        series.put("p99", new ArrayList<>());
        for (Distribution distribution : latencies.values()) {
            // a log axis cannot show zero; a microsecond is below anything measured here
            series.get("p50").add(Math.max(0.001, distribution.p50()));
            series.get("p90").add(Math.max(0.001, distribution.p90()));
            series.get("p99").add(Math.max(0.001, distribution.p99()));
        }
        series.forEach((name, values) -> chart.addSeries(name, labels, values));
        return chart;
    }

    private static CategoryChart throughputChart(List<Throughput.Level> levels, List<DbosPeer.Level> peer) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(520)
                .title("Throughput: 5-hop missions vs 5-step DBOS workflows").xAxisTitle("in flight")
                .yAxisTitle("hops/s, steps/s").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        List<String> labels = levels.stream().map(level -> Integer.toString(level.inFlight())).toList();
        chart.addSeries("missions hops/s", labels, levels.stream().map(level -> (Number) level.hopsPerSecond()).toList());
        if (peer.size() == levels.size()) {
            chart.addSeries("DBOS steps/s", labels, peer.stream().map(level -> (Number) level.stepsPerSecond()).toList());
        }
        return chart;
    }
}
