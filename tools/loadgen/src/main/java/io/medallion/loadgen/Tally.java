package io.medallion.loadgen;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * What one generated batch contains beyond its rows: anomalies, and the fresh valid
 * clickstream events by type with the purchase value. Added to the run's counters only once the
 * batch is committed, so the counters never count a row the database does not have.
 */
public final class Tally {

    private final Map<Anomaly, Long> anomalies = new EnumMap<>(Anomaly.class);
    private final Map<String, Long> validEvents = new HashMap<>();
    private BigDecimal validPurchaseValue = BigDecimal.ZERO;

    public void anomaly(Anomaly anomaly) {
        anomalies.merge(anomaly, 1L, Long::sum);
    }

    /** A fresh, valid clickstream event (on time, out of order or late; never a re-send). */
    public void validEvent(String eventType, BigDecimal price, Integer quantity, boolean purchase) {
        validEvents.merge(eventType, 1L, Long::sum);
        if (purchase) {
            validPurchaseValue = validPurchaseValue.add(price.multiply(BigDecimal.valueOf(quantity)));
        }
    }

    public Map<Anomaly, Long> anomalies() {
        return anomalies;
    }

    public Map<String, Long> validEvents() {
        return validEvents;
    }

    public BigDecimal validPurchaseValue() {
        return validPurchaseValue;
    }
}
