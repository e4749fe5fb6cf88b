package io.medallion.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The root Dockerfile against what the deployments assume of the images: a JDK 17 build stage
 * running deploy/docker/assemble.sh for the SERVICE build argument (which must know every
 * component), a JRE 17 runtime stage running as uid 10001 from /app with
 * {@code java ... -jar /app/app.jar}, the health-check script, the HTTP port, and the state
 * and lake directories owned by that user.
 */
public final class DockerfileChecks {

    private static final Pattern FROM = Pattern.compile("(?i)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?");
    /** A branch of assemble.sh's case on the service: {@code cdc-capture|bronze-writer) module=...}. */
    private static final Pattern CASE_BRANCH = Pattern.compile("(?m)^\\s*([a-z|-]+)\\)\\s*module=");
    private static final Pattern ENTRYPOINT = Pattern.compile("(?i)^ENTRYPOINT\\s+\\[(.*)]\\s*$");

    private DockerfileChecks() {
    }

    /** @param root the repository root (Dockerfile, .dockerignore, deploy/docker/) */
    public static List<String> check(Path root) {
        List<String> problems = new ArrayList<>();
        List<String> instructions = instructions(read(root.resolve("Dockerfile")));
        List<String> froms = instructions.stream().filter(i -> FROM.matcher(i).find()).toList();
        if (froms.size() < 2) {
            problems.add("Dockerfile: expected a build stage and a runtime stage, found " + froms.size() + " FROM");
            return problems;
        }
        String builder = image(froms.get(0));
        String runtime = image(froms.get(froms.size() - 1));
        if (!builder.startsWith("maven:") || !builder.contains("17")) {
            problems.add("Dockerfile: build stage " + builder + " is not a Maven image with JDK 17");
        }
        if (!runtime.contains("17") || !runtime.contains("jre")) {
            problems.add("Dockerfile: runtime stage " + runtime + " is not a JRE 17 image");
        }
        List<String> runtimeStage = instructions.subList(instructions.indexOf(froms.get(froms.size() - 1)), instructions.size());
        List<String> buildStage = instructions.subList(instructions.indexOf(froms.get(0)), instructions.indexOf(froms.get(froms.size() - 1)));
        if (buildStage.stream().noneMatch(i -> i.startsWith("RUN") && i.contains("deploy/docker/assemble.sh") && i.contains("$SERVICE"))) {
            problems.add("Dockerfile: the build stage does not run deploy/docker/assemble.sh for $SERVICE");
        }
        if (runtimeStage.stream().noneMatch(i -> i.matches("(?i)^USER\\s+" + Component.IMAGE_UID + "(:\\d+)?\\s*$"))) {
            problems.add("Dockerfile: the runtime stage does not run as USER " + Component.IMAGE_UID);
        }
        if (runtimeStage.stream().noneMatch(i -> i.matches("(?i)^EXPOSE\\s+" + Component.HTTP_PORT + "\\s*$"))) {
            problems.add("Dockerfile: does not EXPOSE the HTTP port " + Component.HTTP_PORT);
        }
        for (String target : List.of("/app/lib/", "/app/app.jar", "/app/healthcheck")) {
            if (runtimeStage.stream().noneMatch(i -> i.startsWith("COPY") && i.trim().endsWith(" " + target))) {
                problems.add("Dockerfile: the runtime stage does not COPY " + target);
            }
        }
        String directories = String.join("\n", runtimeStage);
        if (!directories.contains(Component.STATE_DIR) || !directories.contains("chown -R " + Component.IMAGE_UID)) {
            problems.add("Dockerfile: " + Component.STATE_DIR + " is not created owned by " + Component.IMAGE_UID);
        }
        List<String> entrypoints = runtimeStage.stream().filter(i -> ENTRYPOINT.matcher(i).matches()).toList();
        if (entrypoints.size() != 1) {
            problems.add("Dockerfile: expected one exec-form ENTRYPOINT in the runtime stage, found " + entrypoints.size());
        } else {
            Matcher m = ENTRYPOINT.matcher(entrypoints.get(0));
            m.matches();
            String args = m.group(1).replace(" ", "");
            if (!args.startsWith("\"java\"") || !args.endsWith("\"-jar\",\"/app/app.jar\"")) {
                problems.add("Dockerfile: ENTRYPOINT " + entrypoints.get(0) + " is not [\"java\", ..., \"-jar\", \"/app/app.jar\"]");
            }
        }
        Set<String> assembled = new HashSet<>();
        Matcher branch = CASE_BRANCH.matcher(read(root.resolve("deploy/docker/assemble.sh")));
        while (branch.find()) {
            assembled.addAll(List.of(branch.group(1).split("\\|")));
        }
        for (Component c : Component.values()) {
            if (!assembled.contains(c.serviceName())) {
                problems.add("deploy/docker/assemble.sh does not build SERVICE=" + c.serviceName());
            }
        }
        if (!Files.isExecutable(root.resolve("deploy/docker/healthcheck"))) {
            problems.add("deploy/docker/healthcheck is missing or not executable");
        }
        for (String line : read(root.resolve(".dockerignore")).lines().map(String::trim).toList()) {
            if (line.equals("deploy/") || line.equals("deploy") || line.contains("pom.xml") || line.equals("**")) {
                problems.add(".dockerignore excludes " + line + ", which the build stage needs");
            }
        }
        return problems;
    }

    /** Instructions with continuation lines joined and comments dropped. */
    static List<String> instructions(String dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : dockerfile.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                out.add(current.toString().trim());
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            out.add(current.toString().trim());
        }
        return out;
    }

    private static String image(String from) {
        Matcher m = FROM.matcher(from);
        m.find();
        return m.group(1);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
