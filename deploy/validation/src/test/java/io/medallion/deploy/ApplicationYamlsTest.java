package io.medallion.deploy;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationYamlsTest {

    @Test
    void aResourceBelongsToTheModuleOrJarItComesFrom() {
        assertThat(ApplicationYamls.ownerOf("file:/work/main/services/gold-kpi/target/classes/application.yml"))
                .contains(Component.GOLD_KPI);
        assertThat(ApplicationYamls.ownerOf("jar:file:/root/.m2/repository/io/medallion/medallion-bronze-writer/0.1.0-SNAPSHOT/"
                + "medallion-bronze-writer-0.1.0-SNAPSHOT.jar!/application.yml")).contains(Component.BRONZE_WRITER);
        assertThat(ApplicationYamls.ownerOf("jar:file:/app/lib/medallion-runtime-0.1.0-SNAPSHOT.jar!/application.yml")).isEmpty();
    }

    @Test
    void theServerPortComesFromApplicationYamlOrDefaultsTo8080() {
        ApplicationYamls yamls = ApplicationYamls.of(Map.of(
                Component.GOLD_KPI, Map.of("micronaut.server.port", 9000),
                Component.SILVER_ENRICHER, Map.of("micronaut.server.port", "${SERVER_PORT:8181}")));

        assertThat(yamls.serverPort(Component.GOLD_KPI)).isEqualTo(9000);
        assertThat(yamls.serverPort(Component.SILVER_ENRICHER)).isEqualTo(8181);
        assertThat(yamls.serverPort(Component.CDC_CAPTURE)).isEqualTo(Component.HTTP_PORT);
    }

    @Test
    void everyServiceHasItsApplicationYamlOnTheClassPathAndServesOnTheConventionalPort() {
        ApplicationYamls yamls = ApplicationYamls.fromClassPath();
        for (Component c : Component.values()) {
            assertThat(yamls.has(c)).as(c.serviceName()).isEqualTo(c.micronaut());
            if (c.micronaut()) {
                assertThat(yamls.serverPort(c)).as(c.serviceName()).isEqualTo(Component.HTTP_PORT);
            }
        }
    }
}
