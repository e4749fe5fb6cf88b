package io.medallion.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A docker-compose file, interpolated and parsed: its services (with their short and long
 * syntaxes normalised) and its top-level volumes and secrets. Extension fields ({@code x-*})
 * and YAML anchors and merge keys are resolved by the parser.
 */
public record ComposeProject(Map<String, Service> services, Set<String> volumes, Map<String, String> secretFiles) {

    /** How one service waits for another ({@code service_healthy}, ...). */
    public record Dependency(String service, String condition) {
    }

    /** A mount: a named volume or a bind-mounted path ({@code ./deploy/...}), at a target in the container. */
    public record Mount(String source, String target, boolean bind) {
    }

    /** A published port: host port to container port. */
    public record Port(String host, int container) {
    }

    /** One service, from its raw mapping. */
    public record Service(String name, Map<String, Object> raw) {

        public String image() {
            return Yamls.text(raw.get("image"));
        }

        /** {@code build.args}, in either map or list syntax. */
        public Map<String, String> buildArgs() {
            Object build = raw.get("build");
            if (!(build instanceof Map<?, ?>)) {
                return Map.of();
            }
            return keyValues(Yamls.map(build, "build").get("args"), name + " build.args");
        }

        public boolean builds() {
            return raw.containsKey("build");
        }

        /** {@code environment}, in either map or list syntax; values as text. */
        public Map<String, String> environment() {
            return keyValues(raw.get("environment"), name + " environment");
        }

        public List<Dependency> dependsOn() {
            Object value = raw.get("depends_on");
            List<Dependency> out = new ArrayList<>();
            if (value instanceof List<?> list) {
                list.forEach(s -> out.add(new Dependency(String.valueOf(s), "service_started")));
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> out.add(new Dependency(String.valueOf(k),
                        Optional.ofNullable(Yamls.text(Yamls.map(v, name + " depends_on").get("condition"))).orElse("service_started"))));
            }
            return out;
        }

        /** The health check's test command (CMD form without "CMD", CMD-SHELL as one string), or empty. */
        public Optional<List<String>> healthcheck() {
            Map<String, Object> hc = Yamls.map(raw.get("healthcheck"), name + " healthcheck");
            if (hc.isEmpty() || Boolean.TRUE.equals(hc.get("disable"))) {
                return Optional.empty();
            }
            Object test = hc.get("test");
            if (test instanceof String s) {
                return Optional.of(List.of(s));
            }
            List<String> parts = Yamls.list(test, name + " healthcheck.test").stream().map(String::valueOf).toList();
            if (parts.isEmpty() || parts.get(0).equals("NONE")) {
                return Optional.empty();
            }
            return Optional.of(parts.get(0).equals("CMD") || parts.get(0).equals("CMD-SHELL") ? parts.subList(1, parts.size()) : parts);
        }

        public List<Mount> mounts() {
            List<Mount> out = new ArrayList<>();
            for (Object v : Yamls.list(raw.get("volumes"), name + " volumes")) {
                if (v instanceof String s) {
                    String[] parts = s.split(":");
                    if (parts.length < 2) {
                        out.add(new Mount(null, parts[0], false));
                    } else {
                        out.add(new Mount(parts[0], parts[1], isPath(parts[0])));
                    }
                } else {
                    Map<String, Object> m = Yamls.map(v, name + " volume");
                    String source = Yamls.text(m.get("source"));
                    out.add(new Mount(source, Yamls.text(m.get("target")), "bind".equals(m.get("type"))));
                }
            }
            return out;
        }

        public List<Port> ports() {
            List<Port> out = new ArrayList<>();
            for (Object p : Yamls.list(raw.get("ports"), name + " ports")) {
                if (p instanceof Map<?, ?> m) {
                    out.add(new Port(Yamls.text(m.get("published")), Integer.parseInt(String.valueOf(m.get("target")))));
                } else {
                    String s = String.valueOf(p);
                    int slash = s.indexOf('/');
                    String spec = slash < 0 ? s : s.substring(0, slash);
                    int colon = spec.lastIndexOf(':');
                    out.add(new Port(colon < 0 ? null : spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1))));
                }
            }
            return out;
        }

        /** Secret names this service mounts (under /run/secrets/&lt;name&gt; unless a target is given). */
        public Map<String, String> secrets() {
            Map<String, String> out = new LinkedHashMap<>();
            for (Object s : Yamls.list(raw.get("secrets"), name + " secrets")) {
                if (s instanceof Map<?, ?> m) {
                    String source = Yamls.text(m.get("source"));
                    String target = Optional.ofNullable(Yamls.text(m.get("target"))).orElse(source);
                    out.put(source, target.startsWith("/") ? target : "/run/secrets/" + target);
                } else {
                    out.put(String.valueOf(s), "/run/secrets/" + s);
                }
            }
            return out;
        }

        public Optional<String> stopGracePeriod() {
            return Optional.ofNullable(Yamls.text(raw.get("stop_grace_period")));
        }

        private static boolean isPath(String source) {
            return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
        }

        private static Map<String, String> keyValues(Object value, String what) {
            Map<String, String> out = new LinkedHashMap<>();
            if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
            } else {
                for (Object entry : Yamls.list(value, what)) {
                    String s = String.valueOf(entry);
                    int eq = s.indexOf('=');
                    out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
                }
            }
            return out;
        }
    }

    /** Parses a compose file as it would come up with the given variables set (usually none). */
    public static ComposeProject parse(String text, Map<String, String> variables) {
        Map<String, Object> root = Yamls.load(Interpolation.apply(text, variables));
        Map<String, Service> services = new LinkedHashMap<>();
        Yamls.map(root.get("services"), "services")
                .forEach((name, raw) -> services.put(name, new Service(name, Yamls.map(raw, name))));
        Map<String, String> secretFiles = new LinkedHashMap<>();
        Yamls.map(root.get("secrets"), "secrets")
                .forEach((name, raw) -> secretFiles.put(name, Yamls.text(Yamls.map(raw, "secret " + name).get("file"))));
        return new ComposeProject(services, Set.copyOf(Yamls.map(root.get("volumes"), "volumes").keySet()), secretFiles);
    }
}
