package io.medallion.loadgen.inventory;

/** How many reference rows exist: the generator's rows refer to indexes below these. */
public record ShopSizes(int suppliers, int warehouses, int products, int customers) {

    public ShopSizes {
        if (suppliers < 1 || warehouses < 1 || products < 1 || customers < 1) {
            throw new IllegalArgumentException("every reference table needs at least one row: " + this);
        }
    }
}
