package io.medallion.bench.silver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the stream thread spends its time: samples its stack every few milliseconds and counts,
 * per activity, the share of samples whose stack is inside it (inclusive, so shares overlap).
 * Safepoint-biased like any JMX sampler: good for proportions, not for exact costs.
 */
final class StreamThreadSampler implements AutoCloseable {

    /** Activities, matched against "class.method" of every frame; first match per activity. */
    private static final Map<String, String[]> ACTIVITIES = new LinkedHashMap<>();

    static {
        ACTIVITIES.put("consumer poll (waiting for or fetching records)", new String[] {"KafkaConsumer.poll", "ClassicKafkaConsumer.poll", "AsyncKafkaConsumer.poll"});
        ACTIVITIES.put("decode change envelope (registry deserializer, Avro)", new String[] {"ChangeEventSerde$1.deserialize"});
        ACTIVITIES.put("decode repartitioned WebEvent", new String[] {"SpecificAvroSerde", "KafkaAvroDeserializer.deserialize"});
        ACTIVITIES.put("validate (rule table)", new String[] {"RuleTable.violations"});
        ACTIVITIES.put("map to contract", new String[] {"ContractMapper.map"});
        ACTIVITIES.put("dedup by event id (window store)", new String[] {"EventIdDeduplicator.process"});
        ACTIVITIES.put("references (global lookup)", new String[] {"ReferenceResolver.process"});
        ACTIVITIES.put("quarantine record", new String[] {"ToQuarantine.process"});
        ACTIVITIES.put("serialize outputs (registry serializer)", new String[] {"KafkaAvroSerializer.serialize"});
        ACTIVITIES.put("producer send", new String[] {"KafkaProducer.send", "KafkaProducer.doSend"});
        ACTIVITIES.put("RocksDB", new String[] {"org.rocksdb."});
        ACTIVITIES.put("commit (flush, offsets, transaction)", new String[] {"TaskManager.commit", "StreamThread.maybeCommit", "commitTransaction"});
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<String, Integer> hits = new LinkedHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private int samples;
    private int runnable;

    StreamThreadSampler(long intervalMillis) {
        ACTIVITIES.keySet().forEach(a -> hits.put(a, 0));
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "stream-thread-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private synchronized void sample() {
        for (ThreadInfo info : threads.dumpAllThreads(false, false, 128)) {
            if (!info.getThreadName().contains("StreamThread")) {
                continue;
            }
            samples++;
            if (info.getThreadState() == Thread.State.RUNNABLE) {
                runnable++;
            }
            List<String> frames = new ArrayList<>();
            for (StackTraceElement e : info.getStackTrace()) {
                frames.add(e.getClassName() + "." + e.getMethodName());
            }
            ACTIVITIES.forEach((activity, patterns) -> {
                if (frames.stream().anyMatch(f -> matchesAny(f, patterns))) {
                    hits.merge(activity, 1, Integer::sum);
                }
            });
        }
    }

    private static boolean matchesAny(String frame, String[] patterns) {
        for (String p : patterns) {
            if (frame.contains(p)) {
                return true;
            }
        }
        return false;
    }

    synchronized String report() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "stream thread samples: %d (%.0f%% RUNNABLE); share of samples inside:%n", samples, 100.0 * runnable / Math.max(samples, 1)));
        hits.forEach((activity, n) -> sb.append(String.format(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * n / Math.max(samples, 1), activity)));
        return sb.toString();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
