package io.medallion.testkit.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeInteropTest {

    @Test
    void findsTheInteropDirectoryFromAnyModuleBelowTheRepositoryRoot(@TempDir Path repo) throws Exception {
        Path interop = Files.createDirectories(repo.resolve("interop/node"));
        Files.writeString(interop.resolve("package.json"), "{}");
        Path module = Files.createDirectories(repo.resolve("services/gold-kpi"));

        assertThat(NodeInterop.findDirectory(module)).isEqualTo(interop.toAbsolutePath());
        assertThat(NodeInterop.findDirectory(repo)).isEqualTo(interop.toAbsolutePath());
    }

    @Test
    void failsNamingTheMissingDirectory(@TempDir Path elsewhere) {
        assertThatThrownBy(() -> NodeInterop.findDirectory(elsewhere))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("interop/node/package.json");
    }
}
