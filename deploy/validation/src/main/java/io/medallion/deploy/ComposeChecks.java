package io.medallion.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medallion.common.config.Settings;
import io.medallion.sink.SinkConfig;
import io.medallion.sink.StorageConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The laptop stack checked against the code: every Medallion service's image, settings, health
 * check, ports, volumes and secrets; the start order; the bronze-writer once per layer;
 * Prometheus' targets and Grafana's provisioning. Each problem is one message naming the
 * service and what is wrong.
 */
public final class ComposeChecks {

    private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy", "service_completed_successfully");
    private static final Pattern HEALTHCHECK_SCRIPT = Pattern.compile("/app/healthcheck");
    private static final Pattern COMPOSE_DURATION = Pattern.compile("(\\d+)(h|ms|m|s|us)");
    private static final Pattern LISTENER = Pattern.compile("(?:[A-Za-z_]+://)?([^:,/\\s]*):(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ComposeProject project;
    private final Path root;
    private final ApplicationYamls applications;
    private final List<String> problems = new ArrayList<>();

    private ComposeChecks(ComposeProject project, Path root, ApplicationYamls applications) {
        this.project = project;
        this.root = root;
        this.applications = applications;
    }

    /**
     * @param root the directory of the compose file: bind mounts, secret files and the
     *             Prometheus and Grafana configuration are read from there
     */
    public static List<String> check(ComposeProject project, Path root, ApplicationYamls applications) {
        ComposeChecks checks = new ComposeChecks(project, root, applications);
        checks.run();
        return List.copyOf(checks.problems);
    }

    private void run() {
        Map<String, Component> medallion = new LinkedHashMap<>();
        project.services().forEach((name, service) -> {
            Optional<Component> component = Component.forImage(service.image());
            if (component.isPresent()) {
                medallion.put(name, component.get());
            } else if (service.image() != null && service.image().contains("medallion/")) {
                problems.add(name + ": image " + service.image() + " is not one the Dockerfile builds");
            }
            checkDependencies(service);
            checkMounts(service);
            checkSecrets(service);
        });
        checkImages(medallion);
        medallion.forEach((name, component) -> checkService(project.services().get(name), component));
        checkSinkLayers(medallion);
        checkPrometheus(medallion);
        checkGrafana();
    }

    // ------------------------------------------------------------------ per service

    private void checkService(ComposeProject.Service service, Component component) {
        String where = "docker-compose service " + service.name();
        Map<String, String> env = service.environment();
        problems.addAll(EnvContract.problems(component, env.keySet(), where));
        ServiceEnvironment environment = new ServiceEnvironment(applications.of(component), List.of(),
                withSecretFiles(service, env, where));
        problems.addAll(environment.problems(component, where));
        Optional<Object> config = environment.config(component);
        config.ifPresent(c -> {
            checkEndpoints(service, c);
            checkWrittenPaths(service, c);
        });
        if (component.micronaut()) {
            int port = env.containsKey("MICRONAUT_SERVER_PORT") ? Integer.parseInt(env.get("MICRONAUT_SERVER_PORT"))
                    : applications.serverPort(component);
            checkHealthcheck(service, port);
            for (ComposeProject.Port p : service.ports()) {
                if (p.container() != port) {
                    problems.add(where + ": publishes container port " + p.container() + " but the service serves HTTP on " + port);
                }
            }
            checkStopGrace(service, environment);
        }
    }

    /** A *_FILE setting that names a mounted compose secret is checked with the secret's file on this machine. */
    private Map<String, String> withSecretFiles(ComposeProject.Service service, Map<String, String> env, String where) {
        Map<String, String> byTarget = new HashMap<>();
        service.secrets().forEach((secret, target) -> {
            String file = project.secretFiles().get(secret);
            if (file != null) {
                byTarget.put(target, root.resolve(file).toString());
            }
        });
        Map<String, String> out = new LinkedHashMap<>(env);
        env.forEach((name, value) -> {
            if (byTarget.containsKey(value)) {
                out.put(name, byTarget.get(value));
            } else if (name.endsWith("_FILE") && value.startsWith("/run/secrets/")) {
                problems.add(where + ": " + name + "=" + value + " names no secret mounted in this service");
            }
        });
        return out;
    }

    private void checkEndpoints(ComposeProject.Service service, Object config) {
        for (ConfiguredResources.Endpoint e : ConfiguredResources.endpoints(config)) {
            ComposeProject.Service target = project.services().get(e.host());
            if (target == null) {
                problems.add("docker-compose service " + service.name() + ": " + e.key() + " points at host " + e.host()
                        + ", which is no service of the stack");
                continue;
            }
            Set<Integer> ports = listeningPorts(target);
            if (!ports.isEmpty() && !ports.contains(e.port())) {
                problems.add("docker-compose service " + service.name() + ": " + e.key() + " points at " + e.host() + ":"
                        + e.port() + ", but " + e.host() + " listens on " + ports);
            }
            boolean waits = service.dependsOn().stream().anyMatch(d -> d.service().equals(e.host()));
            if (!waits) {
                problems.add("docker-compose service " + service.name() + ": uses " + e.host() + " (" + e.key()
                        + ") without depends_on it");
            }
        }
    }

    /** Ports a known server listens on inside the network; empty when unknown. */
    private Set<Integer> listeningPorts(ComposeProject.Service target) {
        Set<Integer> ports = new HashSet<>();
        Map<String, String> env = target.environment();
        String image = Optional.ofNullable(target.image()).orElse("");
        if (env.containsKey("KAFKA_ADVERTISED_LISTENERS")) {
            Matcher m = LISTENER.matcher(env.get("KAFKA_ADVERTISED_LISTENERS"));
            while (m.find()) {
                if (m.group(1).equals(target.name())) {
                    ports.add(Integer.parseInt(m.group(2)));
                }
            }
        } else if (env.containsKey("SCHEMA_REGISTRY_LISTENERS")) {
            Matcher m = LISTENER.matcher(env.get("SCHEMA_REGISTRY_LISTENERS"));
            while (m.find()) {
                ports.add(Integer.parseInt(m.group(2)));
            }
        } else if (image.startsWith("postgres:")) {
            ports.add(5432);
        } else if (Component.forImage(image).filter(Component::micronaut).isPresent()) {
            ports.add(applications.serverPort(Component.forImage(image).get()));
        }
        return ports;
    }

    private void checkWrittenPaths(ComposeProject.Service service, Object config) {
        for (ConfiguredResources.WrittenPath p : ConfiguredResources.writtenPaths(config)) {
            boolean onVolume = service.mounts().stream()
                    .anyMatch(m -> !m.bind() && m.source() != null && ConfiguredResources.under(p.path(), m.target()));
            if (!onVolume) {
                problems.add("docker-compose service " + service.name() + ": " + p.key() + "=" + p.path()
                        + " is on no named volume: the data would die with the container");
            }
        }
    }

    private void checkHealthcheck(ComposeProject.Service service, int port) {
        String where = "docker-compose service " + service.name();
        Optional<List<String>> test = service.healthcheck();
        if (test.isEmpty()) {
            problems.add(where + ": has no healthcheck (the image's /app/healthcheck on a health endpoint)");
            return;
        }
        String command = String.join(" ", test.get());
        if (!HEALTHCHECK_SCRIPT.matcher(command).find()) {
            problems.add(where + ": healthcheck " + command + " does not use /app/healthcheck");
            return;
        }
        List<String> args = test.get().subList(1, test.get().size());
        String path = args.isEmpty() ? Component.READINESS_PATH : args.get(0);
        if (!Component.HEALTH_PATHS.contains(path)) {
            problems.add(where + ": healthcheck asks " + path + ", which the service does not serve (one of "
                    + Component.HEALTH_PATHS + ")");
        }
        if (port != Component.HTTP_PORT && !service.environment().containsKey("MICRONAUT_SERVER_PORT")) {
            problems.add(where + ": the service serves HTTP on " + port + " but /app/healthcheck asks 8080");
        }
    }

    private void checkStopGrace(ComposeProject.Service service, ServiceEnvironment environment) {
        Duration timeout;
        try {
            timeout = environment.shutdownTimeout();
        } catch (RuntimeException e) {
            return; // reported by ServiceEnvironment.problems
        }
        Duration grace = service.stopGracePeriod().map(ComposeChecks::composeDuration).orElse(Duration.ofSeconds(10));
        if (grace.compareTo(timeout) <= 0) {
            problems.add("docker-compose service " + service.name() + ": stop_grace_period " + grace
                    + " is not longer than medallion.shutdown-timeout " + timeout + ": docker would kill it mid-drain");
        }
    }

    // ------------------------------------------------------------------ the stack

    private void checkImages(Map<String, Component> medallion) {
        Set<String> tags = new HashSet<>();
        Map<String, Boolean> built = new LinkedHashMap<>();
        medallion.forEach((name, component) -> {
            ComposeProject.Service service = project.services().get(name);
            Component.imageTag(service.image()).ifPresentOrElse(tags::add,
                    () -> problems.add(name + ": image " + service.image() + " has no tag"));
            built.merge(service.image(), service.builds(), Boolean::logicalOr);
            if (service.builds()) {
                String arg = service.buildArgs().get("SERVICE");
                if (!component.serviceName().equals(arg)) {
                    problems.add(name + ": builds image " + service.image() + " with SERVICE=" + arg
                            + ", which builds " + arg + ", not " + component.serviceName());
                }
            }
        });
        if (tags.size() > 1) {
            problems.add("the Medallion images carry different tags: " + tags);
        }
        built.forEach((image, isBuilt) -> {
            if (!isBuilt) {
                problems.add("no service builds image " + image + ": `docker compose build` would not produce it");
            }
        });
        for (Component c : Component.values()) {
            if (!medallion.containsValue(c)) {
                problems.add("no service runs " + c.serviceName());
            }
        }
    }

    private void checkSinkLayers(Map<String, Component> medallion) {
        Map<String, String> layerToService = new LinkedHashMap<>();
        Map<String, String> groupToService = new LinkedHashMap<>();
        medallion.forEach((name, component) -> {
            if (component != Component.BRONZE_WRITER) {
                return;
            }
            Map<String, String> env = project.services().get(name).environment();
            String layer = env.getOrDefault(Settings.envName(StorageConfig.LAYER), "bronze");
            String group = env.getOrDefault(Settings.envName(SinkConfig.GROUP_ID), "medallion-sink-" + layer);
            String other = layerToService.put(layer, name);
            if (other != null) {
                problems.add("layer " + layer + " is written by two sinks: " + other + " and " + name);
            }
            String sameGroup = groupToService.put(group, name);
            if (sameGroup != null) {
                problems.add("sinks " + sameGroup + " and " + name + " share the consumer group " + group);
            }
        });
        for (String layer : List.of("bronze", "silver", "gold")) {
            if (!layerToService.containsKey(layer)) {
                problems.add("no bronze-writer writes layer " + layer);
            }
        }
    }

    private void checkDependencies(ComposeProject.Service service) {
        for (ComposeProject.Dependency d : service.dependsOn()) {
            ComposeProject.Service target = project.services().get(d.service());
            if (target == null) {
                problems.add(service.name() + ": depends_on " + d.service() + ", which is no service");
            } else if (!CONDITIONS.contains(d.condition())) {
                problems.add(service.name() + ": depends_on " + d.service() + " with unknown condition " + d.condition());
            } else if (d.condition().equals("service_healthy") && target.healthcheck().isEmpty()) {
                problems.add(service.name() + ": waits for " + d.service() + " to be healthy, but " + d.service()
                        + " has no healthcheck");
            }
        }
    }

    private void checkMounts(ComposeProject.Service service) {
        for (ComposeProject.Mount m : service.mounts()) {
            if (m.source() == null) {
                problems.add(service.name() + ": anonymous volume at " + m.target() + ": use a named volume");
            } else if (m.bind()) {
                if (!Files.exists(root.resolve(m.source()).normalize())) {
                    problems.add(service.name() + ": bind mount " + m.source() + " does not exist");
                }
            } else if (!project.volumes().contains(m.source())) {
                problems.add(service.name() + ": volume " + m.source() + " is not declared under volumes:");
            }
        }
    }

    private void checkSecrets(ComposeProject.Service service) {
        for (String secret : service.secrets().keySet()) {
            String file = project.secretFiles().get(secret);
            if (!project.secretFiles().containsKey(secret)) {
                problems.add(service.name() + ": secret " + secret + " is not declared under secrets:");
            } else if (file == null || !Files.isRegularFile(root.resolve(file))) {
                problems.add("secret " + secret + ": file " + file + " does not exist");
            }
        }
    }

    // ------------------------------------------------------------------ Prometheus and Grafana

    private void checkPrometheus(Map<String, Component> medallion) {
        Optional<Path> config = mountedFile("/etc/prometheus/prometheus.yml");
        if (config.isEmpty()) {
            problems.add("no service mounts a Prometheus configuration at /etc/prometheus/prometheus.yml");
            return;
        }
        Map<String, Object> prometheus = Yamls.load(read(config.get()));
        Set<String> scraped = new HashSet<>();
        for (Object job : Yamls.list(prometheus.get("scrape_configs"), "scrape_configs")) {
            Map<String, Object> j = Yamls.map(job, "scrape config");
            String path = Optional.ofNullable(Yamls.text(j.get("metrics_path"))).orElse("/metrics");
            for (Object sc : Yamls.list(j.get("static_configs"), "static_configs")) {
                for (Object t : Yamls.list(Yamls.map(sc, "static config").get("targets"), "targets")) {
                    String target = String.valueOf(t);
                    int colon = target.lastIndexOf(':');
                    String host = colon < 0 ? target : target.substring(0, colon);
                    Component component = medallion.get(host);
                    if (component == null) {
                        if (!host.equals("localhost") && !project.services().containsKey(host)) {
                            problems.add("prometheus target " + target + " is no service of the stack");
                        }
                        continue;
                    }
                    int port = applications.serverPort(component);
                    if (colon < 0 || Integer.parseInt(target.substring(colon + 1)) != port) {
                        problems.add("prometheus target " + target + ": " + host + " serves metrics on port " + port);
                    }
                    if (!Component.METRICS_PATH.equals(path)) {
                        problems.add("prometheus target " + target + ": scraped at " + path + ", metrics are at "
                                + Component.METRICS_PATH);
                    }
                    scraped.add(host);
                }
            }
        }
        medallion.forEach((name, component) -> {
            if (component.micronaut() && !scraped.contains(name)) {
                problems.add("prometheus does not scrape " + name);
            }
        });
    }

    private void checkGrafana() {
        Optional<Path> provisioning = mountedFile("/etc/grafana/provisioning");
        if (provisioning.isEmpty()) {
            problems.add("no service mounts Grafana provisioning at /etc/grafana/provisioning");
            return;
        }
        Set<String> datasourceUids = new HashSet<>();
        for (Path file : yamlFiles(provisioning.get().resolve("datasources"))) {
            for (Object ds : Yamls.list(Yamls.load(read(file)).get("datasources"), "datasources")) {
                Map<String, Object> d = Yamls.map(ds, "datasource");
                datasourceUids.add(Yamls.text(d.get("uid")));
                String url = Optional.ofNullable(Yamls.text(d.get("url"))).orElse("");
                Matcher m = LISTENER.matcher(url);
                if (!m.find() || !project.services().containsKey(m.group(1))) {
                    problems.add("grafana datasource " + d.get("name") + ": " + url + " is no service of the stack");
                }
            }
        }
        for (Path file : yamlFiles(provisioning.get().resolve("dashboards"))) {
            for (Object p : Yamls.list(Yamls.load(read(file)).get("providers"), "providers")) {
                String path = Yamls.text(Yamls.path(Yamls.map(p, "provider"), "options").get("path"));
                Optional<Path> dir = mountedFile(path);
                if (dir.isEmpty()) {
                    problems.add("grafana dashboards provider reads " + path + ", which no mount provides");
                    continue;
                }
                checkDashboards(dir.get(), datasourceUids);
            }
        }
    }

    private void checkDashboards(Path dir, Set<String> datasourceUids) {
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(dir)) {
            dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (dashboards.isEmpty()) {
            problems.add("grafana dashboards folder " + dir + " holds no dashboard");
        }
        for (Path dashboard : dashboards) {
            JsonNode root;
            try {
                root = JSON.readTree(dashboard.toFile());
            } catch (IOException e) {
                problems.add("dashboard " + dashboard.getFileName() + " is not JSON: " + e.getMessage());
                continue;
            }
            for (JsonNode uid : root.findValues("uid")) {
                // Dashboard-level uid aside, every uid in a panel names a datasource.
                if (uid != root.get("uid") && !datasourceUids.contains(uid.asText())) {
                    problems.add("dashboard " + dashboard.getFileName() + " uses datasource " + uid.asText()
                            + ", which is not provisioned");
                }
            }
        }
    }

    /** The host file or directory bind-mounted at a container path (or containing it), in any service. */
    private Optional<Path> mountedFile(String containerPath) {
        for (ComposeProject.Service s : project.services().values()) {
            for (ComposeProject.Mount m : s.mounts()) {
                if (m.bind() && ConfiguredResources.under(containerPath, m.target())) {
                    String rest = containerPath.substring(m.target().length());
                    Path host = root.resolve(m.source()).resolve(rest.startsWith("/") ? rest.substring(1) : rest).normalize();
                    if (Files.exists(host)) {
                        return Optional.of(host);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static List<Path> yamlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A compose duration: {@code 45s}, {@code 1m30s}, {@code 500ms}. */
    static Duration composeDuration(String text) {
        Matcher m = COMPOSE_DURATION.matcher(text.trim());
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw new IllegalArgumentException("not a duration: " + text);
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                case "ms" -> Duration.ofMillis(n);
                default -> Duration.ofNanos(n * 1000);
            });
            end = m.end();
        }
        if (end != text.trim().length() || end == 0) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return total;
    }
}
