package io.medallion.gold.kpi;

import io.medallion.avro.silver.EventType;

/**
 * What one user did inside one window, as far as the distinct counts care. Kept per
 * (partition, window, user) so active_users, view_users and purchase_users are maintained
 * incrementally and exactly: a count goes up when its flag goes from false to true.
 */
public record UserFlags(boolean active, boolean viewed, boolean purchased) {

    /** A user not seen yet in the window. */
    public static final UserFlags NONE = new UserFlags(false, false, false);

    /** The flags after one more event of this user. */
    public UserFlags with(EventType type) {
        return new UserFlags(true, viewed || type == EventType.page_view, purchased || type == EventType.purchase);
    }

    /** One byte: bit 0 active, bit 1 viewed, bit 2 purchased. */
    public byte toByte() {
        return (byte) ((active ? 1 : 0) | (viewed ? 2 : 0) | (purchased ? 4 : 0));
    }

    public static UserFlags fromByte(byte b) {
        if ((b & ~7) != 0) {
            throw new IllegalArgumentException("not a user-flags byte: " + b);
        }
        return new UserFlags((b & 1) != 0, (b & 2) != 0, (b & 4) != 0);
    }
}
