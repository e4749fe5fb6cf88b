package io.medallion.loadgen.db;

import io.medallion.loadgen.inventory.InventoryFactory;
import io.medallion.loadgen.model.ShopTable;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Database keys of the rows the generator names by index ({@code Value.Ref}). Reference tables
 * (suppliers, warehouses, products, customers) keep every key: any of them may be referenced at
 * any time. The lifecycle tables (orders, shipments, returns, stock movements) keep the most
 * recent keys only, more than the factory's live window, and fail loudly on an older index.
 */
public final class IdRegistry {

    private static final int RECENT_CAPACITY = Integer.highestOneBit(InventoryFactory.LIVE_WINDOW) << 1;

    private final Map<ShopTable, Keys> keys = new EnumMap<>(ShopTable.class);

    public IdRegistry() {
        for (ShopTable table : ShopTable.values()) {
            if (table.generatorAssignsKey()) {
                keys.put(table, isLifecycle(table) ? new RecentKeys(RECENT_CAPACITY) : new AllKeys());
            }
        }
    }

    /** Records that the {@code index}-th row of the table has key {@code id}; indexes come in order. */
    public void register(ShopTable table, long index, long id) {
        keysOf(table).register(index, id);
    }

    public long resolve(ShopTable table, long index) {
        return keysOf(table).resolve(table, index);
    }

    /** How many rows of the table have been registered. */
    public long count(ShopTable table) {
        return keysOf(table).count();
    }

    private Keys keysOf(ShopTable table) {
        Keys k = keys.get(table);
        if (k == null) {
            throw new IllegalArgumentException(table + " keys are assigned by the database, not tracked");
        }
        return k;
    }

    private static boolean isLifecycle(ShopTable table) {
        return switch (table) {
            case ORDERS, SHIPMENTS, RETURNS, INVENTORY -> true;
            default -> false;
        };
    }

    private interface Keys {
        void register(long index, long id);

        long resolve(ShopTable table, long index);

        long count();
    }

    private static final class AllKeys implements Keys {
        private long[] ids = new long[1024];
        private int count;

        @Override
        public void register(long index, long id) {
            if (index != count) {
                throw new IllegalStateException("index " + index + " registered out of order, expected " + count);
            }
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
            }
            ids[count++] = id;
        }

        @Override
        public long resolve(ShopTable table, long index) {
            if (index < 0 || index >= count) {
                throw new IllegalStateException(table + " row " + index + " unknown (" + count + " registered)");
            }
            return ids[(int) index];
        }

        @Override
        public long count() {
            return count;
        }
    }

    private static final class RecentKeys implements Keys {
        private final long[] ids;
        private final int mask;
        private long count;

        RecentKeys(int capacity) {
            ids = new long[capacity];
            mask = capacity - 1;
        }

        @Override
        public void register(long index, long id) {
            if (index != count) {
                throw new IllegalStateException("index " + index + " registered out of order, expected " + count);
            }
            ids[(int) (index & mask)] = id;
            count++;
        }

        @Override
        public long resolve(ShopTable table, long index) {
            if (index < 0 || index >= count || index < count - ids.length) {
                throw new IllegalStateException(table + " row " + index + " is not among the " + ids.length
                        + " most recent (" + count + " registered)");
            }
            return ids[(int) (index & mask)];
        }

        @Override
        public long count() {
            return count;
        }
    }
}
