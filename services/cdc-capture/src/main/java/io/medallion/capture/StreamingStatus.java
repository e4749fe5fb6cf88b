package io.medallion.capture;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Set;

/**
 * Whether Debezium's streaming phase is connected to the replication stream, read from the
 * connector's own streaming metrics MBean (the engine API has no callback for the switch from
 * snapshot to streaming).
 */
final class StreamingStatus {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName pattern;

    StreamingStatus(String topicPrefix) {
        try {
            // The prefix is validated to letters, digits and _, all legal in an MBean name.
            pattern = new ObjectName("debezium.postgres:type=connector-metrics,context=streaming,server=" + topicPrefix + ",*");
        } catch (JMException e) {
            throw new IllegalArgumentException("no MBean name for topic prefix " + topicPrefix, e);
        }
    }

    boolean connected() {
        Set<ObjectName> names = server.queryNames(pattern, null);
        for (ObjectName name : names) {
            try {
                if (Boolean.TRUE.equals(server.getAttribute(name, "Connected"))) {
                    return true;
                }
            } catch (JMException e) {
                return false;
            }
        }
        return false;
    }
}
