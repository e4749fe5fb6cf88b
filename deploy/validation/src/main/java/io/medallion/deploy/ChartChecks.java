package io.medallion.deploy;

import io.medallion.capture.CaptureConfig;
import io.medallion.gold.GoldConfig;
import io.medallion.silver.SilverConfig;
import io.medallion.sink.SinkConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rendered Kubernetes manifests (helm template) checked against the code: images, probes on the
 * served health endpoints and port, every environment variable and configuration file against
 * the component's config class (then the config record built from them, as the service would),
 * referenced ConfigMaps, Secrets, keys and claims, selectors against labels (Services,
 * PodDisruptionBudgets, ServiceMonitor), replicas against Kafka partitions, graceful-stop
 * budgets and non-root security.
 */
public final class ChartChecks {

    /**
     * What the values promise exists outside the chart.
     *
     * @param objects   names of Secrets and PersistentVolumeClaims the release expects to find
     *                  (existingSecret, existingClaim values)
     * @param imageTag  the tag every Medallion image must carry (the chart's appVersion)
     */
    public record Expectations(Set<String> objects, String imageTag, ApplicationYamls applications) {
    }

    private static final Set<String> KINDS = Set.of("Deployment", "StatefulSet", "Service", "ConfigMap", "Secret",
            "PodDisruptionBudget", "ServiceAccount", "PersistentVolumeClaim", "ServiceMonitor");
    /** Content of a key held by a Secret the chart does not render: long enough for any key check. */
    private static final String EXTERNAL_VALUE = "external-secret-value-external-secret-value-0123456789";

    private final Map<String, Map<String, Map<String, Object>>> byKind = new LinkedHashMap<>();
    private final Expectations expectations;
    private final Path scratch;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> referenced = new TreeSet<>();
    private final List<Workload> workloads = new ArrayList<>();

    /** A Deployment or StatefulSet running one Medallion component. */
    private record Workload(String kind, String name, Component component, Map<String, Object> manifest,
                            Map<String, String> podLabels, int replicas, Optional<Object> config) {
        Map<String, Object> podSpec() {
            return Yamls.path(manifest, "spec", "template", "spec");
        }

        String where() {
            return kind + " " + name;
        }
    }

    private ChartChecks(List<Map<String, Object>> docs, Expectations expectations, Path scratch) {
        this.expectations = expectations;
        this.scratch = scratch;
        for (Map<String, Object> doc : docs) {
            String kind = Yamls.text(doc.get("kind"));
            String name = Yamls.text(Yamls.path(doc, "metadata").get("name"));
            if (!KINDS.contains(kind)) {
                problems.add("unexpected kind " + kind + " (" + name + ")");
            }
            if (byKind.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(name, doc) != null) {
                problems.add(kind + " " + name + " is rendered twice");
            }
        }
    }

    /**
     * @param scratch a directory for files the checks materialise (mounted secret files the
     *                config classes read, such as the PII key)
     */
    public static List<String> check(List<Map<String, Object>> docs, Expectations expectations, Path scratch) {
        ChartChecks checks = new ChartChecks(docs, expectations, scratch);
        checks.run();
        return List.copyOf(checks.problems);
    }

    private void run() {
        for (String kind : List.of("Deployment", "StatefulSet")) {
            objects(kind).forEach((name, manifest) -> checkWorkload(kind, name, manifest));
        }
        checkServices();
        checkDisruptionBudgets();
        checkServiceMonitors();
        checkReplicas();
        checkSinkLayers();
        for (String kind : List.of("ConfigMap", "Secret", "PersistentVolumeClaim", "ServiceAccount")) {
            objects(kind).keySet().stream().filter(n -> !referenced.contains(kind + "/" + n))
                    .forEach(n -> problems.add(kind + " " + n + " is rendered but no workload uses it"));
        }
    }

    // ------------------------------------------------------------------ workloads

