package io.medallion.sink.parquet;

import io.medallion.sink.schema.Column;
import io.medallion.sink.schema.ColumnType;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes full table rows ({@code Object[]}, one slot per table column, shorter rows padded
 * with nulls) into the data columns of a Parquet file.
 */
final class RowWriteSupport extends WriteSupport<Object[]> {

    private final List<Column> columns;
    private final int[] positions;
    private final MessageType schema;
    private final Map<String, String> fileMetadata;
    private RecordConsumer out;

    RowWriteSupport(List<Column> dataColumns, int[] positions, Map<String, String> fileMetadata) {
        this.columns = dataColumns;
        this.positions = positions;
        this.schema = ParquetSchemas.messageType(dataColumns);
        this.fileMetadata = fileMetadata;
    }

    // Still the abstract method in parquet 1.16; its ParquetConfiguration twin delegates to it.
    @SuppressWarnings("deprecation")
    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, fileMetadata);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
        out.startMessage();
        for (int i = 0; i < columns.size(); i++) {
            int pos = positions[i];
            Object v = pos < row.length ? row[pos] : null;
            if (v != null) {
                Column c = columns.get(i);
                out.startField(c.name(), i);
                value(c.type(), v);
                out.endField(c.name(), i);
            }
        }
        out.endMessage();
    }

    private void value(ColumnType type, Object v) {
        if (type instanceof ColumnType.Primitive p) {
            primitive(p, v);
        } else if (type instanceof ColumnType.Decimal d) {
            decimal(d, (BigDecimal) v);
        } else if (type instanceof ColumnType.ArrayOf a) {
            out.startGroup();
            List<?> list = (List<?>) v;
            if (!list.isEmpty()) {
                out.startField(ParquetSchemas.LIST_GROUP, 0);
                for (Object e : list) {
                    out.startGroup();
                    if (e != null) {
                        out.startField(ParquetSchemas.LIST_ELEMENT, 0);
                        value(a.element(), e);
                        out.endField(ParquetSchemas.LIST_ELEMENT, 0);
                    }
                    out.endGroup();
                }
                out.endField(ParquetSchemas.LIST_GROUP, 0);
            }
            out.endGroup();
        } else if (type instanceof ColumnType.MapOf m) {
            out.startGroup();
            Map<?, ?> map = (Map<?, ?>) v;
            if (!map.isEmpty()) {
                out.startField(ParquetSchemas.MAP_GROUP, 0);
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.startGroup();
                    out.startField(ParquetSchemas.MAP_KEY, 0);
                    value(m.key(), e.getKey());
                    out.endField(ParquetSchemas.MAP_KEY, 0);
                    if (e.getValue() != null) {
                        out.startField(ParquetSchemas.MAP_VALUE, 1);
                        value(m.value(), e.getValue());
                        out.endField(ParquetSchemas.MAP_VALUE, 1);
                    }
                    out.endGroup();
                }
                out.endField(ParquetSchemas.MAP_GROUP, 0);
            }
            out.endGroup();
        } else {
            ColumnType.Struct s = (ColumnType.Struct) type;
            out.startGroup();
            Object[] fields = (Object[]) v;
            for (int i = 0; i < s.fields().size(); i++) {
                Object f = i < fields.length ? fields[i] : null;
                if (f != null) {
                    Column c = s.fields().get(i);
                    out.startField(c.name(), i);
                    value(c.type(), f);
                    out.endField(c.name(), i);
                }
            }
            out.endGroup();
        }
    }

    private void primitive(ColumnType.Primitive p, Object v) {
        switch (p) {
            case STRING -> out.addBinary(Binary.fromString((String) v));
            case LONG, TIMESTAMP -> out.addLong((Long) v);
            case INT, DATE -> out.addInteger((Integer) v);
            case BOOLEAN -> out.addBoolean((Boolean) v);
            case DOUBLE -> out.addDouble((Double) v);
            case FLOAT -> out.addFloat((Float) v);
            case BINARY -> out.addBinary(Binary.fromConstantByteArray((byte[]) v));
        }
    }

    private void decimal(ColumnType.Decimal d, BigDecimal v) {
        BigInteger unscaled = v.unscaledValue();
        if (d.precision() <= 9) {
            out.addInteger(unscaled.intValueExact());
        } else if (d.precision() <= 18) {
            out.addLong(unscaled.longValueExact());
        } else {
            out.addBinary(Binary.fromConstantByteArray(fixedWidth(unscaled, ParquetSchemas.decimalBytes(d.precision()))));
        }
    }

    /** Big-endian two's complement, sign-extended to {@code width} bytes. */
    static byte[] fixedWidth(BigInteger unscaled, int width) {
        byte[] raw = unscaled.toByteArray();
        byte[] out = new byte[width];
        byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0x00);
        int offset = width - raw.length;
        for (int i = 0; i < width; i++) {
            out[i] = i < offset ? pad : raw[i - offset];
        }
        return out;
    }
}
