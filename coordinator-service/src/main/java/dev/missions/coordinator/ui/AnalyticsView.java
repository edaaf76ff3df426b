package dev.missions.coordinator.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** What the analytics page shows, made from the API's {@code GET /analytics}: figures, charts and their tables. */
final class AnalyticsView {

    /** The periods one can choose: whole days in UTC up to and including today, or every mission. */
    enum Period {
        WEEK("7d", "Last 7 days", 7), MONTH("30d", "Last 30 days", 30), QUARTER("90d", "Last 90 days", 90), ALL("all", "All time", 0);

        static final Period DEFAULT = MONTH;

        final String key;
        final String label;
        final int days;

        Period(String key, String label, int days) {
            this.key = key;
            this.label = label;
            this.days = days;
        }

        static Optional<Period> of(String key) {
            if (key == null || key.isBlank()) {
                return Optional.of(DEFAULT);
            }
            for (Period period : values()) {
                if (period.key.equals(key.strip())) {
                    return Optional.of(period);
                }
            }
            return Optional.empty();
        }

        /** The first day counted, or null for all time. */
        LocalDate first(LocalDate today) {
            return days == 0 ? null : today.minusDays(days - 1L);
        }
    }

    /** Outcomes as the per-day chart stacks them, bottom up, in the colours the statuses have on every page. */
    static final List<Charts.Series> OUTCOMES = List.of(new Charts.Series("Succeeded", "#009E73"),
            new Charts.Series("Failed", "#D55E00"), new Charts.Series("Cancelled", "#999999"),
            new Charts.Series("Not finished", "#56B4E9"));
    private static final Set<String> FINISHED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    /** More days than this are drawn as weeks: a column per day would be thinner than a line. */
    static final int MOST_DAYS = 92;
    static final String COST_COLOUR = "#0072B2";
    static final String TOKENS_COLOUR = "#CC79A7";

    private AnalyticsView() {
    }

    public record Choice(String key, String label, String href, boolean current) {
    }

    public record Figure(String id, String label, String value, String note) {
    }

    public record Span(String label, long succeeded, long failed, long cancelled, long open, long total) {
    }

    public record UsageRow(String name, String tokens, String cost) {
    }

    public record Breakdown(String id, String title, String column, String caption, String costChart, String tokensChart,
            List<UsageRow> rows) {
    }

    public record Board(String period, String description, List<Choice> periods, String error, List<Figure> figures,
            String perDayTitle, String perDayChart, List<Span> spans, List<Breakdown> breakdowns) {
    }

    static List<Choice> choices(Period current) {
        return List.of(Period.values()).stream()
                .map(period -> new Choice(period.key, period.label, "/ui/analytics?period=" + period.key, period == current)).toList();
    }

    /** The page for a period the dashboard does not know: the choices and what went wrong, no figures. */
    static Board refused(String error) {
        return new Board(null, null, choices(null), error, List.of(), null, null, List.of(), List.of());
    }

    static Board board(Period period, LocalDate today, JsonNode analytics) {
        LocalDate first = period.first(today);
        List<Span> spans = spans(analytics.path("perDay"), first, today);
        boolean weekly = spans.size() > MOST_DAYS;
        if (weekly) {
            spans = weeks(spans);
        }
        String unit = weekly ? "week" : "day";
        List<Charts.Column> columns = spans.stream().map(span -> new Charts.Column(span.label().substring(5),
                (weekly ? "Week from " : "") + span.label(), new long[] {span.succeeded(), span.failed(), span.cancelled(), span.open()}))
                .toList();
        String title = "Missions per " + unit + " by outcome";
        String description = first == null ? "every mission" : "missions created since " + first + " (UTC)";
        return new Board(period.key, description, choices(period), null, figures(analytics), title,
                Charts.stacked("per-day", title + ", " + description, OUTCOMES, columns, "No missions in this period"),
                spans.stream().filter(span -> span.total() > 0).toList(),
                List.of(breakdown("role", "Role", analytics.path("usageByRole"), Views::label),
                        breakdown("model", "Model", analytics.path("usageByModel"), Function.identity()),
                        breakdown("source", "Source", analytics.path("usageBySource"), Views::label)));
    }

    private static List<Figure> figures(JsonNode analytics) {
        JsonNode missions = analytics.path("missions");
        JsonNode durations = analytics.path("durations");
        long finished = durations.path("finished").asLong();
        double cost = 0;
        long tokens = 0;
        for (JsonNode usage : analytics.path("usageBySource")) {
            cost += usage.path("costUsd").asDouble();
            tokens += usage.path("tokens").asLong();
        }
        String ofFinished = finished == 1 ? "of the 1 finished mission" : "of " + finished + " finished missions";
        return List.of(
                new Figure("missions", "Missions", Long.toString(missions.path("total").asLong()), "created in the period"),
                new Figure("success-rate", "Success rate", percent(missions.path("successRate")),
                        missions.path("succeeded").asLong() + " of " + missions.path("finished").asLong() + " finished succeeded"),
                new Figure("median", "Median duration", seconds(durations.path("medianSeconds")), ofFinished),
                new Figure("p90", "90th percentile duration", seconds(durations.path("p90Seconds")), ofFinished),
                new Figure("over-4h", "Over 4 h", percent(durations.path("shareOver4h")), ofFinished),
                new Figure("over-24h", "Over 24 h", percent(durations.path("shareOver24h")), ofFinished),
                new Figure("retries", "Retries", Long.toString(analytics.path("retries").asLong()), "attempts after a subtask's first"),
                new Figure("dead-letters", "Dead letters", Long.toString(analytics.path("deadLetters").asLong()),
                        "subtasks that used up their attempts"),
                new Figure("cost", "Cost", Views.usd(cost), "all roles and sources"),
                new Figure("tokens", "Tokens", String.format(Locale.ROOT, "%,d", tokens), "input and output"));
    }

