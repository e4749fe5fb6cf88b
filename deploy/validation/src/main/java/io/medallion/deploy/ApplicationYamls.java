package io.medallion.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;

/**
 * The services' own {@code application.yml} files, found on the class path (this module depends
 * on the four service modules): one resource name, told apart by the module or jar it comes from.
 */
public final class ApplicationYamls {

    private static final String RESOURCE = "application.yml";

    private final Map<Component, Map<String, Object>> byComponent;

    private ApplicationYamls(Map<Component, Map<String, Object>> byComponent) {
        this.byComponent = Collections.unmodifiableMap(byComponent);
    }

    public static ApplicationYamls none() {
        return new ApplicationYamls(new EnumMap<>(Component.class));
    }

    /** Given files, for tests. */
    static ApplicationYamls of(Map<Component, Map<String, Object>> byComponent) {
        return new ApplicationYamls(new EnumMap<>(byComponent));
    }

    public static ApplicationYamls fromClassPath() {
        Map<Component, Map<String, Object>> found = new EnumMap<>(Component.class);
        try {
            Enumeration<URL> urls = ApplicationYamls.class.getClassLoader().getResources(RESOURCE);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                Optional<Component> owner = ownerOf(url.toString());
                if (owner.isPresent()) {
                    try (InputStream in = url.openStream()) {
                        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        found.put(owner.get(), ServiceEnvironment.flattenYaml(url.toString(), text));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
        }
        return new ApplicationYamls(found);
    }

    /** The component a resource URL belongs to: {@code .../services/gold-kpi/target/classes/...} or {@code medallion-gold-kpi-<version>.jar}. */
    static Optional<Component> ownerOf(String url) {
        for (Component c : Component.values()) {
            String name = c.serviceName();
            if (url.contains("/" + name + "/target/") || url.contains("/medallion-" + name + "-")
                    || url.contains("/medallion-" + name + "/")) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The component's application.yml, flattened; empty when it has none. */
    public Map<String, Object> of(Component component) {
        return byComponent.getOrDefault(component, Map.of());
    }

    public boolean has(Component component) {
        return byComponent.containsKey(component);
    }

    /**
     * The HTTP port the component serves on when no environment variable overrides it:
     * {@code micronaut.server.port} of its application.yml (a placeholder's default), else 8080.
     */
    public int serverPort(Component component) {
        Object port = of(component).get("micronaut.server.port");
        if (port == null) {
            return Component.HTTP_PORT;
        }
        String text = String.valueOf(port).trim();
        if (text.startsWith("${") && text.endsWith("}")) {
            int colon = text.indexOf(':');
            text = colon < 0 ? String.valueOf(Component.HTTP_PORT) : text.substring(colon + 1, text.length() - 1);
        }
        return Integer.parseInt(text.trim());
    }
}
