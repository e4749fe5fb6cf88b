package io.medallion.loadgen;

import io.medallion.loadgen.db.DatabaseConfig;
import io.medallion.loadgen.db.SqlScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies db/shop-schema.sql to a database, only what is missing, in one transaction: a table
 * that exists is left exactly as it is (no replica identity, index or comment changes), a
 * missing table is created with everything the script says about it, and the schema and the
 * publication are created when absent. So the same call bootstraps an empty database and is
 * safe on someone's existing one.
 */
public final class SchemaInstaller {

    public static final String DDL_RESOURCE = "/db/shop-schema.sql";
    public static final String PUBLICATION = "medallion";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaInstaller.class);

    /** What an installation did. */
    public record Report(List<String> createdTables, List<String> existingTables, boolean publicationCreated) {
        public Report {
            createdTables = List.copyOf(createdTables);
            existingTables = List.copyOf(existingTables);
        }
    }

    private SchemaInstaller() {
    }

    /** Connects (an unreachable database names the setting) and installs. */
    public static Report install(DatabaseConfig database) {
        try (Connection c = database.connect()) {
            return install(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not install the shop schema into " + database.jdbcUrl(), e);
        }
    }

    public static Report install(Connection c) throws SQLException {
        List<SqlScript.Statement> statements = SqlScript.parse(ddl());
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            Set<String> existing = existingTables(s);
            boolean publicationExisted = publicationExists(s);
            Set<String> created = new HashSet<>();
            List<String> createdInOrder = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            for (SqlScript.Statement st : statements) {
                String table = st.table().orElse(null);
                switch (st.kind()) {
                    case CREATE_TABLE -> {
                        if (existing.contains(table)) {
                            kept.add(table);
                            continue;
                        }
                        created.add(table);
                        createdInOrder.add(table);
                    }
                    case TABLE_CHANGE -> {
                        if (!created.contains(table)) {
                            continue;
                        }
                    }
                    case OTHER -> {
                        // Schema and publication statements guard themselves (IF NOT EXISTS).
                    }
                }
                s.execute(st.sql());
            }
            boolean publicationCreated = !publicationExisted && publicationExists(s);
            c.commit();
            Report report = new Report(createdInOrder, kept, publicationCreated);
            LOG.info("Shop schema installed: created {}, kept existing {}, publication {} {}", report.createdTables(),
                    report.existingTables(), PUBLICATION, publicationCreated ? "created" : "already there");
            return report;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static Set<String> existingTables(Statement s) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (ResultSet rs = s.executeQuery("SELECT table_schema || '.' || table_name FROM information_schema.tables")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static boolean publicationExists(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_publication WHERE pubname = '" + PUBLICATION + "'")) {
            return rs.next();
        }
    }

    static String ddl() {
        try (InputStream in = SchemaInstaller.class.getResourceAsStream(DDL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DDL_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + DDL_RESOURCE, e);
        }
    }
}
