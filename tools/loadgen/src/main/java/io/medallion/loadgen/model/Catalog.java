package io.medallion.loadgen.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The product catalogue as generated from a seed: what the seeded products table holds and what
 * the clickstream and orders price products at. Both factories derive it from the same seed, so
 * clickstream prices match the products table at the start of a run.
 */
public record Catalog(List<Product> products) {

    public static final List<String> CATEGORIES = List.of(
            "electronics", "home", "garden", "toys", "books", "fashion", "sports", "beauty", "grocery", "office");
    private static final List<String> BRANDS = List.of(
            "Acme", "Nordlys", "Vela", "Kestrel", "Orbis", "Lumen", "Tandem", "Quarry", "Fjord", "Halcyon");
    private static final List<String> ADJECTIVES = List.of(
            "Compact", "Classic", "Smart", "Eco", "Pro", "Mini", "Ultra", "Soft", "Rugged", "Silent");
    private static final List<String> NOUNS = List.of(
            "Lamp", "Kettle", "Backpack", "Speaker", "Chair", "Notebook", "Helmet", "Blender", "Jacket", "Planter");

    public record Product(String sku, String name, String category, String brand, BigDecimal unitPrice) {
    }

    public Catalog {
        products = List.copyOf(products);
    }

    public static Catalog generate(long seed, int count) {
        SplittableRandom rng = new SplittableRandom(Draw.derive(seed, "catalog"));
        List<Product> products = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // Prices skew low: most products cost tens of euros, a few hundreds.
            double u = rng.nextDouble();
            BigDecimal price = Draw.euros(rng, 2 + 480 * u * u * u, 2 + 480 * u * u * u + 15);
            products.add(new Product(String.format("SKU-%06d", i + 1),
                    Draw.oneOf(rng, ADJECTIVES) + " " + Draw.oneOf(rng, NOUNS) + " " + (i + 1),
                    Draw.oneOf(rng, CATEGORIES), Draw.oneOf(rng, BRANDS), price));
        }
        return new Catalog(products);
    }

    public int size() {
        return products.size();
    }

    public Product product(int index) {
        return products.get(index);
    }
}
