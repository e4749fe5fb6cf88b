package io.medallion.silver.validate;

import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Format checks shared by the rules; code lists come from the JDK. */
public final class Formats {

    /** ISO 4217 codes the JDK knows. */
    static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
    /** ISO 3166-1 alpha-2 codes the JDK knows. */
    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** Deliberately loose: one @, a non-empty local part, a dotted domain, no spaces. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** E.164 allows at most 15 digits; fewer than 6 is no reachable number. */
    static final int MIN_PHONE_DIGITS = 6;
    static final int MAX_PHONE_DIGITS = 15;

    private Formats() {
    }

    /** The canonical 8-4-4-4-12 hexadecimal form, any case. (Checked by hand: it runs for every click.) */
    public static boolean isUuid(String s) {
        if (s == null || s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The same UUID in lower case, so ids that differ only in case deduplicate together. */
    public static String canonicalUuid(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    public static boolean isCurrency(String s) {
        return CURRENCIES.contains(s);
    }

    public static boolean isCountry(String s) {
        return COUNTRIES.contains(s);
    }

    public static boolean isEmail(String s) {
        return EMAIL.matcher(s.trim()).matches();
    }

    public static int digitCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }

    /** A positive whole number that fits a long, written in plain digits. */
    public static boolean isNumericId(String s) {
        String t = s.trim();
        if (t.isEmpty() || t.length() > 19) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        try {
            return Long.parseLong(t) > 0;
        } catch (NumberFormatException tooLarge) {
            return false;
        }
    }
}