    private void checkWorkload(String kind, String name, Map<String, Object> manifest) {
        String where = kind + " " + name;
        Map<String, Object> spec = Yamls.path(manifest, "spec");
        Map<String, String> podLabels = strings(Yamls.path(spec, "template", "metadata", "labels"));
        Map<String, String> selector = strings(Yamls.path(spec, "selector", "matchLabels"));
        if (selector.isEmpty() || !matches(selector, podLabels)) {
            problems.add(where + ": selector " + selector + " does not match its pod labels " + podLabels);
        }
        Map<String, Object> pod = Yamls.path(spec, "template", "spec");
        List<Object> containers = Yamls.list(pod.get("containers"), where + " containers");
        if (containers.size() != 1) {
            problems.add(where + ": expected one container, found " + containers.size());
            return;
        }
        Map<String, Object> container = Yamls.map(containers.get(0), "container");
        String image = Yamls.text(container.get("image"));
        Optional<Component> component = Component.forImage(image);
        if (component.isEmpty()) {
            problems.add(where + ": image " + image + " is not a Medallion image");
            return;
        }
        Component c = component.get();
        if (!Component.imageTag(image).map(expectations.imageTag()::equals).orElse(false)) {
            problems.add(where + ": image " + image + " should carry tag " + expectations.imageTag());
        }
        useServiceAccount(pod);

        Map<String, Map<String, Object>> volumes = volumes(where, pod, spec);
        Map<String, String> env = environment(where, container);
        problems.addAll(EnvContract.problems(c, env.keySet(), where));
        List<Map<String, Object>> configFiles = new ArrayList<>();
        String files = env.get("MICRONAUT_CONFIG_FILES");
        if (files != null) {
            for (String file : files.split(",")) {
                mountedFile(where, container, volumes, file.trim()).ifPresentOrElse(
                        content -> configFiles.add(ServiceEnvironment.flattenYaml(file, content)),
                        () -> problems.add(where + ": MICRONAUT_CONFIG_FILES names " + file + ", which no volume provides"));
            }
        }
        Map<String, String> resolved = new LinkedHashMap<>(env);
        env.forEach((key, value) -> {
            if (key.endsWith("_FILE") && key.startsWith("MEDALLION_")) {
                mountedFile(where, container, volumes, value).ifPresentOrElse(
                        content -> resolved.put(key, materialise(name + "-" + key, content)),
                        () -> problems.add(where + ": " + key + "=" + value + " is a file no volume provides"));
            }
        });
        ServiceEnvironment environment = new ServiceEnvironment(expectations.applications().of(c), configFiles, resolved);
        problems.addAll(environment.problems(c, where));
        Optional<Object> config = environment.config(c);
        config.ifPresent(cfg -> checkWrittenPaths(where, container, cfg));

        if (c.micronaut()) {
            int port = env.containsKey("MICRONAUT_SERVER_PORT") ? Integer.parseInt(env.get("MICRONAUT_SERVER_PORT"))
                    : expectations.applications().serverPort(c);
            checkPorts(where, container, port);
            checkProbes(where, container, port);
            checkStopBudget(where, pod, environment);
        }
        checkSecurity(where, pod, container);
        int replicas = ((Number) Optional.ofNullable(spec.get("replicas")).orElse(1)).intValue();
        if (c == Component.CDC_CAPTURE) {
            if (!kind.equals("Deployment") || replicas != 1
                    || !"Recreate".equals(Yamls.text(Yamls.path(spec, "strategy").get("type")))) {
                problems.add(where + ": cdc-capture must be one Deployment replica replaced with Recreate "
                        + "(a replication slot has one reader)");
            }
        }
        if (kind.equals("StatefulSet")) {
            String serviceName = Yamls.text(spec.get("serviceName"));
            Map<String, Object> service = objects("Service").get(serviceName);
            if (service == null || !"None".equals(Yamls.text(Yamls.path(service, "spec").get("clusterIP")))) {
                problems.add(where + ": serviceName " + serviceName + " is no headless Service of the release");
            }
        }
        workloads.add(new Workload(kind, name, c, manifest, podLabels, replicas, config));
    }

    private void useServiceAccount(Map<String, Object> pod) {
        String account = Yamls.text(pod.get("serviceAccountName"));
        if (account != null && objects("ServiceAccount").containsKey(account)) {
            referenced.add("ServiceAccount/" + account);
        }
    }

