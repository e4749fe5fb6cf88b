package io.medallion.loadgen.clickstream;

import java.time.Duration;

/**
 * What one clickstream lane generates. Shares are probabilities per fresh event; a
 * duplicate is decided per on-time valid event and re-sent {@code resendAfterEvents} rows later
 * (the configured delay at the lane's rate).
 *
 * @param users              distinct user ids
 * @param products           catalogue size; product ids refer to these
 * @param duplicateShare     probability that an on-time valid event is re-sent later
 * @param outOfOrderShare    probability of an event with ts inside the grace period in the past
 * @param lateShare          probability of an event with ts older than the grace period
 * @param invalidShare       probability of an invalid event (one defect each)
 * @param outOfOrderSpread   how far in the past an out-of-order event may be (at least 1 s)
 * @param latenessMin        minimum age of a late event
 * @param latenessMax        maximum age of a late event
 * @param resendAfterEvents  rows between an event and its re-send
 */
public record ClickstreamProfile(int users, int products, double duplicateShare, double outOfOrderShare,
                                 double lateShare, double invalidShare, Duration outOfOrderSpread,
                                 Duration latenessMin, Duration latenessMax, long resendAfterEvents) {

    public ClickstreamProfile {
        if (users < 1 || products < 1) {
            throw new IllegalArgumentException("users and products must be positive");
        }
        if (outOfOrderShare + lateShare + invalidShare > 1) {
            throw new IllegalArgumentException("out-of-order, late and invalid shares exceed 1");
        }
        if (outOfOrderSpread.compareTo(Duration.ofSeconds(1)) < 0 || latenessMax.compareTo(latenessMin) < 0) {
            throw new IllegalArgumentException("out-of-order spread below 1 s or lateness max below min");
        }
        if (resendAfterEvents < 1) {
            throw new IllegalArgumentException("resendAfterEvents must be positive");
        }
    }
}
