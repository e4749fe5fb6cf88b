package io.medallion.bench.fleet.fleet;

import java.util.List;
import java.util.OptionalLong;

/**
 * Runs roles, in this JVM or as child processes. {@link #start} returns once the role's service
 * has started (or throws, naming the role and where its log is).
 */
public interface Host extends AutoCloseable {

    HostKind kind();

    void start(Role role);

    /** A clean stop: the service flushes, commits and closes. */
    void stop(Role role);

    /** SIGKILL: nothing is flushed. Only a process host can do it. */
    void kill(Role role);

    /** Whether the role runs (for a process: it has not exited). */
    boolean alive(Role role);

    /** The process id of a running role ({@link ProcessHandle#current()} for in-process roles). */
    OptionalLong pid(Role role);

    /** Roles started and not stopped, in start order. */
    List<Role> running();

    /** Stops every running role in reverse start order. */
    @Override
    void close();
}
