package io.medallion.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./medallion local}: parses the options (usage errors exit with 2), runs the
 * {@link LocalStack} and exits with its status. Ctrl-C (SIGINT) or SIGTERM stops the stack
 * cleanly: components stop in reverse order, then the summary is printed.
 */
public final class LocalMain {

    /** Read by logback.xml: where the log file goes (under the data folder). */
    static final String LOG_FILE_PROPERTY = "medallion.log.file";

    private LocalMain() {
    }

    public static void main(String[] args) {
        if (LaunchOptions.wantsHelp(args)) {
            System.out.print(LaunchOptions.USAGE);
            return;
        }
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (LaunchOptions.UsageException e) {
            System.err.println("medallion local: " + e.getMessage());
            System.err.println();
            System.err.print(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        // Before the first logger exists: logging goes to a file, the terminal keeps the status line.
        Path logFile = options.data().resolve("logs").resolve("medallion.log").toAbsolutePath();
        try {
            Files.createDirectories(logFile.getParent());
        } catch (IOException e) {
            System.err.println("medallion local: cannot create " + logFile.getParent() + ": " + e.getMessage());
            System.exit(1);
        }
        System.setProperty(LOG_FILE_PROPERTY, logFile.toString());
        System.out.println("Logs: " + logFile);

        LocalStack stack = new LocalStack(options, System.out, System.console() != null);
        // Ctrl-C and SIGTERM only ask the stack to stop: it then stops every component in
        // order on this thread. (As a shutdown hook, the stop would race the embedded
        // PostgreSQL's own hook, which kills the database while capture still drains.)
        for (String signal : new String[]{"INT", "TERM"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stack.requestStop());
        }
        System.exit(stack.run());
    }
}
