package io.medallion.loadgen.db;

import static io.medallion.loadgen.model.RowWrite.Assignment.add;
import static io.medallion.loadgen.model.RowWrite.Assignment.set;
import static io.medallion.loadgen.model.Value.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medallion.loadgen.SchemaInstaller;
import io.medallion.loadgen.model.RowWrite;
import io.medallion.loadgen.model.RowWrite.Match;
import io.medallion.loadgen.model.ShopTable;
import io.medallion.loadgen.model.Value;
import io.medallion.testkit.SharedServers;
import io.medallion.testkit.postgres.EmbeddedPostgresServer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchWriterIT {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    private final EmbeddedPostgresServer pg = SharedServers.postgres();
    private String db;

    @BeforeEach
    void database() throws Exception {
        db = "writer_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        pg.createDatabase(db);
        try (Connection c = pg.connect(db)) {
            SchemaInstaller.install(c);
        }
    }

    private BatchWriter writer(IdRegistry ids) throws Exception {
        return new BatchWriter(pg.connect(db), ids);
    }

    @Test
    void mergedUpdatesKeepEachRowsHistoryAndLeaveUnnamedColumnsAlone() throws Exception {
        IdRegistry ids = new IdRegistry();
        try (BatchWriter w = writer(ids)) {
            w.write(List.of(
                    RowWrite.Insert.of(ShopTable.CUSTOMERS, 0, "Anna", "Martin", "anna@example.com", "+33 1", "FR",
                            "consumer"),
                    RowWrite.Insert.of(ShopTable.CUSTOMERS, 1, "Lukas", "Muller", "lukas@example.com", null, "DE",
                            "consumer")), T);
            BatchWriter.Counts counts = w.write(List.of(
                    RowWrite.updateByKey(ShopTable.CUSTOMERS, 0, set("email", "first@example.com")),
                    RowWrite.updateByKey(ShopTable.CUSTOMERS, 1, set("segment", "enterprise")),
                    RowWrite.updateByKey(ShopTable.CUSTOMERS, 0, set("segment", "small_business"),
                            set("updated_at", Value.Now.NOW)),
                    RowWrite.updateByKey(ShopTable.CUSTOMERS, 0, set("email", "last@example.com"))), T.plusSeconds(60));
            assertThat(counts.byTable().get(ShopTable.CUSTOMERS)[BatchWriter.Counts.UPDATED]).isEqualTo(4);
        }
        try (Connection c = pg.connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT email, segment, phone, updated_at FROM shop.customers ORDER BY customer_id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("last@example.com");
            assertThat(rs.getString(2)).isEqualTo("small_business");
            assertThat(rs.getString(3)).isEqualTo("+33 1");
            assertThat(rs.getObject(4, OffsetDateTime.class).toInstant()).isEqualTo(T.plusSeconds(60));
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("lukas@example.com");
            assertThat(rs.getString(2)).isEqualTo("enterprise");
            assertThat(rs.getString(3)).isNull();
        }
    }

    @Test
    void keysComeFromTheTablesSequencesAndIncrementsAddUp() throws Exception {
        IdRegistry ids = new IdRegistry();
        try (BatchWriter w = writer(ids)) {
            w.write(List.of(
                    RowWrite.Insert.of(ShopTable.SUPPLIERS, 0, "S", null, null, null, "FR"),
                    RowWrite.Insert.of(ShopTable.WAREHOUSES, 0, "PAR1", "Paris", "FR", "Paris", 1000),
                    RowWrite.Insert.of(ShopTable.PRODUCTS, 0, "SKU-1", "Lamp", "home", null,
                            ref(ShopTable.SUPPLIERS, 0), new BigDecimal("9.99"), "EUR", true),
                    RowWrite.Insert.of(ShopTable.STOCK_LEVELS, RowWrite.NO_INDEX, ref(ShopTable.PRODUCTS, 0),
                            ref(ShopTable.WAREHOUSES, 0), 10, 0, 5)), T);
            RowWrite.Update minusThree = new RowWrite.Update(ShopTable.STOCK_LEVELS, List.of(add("quantity_on_hand", -3)),
                    List.of(new Match("product_id", ref(ShopTable.PRODUCTS, 0)),
                            new Match("warehouse_id", ref(ShopTable.WAREHOUSES, 0))));
            RowWrite.Update plusTen = new RowWrite.Update(ShopTable.STOCK_LEVELS,
                    List.of(add("quantity_on_hand", 10), set("updated_at", Value.Now.NOW)), minusThree.where());
            w.write(List.of(minusThree, plusTen, minusThree), T);
        }
        try (Connection c = pg.connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT p.product_id, s.quantity_on_hand FROM shop.products p"
                     + " JOIN shop.stock_levels s USING (product_id)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(ids.resolve(ShopTable.PRODUCTS, 0));
            assertThat(rs.getInt(2)).isEqualTo(14);
        }
    }

    @Test
    void aFailedBatchLeavesNothingBehind() throws Exception {
        try (BatchWriter w = writer(new IdRegistry())) {
            assertThatThrownBy(() -> w.write(List.of(
                    RowWrite.Insert.of(ShopTable.WAREHOUSES, 0, "PAR1", "Paris", "FR", "Paris", 1000),
                    RowWrite.Insert.of(ShopTable.WAREHOUSES, 1, "PAR1", "Paris again", "FR", "Paris", 1000)), T))
                    .hasMessageContaining("duplicate key");
        }
        try (Connection c = pg.connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM shop.warehouses")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }
}
