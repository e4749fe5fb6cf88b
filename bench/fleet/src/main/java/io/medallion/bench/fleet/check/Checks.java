package io.medallion.bench.fleet.check;

import io.medallion.bench.fleet.lake.KernelTables;
import io.medallion.bench.fleet.lake.ParquetStrings;
import io.medallion.bench.fleet.lake.ShopTables;
import io.medallion.bench.fleet.lake.TopicCounter;
import io.medallion.bench.fleet.source.AuditSlot;
import io.medallion.bench.fleet.source.SourceChange;
import io.medallion.gold.reference.KpiReferenceQuery;
import io.medallion.gold.reference.ReferenceKpi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Gathers what each check compares (the lake through Kernel, the source through SQL and the
 * audit slot, topics through a read_committed consumer) and runs the checks.
 */
public final class Checks {

    private Checks() {
    }

    /** Every change the audit slot saw on the captured tables. */
    public static List<SourceChange> sourceChanges(Connection source) throws SQLException {
        return AuditSlot.read(source, new HashSet<>(ShopTables.all()));
    }

    public static CheckResult bronze(List<SourceChange> source, Evidence e, boolean exactlyOnce) {
        return BronzeCompletenessCheck.evaluate(source, e.bronzeChanges(), exactlyOnce);
    }

    /** @param exactlyOnce false after a capture restart: re-sent invalid rows may be quarantined again */
    public static CheckResult conservation(Evidence e, boolean exactlyOnce) {
        return ConservationCheck.evaluate(e.bronzeClicks(), e.silverClicks(), e.quarantinedClicks(), exactlyOnce);
    }

    public static CheckResult silverExactlyOnce(Evidence e) {
        List<ChangeKey> bronze = e.bronzeChanges().stream().filter(k -> !k.table().equals(ShopTables.CLICKSTREAM)).toList();
        return SilverExactlyOnceCheck.evaluate(bronze, e.silverChanges(), e.quarantinedChanges());
    }

    /** The SQL reference for the source as it is now, without the events gold reported late. */
    public static List<ReferenceKpi> reference(Connection source, Duration window, Set<String> lateEventIds) throws SQLException {
        return KpiReferenceQuery.run(source, window, KpiReferenceQuery.SILVER_MAX_FUTURE_SKEW, lateEventIds);
    }

    public static CheckResult gold(Evidence e, List<ReferenceKpi> reference) {
        return GoldKpiCheck.evaluate(e.goldKpis(), reference);
    }

    public static CheckResult pii(Path lake, Evidence e, Connection source) throws SQLException {
        Set<String> personal = new LinkedHashSet<>(e.bronzePersonal());
        List<String> nonPersonal = new ArrayList<>();
        try (Statement s = source.createStatement()) {
            collect(s, "SELECT first_name, last_name, email, phone FROM shop.customers", personal);
            collect(s, "SELECT contact_name, contact_email, contact_phone FROM shop.suppliers", personal);
            collect(s, "SELECT name FROM shop.suppliers", nonPersonal);
            collect(s, "SELECT sku, name, category, brand FROM shop.products", nonPersonal);
            collect(s, "SELECT code, name, city FROM shop.warehouses", nonPersonal);
            collect(s, "SELECT DISTINCT carrier FROM shop.shipments", nonPersonal);
        }
        List<Path> files = new ArrayList<>();
        for (String layer : List.of("silver", "gold")) {
            files.addAll(filesUnder(lake.resolve(layer)));
        }
        PiiCheck.Source scanned = visitor -> {
            for (Path f : files) {
                String location = lake.relativize(f).toString();
                if (f.toString().endsWith(".parquet")) {
                    try {
                        ParquetStrings.forEach(f, (column, text) -> visitor.accept(new PiiCheck.Scanned(location + " " + column, text)));
                    } catch (RuntimeException unreadable) {
                        // An orphan a killed writer left half-written (no Delta version references
                        // it): what it holds is still on disk, so its raw bytes are scanned.
                        try {
                            visitor.accept(new PiiCheck.Scanned(location + " (unreadable, raw bytes)",
                                    new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1)));
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                    }
                } else {
                    try {
                        visitor.accept(new PiiCheck.Scanned(location, Files.readString(f)));
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                }
            }
        };
        return PiiCheck.evaluate(personal, nonPersonal, scanned, files.size());
    }

    /** Every Parquet data file and Delta log entry under a layer, orphans included. */
    static List<Path> filesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".parquet") || (p.toString().endsWith(".json") && p.getParent().endsWith("_delta_log")))
                    .sorted().toList();
        } catch (IOException ex) {
            throw new UncheckedIOException("could not list " + dir, ex);
        }
    }

    public static CheckResult deltaTables(Path lake, KernelTables kernel, String bootstrapServers) {
        record Found(String layer, Path table, Optional<String> topic) {
        }
        List<Found> found = new ArrayList<>();
        for (String layer : List.of("bronze", "silver", "gold")) {
            for (Path t : KernelTables.tablesUnder(lake.resolve(layer))) {
                found.add(new Found(layer, t, ShopTables.topicOf(layer, t.getFileName().toString())));
            }
        }
        Set<String> topics = new LinkedHashSet<>();
        found.forEach(f -> f.topic().ifPresent(topics::add));
        Map<String, Long> records = TopicCounter.count(bootstrapServers, topics);
        Map<String, Long> deadLettered = new HashMap<>();
        for (Found f : found) {
            if (f.topic().isEmpty()) {
                try {
                    kernel.scan(f.table(), List.of("source_topic"), r -> deadLettered.merge(String.valueOf(r[0]), 1L, Long::sum));
                } catch (RuntimeException ignored) {
                    // Reported below as not readable.
                }
            }
        }
        List<DeltaTablesCheck.TableCount> counts = new ArrayList<>();
        for (Found f : found) {
            String name = lake.relativize(f.table()).toString();
            long rows;
            Optional<String> error = Optional.empty();
            try {
                rows = kernel.rowCount(f.table());
            } catch (RuntimeException ex) {
                rows = -1;
                error = Optional.of(ex.toString());
            }
            counts.add(new DeltaTablesCheck.TableCount(name, f.topic(), rows, error,
                    f.topic().map(t -> records.getOrDefault(t, 0L)).orElse(0L),
                    f.topic().map(t -> deadLettered.getOrDefault(t, 0L)).orElse(0L)));
        }
        return DeltaTablesCheck.evaluate(counts);
    }

    private static void collect(Statement s, String sql, java.util.Collection<String> into) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    String v = rs.getString(c);
                    if (v != null) {
                        into.add(v);
                    }
                }
            }
        }
    }
}
