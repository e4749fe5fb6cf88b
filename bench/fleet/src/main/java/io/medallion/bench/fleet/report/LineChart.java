package io.medallion.bench.fleet.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A plain line chart as a PNG, drawn with java.awt (headless): x is seconds since the run's
 * start, one line per series, optional vertical markers (kills, stage boundaries). Small files:
 * few colours, no anti-aliased fills.
 */
public final class LineChart {

    /** One line; {@code xMs} wall-clock times, {@code y} values (NaN leaves a gap). */
    public record Series(String name, long[] xMs, double[] y) {
    }

    /** A vertical line at a moment, labelled. */
    public record Marker(long atMs, String label) {
    }

    static final int WIDTH = 900;
    static final int HEIGHT = 360;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 36;
    private static final int BOTTOM = 44;
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private LineChart() {
    }

    public static void write(Path png, String title, String yLabel, long originMs, List<Series> series, List<Marker> markers) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(draw(title, yLabel, originMs, series, markers), "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + png, e);
        }
    }

    static BufferedImage draw(String title, String yLabel, long originMs, List<Series> series, List<Marker> markers) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);

        double maxX = 1;
        double maxY = 0;
        for (Series s : series) {
            for (int i = 0; i < s.xMs().length; i++) {
                maxX = Math.max(maxX, (s.xMs()[i] - originMs) / 1000.0);
                if (!Double.isNaN(s.y()[i])) {
                    maxY = Math.max(maxY, s.y()[i]);
                }
            }
        }
        for (Marker m : markers) {
            maxX = Math.max(maxX, (m.atMs() - originMs) / 1000.0);
        }
        maxY = niceCeiling(maxY <= 0 ? 1 : maxY * 1.05);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotH - plotH * i / 5;
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.DARK_GRAY);
            String label = number(maxY * i / 5);
            g.drawString(label, LEFT - 6 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        for (int i = 0; i <= 6; i++) {
            int x = LEFT + plotW * i / 6;
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(x, TOP, x, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            String label = number(maxX * i / 6) + " s";
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, TOP + plotH + 16);
        }
        g.drawString(yLabel, 4, TOP - 8);
        g.drawString("seconds since start", LEFT + plotW / 2 - 50, HEIGHT - 8);
        g.setColor(Color.GRAY);
        g.drawRect(LEFT, TOP, plotW, plotH);

        for (Marker m : markers) {
            int x = LEFT + (int) Math.round(plotW * ((m.atMs() - originMs) / 1000.0) / maxX);
            g.setColor(new Color(0x999999));
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{4f, 4f}, 0f));
            g.drawLine(x, TOP, x, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            g.drawString(m.label(), x + 3, TOP + 12);
        }
        g.setStroke(new BasicStroke(1.6f));
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            Color color = PALETTE[s % PALETTE.length];
            g.setColor(color);
            int prevX = -1;
            int prevY = -1;
            for (int i = 0; i < line.xMs().length; i++) {
                if (Double.isNaN(line.y()[i])) {
                    prevX = -1;
                    continue;
                }
                int x = LEFT + (int) Math.round(plotW * ((line.xMs()[i] - originMs) / 1000.0) / maxX);
                int y = TOP + plotH - (int) Math.round(plotH * line.y()[i] / maxY);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, x, y);
                } else {
                    g.fillRect(x - 1, y - 1, 2, 2);
                }
                prevX = x;
                prevY = y;
            }
        }
        if (!series.isEmpty()) {
            g.setColor(Color.WHITE);
            g.fillRect(LEFT + plotW - 196, TOP + 2, 192, 14 * series.size() + 4);
            g.setColor(new Color(0xcccccc));
            g.drawRect(LEFT + plotW - 196, TOP + 2, 192, 14 * series.size() + 4);
        }
        int legendY = TOP + 14;
        for (int s = 0; s < series.size(); s++) {
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(LEFT + plotW - 190, legendY - 8, 12, 3);
            g.setColor(Color.BLACK);
            g.drawString(series.get(s).name(), LEFT + plotW - 172, legendY - 4);
            legendY += 14;
        }
        g.dispose();
        return image;
    }

    /** 1, 2 or 5 times a power of ten at or above the value. */
    static double niceCeiling(double v) {
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * power >= v) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String number(double v) {
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }
}
