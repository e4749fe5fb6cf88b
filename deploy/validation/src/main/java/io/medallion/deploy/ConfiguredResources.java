package io.medallion.deploy;

import io.medallion.capture.CaptureConfig;
import io.medallion.gold.GoldConfig;
import io.medallion.loadgen.LoadConfig;
import io.medallion.silver.SilverConfig;
import io.medallion.sink.SinkConfig;
import io.medallion.sink.StorageConfig;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a validated config record points at: the servers it connects to and the local
 * directories it writes. A deployment must provide both (a reachable host, a mounted volume).
 */
public final class ConfiguredResources {

    /** A server a setting names. */
    public record Endpoint(String key, String host, int port) {
    }

    /** A local directory a setting names, which the service writes. */
    public record WrittenPath(String key, String path) {
    }

    private static final Pattern HOST_PORT = Pattern.compile("(?:[a-zA-Z]+://)?([^:/,\\s]+):(\\d+)");
    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/.*");

    private ConfiguredResources() {
    }

    public static List<Endpoint> endpoints(Object config) {
        List<Endpoint> out = new ArrayList<>();
        if (config instanceof CaptureConfig c) {
            out.add(new Endpoint(c.database().hostKey(), c.database().host(), c.database().port()));
            hostPorts(CaptureConfig.KAFKA_BOOTSTRAP, c.kafkaBootstrap(), out);
            hostPorts(CaptureConfig.REGISTRY_URL, c.registryUrl().toString(), out);
        } else if (config instanceof SinkConfig c) {
            hostPorts(SinkConfig.BOOTSTRAP_SERVERS, c.bootstrapServers(), out);
            hostPorts(SinkConfig.REGISTRY_URL, c.registryUrl(), out);
        } else if (config instanceof SilverConfig c) {
            hostPorts(SilverConfig.BOOTSTRAP_SERVERS, c.bootstrapServers(), out);
            hostPorts(SilverConfig.SCHEMA_REGISTRY_URL, c.schemaRegistryUrl(), out);
        } else if (config instanceof GoldConfig c) {
            hostPorts(GoldConfig.BOOTSTRAP_SERVERS, c.bootstrapServers(), out);
            hostPorts(GoldConfig.SCHEMA_REGISTRY_URL, c.schemaRegistryUrl(), out);
        } else if (config instanceof LoadConfig c) {
            Matcher m = JDBC.matcher(c.database().jdbcUrl());
            if (m.matches()) {
                out.add(new Endpoint(LoadConfig.JDBC_URL, m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2))));
            }
        }
        return out;
    }

    public static List<WrittenPath> writtenPaths(Object config) {
        List<WrittenPath> out = new ArrayList<>();
        if (config instanceof SilverConfig c) {
            out.add(new WrittenPath(SilverConfig.STATE_DIR, c.stateDir().toString()));
        } else if (config instanceof GoldConfig c) {
            out.add(new WrittenPath(GoldConfig.STATE_DIR, c.stateDir().toString()));
        } else if (config instanceof SinkConfig c) {
            URI root = c.tableRoot();
            if ("file".equals(root.getScheme().toLowerCase(Locale.ROOT))) {
                out.add(new WrittenPath(StorageConfig.TABLE_ROOT, root.getPath()));
            }
        }
        return out;
    }

    /** Whether a path lies at or under a mount point. */
    public static boolean under(String path, String mountPoint) {
        String mount = mountPoint.endsWith("/") ? mountPoint.substring(0, mountPoint.length() - 1) : mountPoint;
        return path.equals(mount) || path.startsWith(mount + "/");
    }

    private static void hostPorts(String key, String value, List<Endpoint> out) {
        for (String part : value.split(",")) {
            Matcher m = HOST_PORT.matcher(part.trim());
            if (m.lookingAt()) {
                out.add(new Endpoint(key, m.group(1), Integer.parseInt(m.group(2))));
            }
        }
    }
}
