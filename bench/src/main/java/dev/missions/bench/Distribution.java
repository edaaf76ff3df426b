package dev.missions.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Latency percentiles of one series of samples, in milliseconds (nearest-rank, so every figure was observed). */
public record Distribution(int count, double p50, double p90, double p99, double max, double mean) {

    public static Distribution of(List<Double> samplesMs) {
        if (samplesMs.isEmpty()) {
            throw new IllegalStateException("no samples: nothing to take percentiles of");
        }
        List<Double> sorted = new ArrayList<>(samplesMs);
        Collections.sort(sorted);
        double sum = 0;
        for (double sample : sorted) {
            sum += sample;
        }
        return new Distribution(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99),
                sorted.get(sorted.size() - 1), sum / sorted.size());
    }

    /** One nearest-rank percentile of the samples, for a quantile the record does not keep (e.g. 0.95). */
    public static double percentile(List<Double> samplesMs, double quantile) {
        if (samplesMs.isEmpty()) {
            throw new IllegalStateException("no samples: nothing to take percentiles of");
        }
        List<Double> sorted = new ArrayList<>(samplesMs);
        Collections.sort(sorted);
        return rank(sorted, quantile);
    }

    private static double rank(List<Double> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", count);
        map.put("p50_ms", Figures.round(p50));
        map.put("p90_ms", Figures.round(p90));
        map.put("p99_ms", Figures.round(p99));
        map.put("max_ms", Figures.round(max));
        map.put("mean_ms", Figures.round(mean));
        return map;
    }
}
