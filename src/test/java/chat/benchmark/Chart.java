package chat.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import javax.imageio.ImageIO;

/**
 * A line chart drawn with java.awt into a PNG (headless; no plotting library): a few series with markers,
 * linear or logarithmic axes, and dashed limit lines for the targets, so a reader sees at a glance
 * where a figure crosses its limit.
 */
final class Chart {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int BOTTOM = 75;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f)};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<Limit> limits = new ArrayList<>();
    private boolean logX;
    private boolean logY;
    private double[] xTicks;
    private DoubleFunction<String> xFormat = Chart::number;
    private DoubleFunction<String> yFormat = Chart::number;
    private Double yMinForced;

    record Series(String name, double[] x, double[] y) {
    }

    record Limit(String label, double y) {
    }

    /** A PNG written by {@link #save}: its file name beside the report and what it shows. */
    record Saved(String file, String caption) {
    }

    Chart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    Chart logX() {
        logX = true;
        return this;
    }

    Chart logY() {
        logY = true;
        return this;
    }

    Chart yFromZero() {
        yMinForced = 0.0;
        return this;
    }

    /** Fixed x ticks with their own labels (for example percentiles on a "nines" scale). */
    Chart xTicks(double[] positions, DoubleFunction<String> format) {
        xTicks = positions;
        xFormat = format;
        return this;
    }

    Chart yFormat(DoubleFunction<String> format) {
        yFormat = format;
        return this;
    }

    Chart series(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        series.add(new Series(name, x, y));
        return this;
    }

    Chart limit(String label, double y) {
        limits.add(new Limit(label, y));
        return this;
    }

    boolean isEmpty() {
        return series.stream().allMatch(s -> s.x.length == 0);
    }

    Saved save(Path dir, String file, String caption) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g);
        } finally {
            g.dispose();
        }
        try {
            Files.createDirectories(dir);
            ImageIO.write(image, "png", dir.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Saved(file, caption);
    }

    private void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        g.setFont(base.deriveFont(Font.BOLD, 18f));
        g.setColor(Color.BLACK);
        centered(g, title, WIDTH / 2, 32);

        double[] xr = range(true);
        double[] yr = range(false);
        Axis xAxis = new Axis(xr[0], xr[1], logX, LEFT, WIDTH - RIGHT);
        Axis yAxis = new Axis(yr[0], yr[1], logY, HEIGHT - BOTTOM, TOP);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;

        g.setFont(base);
        Stroke solid = g.getStroke();
        // grid and ticks
        for (double t : xTicks != null ? java.util.Arrays.stream(xTicks).boxed().toList() : xAxis.ticks()) {
            if (t < xAxis.min - 1e-12 || t > xAxis.max + 1e-12) {
                continue;
            }
            int px = xAxis.pixel(t);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(px, TOP, px, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            centered(g, xFormat.apply(t), px, TOP + plotH + 20);
        }
        for (double t : yAxis.ticks()) {
            int py = yAxis.pixel(t);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(LEFT, py, LEFT + plotW, py);
            g.setColor(Color.DARK_GRAY);
            String label = yFormat.apply(t);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), py + 5);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        centered(g, xLabel + (logX ? " (log scale)" : ""), LEFT + plotW / 2, HEIGHT - 25);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        centered(g, yLabel + (logY ? " (log scale)" : ""), -(TOP + plotH / 2), 25);
        g.setTransform(saved);

        // limit lines
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        for (Limit limit : limits) {
            if (limit.y < yAxis.min || limit.y > yAxis.max) {
                continue;
            }
            int py = yAxis.pixel(limit.y);
            g.setColor(new Color(0xb00000));
            g.drawLine(LEFT, py, LEFT + plotW, py);
            String label = limit.label;
            int w = g.getFontMetrics().stringWidth(label);
            g.drawString(label, LEFT + plotW - w - 6, py - 6);
        }

        // series
        g.setClip(LEFT, TOP, plotW + 1, plotH + 1);
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            Color color = PALETTE[s % PALETTE.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(2.5f));
            int prevX = 0;
            int prevY = 0;
            boolean havePrev = false;
            for (int i = 0; i < line.x.length; i++) {
                if (!plottable(line.x[i], logX) || !plottable(line.y[i], logY)) {
                    havePrev = false;
                    continue;
                }
                int px = xAxis.pixel(line.x[i]);
                int py = yAxis.pixel(line.y[i]);
                if (havePrev) {
                    g.drawLine(prevX, prevY, px, py);
                }
                if (line.x.length <= 40) {
                    g.fillOval(px - 4, py - 4, 9, 9);
                }
                prevX = px;
                prevY = py;
                havePrev = true;
            }
        }
        g.setClip(null);
        g.setStroke(solid);
        if (isEmpty()) {
            g.setColor(Color.DARK_GRAY);
            g.setFont(base.deriveFont(Font.BOLD, 16f));
            centered(g, "no data: nothing arrived in the measured window", LEFT + plotW / 2, TOP + plotH / 2);
        }
        legend(g);
    }

    private void legend(Graphics2D g) {
        if (series.size() < 2 && (series.isEmpty() || series.get(0).name.isEmpty())) {
            return;
        }
        FontMetrics fm = g.getFontMetrics();
        int w = 0;
        for (Series s : series) {
            w = Math.max(w, fm.stringWidth(s.name));
        }
        int boxW = w + 50;
        int boxH = series.size() * 22 + 10;
        int x = LEFT + 12;
        int y = TOP + 12;
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRect(x, y, boxW, boxH);
        g.setColor(Color.GRAY);
        g.drawRect(x, y, boxW, boxH);
        for (int s = 0; s < series.size(); s++) {
            int ly = y + 20 + s * 22;
            g.setColor(PALETTE[s % PALETTE.length]);
            g.setStroke(new BasicStroke(3f));
            g.drawLine(x + 8, ly - 5, x + 34, ly - 5);
            g.setColor(Color.BLACK);
            g.drawString(series.get(s).name, x + 42, ly);
        }
    }

    private double[] range(boolean isX) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean log = isX ? logX : logY;
        for (Series s : series) {
            double[] values = isX ? s.x : s.y;
            for (double v : values) {
                if (plottable(v, log)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!isX) {
            for (Limit limit : limits) {
                min = Math.min(min, limit.y);
                max = Math.max(max, limit.y);
            }
            if (yMinForced != null && !log) {
                min = yMinForced;
            }
        }
        if (isX && xTicks != null && xTicks.length > 0) {
            min = Math.min(min, xTicks[0]);
            max = Math.max(max, xTicks[xTicks.length - 1]);
        }
        if (min == Double.POSITIVE_INFINITY) {
            return log ? new double[] {1, 10} : new double[] {0, 1};
        }
        if (log) {
            return new double[] {Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max * 1.0001)))};
        }
        if (max == min) {
            max = min + 1;
        }
        double step = niceStep((max - Math.min(min, 0)) / 6);
        double lo = min >= 0 ? 0 : Math.floor(min / step) * step;
        if (min >= 0 && lo < 0) {
            lo = 0;
        }
        return new double[] {lo, Math.ceil(max * 1.02 / step) * step};
    }

    private static boolean plottable(double v, boolean log) {
        return !Double.isNaN(v) && !Double.isInfinite(v) && (!log || v > 0);
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / magnitude;
        double nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static void centered(Graphics2D g, String text, int x, int y) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
    }

    /** Short numbers for tick labels: 1500 as 1.5k, 2000000 as 2M, 0.5 as 0.5. */
    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (a >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) {
            return String.valueOf((long) Math.rint(v));
        }
        String s = String.format(java.util.Locale.ROOT, "%.2f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static final class Axis {
        final double min;
        final double max;
        final boolean log;
        final int from;
        final int to;

        Axis(double min, double max, boolean log, int from, int to) {
            this.min = min;
            this.max = max;
            this.log = log;
            this.from = from;
            this.to = to;
        }

        int pixel(double v) {
            double f = log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (v - min) / (max - min);
            return (int) Math.round(from + f * (to - from));
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                int decades = (int) Math.round(Math.log10(max / min));
                for (double d = min; d <= max * 1.0001; d *= 10) {
                    ticks.add(d);
                    if (decades <= 3) {
                        for (double m : new double[] {2, 5}) {
                            if (d * m < max) {
                                ticks.add(d * m);
                            }
                        }
                    }
                }
                return ticks;
            }
            double step = niceStep((max - min) / 6);
            for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
                ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
            }
            return ticks;
        }
    }

    /** For percentile charts: the "nines" position of a percentile, 90 % is 1, 99 % is 2, 99.9 % is 3. */
    static double nines(double percentile) {
        return -Math.log10(1 - percentile / 100.0);
    }

    static String percentileLabel(double nines) {
        double p = 100 * (1 - Math.pow(10, -nines));
        return trim(p) + "%";
    }
}
