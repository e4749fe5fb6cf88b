package io.medallion.local;

import io.medallion.capture.CaptureStats;
import io.medallion.capture.EngineState;
import io.medallion.common.topics.TopicNames;
import io.medallion.gold.reference.KpiReferenceQuery;
import io.medallion.gold.reference.ReferenceKpi;
import io.medallion.loadgen.Anomaly;
import io.medallion.loadgen.LoadStats;
import io.medallion.silver.metrics.SilverCounters;
import io.medallion.sink.Layer;
import io.medallion.testkit.delta.DeltaKernelReader;
import io.medallion.testkit.postgres.EmbeddedPostgresServer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole fleet end to end, as {@code ./medallion local} runs it: embedded PostgreSQL, the
 * in-process broker and registry, the real Debezium engine, every service, the load generator.
 * One stack run (short KPI windows, a fixed seed, a modest rate) is shared by the checks; the
 * Delta tables are read back with Delta Kernel (libs/testkit), never with the sink's own reader,
 * and compared with what PostgreSQL holds after the run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetIT {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(8);
    private static final Duration RUN = Duration.ofSeconds(25);
    private static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("medallion.gold.window-size", "10s"),
            // The grace also has to cover silver-enricher's delay behind the capture heartbeat,
            // which drives gold's clock when the stack is still warming up on a busy machine.
            Map.entry("medallion.gold.grace", "8s"),
            // Out-of-order events stay inside the grace; late ones miss their window (size + grace = 18 s).
            Map.entry("medallion.loadgen.out-of-order-spread", "2s"),
            Map.entry("medallion.loadgen.lateness-min", "25s"),
            Map.entry("medallion.loadgen.lateness-max", "40s"),
            // More anomalies than the defaults, so every term of the conservation law is sizeable.
            Map.entry("medallion.loadgen.duplicate-share", "0.05"),
            Map.entry("medallion.loadgen.duplicate-delay", "1s"),
            Map.entry("medallion.loadgen.late-share", "0.03"),
            Map.entry("medallion.loadgen.invalid-share", "0.05"),
            Map.entry("medallion.loadgen.customers", "500"),
            Map.entry("medallion.loadgen.products", "200"));
    private static final Pattern KPI_LINE = Pattern.compile(
            "KPI \\d\\d:\\d\\d:\\d\\d-\\d\\d:\\d\\d:\\d\\d UTC \\| orders [\\d,]+ \\| GMV [\\d,]+\\.\\d\\d \\| users purchase [\\d,]+"
                    + " view [\\d,]+ active [\\d,]+ \\| conversion \\d\\.\\d{4} \\| late so far [\\d,]+");

    @TempDir
    static Path data;

    private final DeltaKernelReader kernel = new DeltaKernelReader();
    private LocalStack stack;
    private int exitCode;
    private String console;
    private boolean postgresStoppedWithTheStack;
    /** The stack's PostgreSQL, started again on its data folder to compare the tables with the source. */
    private EmbeddedPostgresServer postgres;

    @BeforeAll
    void runTheFleet() {
        LaunchOptions options = new LaunchOptions(60, RUN, data, 11, Optional.empty());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        stack = new LocalStack(options, new PrintStream(printed, true, StandardCharsets.UTF_8), false,
                new StackTuning(SETTINGS, true));

        exitCode = stack.run();

        console = printed.toString(StandardCharsets.UTF_8);
        System.out.println(console);
        postgresStoppedWithTheStack = !Files.exists(data.resolve("postgres").resolve("postmaster.pid"));
        postgres = EmbeddedPostgresServer.builder().dataDirectory(data.resolve("postgres")).start();
    }

    @AfterAll
    void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theStackRanShowedItsProgressAndStoppedCleanlyInDataFlowOrder() {
        assertThat(exitCode).as(console).isZero();
        assertThat(console).doesNotContain("FAILED", "did not drain", "did not stop cleanly", "stay open");
        assertThat(console).contains("PostgreSQL       jdbc:postgresql://localhost:", "Kafka bootstrap  localhost:",
                "Schema registry  http://127.0.0.1:");
        assertThat(console).containsPattern("0:\\d\\d of 0:25 \\| captured \\d+/s \\([\\d,]+\\) \\| slot lag .* \\| bronze [\\d,]+ rows"
                + " \\| silver [\\d,]+ rows \\| gold [\\d,]+ rows \\| generated \\d+/s");
        assertThat(stopOrder()).containsExactly("loadgen", "cdc-capture", "bronze-writer[bronze]", "silver-enricher",
                "bronze-writer[silver]", "gold-kpi", "bronze-writer[gold]", "schema-registry", "kafka", "shop-schema", "postgresql");
        assertThat(console).contains("Summary", "bronze/shop_web_events", "silver/web_events", "silver/quarantine",
                "gold/kpi_1m", "gold/late_events", "duplicates removed", "KPI windows closed");
        assertThat(stack.component(CaptureComponent.class).orElseThrow().stats().state()).isEqualTo(EngineState.STOPPED);
        assertThat(postgresStoppedWithTheStack).as("PostgreSQL stopped with the stack").isTrue();

        List<String> kpiLines = console.lines().filter(l -> l.startsWith("KPI ")).toList();
        assertThat(kpiLines).allMatch(l -> KPI_LINE.matcher(l).matches());
        assertThat(kpiLines).as("one console line per closed window").hasSize((int) kernel.rowCount(table("gold/kpi_1m")));
    }

    @Test
    void bronzeHoldsEveryCommittedSourceChangeExactlyOnce() throws SQLException {
        CaptureStats capture = stack.component(CaptureComponent.class).orElseThrow().stats();
        LoadStats load = stack.component(LoadComponent.class).orElseThrow().stats();
        SoftAssertions softly = new SoftAssertions();
        try (Connection c = connect()) {
            for (String t : TopicNames.SHOP_TABLES) {
                String key = primaryKey(c, t);
                List<Map<String, Object>> changes = kernel.read(table("bronze/shop_" + t)).rows();
                LoadStats.TableCounts generated = load.tables().get(t);

                softly.assertThat((long) changes.size()).as("bronze rows of %s vs changes captured", t)
                        .isEqualTo(capture.changesPerTable().get("shop." + t));
                softly.assertThat((long) changes.size()).as("bronze rows of %s vs rows the generator changed", t)
                        .isEqualTo(generated.inserted() + generated.updated() + generated.deleted());
                Map<List<Object>, Long> perChange = changes.stream().collect(Collectors.groupingBy(
                        r -> List.of(id(r.get(key)), r.get("_source_lsn")), Collectors.counting()));
                softly.assertThat(perChange.values()).as("each (key, LSN) of %s once", t).allMatch(n -> n == 1);
                softly.assertThat(presentAfterReplay(changes, key)).as("rows of %s: replaying bronze vs PostgreSQL", t)
                        .isEqualTo(ids(c, "SELECT " + key + " FROM shop." + t));
            }
            List<Map<String, Object>> clicks = kernel.read(table("bronze/shop_web_events")).rows();
            softly.assertThat(clicks).extracting(r -> r.get("_op")).containsOnly("c");
            softly.assertThat(clicks.stream().map(r -> id(r.get("id"))).sorted().toList()).as("every web_events row id, once")
                    .isEqualTo(ids(c, "SELECT id FROM shop.web_events").stream().sorted().toList());
            softly.assertThat(clicks).as("the run produced clickstream").hasSizeGreaterThan(500);
        }
        softly.assertAll();
    }

    @Test
    void clickstreamConservationLawHoldsAndEachTermIsWhatTheGeneratorProduced() {
        LoadStats load = stack.component(LoadComponent.class).orElseThrow().stats();
        SilverCounters silver = stack.component(SilverComponent.class).orElseThrow().counters();
        long bronze = kernel.rowCount(table("bronze/shop_web_events"));
        List<Map<String, Object>> events = kernel.read(table("silver/web_events")).rows();
        long quarantined = kernel.read(table("silver/quarantine")).rows().stream()
                .filter(r -> "web_events".equals(r.get("entity"))).count();
        long duplicates = silver.dedupHits().getOrDefault("web_events", 0L);

        assertThat(bronze).as("bronze = silver + quarantined + duplicates removed")
                .isEqualTo(events.size() + quarantined + duplicates);
        assertThat((long) events.size()).as("silver web_events = distinct valid events generated")
                .isEqualTo(load.validClickEvents().values().stream().mapToLong(Long::longValue).sum());
        assertThat(quarantined).as("quarantined web_events = invalid events generated").isEqualTo(load.invalidRows());
        assertThat(duplicates).as("duplicates removed = duplicates generated").isEqualTo(load.anomalies(Anomaly.DUPLICATE));
        assertThat(events.stream().map(r -> r.get("event_id")).distinct().count()).as("no event id twice in silver")
                .isEqualTo(events.size());
        assertThat(List.of(quarantined, duplicates)).as("every term is sizeable").allMatch(n -> n >= 10);
    }

    @Test
    void goldKpisEqualTheIndependentSqlComputationWindowByWindow() throws SQLException {
        List<ReferenceKpi> gold = kernel.read(table("gold/kpi_1m")).rows().stream().map(FleetIT::kpi)
                .sorted(Comparator.comparing(ReferenceKpi::windowStart)).toList();
        List<String> lateEventIds = kernel.read(table("gold/late_events")).rows().stream()
                .map(r -> (String) ((Map<?, ?>) r.get("event")).get("event_id")).toList();
        List<ReferenceKpi> reference;
        try (Connection c = connect()) {
            reference = KpiReferenceQuery.run(c, WINDOW, KpiReferenceQuery.SILVER_MAX_FUTURE_SKEW, lateEventIds)
                    .stream().map(FleetIT::normalized).toList();
        }

        assertThat(gold).as("gold/kpi_1m vs SQL over shop.web_events without gold's %d late events", lateEventIds.size())
                .containsExactlyElementsOf(reference);
        assertThat(gold).as("windows with events").hasSizeGreaterThanOrEqualTo(2);
        assertThat(lateEventIds).as("late events found, each once").isNotEmpty().doesNotHaveDuplicates()
                .hasSize((int) stack.component(GoldComponent.class).orElseThrow().lateEvents());
    }

    @Test
    void noRawPersonalDataReachesSilverOrGold() throws SQLException, IOException {
        PersonalData pii = personalData();
        assertThat(pii.emailCount()).as("customer and supplier e-mails known").isGreaterThanOrEqualTo(500);
        assertThat(pii.phoneCount()).isGreaterThan(100);
        // The scanner finds what it looks for: raw values sit in bronze's rows and file statistics.
        assertThat(kernel.read(table("bronze/shop_customers")).rows()).anyMatch(r -> !pii.foundIn(r).isEmpty());
        assertThat(filesUnder(table("bronze/shop_customers"))).anyMatch(f -> !pii.foundInFile(f).isEmpty());

        List<String> leaks = new ArrayList<>();
        int rows = 0;
        for (String layer : List.of("silver", "gold")) {
            for (Path t : DeltaTables.under(data.resolve("delta").resolve(layer))) {
                for (Map<String, Object> row : kernel.read(t).rows()) {
                    rows++;
                    pii.foundIn(row).forEach(v -> leaks.add(layer + "/" + t.getFileName() + " row: " + v));
                }
            }
            List<Path> files = filesUnder(data.resolve("delta").resolve(layer));
            assertThat(files).as("%s files scanned", layer).isNotEmpty();
            for (Path f : files) {
                pii.foundInFile(f).forEach(v -> leaks.add(f + ": " + v));
            }
        }
        assertThat(rows).as("silver customers and suppliers were read").isGreaterThan(500);
        assertThat(leaks).isEmpty();
    }

    @Test
    void noRecordEndedAsADeadLetter() {
        SoftAssertions softly = new SoftAssertions();
        for (String layer : List.of("bronze", "silver", "gold")) {
            for (String name : List.of(Layer.DEAD_LETTER_TABLE, "dead_letters")) {
                Path t = data.resolve("delta").resolve(layer).resolve(name);
                if (Files.isDirectory(t.resolve("_delta_log"))) {
                    softly.assertThat(kernel.rowCount(t)).as("%s/%s", layer, name).isZero();
                }
            }
        }
        softly.assertThat(stack.component(SilverComponent.class).orElseThrow().counters().totalDeadLetters()).isZero();
        softly.assertAll();
    }

    // --- helpers ---

    private Path table(String relative) {
        return data.resolve("delta").resolve(relative);
    }

    private Connection connect() throws SQLException {
        return postgres.connect(EmbeddedPostgresComponent.DATABASE);
    }

    private List<String> stopOrder() {
        Matcher m = Pattern.compile("(?m)^stopping (\\S+) \\.\\.\\.$").matcher(console);
        List<String> order = new ArrayList<>();
        while (m.find()) {
            order.add(m.group(1));
        }
        return order;
    }

    private static String primaryKey(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                + " ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary")) {
            ps.setString(1, "shop." + table);
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
            assertThat(columns).as("primary key of shop.%s", table).hasSize(1);
            return columns.get(0);
        }
    }

    private static Set<Long> ids(Connection c, String sql) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static long id(Object value) {
        return ((Number) value).longValue();
    }

    /** The keys whose last change (in LSN order) is not a delete. */
    private static Set<Long> presentAfterReplay(List<Map<String, Object>> changes, String key) {
        Map<Long, String> lastOp = new HashMap<>();
        changes.stream().sorted(Comparator.comparingLong(r -> (Long) r.get("_source_lsn")))
                .forEach(r -> lastOp.put(id(r.get(key)), (String) r.get("_op")));
        return lastOp.entrySet().stream().filter(e -> !"d".equals(e.getValue())).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static ReferenceKpi kpi(Map<String, Object> row) {
        Function<String, Long> n = c -> ((Number) row.get(c)).longValue();
        return normalized(new ReferenceKpi((Instant) row.get("window_start"), (Instant) row.get("window_end"), n.apply("orders"),
                (BigDecimal) row.get("gmv"), n.apply("purchase_users"), n.apply("view_users"), n.apply("active_users"),
                (BigDecimal) row.get("conversion_rate"), n.apply("events"), n.apply("page_views"), n.apply("add_to_carts")));
    }

    /** The contract's scales (decimal(18,2), decimal(7,4)); UNNECESSARY: a value with more digits fails. */
    private static ReferenceKpi normalized(ReferenceKpi k) {
        return new ReferenceKpi(k.windowStart(), k.windowEnd(), k.orders(), k.gmv().setScale(2, RoundingMode.UNNECESSARY),
                k.purchaseUsers(), k.viewUsers(), k.activeUsers(), k.conversionRate().setScale(4, RoundingMode.UNNECESSARY),
                k.events(), k.pageViews(), k.addToCarts());
    }

    /** Every personal value the source ever held: each version in bronze, and what PostgreSQL holds now. */
    private PersonalData personalData() throws SQLException {
        PersonalData pii = new PersonalData();
        for (Map<String, Object> r : kernel.read(table("bronze/shop_customers")).rows()) {
            pii.addName(r.get("first_name"));
            pii.addName(r.get("last_name"));
            pii.addEmail(r.get("email"));
            pii.addPhone(r.get("phone"));
        }
        for (Map<String, Object> r : kernel.read(table("bronze/shop_suppliers")).rows()) {
            pii.addName(r.get("contact_name"));
            pii.addEmail(r.get("contact_email"));
            pii.addPhone(r.get("contact_phone"));
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT first_name, last_name, email, phone FROM shop.customers")) {
                while (rs.next()) {
                    pii.addName(rs.getString(1));
                    pii.addName(rs.getString(2));
                    pii.addEmail(rs.getString(3));
                    pii.addPhone(rs.getString(4));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT contact_name, contact_email, contact_phone FROM shop.suppliers")) {
                while (rs.next()) {
                    pii.addName(rs.getString(1));
                    pii.addEmail(rs.getString(2));
                    pii.addPhone(rs.getString(3));
                }
            }
        }
        return pii;
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
