package io.medallion.bench.fleet.lake;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * Every text and byte value of a Parquet file, nested ones included, decoded as UTF-8: what a
 * reader of the file could see, whatever table (if any) references it.
 */
public final class ParquetStrings {

    private static final Configuration CONF = new Configuration();

    private ParquetStrings() {
    }

    /** Calls {@code values} with each value's column path ({@code event.user_id}) and text. */
    public static void forEach(Path file, BiConsumer<String, String> values) {
        try (ParquetReader<Group> reader = open(file)) {
            Group g;
            while ((g = reader.read()) != null) {
                walk(g, "", values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    @SuppressWarnings("deprecation")
    private static ParquetReader<Group> open(Path file) throws IOException {
        return ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri())).withConf(CONF).build();
    }

    private static void walk(Group g, String prefix, BiConsumer<String, String> values) {
        GroupType type = g.getType();
        for (int f = 0; f < type.getFieldCount(); f++) {
            Type field = type.getType(f);
            String path = prefix + field.getName();
            int repetitions = g.getFieldRepetitionCount(f);
            for (int i = 0; i < repetitions; i++) {
                if (!field.isPrimitive()) {
                    walk(g.getGroup(f, i), path + ".", values);
                } else if (isText(field.asPrimitiveType())) {
                    Binary b = g.getBinary(f, i);
                    values.accept(path, new String(b.getBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }

    private static boolean isText(PrimitiveType type) {
        return type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
                && !(type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation);
    }
}
