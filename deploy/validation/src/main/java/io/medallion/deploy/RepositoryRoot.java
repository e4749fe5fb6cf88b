package io.medallion.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root directory, found from the working directory (a module's, in a build). */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    public static Path find() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("helm/medallion/Chart.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docker-compose.yml with helm/medallion/Chart.yaml beside it in " + start + " or above");
    }
}
