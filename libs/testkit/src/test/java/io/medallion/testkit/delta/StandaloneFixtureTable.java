package io.medallion.testkit.delta;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.Operation;
import io.delta.standalone.OptimisticTransaction;
import io.delta.standalone.actions.Action;
import io.delta.standalone.actions.AddFile;
import io.delta.standalone.actions.Metadata;
import io.delta.standalone.actions.SetTransaction;
import io.delta.standalone.types.ArrayType;
import io.delta.standalone.types.BinaryType;
import io.delta.standalone.types.BooleanType;
import io.delta.standalone.types.DateType;
import io.delta.standalone.types.DecimalType;
import io.delta.standalone.types.IntegerType;
import io.delta.standalone.types.LongType;
import io.delta.standalone.types.MapType;
import io.delta.standalone.types.StringType;
import io.delta.standalone.types.StructField;
import io.delta.standalone.types.StructType;
import io.delta.standalone.types.TimestampType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/**
 * Writes small Delta tables with Delta Standalone and parquet-avro (the writer stack the sink
 * uses), covering every column kind the Kernel reader converts, so the reader is tested against
 * files it did not write itself.
 */
final class StandaloneFixtureTable {

    static final String PARTITION_COLUMN = "country";

    /** One row; {@code country} is the partition value, kept in the Delta log, not the file. */
    record FixtureRow(long id, String name, int qty, boolean active, BigDecimal price, Instant ts,
                      LocalDate day, byte[] payload, List<String> tags, Map<String, Long> attrs,
                      String city, Integer zip, String country) {
    }

    private static final Schema DECIMAL = LogicalTypes.decimal(10, 2).addToSchema(Schema.create(Schema.Type.BYTES));
    private static final Schema TIMESTAMP = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    private static final Schema DATE = LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
    private static final Schema ADDRESS = SchemaBuilder.record("address").fields()
            .requiredString("city")
            .optionalInt("zip")
            .endRecord();
    private static final Schema FILE_SCHEMA = SchemaBuilder.record("fixture").fields()
            .requiredLong("id")
            .optionalString("name")
            .requiredInt("qty")
            .requiredBoolean("active")
            .name("price").type(DECIMAL).noDefault()
            .name("ts").type(TIMESTAMP).noDefault()
            .name("day").type(DATE).noDefault()
            .requiredBytes("payload")
            .name("tags").type().array().items().stringType().noDefault()
            .name("attrs").type().map().values().longType().noDefault()
            .name("address").type().optional().type(ADDRESS)
            .endRecord();

    static final StructType DELTA_SCHEMA = new StructType(new StructField[] {
            new StructField("id", new LongType(), false),
            new StructField("name", new StringType(), true),
            new StructField("qty", new IntegerType(), false),
            new StructField("active", new BooleanType(), false),
            new StructField("price", new DecimalType(10, 2), false),
            new StructField("ts", new TimestampType(), false),
            new StructField("day", new DateType(), false),
            new StructField("payload", new BinaryType(), false),
            new StructField("tags", new ArrayType(new StringType(), false), false),
            new StructField("attrs", new MapType(new StringType(), new LongType(), false), false),
            new StructField("address", new StructType(new StructField[] {
                    new StructField("city", new StringType(), false),
                    new StructField("zip", new IntegerType(), true)}), true),
            new StructField(PARTITION_COLUMN, new StringType(), true),
    });

    private final Path root;
    private final Configuration conf = new Configuration();
    private final DeltaLog log;

    StandaloneFixtureTable(Path root) {
        this.root = root;
        this.log = DeltaLog.forTable(conf, root.toString());
    }

    /** Commits one Parquet file per partition value, plus a txn action when appId is given. */
    List<AddFile> commit(List<FixtureRow> rows, Optional<String> appId, long txnVersion) throws IOException {
        OptimisticTransaction txn = log.startTransaction();
        if (!log.tableExists()) {
            txn.updateMetadata(Metadata.builder()
                    .schema(DELTA_SCHEMA)
                    .partitionColumns(List.of(PARTITION_COLUMN))
                    .build());
        }
        List<AddFile> added = new ArrayList<>();
        for (String country : rows.stream().map(FixtureRow::country).distinct().toList()) {
            added.add(writeFile(country, rows.stream().filter(r -> r.country().equals(country)).toList()));
        }
        List<Action> actions = new ArrayList<>(added);
        appId.ifPresent(id -> actions.add(new SetTransaction(id, txnVersion, Optional.of(System.currentTimeMillis()))));
        txn.commit(actions, new Operation(Operation.Name.WRITE), "medallion-testkit-test");
        return added;
    }

    /** Commits the removal of files added earlier. */
    void remove(List<AddFile> files) {
        OptimisticTransaction txn = log.startTransaction();
        txn.readWholeTable();
        txn.commit(files.stream().map(f -> f.remove(System.currentTimeMillis())).toList(),
                new Operation(Operation.Name.DELETE), "medallion-testkit-test");
    }

    private AddFile writeFile(String country, List<FixtureRow> rows) throws IOException {
        String relative = PARTITION_COLUMN + "=" + country + "/part-" + UUID.randomUUID() + ".parquet";
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Configuration writeConf = new Configuration(conf);
        writeConf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
                        HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), writeConf))
                .withSchema(FILE_SCHEMA)
                .withDataModel(model)
                .withConf(writeConf)
                .build()) {
            for (FixtureRow row : rows) {
                writer.write(toRecord(row));
            }
        }
        return new AddFile(relative, Map.of(PARTITION_COLUMN, country), Files.size(file),
                System.currentTimeMillis(), true, null, null);
    }

    private static GenericRecord toRecord(FixtureRow row) {
        GenericData.Record r = new GenericData.Record(FILE_SCHEMA);
        r.put("id", row.id());
        r.put("name", row.name());
        r.put("qty", row.qty());
        r.put("active", row.active());
        r.put("price", row.price());
        r.put("ts", ChronoUnit.MICROS.between(Instant.EPOCH, row.ts()));
        r.put("day", (int) row.day().toEpochDay());
        r.put("payload", ByteBuffer.wrap(row.payload()));
        r.put("tags", row.tags());
        r.put("attrs", row.attrs());
        if (row.city() != null) {
            GenericData.Record address = new GenericData.Record(ADDRESS);
            address.put("city", row.city());
            address.put("zip", row.zip());
            r.put("address", address);
        }
        return r;
    }
}
