package io.medallion.bench.fleet.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineChartTest {

    @Test
    void writesAPngWithEachSeriesInItsColour(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("sub/lag.png");
        LineChart.write(png, "Lag", "records", 1_000, List.of(
                new LineChart.Series("silver", new long[]{1_000, 11_000, 21_000}, new double[]{0, 500, 100}),
                new LineChart.Series("gold", new long[]{1_000, 11_000, 21_000}, new double[]{Double.NaN, 50, 60})),
                List.of(new LineChart.Marker(11_000, "kill silver")));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(LineChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(LineChart.HEIGHT);
        assertThat(count(image, LineChart.PALETTE[0].getRGB())).as("silver's line").isGreaterThan(100);
        assertThat(count(image, LineChart.PALETTE[1].getRGB())).as("gold's line").isGreaterThan(20);
        assertThat(Files.size(png)).as("kept small").isLessThan(60_000);
    }

    @Test
    void anEmptyChartStillRenders() {
        BufferedImage image = LineChart.draw("nothing", "y", 0, List.of(), List.of());
        assertThat(count(image, LineChart.PALETTE[0].getRGB())).isZero();
    }

    @Test
    void axesEndOnRoundNumbers() {
        assertThat(LineChart.niceCeiling(0.73)).isEqualTo(1.0);
        assertThat(LineChart.niceCeiling(1_300)).isEqualTo(2_000);
        assertThat(LineChart.niceCeiling(4_100)).isEqualTo(5_000);
    }

    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xffffff) == (rgb & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }
}
