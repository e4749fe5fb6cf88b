package io.medallion.registry.testing;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One payment, as a generated record and as the generic record with the same values. */
public final class Payments {

    public static final UUID PAYMENT_ID = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    public static final BigDecimal AMOUNT = new BigDecimal("-1234567890.12");
    public static final BigDecimal FEE = new BigDecimal("0.0125");
    public static final Instant PAID_AT = Instant.parse("2026-03-01T12:00:00.123456Z");
    public static final Instant BOOKED_AT = Instant.parse("1969-12-31T23:59:59.999Z");
    public static final LocalDate VALUE_DATE = LocalDate.parse("2026-02-28");

    private Payments() {
    }

    public static Payment specific() {
        return Payment.newBuilder()
                .setId(Long.MAX_VALUE)
                .setPaymentId(PAYMENT_ID)
                .setAmount(AMOUNT)
                .setFee(FEE)
                .setPaidAt(PAID_AT)
                .setBookedAt(BOOKED_AT)
                .setValueDate(VALUE_DATE)
                .setStatus(PaymentStatus.SETTLED)
                .setTags(List.of("card", "eur"))
                .setAttributes(Map.of("channel", "web"))
                .setNote("first")
                .build();
    }

    public static GenericRecord generic() {
        GenericRecord record = new GenericData.Record(Payment.getClassSchema());
        record.put("id", Long.MAX_VALUE);
        record.put("payment_id", PAYMENT_ID);
        record.put("amount", AMOUNT);
        record.put("fee", FEE);
        record.put("paid_at", PAID_AT);
        record.put("booked_at", BOOKED_AT);
        record.put("value_date", VALUE_DATE);
        record.put("status", new GenericData.EnumSymbol(PaymentStatus.getClassSchema(), "SETTLED"));
        record.put("tags", List.of("card", "eur"));
        record.put("attributes", Map.of("channel", "web"));
        record.put("note", "first");
        return record;
    }
}
