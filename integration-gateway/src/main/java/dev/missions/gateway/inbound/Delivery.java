package dev.missions.gateway.inbound;

/** One request as its provider names it: a replay carries the same id and is refused. */
public record Delivery(String provider, String id) {
}
