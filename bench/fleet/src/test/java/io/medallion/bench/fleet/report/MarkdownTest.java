package io.medallion.bench.fleet.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownTest {

    @Test
    void rendersHeadingsTablesImagesAndCode() {
        String md = new Markdown().heading(2, "Checks")
                .table(List.of("result", "check"), List.of(List.of("**PASS**", "a | b")))
                .image("lag", "lag.png").code("x\ny").bullets(List.of("one")).render();
        assertThat(md).isEqualTo("""
                ## Checks

                | result | check |
                |---|---|
                | **PASS** | a \\| b |

                ![lag](lag.png)

                ```
                x
                y
                ```

                - one

                """);
    }

    @Test
    void describesTheMachine() {
        Machine m = Machine.describe();
        assertThat(m.cores()).isPositive();
        assertThat(m.line()).contains("cores").contains(System.getProperty("java.version"));
    }
}
