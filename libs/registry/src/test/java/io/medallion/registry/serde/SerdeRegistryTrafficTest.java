package io.medallion.registry.serde;

import io.medallion.registry.client.RegistryClientConfig;
import io.medallion.registry.server.RegistryServer;
import io.medallion.registry.server.RegistryServerConfig;
import io.medallion.registry.testing.Payment;
import io.medallion.registry.testing.Payments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The serdes ask the registry once per schema, never once per record. */
class SerdeRegistryTrafficTest {

    private final RegistryServer server = RegistryServer.start(RegistryServerConfig.inMemory());
    private final Map<String, Object> config = Map.of(RegistryClientConfig.URL, server.url().toString());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void athousandRecordsCostOneRegistrationAndOneFetch() {
        Payment payment = Payments.specific();
        byte[][] written = new byte[1000][];
        long before = server.requestsServed();
        try (var serde = AvroSerdes.specific(Payment.class, config, false)) {
            for (int i = 0; i < written.length; i++) {
                written[i] = serde.serializer().serialize("payments", payment);
            }
        }
        assertThat(server.requestsServed() - before).isEqualTo(1);

        before = server.requestsServed();
        try (var serde = AvroSerdes.generic(config, false)) {
            for (byte[] bytes : written) {
                assertThat(serde.deserializer().deserialize("payments", bytes).get("amount")).isEqualTo(Payments.AMOUNT);
            }
        }
        assertThat(server.requestsServed() - before).isEqualTo(1);
    }

    @Test
    void theLatestVersionIsFetchedOncePerSubject() {
        try (var serde = AvroSerdes.specific(Payment.class, config, false)) {
            serde.serializer().serialize("payments", Payments.specific());
        }
        KafkaAvroSerializer latest = new KafkaAvroSerializer();
        latest.configure(Map.of(RegistryClientConfig.URL, server.url().toString(),
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false, AvroSerdeConfig.USE_LATEST_VERSION, true), false);
        long before = server.requestsServed();
        for (int i = 0; i < 100; i++) {
            latest.serialize("payments", Payments.specific());
        }
        assertThat(server.requestsServed() - before).isEqualTo(1);
    }
}
