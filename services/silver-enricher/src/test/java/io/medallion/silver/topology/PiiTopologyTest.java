package io.medallion.silver.topology;

import io.medallion.avro.silver.Customer;
import io.medallion.avro.silver.Supplier;
import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import io.medallion.silver.pii.PiiKind;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No raw personal value survives anywhere silver-enricher writes: silver topics, quarantine,
 * dead letters, changelogs, repartition topics, state stores. Tokens are stable and joinable.
 */
class PiiTopologyTest {

    private static final String FIRST = "Philippa";
    private static final String LAST = "Oosterhuis-Vandermeer";
    private static final String EMAIL = "Philippa.Oosterhuis@Mailbox-Example.org";
    private static final String PHONE = "+31 (6) 4477-2288";
    private static final String CONTACT = "Gustavus Brinkerhoff";
    private static final String CONTACT_PHONE = "+49 170 9988 7766";

    /** Every form a raw value could leak in: as written, lower-cased, digits only (phones). */
    private static final List<String> RAW = List.of(FIRST, LAST, EMAIL, EMAIL.toLowerCase(Locale.ROOT),
            "Oosterhuis", PHONE, "31644772288", "4477-2288", CONTACT, "Brinkerhoff", CONTACT_PHONE, "491709988776");

    private final SilverDriver silver = new SilverDriver();
    private long lsn = 1;

    @AfterEach
    void close() {
        silver.close();
    }

    private GenericRecord customer(long id, String segment) {
        Map<String, Object> row = Samples.row("customers", id);
        row.put("first_name", FIRST);
        row.put("last_name", LAST);
        row.put("email", EMAIL);
        row.put("phone", PHONE);
        row.put("segment", segment);
        return Cdc.row("customers", row);
    }

    private GenericRecord supplier(long id) {
        Map<String, Object> row = Samples.row("suppliers", id);
        row.put("contact_name", CONTACT);
        row.put("contact_email", EMAIL);
        row.put("contact_phone", CONTACT_PHONE);
        return Cdc.row("suppliers", row);
    }

    private void pipeEverythingPersonal() {
        silver.pipe("customers", 1, Cdc.insert("customers", customer(1, "consumer"), lsn++, Samples.COMMIT));
        silver.pipe("customers", 1, Cdc.update("customers", customer(1, "consumer"), customer(1, "enterprise"), lsn++, Samples.COMMIT));
        silver.pipe("customers", 2, Cdc.insert("customers", customer(2, "no-such-segment"), lsn++, Samples.COMMIT));
        silver.pipe("customers", 1, Cdc.delete("customers", customer(1, "enterprise"), lsn++, Samples.COMMIT));
        silver.pipe("suppliers", 3, Cdc.insert("suppliers", supplier(3), lsn++, Samples.COMMIT));
        silver.pipe("orders", 9, Cdc.insert("orders", Samples.with("orders", 9, "customer_id", 1L), lsn++, Samples.COMMIT));
        // Undecodable: the value bytes of a real customer change, cut short.
        byte[] valid = silver.encode("customers", Cdc.insert("customers", customer(4, "consumer"), lsn++, Samples.COMMIT));
        silver.pipeBytes("cdc.shop.customers", silver.encodeKey("customers", 4), Arrays.copyOf(valid, valid.length - 3));
    }

    @Test
    void noRawPersonalValueReachesAnyTopic() {
        pipeEverythingPersonal();

        Map<String, List<TestRecord<byte[], byte[]>>> outputs = silver.rawOutputs();
        assertThat(outputs).containsKeys("silver.customers", "silver.suppliers", "silver.quarantine", "silver.dead_letters",
                "silver.orders");
        List<String> leaks = new ArrayList<>();
        outputs.forEach((topic, records) -> records.forEach(r -> {
            String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.ISO_8859_1);
            String value = r.value() == null ? "" : new String(r.value(), StandardCharsets.ISO_8859_1);
            r.headers().forEach(h -> leaks.addAll(found(topic + " header", new String(h.value(), StandardCharsets.ISO_8859_1))));
            leaks.addAll(found(topic + " key", key));
            leaks.addAll(found(topic + " value", value));
        }));
        assertThat(leaks).isEmpty();
        assertThat(silver.deadLetters()).hasSize(1);
        assertThat(silver.deadLetters().get(0).value.getValue()).isNull();
        assertThat(silver.quarantine()).hasSize(1);
        assertThat(silver.quarantine().get(0).value.getOriginalValue()).isNull();
    }

    @Test
    void noRawPersonalValueSitsInAnyStateStore() {
        pipeEverythingPersonal();

        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, StateStore> store : silver.driver.getAllStateStores().entrySet()) {
            if (store.getValue() instanceof ReadOnlyKeyValueStore<?, ?>) {
                try (KeyValueIterator<?, ?> all = silver.driver.getKeyValueStore(store.getKey()).all()) {
                    all.forEachRemaining(kv -> leaks.addAll(found(store.getKey(), kv.key + " " + kv.value)));
                }
            }
        }
        assertThat(leaks).isEmpty();
        assertThat(silver.driver.getAllStateStores()).containsKey("silver-customers-lookup");
    }

    @Test
    void tokensAreStableAcrossChangesAndJoinableAcrossTables() {
        pipeEverythingPersonal();

        List<Customer> customers = silver.silverValues("customers");
        List<Supplier> suppliers = silver.silverValues("suppliers");
        assertThat(customers).extracting(Customer::getOp).containsExactly("c", "u", "d");
        assertThat(customers).extracting(Customer::getEmailToken).containsOnly(silver.tokenizer.token(PiiKind.EMAIL, EMAIL));
        assertThat(customers).extracting(Customer::getFirstNameToken).containsOnly(silver.tokenizer.token(PiiKind.NAME, FIRST));
        assertThat(customers).extracting(Customer::getPhoneToken).containsOnly(silver.tokenizer.token(PiiKind.PHONE, PHONE));
        assertThat(customers).extracting(Customer::getEmailDomain).containsOnly("mailbox-example.org");
        // The supplier's contact shares the customer's address: the same token joins them.
        assertThat(suppliers.get(0).getContactEmailToken()).isEqualTo(customers.get(0).getEmailToken());
        assertThat(suppliers.get(0).getContactNameToken()).isEqualTo(silver.tokenizer.token(PiiKind.NAME, CONTACT));
    }

    private static List<String> found(String where, String text) {
        return RAW.stream().filter(text::contains).map(raw -> where + " contains '" + raw + "'").toList();
    }
}
