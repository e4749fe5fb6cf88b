package io.medallion.capture;

/** Where the Debezium engine is; {@link #code()} is the metric value. */
public enum EngineState {
    CREATED(0), STARTING(1), SNAPSHOTTING(2), STREAMING(3), STOPPED(4), FAILED(5);

    private final int code;

    EngineState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
