package io.medallion.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempDataDirectoryTest {

    @Test
    void sweepDeletesDirectoriesOfDeadOwnersAndOldUnownedOnesOnly(@TempDir Path tmp) throws Exception {
        Path deadOwner = Files.createDirectories(tmp.resolve(TempDataDirectory.PREFIX + "dead"));
        Files.writeString(deadOwner.resolve(TempDataDirectory.OWNER_FILE), "");
        Files.writeString(deadOwner.resolve("meta.properties"), "x");
        Path oldUnowned = Files.createDirectories(tmp.resolve(TempDataDirectory.PREFIX + "old"));
        Files.setLastModifiedTime(oldUnowned, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path newUnowned = Files.createDirectories(tmp.resolve(TempDataDirectory.PREFIX + "new"));
        Path unrelated = Files.createDirectories(tmp.resolve("something-else"));

        TempDataDirectory.sweepAbandoned(tmp);

        assertThat(deadOwner).doesNotExist();
        assertThat(oldUnowned).doesNotExist();
        assertThat(newUnowned).exists();
        assertThat(unrelated).exists();
    }

    @Test
    void directoriesOwnedByALiveJvmSurviveSweepsFromAnyJvm() throws Exception {
        TempDataDirectory mine = TempDataDirectory.create();
        try {
            TempDataDirectory.sweepAbandoned(mine.path().getParent());
            assertThat(mine.path()).exists();
            // Another JVM sweeping must find the owner lock still held after this JVM's sweep.
            assertThat(sweepFromAnotherJvm(mine.path())).isEqualTo("kept");
            assertThat(mine.path()).exists();
        } finally {
            mine.close();
        }
        assertThat(mine.path()).doesNotExist();
    }

    /** Runs a tiny program in a new JVM that tries the owner lock the way the sweep does. */
    private static String sweepFromAnotherJvm(Path dir) throws Exception {
        Path source = Files.createTempFile("probe", ".java");
        Files.writeString(source, """
                import java.nio.channels.*;
                import java.nio.file.*;
                public class Probe {
                    public static void main(String[] a) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE)) {
                            System.out.println(c.tryLock() == null ? "kept" : "abandoned");
                        }
                    }
                }
                """);
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    source.toString(), dir.resolve(TempDataDirectory.OWNER_FILE).toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line = out.readLine();
                p.waitFor();
                return line;
            }
        } finally {
            Files.deleteIfExists(source);
        }
    }
}
