package io.medallion.silver.entity;

import io.medallion.silver.pii.PiiTokenizer;
import io.medallion.silver.source.Row;

/** Computes a silver field that is not a same-named copy of a source column. */
@FunctionalInterface
public interface Derivation {

    Object derive(Row row, PiiTokenizer tokenizer);
}
