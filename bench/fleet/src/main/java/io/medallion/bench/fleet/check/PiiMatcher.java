package io.medallion.bench.fleet.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/**
 * Finds any of many values inside text in one pass (Aho-Corasick), case-sensitively and only
 * as a whole token: the characters around a match must not be letters or digits, so the name
 * {@code Lea} is found in {@code "first_name":"Lea"} but not in {@code Leather}, and a phone
 * number is not found inside a longer number.
 */
public final class PiiMatcher {

    private final List<String> patterns;
    private final List<Map<Character, Integer>> next = new ArrayList<>();
    private final List<Integer> fail = new ArrayList<>();
    /** Pattern indexes ending at each node, own and inherited through failure links. */
    private final List<List<Integer>> out = new ArrayList<>();

    public PiiMatcher(List<String> values) {
        this.patterns = values.stream().filter(v -> v != null && !v.isEmpty()).distinct().toList();
        newNode();
        for (int p = 0; p < patterns.size(); p++) {
            int node = 0;
            for (char c : patterns.get(p).toCharArray()) {
                Integer child = next.get(node).get(c);
                if (child == null) {
                    child = newNode();
                    next.get(node).put(c, child);
                }
                node = child;
            }
            out.get(node).add(p);
        }
        Queue<Integer> queue = new ArrayDeque<>();
        for (int child : next.get(0).values()) {
            fail.set(child, 0);
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (Map.Entry<Character, Integer> e : next.get(node).entrySet()) {
                int child = e.getValue();
                int f = fail.get(node);
                while (f != 0 && !next.get(f).containsKey(e.getKey())) {
                    f = fail.get(f);
                }
                Integer target = next.get(f).get(e.getKey());
                fail.set(child, target != null && target != child ? target : 0);
                out.get(child).addAll(out.get(fail.get(child)));
                queue.add(child);
            }
        }
    }

    private int newNode() {
        next.add(new HashMap<>());
        fail.add(0);
        out.add(new ArrayList<>());
        return next.size() - 1;
    }

    public int size() {
        return patterns.size();
    }

    /** The first value found in {@code text} as a whole token, if any. */
    public Optional<String> find(String text) {
        List<String> found = scan(text, true);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every value found in {@code text} as a whole token, in order of where they end. */
    public List<String> findAll(String text) {
        return scan(text, false);
    }

    private List<String> scan(String text, boolean firstOnly) {
        if (text == null || patterns.isEmpty()) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            while (node != 0 && !next.get(node).containsKey(c)) {
                node = fail.get(node);
            }
            node = next.get(node).getOrDefault(c, 0);
            for (int p : out.get(node)) {
                int start = i - patterns.get(p).length() + 1;
                if (boundary(text, start - 1) && boundary(text, i + 1)) {
                    found.add(patterns.get(p));
                    if (firstOnly) {
                        return found;
                    }
                }
            }
        }
        return found;
    }

    private static boolean boundary(String text, int index) {
        return index < 0 || index >= text.length() || !Character.isLetterOrDigit(text.charAt(index));
    }
}
