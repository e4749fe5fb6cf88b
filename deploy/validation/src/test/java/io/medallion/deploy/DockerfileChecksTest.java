package io.medallion.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static io.medallion.deploy.ComposeStackTest.replaceOnce;
import static org.assertj.core.api.Assertions.assertThat;

class DockerfileChecksTest {

    @Test
    void theDockerfileBuildsWhatTheDeploymentsRun() {
        assertThat(DockerfileChecks.check(RepositoryRoot.find())).isEmpty();
    }

    @Test
    void continuationLinesAreJoinedAndCommentsDropped() {
        assertThat(DockerfileChecks.instructions("""
                # comment
                FROM x AS build
                RUN a \\
                    && b

                USER 1
                """)).containsExactly("FROM x AS build", "RUN a  && b", "USER 1");
    }

    @Test
    void aRootRuntimeAnotherEntrypointAndAnUnknownServiceAreCaught(@TempDir Path dir) throws IOException {
        Path root = RepositoryRoot.find();
        String dockerfile = Files.readString(root.resolve("Dockerfile"));
        dockerfile = replaceOnce(dockerfile, "USER 10001:10001\n", "");
        dockerfile = replaceOnce(dockerfile, "\"-jar\", \"/app/app.jar\"]", "\"-cp\", \"/app/lib/*\", \"Main\"]");
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        Files.createDirectories(dir.resolve("deploy/docker"));
        Files.writeString(dir.resolve("deploy/docker/assemble.sh"), Files.readString(root.resolve("deploy/docker/assemble.sh"))
                .replace("|gold-kpi)", ")"));
        Files.copy(root.resolve("deploy/docker/healthcheck"), dir.resolve("deploy/docker/healthcheck"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(dir.resolve(".dockerignore"), "**/target/\ndeploy/\n");

        List<String> problems = DockerfileChecks.check(dir);

        assertThat(problems).containsExactlyInAnyOrder(
                "Dockerfile: the runtime stage does not run as USER 10001",
                "Dockerfile: ENTRYPOINT ENTRYPOINT [\"java\", \"-XX:MaxRAMPercentage=60.0\", \"-XX:+ExitOnOutOfMemoryError\", "
                        + "\"-cp\", \"/app/lib/*\", \"Main\"] is not [\"java\", ..., \"-jar\", \"/app/app.jar\"]",
                "deploy/docker/assemble.sh does not build SERVICE=gold-kpi",
                ".dockerignore excludes deploy/, which the build stage needs");
    }
}
