package io.medallion.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw personal values of the source (customer names, e-mails, phones; supplier contacts) and a
 * scanner that finds them in values and in file bytes.
 *
 * <p>Single names ("Anna", "Muller") are matched only as whole values: they are also parts of
 * legitimate data (a supplier's company name is built from a last name). E-mails, phones (also
 * as digits only) and contact full names are matched anywhere inside a value or a file.
 */
final class PersonalData {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+\\d{2} \\d{3} \\d{3} \\d{3}");
    private static final Pattern DIGITS = Pattern.compile("(?<!\\d)\\d{11}(?!\\d)");

    private final Set<String> wholeValues = new HashSet<>();
    private final Set<String> emails = new HashSet<>();
    private final Set<String> phones = new HashSet<>();
    private final Set<String> phoneDigits = new HashSet<>();
    private final Set<String> fullNames = new HashSet<>();

    void addName(Object name) {
        if (name instanceof String s && !s.isBlank()) {
            wholeValues.add(s);
            if (s.contains(" ")) {
                fullNames.add(s);
            }
        }
    }

    void addEmail(Object email) {
        if (email instanceof String s && !s.isBlank()) {
            wholeValues.add(s);
            emails.add(s);
        }
    }

    void addPhone(Object phone) {
        if (phone instanceof String s && !s.isBlank()) {
            wholeValues.add(s);
            phones.add(s);
            phoneDigits.add(s.replaceAll("\\D", ""));
        }
    }

    int emailCount() {
        return emails.size();
    }

    int phoneCount() {
        return phones.size();
    }

    int nameCount() {
        return wholeValues.size() - emails.size() - phones.size();
    }

    /** The personal values found in one value (recursing into lists, maps and structs). */
    List<String> foundIn(Object value) {
        List<String> found = new ArrayList<>();
        collect(value, found);
        return found;
    }

    /** The personal values whose bytes appear in a file (uncompressed places: statistics, footers, logs). */
    List<String> foundInFile(Path file) {
        try {
            return inText(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void collect(Object value, List<String> found) {
        if (value instanceof String s) {
            found.addAll(inText(s, true));
        } else if (value instanceof byte[] bytes) {
            found.addAll(inText(new String(bytes, StandardCharsets.ISO_8859_1), false));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, found));
        } else if (value instanceof Collection<?> items) {
            items.forEach(v -> collect(v, found));
        }
    }

    private List<String> inText(String text, boolean wholeValue) {
        List<String> found = new ArrayList<>();
        if (wholeValue && wholeValues.contains(text)) {
            found.add(text);
        }
        matches(EMAIL, text, emails, found);
        matches(PHONE, text, phones, found);
        matches(DIGITS, text, phoneDigits, found);
        for (String name : fullNames) {
            if (text.contains(name)) {
                found.add(name);
            }
        }
        return found;
    }

    private static void matches(Pattern pattern, String text, Set<String> known, List<String> found) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (known.contains(m.group())) {
                found.add(m.group());
            }
        }
    }
}
