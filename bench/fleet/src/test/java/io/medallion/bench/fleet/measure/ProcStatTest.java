package io.medallion.bench.fleet.measure;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcStatTest {

    @Test
    void parsesCpuTicksAndParentEvenWithSpacesInTheCommand() {
        String stat = "4242 (java (sink) x) S 100 4242 4242 0 -1 4194560 5000 0 0 0 730 270 0 0 20 0 40 0 1000 0 0";
        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(1000);
        assertThat(ProcStat.parentPid(stat)).isEqualTo(100);
    }

    @Test
    void readsMemoryLinesInKib() {
        String status = "Name:\tjava\nVmHWM:\t  812340 kB\nVmRSS:\t  700000 kB\n";
        assertThat(ProcStat.kib(status, "VmHWM:")).isEqualTo(812_340);
        assertThat(ProcStat.kib(status, "VmRSS:")).isEqualTo(700_000);
        assertThat(ProcStat.kib(status, "Pss:")).isZero();
    }

    @Test
    void machineTicksLeaveOutIdleAndIowait() {
        assertThat(ProcStat.machineTicks("cpu  100 5 50 1000 20 3 2 1 0 0")).containsExactly(161, 1181);
    }

    @Test
    void readsThisProcessAndItsTree() {
        long self = ProcessHandle.current().pid();
        assertThat(ProcStat.read(self)).hasValueSatisfying(r -> {
            assertThat(r.rssKib()).isPositive();
            assertThat(r.peakRssKib()).isGreaterThanOrEqualTo(r.rssKib());
        });
        assertThat(ProcStat.withDescendants(self)).startsWith(self);
        assertThat(ProcStat.read(Long.MAX_VALUE)).isEmpty();
        assertThat(List.of(ProcStat.Reading.NONE.plus(new ProcStat.Reading(1, 2, 3, 4)))).containsExactly(new ProcStat.Reading(1, 2, 3, 4));
    }
}
