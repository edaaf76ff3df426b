package dev.missions.coordinator.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable copies that keep their order: artifacts, inputs and results are shown and sent in the order they came. */
final class OrderedMaps {

    private OrderedMaps() {
    }

    static Map<String, String> copy(Map<String, String> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
