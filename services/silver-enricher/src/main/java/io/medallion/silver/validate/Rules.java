package io.medallion.silver.validate;

import io.medallion.silver.source.ColumnTypeException;
import io.medallion.silver.source.Row;
import org.apache.avro.specific.SpecificData;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rule vocabulary of the entity rule tables. Every rule but {@link #required} passes a
 * null or absent column; a value of the wrong type is reported as a finding, never thrown.
 */
public final class Rules {

    private Rules() {
    }

    /** The column holds a value (text must not be blank). */
    public static Rule required(String column) {
        return (in, f) -> {
            if (!in.row().isPresent(column)) {
                f.fail(column, "is required");
            }
        };
    }

    /** Text in the 8-4-4-4-12 UUID form. */
    public static Rule uuid(String column) {
        return text(column, (s, f) -> {
            if (!Formats.isUuid(s)) {
                f.fail(column, "must be a UUID", s);
            }
        });
    }

    /** An ISO 4217 currency code the JDK knows, upper case. */
    public static Rule isoCurrency(String column) {
        return text(column, (s, f) -> {
            if (!Formats.isCurrency(s)) {
                f.fail(column, "must be an ISO 4217 currency code", s);
            }
        });
    }

    /** An ISO 3166-1 alpha-2 country code the JDK knows, upper case. */
    public static Rule isoCountry(String column) {
        return text(column, (s, f) -> {
            if (!Formats.isCountry(s)) {
                f.fail(column, "must be an ISO 3166-1 alpha-2 country code", s);
            }
        });
    }

    /** One of the symbols of a silver Avro enum, written exactly. */
    public static Rule oneOf(String column, Class<? extends Enum<?>> avroEnum) {
        List<String> symbols = SpecificData.get().getSchema(avroEnum).getEnumSymbols();
        Set<String> allowed = Set.copyOf(symbols);
        return text(column, (s, f) -> {
            if (!allowed.contains(s)) {
                f.fail(column, "must be one of " + symbols, s);
            }
        });
    }

    /** Text holding a positive whole number that fits a long (clickstream ids arrive as text). */
    public static Rule numericId(String column) {
        return text(column, (s, f) -> {
            if (!Formats.isNumericId(s)) {
                f.fail(column, "must be a numeric id", s);
            }
        });
    }

    /** A number that fits {@code decimal(precision, scale)}; trailing zeros beyond the scale are fine. */
    public static Rule decimal(String column, int precision, int scale) {
        return number(column, (d, f) -> {
            BigDecimal stripped = d.stripTrailingZeros();
            if (stripped.scale() > scale) {
                f.fail(column, "must have at most " + scale + " decimals", d.toPlainString());
            } else if (stripped.precision() - stripped.scale() > precision - scale) {
                f.fail(column, "must have at most " + (precision - scale) + " digits before the decimal point", d.toPlainString());
            }
        });
    }

    public static Rule positive(String column) {
        return number(column, (d, f) -> {
            if (d.signum() <= 0) {
                f.fail(column, "must be positive", d.toPlainString());
            }
        });
    }

    public static Rule notNegative(String column) {
        return number(column, (d, f) -> {
            if (d.signum() < 0) {
                f.fail(column, "must not be negative", d.toPlainString());
            }
        });
    }

    /**
     * A timestamp at most {@code maxSkew} after the change's source commit time. The commit time
     * is the reference clock: the row was written after the fact it records, so a later
     * timestamp means a wrong clock, and the check gives the same answer on every replay.
     */
    public static Rule notAfterCommit(String column, Duration maxSkew) {
        long maxSkewMs = maxSkew.toMillis();
        return (in, f) -> {
            Instant t;
            try {
                t = in.row().timestamp(column);
            } catch (ColumnTypeException e) {
                f.fail(column, "must be a timestamp");
                return;
            }
            if (t != null && t.toEpochMilli() - in.committedAtMs() > maxSkewMs) {
                f.fail(column, "must not be more than " + maxSkew.toMinutes() + "m after the source commit time "
                        + Instant.ofEpochMilli(in.committedAtMs()), t);
            }
        };
    }

    /** A plausible e-mail address: local part, @, dotted domain. */
    public static Rule email(String column) {
        return text(column, (s, f) -> {
            if (!Formats.isEmail(s)) {
                f.fail(column, "must be an e-mail address", s);
            }
        });
    }

    /** A phone number with 6 to 15 digits, whatever the punctuation. */
    public static Rule phone(String column) {
        return text(column, (s, f) -> {
            int digits = Formats.digitCount(s);
            if (digits < Formats.MIN_PHONE_DIGITS || digits > Formats.MAX_PHONE_DIGITS) {
                f.fail(column, "must have " + Formats.MIN_PHONE_DIGITS + " to " + Formats.MAX_PHONE_DIGITS + " digits", s);
            }
        });
    }

    /** Rules that apply only when a condition holds; their findings name the condition. */
    public static Rule when(Condition condition, Rule... rules) {
        List<Rule> all = List.of(rules);
        return (in, f) -> {
            if (condition.test(in)) {
                Findings scoped = f.when(condition.description());
                for (Rule rule : all) {
                    rule.check(in, scoped);
                }
            }
        };
    }

    /** The condition "column equals value", described as {@code column is value}. */
    public static Condition is(String column, String value) {
        return new Condition(column + " is " + value, in -> {
            Object v = in.row().raw(column);
            return v instanceof CharSequence s && Objects.equals(s.toString(), value);
        });
    }

    /** A described predicate on a row, for {@link #when}. */
    public record Condition(String description, Predicate<RowContext> predicate) {
        boolean test(RowContext in) {
            return predicate.test(in);
        }
    }

    private interface TextCheck {
        void check(String value, Findings f);
    }

    private interface NumberCheck {
        void check(BigDecimal value, Findings f);
    }

    private static Rule text(String column, TextCheck check) {
        return (in, f) -> {
            Row row = in.row();
            String s;
            try {
                s = row.text(column);
            } catch (ColumnTypeException e) {
                f.fail(column, "must be text");
                return;
            }
            if (s != null && !s.isBlank()) {
                check.check(s, f);
            }
        };
    }

    private static Rule number(String column, NumberCheck check) {
        return (in, f) -> {
            BigDecimal d;
            try {
                d = in.row().decimal(column);
            } catch (ColumnTypeException e) {
                f.fail(column, "must be a decimal number", in.row().raw(column));
                return;
            }
            if (d != null) {
                check.check(d, f);
            }
        };
    }
}
