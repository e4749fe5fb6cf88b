package io.medallion.local;

import io.medallion.common.config.Settings;
import io.medallion.common.lifecycle.Health;
import io.medallion.loadgen.LoadConfig;
import io.medallion.loadgen.LoadGenerator;
import io.medallion.loadgen.LoadStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The open-loop load generator at {@code --rate} with {@code --seed}, until the stack stops. */
final class LoadComponent implements StackComponent {

    private final LoadGenerator generator;
    private final Rate rate = new Rate();

    LoadComponent(StackContext context) {
        Settings published = context.settings();
        LoadConfig config = LoadConfig.from(context.serviceSettings(Map.of(
                LoadConfig.JDBC_URL, published.string(StackContext.PG_JDBC_URL),
                LoadConfig.USER, published.string(StackContext.PG_USER),
                LoadConfig.PASSWORD, published.string(StackContext.PG_PASSWORD, ""),
                LoadConfig.INSTALL_SCHEMA, "false",
                LoadConfig.RATE, Integer.toString(context.options().rate()),
                LoadConfig.SEED, Long.toString(context.options().seed())), LoadConfig.PREFIX));
        this.generator = new LoadGenerator(config);
    }

    @Override
    public String name() {
        return generator.name();
    }

    @Override
    public void start() {
        generator.start();
    }

    @Override
    public Health health() {
        return generator.health();
    }

    public LoadStats stats() {
        return generator.stats();
    }

    @Override
    public Optional<String> status() {
        long events = generator.stats().events();
        return Optional.of("generated " + Formats.count(rate.perSecond(events)) + "/s (" + Formats.count(events) + ")");
    }

    @Override
    public List<String> summary() {
        LoadStats s = generator.stats();
        List<String> lines = new ArrayList<>();
        lines.add("load generator: " + Formats.count(s.events()) + " events committed; rows per table (inserted/updated/deleted):");
        new java.util.TreeMap<>(s.tables()).forEach((table, c) -> {
            if (c.inserted() + c.updated() + c.deleted() > 0) {
                lines.add(String.format("  %-22s %10s %10s %10s", "shop." + table, Formats.count(c.inserted()),
                        Formats.count(c.updated()), Formats.count(c.deleted())));
            }
        });
        s.anomalies().forEach((kind, n) -> {
            if (n > 0) {
                lines.add(String.format("  %-22s %10s", kind.name().toLowerCase(), Formats.count(n)));
            }
        });
        return lines;
    }

    @Override
    public Role role() {
        return Role.SOURCE;
    }

    @Override
    public void close() {
        generator.close();
    }
}
