package io.medallion.sink;

import io.medallion.common.config.Settings;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The object-store connectors of the {@code object-stores} profile (the image's class path):
 * each documented table root, with the settings services/bronze-writer/README.md and
 * docs/operations.md give, passes {@link StorageConfig} and resolves to a file system that
 * loads. Nothing here reaches a network: the file systems are not initialized against a cloud.
 */
@Tag("object-stores")
class ObjectStoreConnectorsTest {

    private static final String ACCOUNT = "medallionlake.dfs.core.windows.net";

    static Stream<Arguments> roots() {
        return Stream.of(
                Arguments.of("s3a://lake-bucket/lakehouse", Map.of(
                        "medallion.sink.single-writer", "true",
                        "medallion.sink.hadoop.fs.s3a.endpoint", "https://s3.eu-central-1.amazonaws.com",
                        "medallion.sink.hadoop.fs.s3a.path.style.access", "true",
                        "medallion.sink.hadoop.fs.s3a.aws.credentials.provider",
                        "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider"),
                        "org.apache.hadoop.fs.s3a.S3AFileSystem",
                        "fs.s3a.aws.credentials.provider"),
                Arguments.of("abfss://lake@" + ACCOUNT + "/lakehouse", Map.of(
                        "medallion.sink.hadoop.fs.azure.account.auth.type." + ACCOUNT, "OAuth",
                        "medallion.sink.hadoop.fs.azure.account.oauth.provider.type." + ACCOUNT,
                        "org.apache.hadoop.fs.azurebfs.oauth2.ClientCredsTokenProvider",
                        "medallion.sink.hadoop.fs.azure.account.oauth2.client.id." + ACCOUNT, "client-id",
                        "medallion.sink.hadoop.fs.azure.account.oauth2.client.endpoint." + ACCOUNT,
                        "https://login.microsoftonline.com/tenant/oauth2/token",
                        "medallion.sink.hadoop.fs.azure.account.oauth2.client.secret", "secret"),
                        "org.apache.hadoop.fs.azurebfs.SecureAzureBlobFileSystem",
                        "fs.azure.account.oauth.provider.type." + ACCOUNT),
                // Hadoop 3.5.0's core-default.xml binds gs: to its own hadoop-gcp connector
                // (org.apache.hadoop.fs.gs), which is not on the class path: fs.gs.impl picks Google's.
                Arguments.of("gs://lake-bucket/lakehouse", Map.of(
                        "medallion.sink.hadoop.fs.gs.impl", "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem",
                        "medallion.sink.hadoop.fs.gs.project.id", "medallion",
                        "medallion.sink.hadoop.fs.gs.auth.type", "SERVICE_ACCOUNT_JSON_KEYFILE",
                        "medallion.sink.hadoop.fs.gs.auth.service.account.json.keyfile",
                        "/var/run/secrets/medallion/lake/gcs-key.json"),
                        "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void a_documented_root_passes_the_config_and_resolves_to_its_connector(
            String root, Map<String, String> settings, String fileSystem, String classSetting) throws Exception {
        StorageConfig config = storage(root, settings);
        Configuration conf = hadoopConf(config);
        String scheme = config.tableRoot().getScheme();

        Class<? extends FileSystem> resolved = FileSystem.getFileSystemClass(scheme, conf);

        assertThat(resolved.getName()).isEqualTo(fileSystem);
        // Linking the class and its constructor proves its own dependencies are present too.
        assertThat(resolved.getDeclaredConstructor().newInstance()).isInstanceOf(FileSystem.class);
        if (classSetting != null) {
            assertThat(conf.getClassByName(conf.get(classSetting))).isNotNull();
        }
    }

    @Test
    void s3a_builds_its_aws_clients_from_the_bundled_sdk() throws Exception {
        // A closed loopback port as endpoint: building the clients must not connect anywhere,
        // and if it did, the attempt would be refused at once rather than leave the machine.
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StorageConfig config = storage("s3a://lake-bucket/lakehouse", Map.of(
                "medallion.sink.single-writer", "true",
                "medallion.sink.hadoop.fs.s3a.endpoint", "http://127.0.0.1:" + closedPort,
                "medallion.sink.hadoop.fs.s3a.endpoint.region", "eu-central-1",
                "medallion.sink.hadoop.fs.s3a.path.style.access", "true",
                "medallion.sink.hadoop.fs.s3a.connection.ssl.enabled", "false",
                "medallion.sink.hadoop.fs.s3a.bucket.probe", "0",
                "medallion.sink.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
                "medallion.sink.hadoop.fs.s3a.access.key", "access",
                "medallion.sink.hadoop.fs.s3a.secret.key", "secret"));
        Configuration conf = hadoopConf(config);
        conf.setBoolean("fs.s3a.impl.disable.cache", true);

        try (FileSystem fs = FileSystem.newInstance(config.tableRoot(), conf)) {
            // S3A creates its SDK clients lazily; S3AInternals.getAmazonS3Client forces the
            // synchronous client (HTTP client, socket factory binding, signer, credentials).
            Object internals = fs.getClass().getMethod("getS3AInternals").invoke(fs);
            Object s3 = Class.forName("org.apache.hadoop.fs.s3a.S3AInternals")
                    .getMethod("getAmazonS3Client", String.class).invoke(internals, "connector test");

            assertThat(fs.getUri()).isEqualTo(URI.create("s3a://lake-bucket"));
            assertThat(s3.getClass().getName()).startsWith("software.amazon.awssdk.services.s3.");
        }
    }

    private static StorageConfig storage(String root, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put(StorageConfig.TABLE_ROOT, root);
        return StorageConfig.from(Settings.of(all));
    }

    /** The Hadoop configuration exactly as {@code SinkStorage} builds it for the sink. */
    private static Configuration hadoopConf(StorageConfig config) {
        Configuration conf = new Configuration();
        config.hadoop().forEach(conf::set);
        return conf;
    }
}
