package io.medallion.registry.serde;

import io.medallion.common.config.ConfigException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.medallion.registry.testing.TestSchemas.userV1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubjectNameStrategyTest {

    /** A user-supplied strategy, loaded by class name. */
    public static final class Upper implements SubjectNameStrategy {
        @Override
        public String subjectName(String topic, boolean isKey, Schema schema) {
            return topic.toUpperCase();
        }
    }

    private static SubjectNameStrategy valueStrategy(Object name) {
        return AvroSerdeConfig.from(Map.of(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, name)).valueSubjectNameStrategy();
    }

    @Test
    void theThreeStrategies() {
        Schema string = Schema.create(Schema.Type.STRING);
        assertThat(new TopicNameStrategy().subjectName("orders", false, userV1())).isEqualTo("orders-value");
        assertThat(new TopicNameStrategy().subjectName("orders", true, userV1())).isEqualTo("orders-key");
        assertThat(new RecordNameStrategy().subjectName("orders", false, userV1())).isEqualTo("test.User");
        assertThat(new RecordNameStrategy().subjectName("orders", true, string)).isEqualTo("string");
        assertThat(new TopicRecordNameStrategy().subjectName("orders", false, userV1())).isEqualTo("orders-test.User");
    }

    @Test
    void strategiesAreNamedAsConfluentNamesThem() {
        assertThat(valueStrategy("io.confluent.kafka.serializers.subject.RecordNameStrategy")).isInstanceOf(RecordNameStrategy.class);
        assertThat(valueStrategy("TopicRecordNameStrategy")).isInstanceOf(TopicRecordNameStrategy.class);
        assertThat(valueStrategy(TopicNameStrategy.class)).isInstanceOf(TopicNameStrategy.class);
        assertThat(valueStrategy(Upper.class.getName())).isInstanceOf(Upper.class);
        assertThat(AvroSerdeConfig.from(Map.of()).keySubjectNameStrategy()).isInstanceOf(TopicNameStrategy.class);
    }

    @Test
    void anUnknownStrategyNamesTheKey() {
        assertThatThrownBy(() -> valueStrategy("NoSuchStrategy"))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY));
        assertThatThrownBy(() -> valueStrategy(String.class.getName()))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.getMessage()).contains("does not implement"));
    }
}
