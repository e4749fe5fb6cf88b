package io.medallion.registry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Key stores made at test time with the JDK's {@code keytool} (a server certificate for localhost
 * and 127.0.0.1, a client certificate, an unrelated one) and trust stores for each. Made once per JVM.
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";

    /**
     * @param serverKeyStore   the server's key and certificate (CN=localhost, SAN localhost and 127.0.0.1)
     * @param clientTrustStore trusts the server certificate
     * @param clientKeyStore   the client's key and certificate
     * @param serverTrustStore trusts the client certificate
     * @param strangerTrustStore trusts only an unrelated certificate
     */
    public record Stores(Path serverKeyStore, Path clientTrustStore, Path clientKeyStore, Path serverTrustStore,
                         Path strangerTrustStore) {
    }

    private static Stores stores;

    private TestCertificates() {
    }

    public static synchronized Stores get() {
        if (stores == null) {
            try {
                Path dir = Path.of("target", "test-tls").toAbsolutePath();
                if (Files.isDirectory(dir)) {
                    try (var old = Files.list(dir)) {
                        for (Path file : old.toList()) {
                            Files.delete(file);
                        }
                    }
                }
                stores = generate(Files.createDirectories(dir));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return stores;
    }

    private static Stores generate(Path dir) throws IOException {
        // Three keytool JVMs at once: each takes seconds to start on a busy machine.
        CompletableFuture<Path> server = CompletableFuture.supplyAsync(
                () -> keyPair(dir, "server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1"));
        CompletableFuture<Path> client = CompletableFuture.supplyAsync(() -> keyPair(dir, "client", "CN=registry-client", null));
        CompletableFuture<Path> stranger = CompletableFuture.supplyAsync(
                () -> keyPair(dir, "stranger", "CN=stranger", "SAN=dns:localhost,ip:127.0.0.1"));
        return new Stores(server.join(), trustStore(dir, "server", server.join()), client.join(),
                trustStore(dir, "client", client.join()), trustStore(dir, "stranger", stranger.join()));
    }

    private static Path keyPair(Path dir, String alias, String dname, String san) {
        Path store = dir.resolve(alias + ".p12");
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", dname, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (san != null) {
            args.addAll(List.of("-ext", san));
        }
        keytool(args);
        return store;
    }

    /** A PKCS12 store trusting the certificate of the key store's entry. */
    private static Path trustStore(Path dir, String alias, Path keyStore) throws IOException {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(alias, keys.getCertificate(alias));
            Path path = dir.resolve("trusts-" + alias + ".p12");
            try (OutputStream out = Files.newOutputStream(path)) {
                trust.store(out, PASSWORD.toCharArray());
            }
            return path;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust store for " + alias, e);
        }
    }

    private static void keytool(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args.get(0) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
