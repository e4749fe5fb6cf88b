package io.medallion.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** YAML parsing (SnakeYAML, safe types, merge keys) and typed access to parsed trees. */
public final class Yamls {

    private Yamls() {
    }

    /** Every document of a (multi-document) YAML text; empty documents are left out. */
    public static List<Map<String, Object>> loadAll(String text) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : yaml().loadAll(text)) {
            if (doc != null) {
                docs.add(map(doc, "document"));
            }
        }
        return docs;
    }

    public static Map<String, Object> load(String text) {
        List<Map<String, Object>> docs = loadAll(text);
        if (docs.size() != 1) {
            throw new IllegalArgumentException("expected one YAML document, found " + docs.size());
        }
        return docs.get(0);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value, String what) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value, String what) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?>)) {
            throw new IllegalArgumentException(what + " is not a list: " + value);
        }
        return (List<Object>) value;
    }

    /** The mapping under a path of keys, or an empty one when a step is missing. */
    public static Map<String, Object> path(Map<String, Object> root, String... keys) {
        Map<String, Object> current = root;
        for (String key : keys) {
            current = map(current.get(key), key);
        }
        return current;
    }

    /** A scalar as text, or null. */
    public static String text(Object value) {
        return value == null ? null : Objects.toString(value);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }
}
