package io.medallion.registry.serde;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import io.medallion.registry.client.ConfigMaps;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The serde settings, under the keys Confluent's serdes use. The registry client's own
 * settings ({@code schema.registry.url}, auth, TLS, retries) are read by
 * {@link io.medallion.registry.client.RegistryClientConfig} from the same map.
 *
 * @param useLogicalTypeConverters generic records carry {@code BigDecimal}, {@code Instant},
 *                                 {@code LocalDate}, {@code UUID}, ... for logical types
 *                                 ({@code avro.use.logical.type.converters}; on by default here,
 *                                 off in Confluent's serde)
 * @param latestCacheTtl           how long a subject's latest version is reused with
 *                                 {@code use.latest.version}; empty: for the serde's lifetime
 */
public record AvroSerdeConfig(boolean autoRegisterSchemas, boolean useLatestVersion, boolean specificAvroReader,
                              SubjectNameStrategy keySubjectNameStrategy,
                              SubjectNameStrategy valueSubjectNameStrategy,
                              boolean useLogicalTypeConverters, Optional<Duration> latestCacheTtl) {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String USE_LOGICAL_TYPE_CONVERTERS = "avro.use.logical.type.converters";
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";

    public static AvroSerdeConfig from(Map<String, ?> configs) {
        Settings settings = ConfigMaps.settings(configs);
        long ttl = settings.longValue(LATEST_CACHE_TTL_SEC, -1, -1, Long.MAX_VALUE / 1_000_000_000L);
        return new AvroSerdeConfig(
                settings.bool(AUTO_REGISTER_SCHEMAS, true),
                settings.bool(USE_LATEST_VERSION, false),
                settings.bool(SPECIFIC_AVRO_READER, false),
                strategy(settings, KEY_SUBJECT_NAME_STRATEGY),
                strategy(settings, VALUE_SUBJECT_NAME_STRATEGY),
                settings.bool(USE_LOGICAL_TYPE_CONVERTERS, true),
                ttl < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(ttl)));
    }

    public SubjectNameStrategy strategy(boolean isKey) {
        return isKey ? keySubjectNameStrategy : valueSubjectNameStrategy;
    }

    /**
     * A strategy named by simple name ({@code RecordNameStrategy}), by Confluent's class name
     * ({@code io.confluent.kafka.serializers.subject.RecordNameStrategy}), by this package's class
     * name, or by the name of any class implementing {@link SubjectNameStrategy}.
     */
    static SubjectNameStrategy strategy(Settings settings, String key) {
        Optional<String> value = settings.optional(key);
        if (value.isEmpty()) {
            return new TopicNameStrategy();
        }
        String name = value.get();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        boolean known = name.equals(simple) || name.startsWith("io.confluent.kafka.serializers.subject.")
                || name.startsWith(SubjectNameStrategy.class.getPackageName() + ".");
        if (known) {
            switch (simple) {
                case "TopicNameStrategy":
                    return new TopicNameStrategy();
                case "RecordNameStrategy":
                    return new RecordNameStrategy();
                case "TopicRecordNameStrategy":
                    return new TopicRecordNameStrategy();
                default:
                    break;
            }
        }
        try {
            Class<?> type = Class.forName(name, true, Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : AvroSerdeConfig.class.getClassLoader());
            if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
                throw new ConfigException(key, "class " + name + " does not implement " + SubjectNameStrategy.class.getName());
            }
            return (SubjectNameStrategy) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ConfigException(key, "must be TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy or a "
                    + SubjectNameStrategy.class.getSimpleName() + " class with a public no-argument constructor, was '" + name + "'", e);
        }
    }
}
