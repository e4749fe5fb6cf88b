package io.medallion.silver.enrich;

/** Names of the global lookup tables built from silver topics for references and enrichment. */
public final class Lookups {

    private Lookups() {
    }

    /** The global store holding the live {@code silver.<table>} records by id. */
    public static String storeName(String table) {
        return "silver-" + table + "-lookup";
    }

    public static String sourceName(String table) {
        return "silver-" + table + "-lookup-source";
    }
}