    /** Every day from the first (or the first with missions, for all time) to today, days without missions included. */
    private static List<Span> spans(JsonNode perDay, LocalDate first, LocalDate today) {
        Map<LocalDate, JsonNode> byDay = new HashMap<>();
        perDay.forEach(day -> byDay.put(LocalDate.parse(day.path("day").asText()), day.path("byStatus")));
        LocalDate from = first != null ? first : byDay.keySet().stream().min(Comparator.naturalOrder()).orElse(today);
        List<Span> spans = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(today); day = day.plusDays(1)) {
            JsonNode statuses = byDay.get(day);
            long succeeded = 0;
            long failed = 0;
            long cancelled = 0;
            long open = 0;
            if (statuses != null) {
                succeeded = statuses.path("SUCCEEDED").asLong();
                failed = statuses.path("FAILED").asLong();
                cancelled = statuses.path("CANCELLED").asLong();
                for (Map.Entry<String, JsonNode> status : statuses.properties()) {
                    open += FINISHED.contains(status.getKey()) ? 0 : status.getValue().asLong();
                }
            }
            spans.add(new Span(day.toString(), succeeded, failed, cancelled, open, succeeded + failed + cancelled + open));
        }
        return spans;
    }

    /** Seven days to a column, counted from the first day, so the last column ends today. */
    private static List<Span> weeks(List<Span> days) {
        List<Span> weeks = new ArrayList<>();
        for (int start = days.size() % 7 == 0 ? 0 : -(7 - days.size() % 7); start < days.size(); start += 7) {
            List<Span> week = days.subList(Math.max(0, start), Math.min(days.size(), start + 7));
            weeks.add(new Span(week.getFirst().label(), week.stream().mapToLong(Span::succeeded).sum(),
                    week.stream().mapToLong(Span::failed).sum(), week.stream().mapToLong(Span::cancelled).sum(),
                    week.stream().mapToLong(Span::open).sum(), week.stream().mapToLong(Span::total).sum()));
        }
        return weeks;
    }

    private static Breakdown breakdown(String id, String column, JsonNode usage, Function<String, String> name) {
        record Spent(String name, long tokens, double cost) {
        }
        List<Spent> spent = new ArrayList<>();
        usage.properties().forEach(entry -> spent.add(new Spent(name.apply(entry.getKey()), entry.getValue().path("tokens").asLong(),
                entry.getValue().path("costUsd").asDouble())));
        String what = "by " + column.toLowerCase(Locale.ROOT);
        String empty = "No usage in this period";
        List<Charts.Bar> cost = spent.stream().sorted(Comparator.comparingDouble(Spent::cost).reversed())
                .map(each -> new Charts.Bar(each.name(), each.cost(), Views.usd(each.cost()))).toList();
        List<Charts.Bar> tokens = spent.stream().sorted(Comparator.comparingLong(Spent::tokens).reversed())
                .map(each -> new Charts.Bar(each.name(), each.tokens(), String.format(Locale.ROOT, "%,d", each.tokens()))).toList();
        return new Breakdown(id, "By " + column.toLowerCase(Locale.ROOT), column, "Cost and tokens " + what,
                Charts.bars("cost-by-" + id, "Cost " + what, COST_COLOUR, cost, empty),
                Charts.bars("tokens-by-" + id, "Tokens " + what, TOKENS_COLOUR, tokens, empty),
                spent.stream().sorted(Comparator.comparingDouble(Spent::cost).reversed().thenComparing(Spent::name))
                        .map(each -> new UsageRow(each.name(), String.format(Locale.ROOT, "%,d", each.tokens()), Views.usd(each.cost())))
                        .toList());
    }

    private static String percent(JsonNode share) {
        if (share.isNull() || share.isMissingNode()) {
            return "—";
        }
        double value = share.asDouble() * 100;
        return value > 0 && value < 1 ? "<1%" : String.format(Locale.ROOT, "%.0f%%", value);
    }

    private static String seconds(JsonNode seconds) {
        return seconds.isNull() || seconds.isMissingNode() ? "—" : Views.span(Duration.ofSeconds(Math.round(seconds.asDouble())));
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** The API's {@code since} for a period: its first day, which the API reads as midnight UTC; none for all time. */
    static String since(Period period, LocalDate today) {
        LocalDate first = period.first(today);
        return first == null ? "" : "?since=" + first;
    }
}
