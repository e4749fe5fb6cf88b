package io.medallion.deploy;

import io.medallion.common.config.Settings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which environment variables a component reads. A {@code MEDALLION_*} variable must be
 * {@link Settings#envName} of a key its code reads, or lie under one of its prefix maps
 * ({@code MEDALLION_SINK_HADOOP_FS_S3A_ENDPOINT}); anything else is a misspelling that the
 * service would silently ignore. Other variables must be ones the JVM, Micronaut or a storage
 * client reads.
 */
public final class EnvContract {

    /** Read by the JVM in every image. */
    private static final Set<String> JVM = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "TZ");
    /** Read by Micronaut itself. */
    private static final Set<String> MICRONAUT = Set.of("MICRONAUT_SERVER_PORT", "MICRONAUT_CONFIG_FILES",
            "MICRONAUT_ENVIRONMENTS");
    /** Read by the object-store clients of the sink (AWS SDK credential chain, Google client libraries). */
    private static final Set<String> STORAGE = Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_REGION", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "GOOGLE_APPLICATION_CREDENTIALS");

    private EnvContract() {
    }

    /** One message per variable the component does not read, each naming it (and where it was found). */
    public static List<String> problems(Component component, Collection<String> names, String where) {
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            problem(component, name).ifPresent(p -> problems.add(where + ": " + p));
        }
        return problems;
    }

    /** Why a variable is not read by the component, or empty when it is. */
    public static Optional<String> problem(Component component, String name) {
        if (name.startsWith("MEDALLION_")) {
            if (isSetting(component, name)) {
                return Optional.empty();
            }
            String hint = nearest(component, name).map(n -> " (did you mean " + n + "?)").orElse("");
            return Optional.of(name + " is not a setting of " + component.serviceName()
                    + ": no key of its config class or prefix map has this environment variable" + hint);
        }
        if (JVM.contains(name)
                || (component.micronaut() && MICRONAUT.contains(name))
                || (component == Component.BRONZE_WRITER && STORAGE.contains(name))) {
            return Optional.empty();
        }
        return Optional.of(name + " is not read by " + component.serviceName()
                + " (not a MEDALLION_* setting, nor a JVM, Micronaut or storage-client variable)");
    }

    /** The key a variable sets: a fixed key, or the lower-cased dotted entry of a prefix map. */
    public static Optional<String> keyOf(Component component, String name) {
        for (String key : component.allKeys()) {
            if (Settings.envName(key).equals(name)) {
                return Optional.of(key);
            }
        }
        for (String prefix : component.prefixes()) {
            String envPrefix = Settings.envName(prefix) + "_";
            if (name.startsWith(envPrefix) && name.length() > envPrefix.length()) {
                return Optional.of(prefix + "." + name.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'));
            }
        }
        return Optional.empty();
    }

    private static boolean isSetting(Component component, String name) {
        return keyOf(component, name).isPresent();
    }

    private static Optional<String> nearest(Component component, String name) {
        return component.allKeys().stream().map(Settings::envName)
                .min(Comparator.comparingInt(candidate -> distance(candidate, name)))
                .filter(candidate -> distance(candidate, name) <= Math.max(2, name.length() / 5));
    }

    /** Levenshtein distance, for the "did you mean" hint. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
