package io.medallion.local;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusLineTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void rendersElapsedOfTotalThenEachFragment() {
        assertThat(StatusLine.render(Duration.ofSeconds(65), Duration.ofMinutes(5), List.of("captured 10/s (100)", "generated 9/s (90)")))
                .isEqualTo("1:05 of 5:00 | captured 10/s (100) | generated 9/s (90)");
    }

    @Test
    void onATerminalRedrawsOneLineInPlace() {
        StatusLine line = new StatusLine(out, true, Duration.ofSeconds(10));
        line.show("a long first status", false);
        line.show("short", false);
        line.finish();
        assertThat(printed()).isEqualTo("\ra long first status\rshort              " + System.lineSeparator());
    }

    @Test
    void elsewherePrintsPlainLinesAtMostEveryPeriodButAlwaysTheLast() {
        StatusLine line = new StatusLine(out, false, Duration.ofHours(1));
        line.show("first", false);
        line.show("second", false);
        line.show("last", true);
        line.finish();
        assertThat(printed().lines()).containsExactly("first", "last");
    }

    @Test
    void onATerminalALinePrintedAboveReplacesTheStatusLineWhichIsDrawnAgainBelowIt() {
        StatusLine line = new StatusLine(out, true, Duration.ofSeconds(10));
        line.show("0:10 of 1:30 | captured 5/s (50)", false);
        line.printAbove("window 12:00:00-12:01:00");
        line.show("0:11 of 1:30 | captured 6/s (56)", false);
        line.finish();
        String nl = System.lineSeparator();
        String status = "0:10 of 1:30 | captured 5/s (50)";
        String wipedWindowLine = "window 12:00:00-12:01:00" + " ".repeat(status.length() - "window 12:00:00-12:01:00".length());
        assertThat(printed()).isEqualTo("\r" + status + "\r" + wipedWindowLine + nl + status
                + "\r0:11 of 1:30 | captured 6/s (56)" + nl);
    }

    @Test
    void aLinePrintedAboveBeforeAnyStatusOrElsewhereIsAPlainLine() {
        StatusLine terminal = new StatusLine(out, true, Duration.ofSeconds(10));
        terminal.printAbove("early");
        StatusLine plain = new StatusLine(out, false, Duration.ofSeconds(10));
        plain.show("status", false);
        plain.printAbove("window");
        assertThat(printed().lines()).containsExactly("early", "status", "window");
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
