package io.medallion.loadgen.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medallion.loadgen.model.ShopTable;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsOnSemicolonsOutsideQuotesDollarBodiesAndComments() {
        String script = """
                -- a comment; with a semicolon
                CREATE TABLE IF NOT EXISTS s.t (v text DEFAULT 'a;b', w text DEFAULT 'it''s'); -- trailing
                DO $$
                BEGIN
                    PERFORM 1; PERFORM 2;
                END
                $$;
                DO $body$ BEGIN PERFORM ';'; END $body$;
                SELECT 1
                """;
        assertThat(SqlScript.split(script)).containsExactly(
                "CREATE TABLE IF NOT EXISTS s.t (v text DEFAULT 'a;b', w text DEFAULT 'it''s')",
                "DO $$\nBEGIN\n    PERFORM 1; PERFORM 2;\nEND\n$$",
                "DO $body$ BEGIN PERFORM ';'; END $body$",
                "SELECT 1");
    }

    @Test
    void rejectsUnterminatedLiteralsAndBodies() {
        assertThatThrownBy(() -> SqlScript.split("SELECT 'open")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> SqlScript.split("DO $$ BEGIN")).hasMessageContaining("unterminated");
    }

    @Test
    void classifiesStatementsByTheTableTheyBelongTo() {
        assertThat(SqlScript.classify("CREATE TABLE IF NOT EXISTS Shop.Orders (id int)"))
                .isEqualTo(new SqlScript.Statement("CREATE TABLE IF NOT EXISTS Shop.Orders (id int)",
                        SqlScript.Kind.CREATE_TABLE, Optional.of("shop.orders")));
        assertThat(SqlScript.classify("ALTER TABLE shop.orders REPLICA IDENTITY FULL").table()).contains("shop.orders");
        assertThat(SqlScript.classify("CREATE INDEX IF NOT EXISTS i ON shop.returns (order_id)").kind())
                .isEqualTo(SqlScript.Kind.TABLE_CHANGE);
        assertThat(SqlScript.classify("COMMENT ON COLUMN shop.orders.status IS 'x'").table()).contains("shop.orders");
        assertThat(SqlScript.classify("CREATE SCHEMA IF NOT EXISTS shop").kind()).isEqualTo(SqlScript.Kind.OTHER);
    }

    @Test
    void theShopDdlCreatesEveryGeneratedTableAndGivesEachChangeItsTable() throws Exception {
        String ddl;
        try (InputStream in = SqlScriptTest.class.getResourceAsStream("/db/shop-schema.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<SqlScript.Statement> statements = SqlScript.parse(ddl);
        List<String> created = statements.stream().filter(s -> s.kind() == SqlScript.Kind.CREATE_TABLE)
                .map(s -> s.table().orElseThrow()).toList();
        assertThat(created).containsAll(Arrays.stream(ShopTable.values()).map(ShopTable::qualifiedName).toList())
                .contains("shop.capture_heartbeat");
        assertThat(statements.stream().filter(s -> s.kind() == SqlScript.Kind.TABLE_CHANGE))
                .allSatisfy(s -> assertThat(created).contains(s.table().orElseThrow()));
        assertThat(statements.stream().filter(s -> s.kind() == SqlScript.Kind.OTHER).map(SqlScript.Statement::sql))
                .anySatisfy(sql -> assertThat(sql).startsWith("CREATE SCHEMA"))
                .anySatisfy(sql -> assertThat(sql).startsWith("DO $$").contains("CREATE PUBLICATION medallion"));
    }
}
