package io.medallion.bench.fleet.check;

import io.medallion.bench.fleet.lake.KernelTables;
import io.medallion.bench.fleet.lake.ShopTables;
import io.medallion.gold.reference.ReferenceKpi;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the lake holds after a run, read once with Delta Kernel and projected to what the checks
 * compare: change keys per layer, clickstream rows, gold windows, late event ids, and every raw
 * personal value bronze received.
 */
public record Evidence(List<ChangeKey> bronzeChanges, List<ConservationCheck.ClickRow> bronzeClicks,
                       List<ChangeKey> silverChanges, List<ConservationCheck.ClickRow> silverClicks,
                       List<ChangeKey> quarantinedChanges, List<Long> quarantinedClicks,
                       List<ReferenceKpi> goldKpis, Set<String> lateEventIds, Set<String> bronzePersonal) {

    /** Personal columns per source table (DESIGN.md section 2). */
    static final Map<String, List<String>> PERSONAL = Map.of(
            "customers", List.of("first_name", "last_name", "email", "phone"),
            "suppliers", List.of("contact_name", "contact_email", "contact_phone"));

    private static final Pattern NUMBER = Pattern.compile("-?\\d+");

    public static Evidence read(Path lake, KernelTables kernel) {
        List<ChangeKey> bronzeChanges = new ArrayList<>();
        List<ConservationCheck.ClickRow> bronzeClicks = new ArrayList<>();
        List<ChangeKey> silverChanges = new ArrayList<>();
        List<ConservationCheck.ClickRow> silverClicks = new ArrayList<>();
        Set<String> personal = new HashSet<>();
        for (String table : ShopTables.all()) {
            String key = ShopTables.keyColumn(table);
            boolean clicks = table.equals(ShopTables.CLICKSTREAM);
            Path bronze = ShopTables.bronze(lake, table);
            if (isTable(bronze)) {
                kernel.scan(bronze, List.of(key, "_source_lsn", "event_id"), row -> {
                    bronzeChanges.add(new ChangeKey(table, (Long) row[0], (Long) row[1]));
                    if (clicks) {
                        bronzeClicks.add(new ConservationCheck.ClickRow((Long) row[0], (String) row[2]));
                    }
                });
                List<String> columns = PERSONAL.get(table);
                if (columns != null) {
                    kernel.scan(bronze, columns, row -> {
                        for (Object v : row) {
                            if (v != null) {
                                personal.add(v.toString());
                            }
                        }
                    });
                }
            }
            Path silver = ShopTables.silver(lake, table);
            if (isTable(silver)) {
                kernel.scan(silver, List.of(key, "_source_lsn", "event_id"), row -> {
                    if (clicks) {
                        silverClicks.add(new ConservationCheck.ClickRow((Long) row[0], (String) row[2]));
                    } else {
                        silverChanges.add(new ChangeKey(table, (Long) row[0], (Long) row[1]));
                    }
                });
            }
        }
        List<ChangeKey> quarantinedChanges = new ArrayList<>();
        List<Long> quarantinedClicks = new ArrayList<>();
        Path quarantine = lake.resolve("silver/quarantine");
        if (isTable(quarantine)) {
            kernel.scan(quarantine, List.of("entity", "source_key", "_source_lsn"), row -> {
                String entity = (String) row[0];
                long key = firstNumber((String) row[1]);
                if (entity.equals(ShopTables.CLICKSTREAM)) {
                    quarantinedClicks.add(key);
                } else {
                    quarantinedChanges.add(new ChangeKey(entity, key, (Long) row[2]));
                }
            });
        }
        return new Evidence(bronzeChanges, bronzeClicks, silverChanges, silverClicks, quarantinedChanges, quarantinedClicks,
                goldKpis(lake, kernel), lateEventIds(lake, kernel), personal);
    }

    /** The rows of gold/kpi_1m as comparable KPIs. */
    public static List<ReferenceKpi> goldKpis(Path lake, KernelTables kernel) {
        Path kpi = lake.resolve("gold/kpi_1m");
        List<ReferenceKpi> rows = new ArrayList<>();
        if (isTable(kpi)) {
            kernel.scan(kpi, List.of("window_start", "window_end", "orders", "gmv", "purchase_users", "view_users",
                    "active_users", "conversion_rate", "events", "page_views", "add_to_carts"), r -> rows.add(new ReferenceKpi(
                    (Instant) r[0], (Instant) r[1], (Long) r[2], (BigDecimal) r[3], (Long) r[4], (Long) r[5], (Long) r[6],
                    (BigDecimal) r[7], (Long) r[8], (Long) r[9], (Long) r[10])));
        }
        return rows;
    }

    /** The event ids in gold/late_events. */
    public static Set<String> lateEventIds(Path lake, KernelTables kernel) {
        Path late = lake.resolve("gold/late_events");
        Set<String> ids = new HashSet<>();
        if (isTable(late)) {
            kernel.scan(late, List.of("event"), r -> {
                if (r[0] instanceof Map<?, ?> event && event.get("event_id") != null) {
                    ids.add(event.get("event_id").toString());
                }
            });
        }
        return ids;
    }

    static boolean isTable(Path table) {
        return Files.isDirectory(table.resolve("_delta_log"));
    }

    /** The id in a quarantine source key such as {@code {"order_id":42}}. */
    static long firstNumber(String json) {
        Matcher m = NUMBER.matcher(json == null ? "" : json);
        if (!m.find()) {
            throw new IllegalArgumentException("no key in quarantine source_key '" + json + "'");
        }
        return Long.parseLong(m.group());
    }
}
