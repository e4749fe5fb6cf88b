package io.medallion.bench.fleet.fleet;

/** Where capture finds the source database. */
public record SourceEndpoint(String host, int port, String database, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
