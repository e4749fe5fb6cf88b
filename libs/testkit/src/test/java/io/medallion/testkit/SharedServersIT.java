package io.medallion.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SharedServersIT {

    @Test
    void everyCallerGetsTheSameRunningServers() throws Exception {
        assertThat(SharedServers.kafka()).isSameAs(SharedServers.kafka());
        assertThat(SharedServers.postgres()).isSameAs(SharedServers.postgres());

        assertThat(SharedServers.kafka().isRunning()).isTrue();
        assertThat(SharedServers.kafka().admin().describeCluster().nodes().get()).hasSize(1);
        try (Connection c = SharedServers.postgres().connect("postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }
}
