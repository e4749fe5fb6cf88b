package io.medallion.loadgen;

import io.medallion.loadgen.db.BatchWriter;
import io.medallion.loadgen.db.IdRegistry;
import io.medallion.loadgen.inventory.ReferenceData;
import io.medallion.loadgen.inventory.ShopSizes;
import io.medallion.loadgen.model.Catalog;
import io.medallion.loadgen.model.RowWrite;
import io.medallion.loadgen.model.ShopTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds each empty reference table (suppliers, warehouses, products, customers, stock levels)
 * and registers the keys of the reference rows that exist, seeded or found, so generated rows
 * can refer to them. Seeded rows are counted like any other generated row.
 */
final class ReferenceSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceSeeder.class);

    private final LoadConfig config;
    private final Connection connection;
    private final BatchWriter writer;
    private final IdRegistry ids;
    private final LoadCounters counters;
    private final ReferenceData reference;

    ReferenceSeeder(LoadConfig config, Connection connection, BatchWriter writer, IdRegistry ids,
                    LoadCounters counters) {
        this.config = config;
        this.connection = connection;
        this.writer = writer;
        this.ids = ids;
        this.counters = counters;
        this.reference = new ReferenceData(config.seed());
    }

    ShopSizes seedOrLoad() throws SQLException {
        int suppliers = ensure(ShopTable.SUPPLIERS, () -> reference.suppliers(config.suppliers()));
        int warehouses = ensure(ShopTable.WAREHOUSES, () -> reference.warehouses(config.warehouses()));
        int products = ensure(ShopTable.PRODUCTS,
                () -> reference.products(Catalog.generate(config.seed(), config.products()), suppliers));
        int customers = ensure(ShopTable.CUSTOMERS, () -> reference.customers(config.customers()));
        if (count(ShopTable.STOCK_LEVELS) == 0) {
            seed(ShopTable.STOCK_LEVELS, reference.stockLevels(reference.openingStock(products, warehouses)));
        }
        return new ShopSizes(suppliers, warehouses, products, customers);
    }

    /** Seeds the table when empty, else registers the keys of its rows in key order. */
    private int ensure(ShopTable table, Supplier<List<RowWrite>> rows) throws SQLException {
        if (count(table) == 0) {
            seed(table, rows.get());
        } else {
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + table.keyColumn() + " FROM " + table.qualifiedName()
                         + " ORDER BY " + table.keyColumn())) {
                long index = 0;
                while (rs.next()) {
                    ids.register(table, index++, rs.getLong(1));
                }
            }
            connection.commit();
            LOG.info("Using the {} existing rows of {}", ids.count(table), table.qualifiedName());
        }
        return (int) ids.count(table);
    }

    private void seed(ShopTable table, List<RowWrite> rows) throws SQLException {
        BatchWriter.Counts counts = writer.write(rows, Instant.now());
        counters.committed(0, counts, new Tally());
        LOG.info("Seeded {} with {} rows", table.qualifiedName(), rows.size());
    }

    private long count(ShopTable table) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table.qualifiedName())) {
            rs.next();
            long n = rs.getLong(1);
            connection.commit();
            return n;
        }
    }
}
