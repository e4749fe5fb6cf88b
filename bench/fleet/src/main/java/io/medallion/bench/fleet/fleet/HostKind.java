package io.medallion.bench.fleet.fleet;

/** Where the services run: all in the harness JVM, or each in its own JVM (killable with SIGKILL). */
public enum HostKind {
    IN_PROCESS, PROCESSES
}
