package io.medallion.sink.parquet;

import io.medallion.sink.schema.Column;
import io.medallion.sink.schema.ColumnType;
import io.medallion.sink.schema.TableSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads back files this sink wrote, as full table rows in the row representation of
 * {@link ColumnType}. Columns the file lacks (it predates a schema change) are null; partition
 * columns are left null for the caller to fill from the file's partition values.
 */
public final class ParquetRowReader {

    private final Configuration conf;

    public ParquetRowReader(Configuration conf) {
        this.conf = conf;
    }

    public void read(Path file, TableSchema schema, Consumer<Object[]> rows) {
        List<Column> columns = schema.columns();
        try (ParquetReader<Group> reader = reader(file)) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < columns.size(); i++) {
                    Column c = columns.get(i);
                    if (!schema.partitionColumns().contains(c.name())) {
                        row[i] = field(g, c.name(), c.type());
                    }
                }
                rows.accept(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * A reader on this sink's Configuration. {@code ParquetReader.builder(readSupport, path)}
     * makes a fresh {@code Configuration} per file, which re-parses Hadoop's XML defaults: in a
     * compaction of a few hundred small files that was a tenth of the sink's CPU (JFR, bench/run).
     */
    private ParquetReader<Group> reader(Path file) throws IOException {
        return new ParquetReader.Builder<Group>(HadoopInputFile.fromPath(file, conf), new HadoopParquetConfiguration(conf)) {
            @Override
            protected ReadSupport<Group> getReadSupport() {
                return new GroupReadSupport();
            }
        }.build();
    }

    private static Object field(Group g, String name, ColumnType type) {
        GroupType t = g.getType();
        if (!t.containsField(name)) {
            return null;
        }
        int idx = t.getFieldIndex(name);
        return g.getFieldRepetitionCount(idx) == 0 ? null : value(g, idx, type);
    }

    private static Object value(Group g, int idx, ColumnType type) {
        if (type instanceof ColumnType.Primitive p) {
            return switch (p) {
                case STRING -> g.getString(idx, 0);
                case LONG, TIMESTAMP -> g.getLong(idx, 0);
                case INT, DATE -> g.getInteger(idx, 0);
                case BOOLEAN -> g.getBoolean(idx, 0);
                case DOUBLE -> g.getDouble(idx, 0);
                case FLOAT -> g.getFloat(idx, 0);
                case BINARY -> g.getBinary(idx, 0).getBytes();
            };
        } else if (type instanceof ColumnType.Decimal d) {
            BigInteger unscaled;
            if (d.precision() <= 9) {
                unscaled = BigInteger.valueOf(g.getInteger(idx, 0));
            } else if (d.precision() <= 18) {
                unscaled = BigInteger.valueOf(g.getLong(idx, 0));
            } else {
                Binary b = g.getBinary(idx, 0);
                unscaled = new BigInteger(b.getBytes());
            }
            return new BigDecimal(unscaled, d.scale());
        } else if (type instanceof ColumnType.ArrayOf a) {
            Group list = g.getGroup(idx, 0);
            int n = list.getFieldRepetitionCount(0);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(field(list.getGroup(0, i), ParquetSchemas.LIST_ELEMENT, a.element()));
            }
            return out;
        } else if (type instanceof ColumnType.MapOf m) {
            Group map = g.getGroup(idx, 0);
            int n = map.getFieldRepetitionCount(0);
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                Group kv = map.getGroup(0, i);
                out.put(field(kv, ParquetSchemas.MAP_KEY, m.key()), field(kv, ParquetSchemas.MAP_VALUE, m.value()));
            }
            return out;
        } else {
            ColumnType.Struct s = (ColumnType.Struct) type;
            Group sg = g.getGroup(idx, 0);
            Object[] out = new Object[s.fields().size()];
            for (int i = 0; i < out.length; i++) {
                Column f = s.fields().get(i);
                out[i] = field(sg, f.name(), f.type());
            }
            return out;
        }
    }
}
