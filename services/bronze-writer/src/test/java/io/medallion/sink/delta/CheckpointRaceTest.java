package io.medallion.sink.delta;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointRaceTest {

    @Test
    void a_lost_overwrite_of_last_checkpoint_is_a_race_wherever_it_sits_in_the_cause_chain() {
        var direct = new org.apache.hadoop.fs.FileAlreadyExistsException("file:/lake/t/_delta_log/_last_checkpoint");
        assertThat(CheckpointRace.isCheckpointRace(direct)).isTrue();
        assertThat(CheckpointRace.isCheckpointRace(new UncheckedIOException("write failed", direct))).isTrue();
        assertThat(CheckpointRace.isCheckpointRace(
                new java.nio.file.FileAlreadyExistsException("/lake/t/_delta_log/_last_checkpoint"))).isTrue();
    }

    @Test
    void a_lost_rename_of_the_checkpoint_file_is_a_race() {
        assertThat(CheckpointRace.isCheckpointRace(new IllegalStateException(
                "Cannot rename file:/t/_delta_log/.00000000000000000010.checkpoint.parquet.x.tmp to "
                        + "file:/t/_delta_log/00000000000000000010.checkpoint.parquet"))).isTrue();
    }

    @Test
    void other_failures_are_not_races() {
        assertThat(CheckpointRace.isCheckpointRace(
                new org.apache.hadoop.fs.FileAlreadyExistsException("file:/lake/t/_delta_log/00000000000000000010.json"))).isFalse();
        assertThat(CheckpointRace.isCheckpointRace(new IllegalStateException("The committed version is 3"))).isFalse();
        assertThat(CheckpointRace.isCheckpointRace(new RuntimeException("disk full"))).isFalse();
    }
}
