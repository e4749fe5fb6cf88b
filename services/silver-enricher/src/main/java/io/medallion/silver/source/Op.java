package io.medallion.silver.source;

/** The change operation of an envelope ({@code op}), as cdc-envelope.md defines it. */
public enum Op {
    /** Insert. */
    CREATE("c"),
    /** Update. */
    UPDATE("u"),
    /** Delete: the row is in {@code before}. */
    DELETE("d"),
    /** Snapshot read. */
    READ("r");

    private final String code;

    Op(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The operation for a wire code, or null when the code is not one of c, u, d, r. */
    public static Op parse(CharSequence code) {
        if (code == null || code.length() != 1) {
            return null;
        }
        return switch (code.charAt(0)) {
            case 'c' -> CREATE;
            case 'u' -> UPDATE;
            case 'd' -> DELETE;
            case 'r' -> READ;
            default -> null;
        };
    }

    /** Inserts and snapshot reads bring a row into existence; only they are clickstream events. */
    public boolean isArrival() {
        return this == CREATE || this == READ;
    }
}