    /** The pod's volumes by name, each checked against what the release renders or expects. */
    private Map<String, Map<String, Object>> volumes(String where, Map<String, Object> pod, Map<String, Object> spec) {
        Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        for (Object v : Yamls.list(pod.get("volumes"), where + " volumes")) {
            Map<String, Object> volume = Yamls.map(v, "volume");
            volumes.put(Yamls.text(volume.get("name")), volume);
            Map<String, Object> configMap = Yamls.path(volume, "configMap");
            Map<String, Object> secret = Yamls.path(volume, "secret");
            Map<String, Object> claim = Yamls.path(volume, "persistentVolumeClaim");
            if (!configMap.isEmpty()) {
                checkItems(where, "ConfigMap", Yamls.text(configMap.get("name")), configMap);
            } else if (!secret.isEmpty()) {
                checkItems(where, "Secret", Yamls.text(secret.get("secretName")), secret);
            } else if (!claim.isEmpty()) {
                String claimName = Yamls.text(claim.get("claimName"));
                if (objects("PersistentVolumeClaim").containsKey(claimName)) {
                    referenced.add("PersistentVolumeClaim/" + claimName);
                } else if (!expectations.objects().contains(claimName)) {
                    problems.add(where + ": volume claims " + claimName + ", which is neither rendered nor expected");
                }
            }
        }
        for (Object t : Yamls.list(spec.get("volumeClaimTemplates"), where + " volumeClaimTemplates")) {
            volumes.put(Yamls.text(Yamls.path(Yamls.map(t, "claim template"), "metadata").get("name")), Map.of("claimTemplate", true));
        }
        return volumes;
    }

    private void checkItems(String where, String kind, String name, Map<String, Object> source) {
        boolean optional = Boolean.TRUE.equals(source.get("optional"));
        Optional<Map<String, String>> data = data(kind, name);
        if (data.isEmpty()) {
            if (!optional && !expectations.objects().contains(name)) {
                problems.add(where + ": mounts " + kind + " " + name + ", which is neither rendered nor expected");
            }
            return;
        }
        for (Object item : Yamls.list(source.get("items"), "items")) {
            String key = Yamls.text(Yamls.map(item, "item").get("key"));
            if (!data.get().containsKey(key) && !optional) {
                problems.add(where + ": mounts key " + key + " of " + kind + " " + name + ", which has no such key");
            }
        }
    }

