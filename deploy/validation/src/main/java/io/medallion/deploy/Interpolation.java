package io.medallion.deploy;

import java.util.Map;

/**
 * docker-compose variable interpolation: {@code ${VAR}}, {@code ${VAR:-default}},
 * {@code ${VAR-default}}, {@code $VAR}, and {@code $$} for a literal {@code $}. The stack is
 * checked as it comes up on a machine that sets none of the variables, i.e. with the defaults.
 */
public final class Interpolation {

    private Interpolation() {
    }

    public static String apply(String text, Map<String, String> variables) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ${ at offset " + i);
                }
                out.append(substitute(text.substring(i + 2, end), variables));
                i = end + 1;
            } else if (Character.isLetter(next) || next == '_') {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                out.append(variables.getOrDefault(text.substring(i + 1, end), ""));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String substitute(String expression, Map<String, String> variables) {
        int n = 0;
        while (n < expression.length() && (Character.isLetterOrDigit(expression.charAt(n)) || expression.charAt(n) == '_')) {
            n++;
        }
        String name = expression.substring(0, n);
        String rest = expression.substring(n);
        String value = variables.get(name);
        boolean unset = value == null;
        boolean empty = unset || value.isEmpty();
        if (rest.isEmpty()) {
            return unset ? "" : value;
        } else if (rest.startsWith(":-")) {
            return empty ? rest.substring(2) : value;
        } else if (rest.startsWith("-")) {
            return unset ? rest.substring(1) : value;
        } else if (rest.startsWith(":?") || rest.startsWith("?")) {
            if (rest.startsWith(":?") ? empty : unset) {
                throw new IllegalArgumentException("${" + expression + "}: " + name + " must be set");
            }
            return value;
        } else if (rest.startsWith(":+")) {
            return empty ? "" : rest.substring(2);
        } else if (rest.startsWith("+")) {
            return unset ? "" : rest.substring(1);
        }
        throw new IllegalArgumentException("unsupported interpolation ${" + expression + "}");
    }
}
