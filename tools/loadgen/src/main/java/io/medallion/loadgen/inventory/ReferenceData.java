package io.medallion.loadgen.inventory;

import static io.medallion.loadgen.model.Value.ref;

import io.medallion.loadgen.model.Catalog;
import io.medallion.loadgen.model.Draw;
import io.medallion.loadgen.model.RowWrite;
import io.medallion.loadgen.model.ShopTable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The reference rows a fresh database is seeded with, derived from the seed only: suppliers,
 * warehouses, the catalogue's products, customers, and a stock level for every product in
 * every warehouse. Each table is seeded only when it is empty; indexes refer to the rows of the
 * referenced tables as they exist (seeded or found).
 */
public final class ReferenceData {

    private static final List<String[]> WAREHOUSE_SITES = List.of(
            new String[] {"PAR1", "Paris", "FR"}, new String[] {"BER1", "Berlin", "DE"},
            new String[] {"AMS1", "Amsterdam", "NL"}, new String[] {"MAD1", "Madrid", "ES"},
            new String[] {"MIL1", "Milan", "IT"}, new String[] {"WAW1", "Warsaw", "PL"});
    private static final List<String> SUPPLIER_SUFFIXES = List.of("GmbH", "SAS", "BV", "SL", "Srl", "AB");
    static final List<String> SEGMENTS = List.of("consumer", "small_business", "enterprise");
    static final int[] SEGMENT_WEIGHTS = {80, 15, 5};

    private final long seed;

    public ReferenceData(long seed) {
        this.seed = seed;
    }

    public List<RowWrite> suppliers(int count) {
        SplittableRandom rng = random("suppliers");
        List<RowWrite> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String first = Draw.oneOf(rng, People.FIRST_NAMES);
            String last = Draw.oneOf(rng, People.LAST_NAMES);
            rows.add(RowWrite.Insert.of(ShopTable.SUPPLIERS, i, last + " Trading " + (i + 1) + " "
                            + Draw.oneOf(rng, SUPPLIER_SUFFIXES), first + " " + last,
                    People.email(first, last, i + 1), People.phone(rng), Draw.oneOf(rng, People.COUNTRIES)));
        }
        return rows;
    }

    public List<RowWrite> warehouses(int count) {
        SplittableRandom rng = random("warehouses");
        List<RowWrite> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] site = i < WAREHOUSE_SITES.size() ? WAREHOUSE_SITES.get(i)
                    : new String[] {String.format("WH%02d", i + 1), "Hub " + (i + 1), "DE"};
            rows.add(RowWrite.Insert.of(ShopTable.WAREHOUSES, i, site[0], site[1] + " fulfilment centre",
                    site[2], site[1], Draw.between(rng, 10, 50) * 1000));
        }
        return rows;
    }

    /** The catalogue's products, supplied round-robin by the existing suppliers. */
    public List<RowWrite> products(Catalog catalog, int suppliers) {
        List<RowWrite> rows = new ArrayList<>(catalog.size());
        for (int i = 0; i < catalog.size(); i++) {
            Catalog.Product p = catalog.product(i);
            rows.add(RowWrite.Insert.of(ShopTable.PRODUCTS, i, p.sku(), p.name(), p.category(), p.brand(),
                    ref(ShopTable.SUPPLIERS, i % suppliers), p.unitPrice(), "EUR", true));
        }
        return rows;
    }

    public List<RowWrite> customers(int count) {
        SplittableRandom rng = random("customers");
        List<RowWrite> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(customer(rng, i));
        }
        return rows;
    }

    /** One customer row; also used for customers who sign up during the run. */
    static RowWrite.Insert customer(SplittableRandom rng, long index) {
        String first = Draw.oneOf(rng, People.FIRST_NAMES);
        String last = Draw.oneOf(rng, People.LAST_NAMES);
        return RowWrite.Insert.of(ShopTable.CUSTOMERS, index, first, last, People.email(first, last, index + 1),
                rng.nextInt(10) < 8 ? People.phone(rng) : null, Draw.oneOf(rng, People.COUNTRIES),
                SEGMENTS.get(Draw.weighted(rng, SEGMENT_WEIGHTS)));
    }

    /** A stock level for every product in every warehouse, with the quantities {@code onHand}. */
    public List<RowWrite> stockLevels(int[][] onHand) {
        List<RowWrite> rows = new ArrayList<>();
        for (int p = 0; p < onHand.length; p++) {
            for (int w = 0; w < onHand[p].length; w++) {
                rows.add(RowWrite.Insert.of(ShopTable.STOCK_LEVELS, RowWrite.NO_INDEX, ref(ShopTable.PRODUCTS, p),
                        ref(ShopTable.WAREHOUSES, w), onHand[p][w], 0, 20));
            }
        }
        return rows;
    }

    /** Opening stock per product and warehouse. */
    public int[][] openingStock(int products, int warehouses) {
        SplittableRandom rng = random("stock");
        int[][] onHand = new int[products][warehouses];
        for (int p = 0; p < products; p++) {
            for (int w = 0; w < warehouses; w++) {
                onHand[p][w] = Draw.between(rng, 50, 500);
            }
        }
        return onHand;
    }

    private SplittableRandom random(String stream) {
        return new SplittableRandom(Draw.derive(seed, "reference-" + stream));
    }
}
