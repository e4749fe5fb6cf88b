package io.medallion.runtime;

import io.medallion.common.config.Settings;
import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceSettingsTest {

    private static final List<String> KEYS = List.of("medallion.sink.flush.max-records", "medallion.sink.registry-url",
            "medallion.sink.topics", "medallion.sink.layer");
    private static final List<String> PREFIXES = List.of("medallion.sink.kafka", "medallion.sink.registry.",
            "medallion.sink.hadoop");

    private final List<PropertySource> sources = new ArrayList<>();

    /** As Micronaut's environment does: sources processed by order, the higher order wins. */
    private Settings read() {
        sources.sort(Comparator.comparingInt(PropertySource::getOrder));
        return ServiceSettings.read(new PropertySourcePropertyResolver(sources.toArray(PropertySource[]::new)), sources, KEYS, PREFIXES);
    }

    private void yaml(Map<String, Object> values) {
        sources.add(PropertySource.of("application", new LinkedHashMap<>(values), AbstractPropertySourceLoader.DEFAULT_POSITION));
    }

    private void env(Map<String, String> variables) {
        sources.add(ServiceSettings.environmentVariables(variables));
    }

    @Test
    void fixedKeysComeFromYaml() {
        yaml(Map.of("medallion.sink.flush.max-records", 5000, "medallion.sink.layer", "silver"));

        assertThat(read().asMap()).containsEntry("medallion.sink.flush.max-records", "5000")
                .containsEntry("medallion.sink.layer", "silver");
    }

    @Test
    void theEnvironmentVariableOfAKeyWinsOverYaml() {
        yaml(Map.of("medallion.sink.flush.max-records", 5000));
        env(Map.of("MEDALLION_SINK_FLUSH_MAX_RECORDS", "banana"));

        assertThat(read().asMap()).containsEntry("medallion.sink.flush.max-records", "banana");
    }

    @Test
    void keysNobodyDeclaredAreLeftOut() {
        yaml(Map.of("medallion.sink.flush.max-recrods", 5000, "micronaut.server.port", 8080));
        env(Map.of("MEDALLION_SINK_FLUSH_MAX_RECRODS", "1", "PATH", "/bin"));

        assertThat(read().asMap()).isEmpty();
    }

    @Test
    void aYamlListBecomesACommaSeparatedValue() {
        yaml(Map.of("medallion.sink.topics", List.of("cdc.shop.a", "cdc.shop.b")));

        assertThat(read().list("medallion.sink.topics", List.of())).containsExactly("cdc.shop.a", "cdc.shop.b");
    }

    @Test
    void prefixMapsKeepTheirKeysAsWrittenInYaml() {
        yaml(Map.of("medallion.sink.hadoop.delta.logStore.s3a.impl", "io.delta.storage.S3DynamoDBLogStore",
                "medallion.sink.kafka.security.protocol", "SSL"));

        Settings s = read();

        assertThat(s.under("medallion.sink.hadoop")).containsExactly(Map.entry("delta.logStore.s3a.impl", "io.delta.storage.S3DynamoDBLogStore"));
        assertThat(s.under("medallion.sink.kafka")).containsExactly(Map.entry("security.protocol", "SSL"));
    }

    @Test
    void prefixMapsTakeEnvironmentVariablesLowerCasedAndDotted() {
        yaml(Map.of("medallion.sink.kafka.security.protocol", "SSL"));
        env(Map.of("MEDALLION_SINK_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "MEDALLION_SINK_KAFKA_FETCH_MAX_BYTES", "1024"));

        assertThat(read().under("medallion.sink.kafka"))
                .containsOnly(Map.entry("security.protocol", "SASL_SSL"), Map.entry("fetch.max.bytes", "1024"));
    }

    @Test
    void theVariableOfAFixedKeyIsNotAPrefixMapEntry() {
        env(Map.of("MEDALLION_SINK_REGISTRY_URL", "http://registry:8081", "MEDALLION_SINK_REGISTRY_BASIC_AUTH_USER_INFO", "u:p"));
        yaml(Map.of("medallion.sink.registry-url", "http://other:8081"));

        Settings s = read();

        assertThat(s.string("medallion.sink.registry-url")).isEqualTo("http://registry:8081");
        assertThat(s.under("medallion.sink.registry")).containsOnly(Map.entry("basic.auth.user.info", "u:p"));
    }
}
