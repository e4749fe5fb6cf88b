package io.medallion.bench.fleet.mode;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** What the harness prints: progress with the time of day, and results. */
public final class Console {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintStream out;

    public Console(PrintStream out) {
        this.out = out;
    }

    public void progress(String line) {
        out.println("[" + LocalTime.now().format(TIME) + "] " + line);
        out.flush();
    }

    public void println(String line) {
        out.println(line);
        out.flush();
    }
}
