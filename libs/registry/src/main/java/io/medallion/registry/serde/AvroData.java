package io.medallion.registry.serde;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;

/** The Avro data models the serdes read and write with. */
final class AvroData {

    /** Generated classes carry their own model with their logical-type conversions. */
    private static final ClassValue<SpecificData> SPECIFIC = new ClassValue<>() {
        @Override
        protected SpecificData computeValue(Class<?> type) {
            return SpecificData.getForClass(type);
        }
    };

    private AvroData() {
    }

    /** A fresh generic model with every standard logical-type conversion (the global one stays untouched). */
    static GenericData genericWithLogicalTypes() {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampNanosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampNanosConversion());
        return data;
    }

    /** A generic model without conversions: logical types stay in their underlying Avro types. */
    static GenericData genericRaw() {
        return new GenericData();
    }

    /** The model of a generated class (its {@code MODEL$}), looked up once per class. */
    static SpecificData specificFor(Class<?> type) {
        return SPECIFIC.get(type);
    }
}
