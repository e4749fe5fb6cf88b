package io.medallion.deploy;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import io.medallion.runtime.LogFormat;
import io.medallion.runtime.RuntimeSettings;
import io.medallion.runtime.ServiceSettings;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a component is configured with in a deployment, read the way the service reads it:
 * its application.yml, then configuration files ({@code MICRONAUT_CONFIG_FILES}), then the
 * environment variables, through libs/runtime's {@link ServiceSettings}. {@link #problems}
 * then builds the component's config record, so a missing required key or a wrong value fails
 * here with the same {@link ConfigException} the service would stop with.
 *
 * @param applicationYaml the component's application.yml, flattened ({@code medallion.gold.grace})
 * @param configFiles     further YAML files, flattened, in load order
 * @param env             environment variables with their values
 */
public record ServiceEnvironment(Map<String, Object> applicationYaml, List<Map<String, Object>> configFiles,
                                 Map<String, String> env) {

    public ServiceEnvironment {
        applicationYaml = Map.copyOf(applicationYaml);
        configFiles = List.copyOf(configFiles);
        env = Map.copyOf(env);
    }

    public static ServiceEnvironment of(Map<String, String> env) {
        return new ServiceEnvironment(Map.of(), List.of(), env);
    }

    /** A YAML document flattened as Micronaut flattens it ({@code medallion: {sink: ...}} to {@code medallion.sink...}). */
    public static Map<String, Object> flattenYaml(String name, String yaml) {
        try {
            return new YamlPropertySourceLoader().read(name, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read YAML " + name, e);
        }
    }

    /** The component's settings as its application would build them. */
    public Settings settings(Component component) {
        return read(component.configKeys(), component.prefixes());
    }

    /**
     * Every problem the component would stop on, each prefixed with {@code where}: a setting its
     * config class rejects or misses, a bad runtime setting, and keys of configuration files
     * (and of application.yml) under {@code medallion.} that the component does not read.
     */
    public List<String> problems(Component component, String where) {
        List<String> problems = new ArrayList<>();
        unreadKeys(component, applicationYaml, where + " application.yml", problems);
        for (Map<String, Object> file : configFiles) {
            unreadKeys(component, file, where + " configuration file", problems);
        }
        try {
            component.validate(settings(component));
        } catch (ConfigException e) {
            problems.add(where + ": " + component.serviceName() + " would not start: " + e.getMessage());
        }
        if (component.micronaut()) {
            try {
                RuntimeSettings.from(read(RuntimeSettings.KEYS, List.of()));
                LogFormat.resolve(env, Map.of());
            } catch (ConfigException e) {
                problems.add(where + ": " + component.serviceName() + " would not start: " + e.getMessage());
            }
        }
        return problems;
    }

    /** The component's config record, or empty when it would not start (see {@link #problems}). */
    public Optional<Object> config(Component component) {
        try {
            return Optional.of(component.validate(settings(component)));
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }

    /** The graceful-stop bound of a Micronaut application ({@code medallion.shutdown-timeout}). */
    public Duration shutdownTimeout() {
        return RuntimeSettings.from(read(RuntimeSettings.KEYS, List.of())).shutdownTimeout();
    }

    private Settings read(List<String> keys, List<String> prefixes) {
        List<PropertySource> sources = new ArrayList<>();
        sources.add(PropertySource.of("application", new LinkedHashMap<>(applicationYaml)));
        for (int i = 0; i < configFiles.size(); i++) {
            sources.add(PropertySource.of("config-file-" + i, new LinkedHashMap<>(configFiles.get(i))));
        }
        sources.add(ServiceSettings.environmentVariables(env));
        PropertySourcePropertyResolver resolver = new PropertySourcePropertyResolver(sources.toArray(PropertySource[]::new));
        return ServiceSettings.read(resolver, sources, keys, prefixes);
    }

    private static void unreadKeys(Component component, Map<String, Object> flat, String where, List<String> problems) {
        for (Map.Entry<String, Object> entry : flat.entrySet()) {
            String key = entry.getKey();
            boolean emptyMap = entry.getValue() instanceof Map<?, ?> m && m.isEmpty();
            if (key.startsWith("medallion.") && !emptyMap && !component.reads(key)) {
                problems.add(where + ": " + key + " is not a setting of " + component.serviceName());
            }
        }
    }
}