    /** The container's environment: env entries and envFrom sources, with values where they are known. */
    private Map<String, String> environment(String where, Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object from : Yamls.list(container.get("envFrom"), where + " envFrom")) {
            Map<String, Object> f = Yamls.map(from, "envFrom");
            for (String kind : List.of("ConfigMap", "Secret")) {
                Map<String, Object> ref = Yamls.path(f, kind.equals("ConfigMap") ? "configMapRef" : "secretRef");
                if (ref.isEmpty()) {
                    continue;
                }
                String name = Yamls.text(ref.get("name"));
                Optional<Map<String, String>> data = data(kind, name);
                if (data.isPresent()) {
                    String prefix = Optional.ofNullable(Yamls.text(f.get("prefix"))).orElse("");
                    data.get().forEach((k, v) -> env.put(prefix + k, v));
                } else if (!Boolean.TRUE.equals(ref.get("optional")) && !expectations.objects().contains(name)) {
                    problems.add(where + ": envFrom " + kind + " " + name + ", which is neither rendered nor expected");
                }
            }
        }
        for (Object e : Yamls.list(container.get("env"), where + " env")) {
            Map<String, Object> entry = Yamls.map(e, "env");
            String name = Yamls.text(entry.get("name"));
            if (entry.containsKey("value")) {
                env.put(name, Objects.toString(entry.get("value"), ""));
                continue;
            }
            Map<String, Object> from = Yamls.path(entry, "valueFrom");
            Map<String, Object> secretRef = Yamls.path(from, "secretKeyRef");
            Map<String, Object> configMapRef = Yamls.path(from, "configMapKeyRef");
            if (!secretRef.isEmpty()) {
                keyRef(where, name, "Secret", secretRef).ifPresent(v -> env.put(name, v));
            } else if (!configMapRef.isEmpty()) {
                keyRef(where, name, "ConfigMap", configMapRef).ifPresent(v -> env.put(name, v));
            } else if (!Yamls.path(from, "fieldRef").isEmpty()) {
                env.put(name, "pod-field");
            } else {
                problems.add(where + ": env " + name + " has neither a value nor a known valueFrom");
            }
        }
        return env;
    }

    /** A secretKeyRef/configMapKeyRef's value; empty when an optional one is missing (then the variable is unset). */
    private Optional<String> keyRef(String where, String variable, String kind, Map<String, Object> ref) {
        String name = Yamls.text(ref.get("name"));
        String key = Yamls.text(ref.get("key"));
        boolean optional = Boolean.TRUE.equals(ref.get("optional"));
        Optional<Map<String, String>> data = data(kind, name);
        if (data.isEmpty()) {
            if (expectations.objects().contains(name)) {
                return Optional.of(EXTERNAL_VALUE);
            }
            if (!optional) {
                problems.add(where + ": " + variable + " reads " + kind + " " + name + ", which is neither rendered nor expected");
            }
            return Optional.empty();
        }
        if (!data.get().containsKey(key)) {
            if (!optional) {
                problems.add(where + ": " + variable + " reads key " + key + " of " + kind + " " + name + ", which has no such key");
            }
            return Optional.empty();
        }
        return Optional.of(data.get().get(key));
    }

    /** A rendered ConfigMap's or Secret's data (Secret values decoded), marking it used. */
    private Optional<Map<String, String>> data(String kind, String name) {
        Map<String, Object> object = objects(kind).get(name);
        if (object == null) {
            return Optional.empty();
        }
        referenced.add(kind + "/" + name);
        Map<String, String> out = new LinkedHashMap<>();
        Yamls.map(object.get("data"), "data").forEach((k, v) -> out.put(k, kind.equals("Secret")
                ? new String(Base64.getDecoder().decode(Objects.toString(v, "")), StandardCharsets.UTF_8)
                : Objects.toString(v, "")));
        Yamls.map(object.get("stringData"), "stringData").forEach((k, v) -> out.put(k, Objects.toString(v, "")));
        return Optional.of(out);
    }

    /** The content of a file the container sees at {@code path} through a ConfigMap or Secret volume. */
    private Optional<String> mountedFile(String where, Map<String, Object> container,
                                         Map<String, Map<String, Object>> volumes, String path) {
        for (Object m : Yamls.list(container.get("volumeMounts"), where + " volumeMounts")) {
            Map<String, Object> mount = Yamls.map(m, "volumeMount");
            String mountPath = Yamls.text(mount.get("mountPath"));
            Map<String, Object> volume = volumes.getOrDefault(Yamls.text(mount.get("name")), Map.of());
            String subPath = Yamls.text(mount.get("subPath"));
            String relative;
            if (subPath != null) {
                if (!path.equals(mountPath)) {
                    continue;
                }
                relative = subPath;
            } else if (path.startsWith(mountPath.endsWith("/") ? mountPath : mountPath + "/")) {
                relative = path.substring(mountPath.length()).replaceFirst("^/", "");
            } else {
                continue;
            }
            for (String kind : List.of("ConfigMap", "Secret")) {
                Map<String, Object> source = Yamls.path(volume, kind.equals("ConfigMap") ? "configMap" : "secret");
                if (source.isEmpty()) {
                    continue;
                }
                String name = Yamls.text(source.get(kind.equals("ConfigMap") ? "name" : "secretName"));
                String key = relative;
                List<Object> items = Yamls.list(source.get("items"), "items");
                if (!items.isEmpty()) {
                    key = items.stream().map(i -> Yamls.map(i, "item"))
                            .filter(i -> relative.equals(Yamls.text(i.get("path"))))
                            .map(i -> Yamls.text(i.get("key"))).findFirst().orElse(null);
                }
                if (key == null) {
                    return Optional.empty();
                }
                Optional<Map<String, String>> data = data(kind, name);
                if (data.isEmpty()) {
                    return expectations.objects().contains(name) ? Optional.of(EXTERNAL_VALUE) : Optional.empty();
                }
                return Optional.ofNullable(data.get().get(key));
            }
        }
        return Optional.empty();
    }

    private String materialise(String name, String content) {
        try {
            Files.createDirectories(scratch);
            Path file = scratch.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_"));
            Files.writeString(file, content);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkWrittenPaths(String where, Map<String, Object> container, Object config) {
        List<String> mountPaths = Yamls.list(container.get("volumeMounts"), "volumeMounts").stream()
                .map(m -> Yamls.text(Yamls.map(m, "volumeMount").get("mountPath"))).toList();
        for (ConfiguredResources.WrittenPath p : ConfiguredResources.writtenPaths(config)) {
            if (mountPaths.stream().noneMatch(m -> ConfiguredResources.under(p.path(), m))) {
                problems.add(where + ": " + p.key() + "=" + p.path() + " is on no mounted volume (the root file system is read-only)");
            }
        }
    }

    private void checkPorts(String where, Map<String, Object> container, int port) {
        boolean declared = Yamls.list(container.get("ports"), "ports").stream()
                .map(p -> Yamls.map(p, "port"))
                .anyMatch(p -> "http".equals(Yamls.text(p.get("name"))) && ((Number) p.get("containerPort")).intValue() == port);
        if (!declared) {
            problems.add(where + ": declares no container port named http on " + port + ", where the service serves HTTP");
        }
    }

    private void checkProbes(String where, Map<String, Object> container, int port) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("livenessProbe", Component.LIVENESS_PATH);
        expected.put("readinessProbe", Component.READINESS_PATH);
        expected.put("startupProbe", null);
        expected.forEach((probe, path) -> {
            Map<String, Object> http = Yamls.path(Yamls.map(container.get(probe), probe), "httpGet");
            if (http.isEmpty()) {
                problems.add(where + ": no " + probe + " with httpGet");
                return;
            }
            String actual = Yamls.text(http.get("path"));
            if (path != null ? !path.equals(actual) : !Component.HEALTH_PATHS.contains(actual)) {
                problems.add(where + ": " + probe + " asks " + actual + ", expected " + (path != null ? path : Component.HEALTH_PATHS));
            }
            Optional<Integer> probePort = resolvePort(container, http.get("port"));
            if (probePort.isEmpty() || probePort.get() != port) {
                problems.add(where + ": " + probe + " port " + http.get("port") + " is not the HTTP port " + port);
            }
        });
    }

    private static Optional<Integer> resolvePort(Map<String, Object> container, Object port) {
        if (port instanceof Number n) {
            return Optional.of(n.intValue());
        }
        return Yamls.list(container.get("ports"), "ports").stream().map(p -> Yamls.map(p, "port"))
                .filter(p -> Objects.equals(Yamls.text(p.get("name")), Yamls.text(port)))
                .map(p -> ((Number) p.get("containerPort")).intValue()).findFirst();
    }

    private void checkStopBudget(String where, Map<String, Object> pod, ServiceEnvironment environment) {
        Duration timeout;
        try {
            timeout = environment.shutdownTimeout();
        } catch (RuntimeException e) {
            return; // reported with the environment's problems
        }
        long grace = ((Number) Optional.ofNullable(pod.get("terminationGracePeriodSeconds")).orElse(30)).longValue();
        if (grace <= timeout.toSeconds()) {
            problems.add(where + ": terminationGracePeriodSeconds " + grace + " is not longer than medallion.shutdown-timeout "
                    + timeout + ": the kubelet would kill the service mid-drain");
        }
    }

    private void checkSecurity(String where, Map<String, Object> pod, Map<String, Object> container) {
        Map<String, Object> podSecurity = Yamls.path(pod, "securityContext");
        Map<String, Object> containerSecurity = Yamls.path(container, "securityContext");
        Object runAsNonRoot = Optional.ofNullable(containerSecurity.get("runAsNonRoot")).orElse(podSecurity.get("runAsNonRoot"));
        Object uid = Optional.ofNullable(containerSecurity.get("runAsUser")).orElse(podSecurity.get("runAsUser"));
        if (!Boolean.TRUE.equals(runAsNonRoot)) {
            problems.add(where + ": runAsNonRoot is not true");
        }
        if (uid != null && ((Number) uid).longValue() != Component.IMAGE_UID) {
            problems.add(where + ": runs as uid " + uid + ", the image's files belong to " + Component.IMAGE_UID);
        }
    }

    // ------------------------------------------------------------------ cross-object checks

    private void checkServices() {
        objects("Service").forEach((name, service) -> {
            Map<String, String> selector = strings(Yamls.path(service, "spec", "selector"));
            List<Workload> selected = workloads.stream().filter(w -> matches(selector, w.podLabels())).toList();
            if (selected.size() != 1) {
                problems.add("Service " + name + ": selector " + selector + " matches " + selected.size() + " workloads, expected one");
                return;
            }
            Map<String, Object> container = Yamls.map(Yamls.list(selected.get(0).podSpec().get("containers"), "containers").get(0), "container");
            int port = expectations.applications().serverPort(selected.get(0).component());
            for (Object p : Yamls.list(Yamls.path(service, "spec").get("ports"), "ports")) {
                Map<String, Object> servicePort = Yamls.map(p, "port");
                Object target = Optional.ofNullable(servicePort.get("targetPort")).orElse(servicePort.get("port"));
                if (resolvePort(container, target).filter(t -> t == port).isEmpty()) {
                    problems.add("Service " + name + ": port " + servicePort.get("name") + " targets " + target
                            + ", not the HTTP port " + port + " of " + selected.get(0).where());
                }
            }
        });
        for (Workload w : workloads) {
            boolean exposed = objects("Service").values().stream()
                    .anyMatch(s -> matches(strings(Yamls.path(s, "spec", "selector")), w.podLabels()));
            if (!exposed && w.component().micronaut()) {
                problems.add(w.where() + ": no Service selects its pods (metrics cannot be scraped through one)");
            }
        }
    }

    private void checkDisruptionBudgets() {
        Map<String, Map<String, Object>> budgets = objects("PodDisruptionBudget");
        Map<String, Integer> coverage = new HashMap<>();
        budgets.forEach((name, pdb) -> {
            Map<String, Object> spec = Yamls.path(pdb, "spec");
            if (!spec.containsKey("maxUnavailable") && !spec.containsKey("minAvailable")) {
                problems.add("PodDisruptionBudget " + name + ": sets neither maxUnavailable nor minAvailable");
            }
            Map<String, String> selector = strings(Yamls.path(spec, "selector", "matchLabels"));
            List<Workload> selected = workloads.stream().filter(w -> matches(selector, w.podLabels())).toList();
            if (selected.size() != 1) {
                problems.add("PodDisruptionBudget " + name + ": selector " + selector + " matches " + selected.size()
                        + " workloads, expected one");
            }
            selected.forEach(w -> coverage.merge(w.where(), 1, Integer::sum));
        });
        if (!budgets.isEmpty()) {
            for (Workload w : workloads) {
                if (coverage.getOrDefault(w.where(), 0) != 1) {
                    problems.add(w.where() + ": covered by " + coverage.getOrDefault(w.where(), 0) + " PodDisruptionBudgets, expected one");
                }
            }
        }
    }

    private void checkServiceMonitors() {
        objects("ServiceMonitor").forEach((name, monitor) -> {
            Map<String, Object> spec = Yamls.path(monitor, "spec");
            Map<String, String> selector = strings(Yamls.path(spec, "selector", "matchLabels"));
            List<Map<String, Object>> services = objects("Service").values().stream()
                    .filter(s -> matches(selector, strings(Yamls.path(s, "metadata", "labels")))).toList();
            for (Workload w : workloads) {
                boolean scraped = services.stream().anyMatch(s -> matches(strings(Yamls.path(s, "spec", "selector")), w.podLabels()));
                if (w.component().micronaut() && !scraped) {
                    problems.add("ServiceMonitor " + name + ": selects no Service of " + w.where());
                }
            }
            for (Object e : Yamls.list(spec.get("endpoints"), "endpoints")) {
                Map<String, Object> endpoint = Yamls.map(e, "endpoint");
                if (!Component.METRICS_PATH.equals(Yamls.text(endpoint.get("path")))) {
                    problems.add("ServiceMonitor " + name + ": scrapes " + endpoint.get("path") + ", metrics are at " + Component.METRICS_PATH);
                }
                String port = Yamls.text(endpoint.get("port"));
                for (Map<String, Object> s : services) {
                    boolean has = Yamls.list(Yamls.path(s, "spec").get("ports"), "ports").stream()
                            .anyMatch(p -> Objects.equals(port, Yamls.text(Yamls.map(p, "port").get("name"))));
                    if (!has) {
                        problems.add("ServiceMonitor " + name + ": Service " + Yamls.path(s, "metadata").get("name")
                                + " has no port named " + port);
                    }
                }
            }
        });
    }

    /** Consumers beyond the partitions of what they read would sit idle. */
    private void checkReplicas() {
        Optional<CaptureConfig> capture = config(CaptureConfig.class);
        Optional<SilverConfig> silver = config(SilverConfig.class);
        Optional<GoldConfig> gold = config(GoldConfig.class);
        for (Workload w : workloads) {
            Optional<Integer> limit = Optional.empty();
            String why = "";
            if (w.config().orElse(null) instanceof SinkConfig sink) {
                if (sink.storage().singleWriter()) {
                    limit = Optional.of(1);
                    why = "medallion.sink.single-writer promises one writer";
                } else {
                    switch (sink.layer()) {
                        case BRONZE -> {
                            limit = capture.map(CaptureConfig::topicPartitions);
                            why = "partitions of the cdc topics";
                        }
                        case SILVER -> {
                            limit = silver.map(s -> s.topics().partitions());
                            why = "partitions of the silver topics";
                        }
                        case GOLD -> {
                            limit = gold.filter(GoldConfig::createTopics).map(g -> 1);
                            why = "gold-kpi creates its topics with one partition";
                        }
                    }
                }
            } else if (w.component() == Component.SILVER_ENRICHER) {
                limit = capture.map(CaptureConfig::topicPartitions);
                why = "partitions of the cdc topics";
            } else if (w.component() == Component.GOLD_KPI && w.config().isPresent()) {
                int shards = ((GoldConfig) w.config().get()).partitions();
                limit = Optional.of(silver.map(s -> Math.max(s.topics().partitions(), shards)).orElse(shards));
                why = "max(partitions of silver.web_events, medallion.gold.partitions)";
            }
            if (limit.isPresent() && w.replicas() > limit.get()) {
                problems.add(w.where() + ": " + w.replicas() + " replicas, but only " + limit.get() + " can work (" + why + ")");
            }
        }
    }

    private void checkSinkLayers() {
        Map<String, String> layers = new HashMap<>();
        Map<String, String> groups = new HashMap<>();
        for (Workload w : workloads) {
            if (w.config().orElse(null) instanceof SinkConfig sink) {
                String other = layers.put(sink.layer().directory(), w.where());
                if (other != null) {
                    problems.add("layer " + sink.layer().directory() + " is written by " + other + " and " + w.where());
                }
                String sameGroup = groups.put(sink.groupId(), w.where());
                if (sameGroup != null) {
                    problems.add(sameGroup + " and " + w.where() + " share the consumer group " + sink.groupId());
                }
            }
        }
    }

    private <T> Optional<T> config(Class<T> type) {
        return workloads.stream().map(w -> w.config().orElse(null)).filter(type::isInstance).map(type::cast).findFirst();
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, Map<String, Object>> objects(String kind) {
        return byKind.getOrDefault(kind, Map.of());
    }

    private static Map<String, String> strings(Map<String, Object> map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, Objects.toString(v)));
        return out;
    }

    /** A non-empty selector whose every label the labels carry. */
    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return !selector.isEmpty() && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
