package io.medallion.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The live status line. On a terminal one line is redrawn in place ({@code \r}, padded to wipe
 * the previous text); otherwise (a pipe, a CI log) a plain line is printed every
 * {@code plainEvery} so logs stay readable. Other threads (e.g. a KPI window closing) print
 * through {@link #printAbove}, which keeps the status line intact below what they print.
 */
final class StatusLine {

    private final PrintStream out;
    private final boolean terminal;
    private final Duration plainEvery;
    private long lastPlainNanos = Long.MIN_VALUE;
    /** What the terminal shows on the status line now; empty when no status line is drawn. */
    private String shown = "";

    StatusLine(PrintStream out, boolean terminal, Duration plainEvery) {
        this.out = out;
        this.terminal = terminal;
        this.plainEvery = plainEvery;
    }

    /** Renders the status: elapsed of total, then each component's fragment. */
    static String render(Duration elapsed, Duration total, List<String> fragments) {
        StringBuilder b = new StringBuilder(Formats.clock(elapsed)).append(" of ").append(Formats.clock(total));
        for (String f : fragments) {
            b.append(" | ").append(f);
        }
        return b.toString();
    }

    /** Shows the line if it is due (always on a terminal; {@code last} forces the final one out). */
    synchronized void show(String line, boolean last) {
        if (terminal) {
            out.print("\r" + padded(line));
            out.flush();
            shown = line;
            return;
        }
        long now = System.nanoTime();
        if (last || lastPlainNanos == Long.MIN_VALUE || now - lastPlainNanos >= plainEvery.toNanos()) {
            out.println(line);
            lastPlainNanos = now;
        }
    }

    /**
     * Prints a whole line above the status line: on a terminal it overwrites the status line,
     * then draws the status line again below it.
     */
    synchronized void printAbove(String line) {
        if (terminal && !shown.isEmpty()) {
            out.print("\r" + padded(line) + System.lineSeparator() + shown);
            out.flush();
            return;
        }
        out.println(line);
    }

    /** Ends the redrawn line so what follows starts on a fresh one. */
    synchronized void finish() {
        if (terminal && !shown.isEmpty()) {
            out.println();
            shown = "";
        }
    }

    /** The line, padded with spaces to wipe what the status line showed. */
    private String padded(String line) {
        return line + " ".repeat(Math.max(0, shown.length() - line.length()));
    }
}
