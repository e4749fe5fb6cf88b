package io.medallion.common.lifecycle;

import java.util.Map;

/**
 * What a service says about itself. {@code live} is false only when a restart would help;
 * {@code ready} is false while it cannot do its job now (rebalancing, not streaming, behind).
 */
public record Health(boolean live, boolean ready, String state, Map<String, Object> details) {

    public Health {
        details = Map.copyOf(details);
    }

    public static Health of(boolean live, boolean ready, String state) {
        return new Health(live, ready, state, Map.of());
    }

    public Health withDetails(Map<String, Object> more) {
        return new Health(live, ready, state, more);
    }
}
