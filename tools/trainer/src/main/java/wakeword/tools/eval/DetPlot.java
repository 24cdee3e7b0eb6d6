package wakeword.tools.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A DET plot: false rejection rate against false alarms per hour (log axis), one line per system and part.
 * Points with no false alarm cannot sit on a log axis: the best of them is drawn at the axis' left edge, marked
 * "0", so the reader sees how few misses a silent setting reaches.
 */
public final class DetPlot {

    /**
     * One line: {@code points} strictest setting first, {@code chosen} (nullable) marked with a ring; {@code color} indexes a
     * fixed palette, so one system keeps its colour across its validation (dashed) and test lines.
     */
    public record Series(String label, int color, List<Results.Point> points, Results.Point chosen, boolean dashed) {
    }

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};
    private static final int W = 1000;
    private static final int H = 640;
    private static final int LEFT = 80;
    private static final int RIGHT = 260;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private final double minFa;
    private final double maxFa;

    /** @param minFa left edge of the FA/h axis (where zero-false-alarm points are drawn) */
    public DetPlot(double minFa, double maxFa) {
        this.minFa = minFa;
        this.maxFa = maxFa;
    }

    public void write(String title, List<Series> series, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double maxFrr = 0.1;
        for (Series s : series) {
            for (double[] p : curve(s.points())) maxFrr = Math.max(maxFrr, p[1]);
        }
        maxFrr = Math.min(1, Math.ceil(maxFrr * 10) / 10);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        drawAxes(g, maxFrr);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int legendY = TOP + 10;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            Color c = COLORS[s.color() % COLORS.length];
            Stroke stroke = s.dashed()
                    ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2.2f);
            g.setColor(c);
            g.setStroke(stroke);
            List<double[]> pts = curve(s.points());
            for (int k = 1; k < pts.size(); k++) {
                g.drawLine(x(pts.get(k - 1)[0]), y(pts.get(k - 1)[1], maxFrr), x(pts.get(k)[0]), y(pts.get(k)[1], maxFrr));
            }
            for (double[] p : pts) g.fillOval(x(p[0]) - 2, y(p[1], maxFrr) - 2, 5, 5);
            if (s.chosen() != null) {
                double[] p = {Math.max(minFa, s.chosen().pooled().faPerHour()), s.chosen().pooled().frr()};
                g.setStroke(new BasicStroke(2f));
                g.drawOval(x(p[0]) - 7, y(p[1], maxFrr) - 7, 14, 14);
            }
            g.setStroke(stroke);
            g.drawLine(W - RIGHT + 15, legendY, W - RIGHT + 45, legendY);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), W - RIGHT + 52, legendY + 4);
            legendY += 20;
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("ring: setting chosen on validation", W - RIGHT + 15, legendY + 10);
        g.drawString("left edge: no false alarm at all", W - RIGHT + 15, legendY + 28);
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(img, "png", png.toFile());
    }

    /**
     * (FA/h, FRR) in the order of the settings, strictest first, so the line follows the threshold (with a trigger
     * that re-arms, a looser setting can merge two detections into one, and FA/h is not always monotonic). Settings
     * that detect nothing are left out; points without false alarms are reduced to the best one, at the left edge;
     * points beyond the right edge are dropped.
     */
    List<double[]> curve(List<Results.Point> strictestFirst) {
        List<double[]> out = new ArrayList<>();
        double bestSilent = Double.NaN;
        for (Results.Point p : strictestFirst) {
            double fa = p.pooled().faPerHour();
            double frr = p.pooled().frr();
            if (Double.isNaN(fa) || Double.isNaN(frr) || p.pooled().hits() == 0) continue;
            if (fa <= 0) {
                bestSilent = Double.isNaN(bestSilent) ? frr : Math.min(bestSilent, frr);
            } else if (fa <= maxFa) {
                out.add(new double[] {Math.max(fa, minFa), frr});
            }
        }
        if (!Double.isNaN(bestSilent)) out.add(0, new double[] {minFa, bestSilent});
        return out;
    }

    private void drawAxes(Graphics2D g, double maxFrr) {
        int x0 = LEFT;
        int x1 = W - RIGHT;
        int y0 = H - BOTTOM;
        int y1 = TOP;
        g.setColor(new Color(0xe8e8e8));
        for (double d = Math.pow(10, Math.floor(Math.log10(minFa))); d <= maxFa * 1.0001; d *= 10) {
            for (int m = 1; m <= 9; m++) {
                double v = d * m;
                if (v < minFa || v > maxFa) continue;
                g.setColor(m == 1 ? new Color(0xc8c8c8) : new Color(0xeeeeee));
                g.drawLine(x(v), y0, x(v), y1);
                if (m == 1 && v > minFa * 1.0001) {
                    g.setColor(Color.BLACK);
                    String label = v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", trim(v));
                    g.drawString(label, x(v) - g.getFontMetrics().stringWidth(label) / 2, y0 + 18);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.drawString("0", x0 - 4, y0 + 18);
        for (int k = 0; k <= 10; k++) {
            double v = maxFrr * k / 10;
            g.setColor(new Color(0xdddddd));
            g.drawLine(x0, y(v, maxFrr), x1, y(v, maxFrr));
            g.setColor(Color.BLACK);
            String label = String.format(Locale.ROOT, "%.0f%%", v * 100);
            g.drawString(label, x0 - 8 - g.getFontMetrics().stringWidth(label), y(v, maxFrr) + 4);
        }
        g.drawRect(x0, y1, x1 - x0, y0 - y1);
        g.drawString("false alarms per hour (log)", (x0 + x1) / 2 - 70, H - 25);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString("false rejection rate", -(y0 + y1) / 2 - 55, 22);
        r.dispose();
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private int x(double fa) {
        double f = (Math.log10(fa) - Math.log10(minFa)) / (Math.log10(maxFa) - Math.log10(minFa));
        return (int) Math.round(LEFT + f * (W - RIGHT - LEFT));
    }

    private static int y(double frr, double maxFrr) {
        return (int) Math.round(H - BOTTOM - frr / maxFrr * (H - BOTTOM - TOP));
    }
}
