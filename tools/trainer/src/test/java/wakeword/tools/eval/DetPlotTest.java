package wakeword.tools.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetPlotTest {

    private static Results.Point point(double value, double frr, double faPerHour) {
        return new Results.Point(Double.toString(value), value, 1,
                new StreamOutcome.Summary(100, (int) Math.round(100 * (1 - frr)), 0, 0, 1, frr, faPerHour, null, null),
                java.util.Map.of());
    }

    @Test
    void curveFollowsTheSettingsAndPutsTheBestSilentPointAtTheLeftEdge() {
        DetPlot plot = new DetPlot(0.1, 1000);
        List<double[]> c = plot.curve(List.of(point(0.999, 1.0, 0), point(0.99, 0.9, 0), point(0.9, 0.3, 0),
                point(0.8, 0.2, 0.05), point(0.5, 0.25, 5), point(0.1, 0.01, 5000)));
        assertEquals(3, c.size(), "never-firing and off-axis points dropped, silent points merged");
        assertArrayEquals(new double[] {0.1, 0.3}, c.get(0), 1e-12);
        assertArrayEquals(new double[] {0.1, 0.2}, c.get(1), 1e-12, "below the axis start: drawn at its edge");
        assertArrayEquals(new double[] {5, 0.25}, c.get(2), 1e-12);
    }

    @Test
    void writesAHeadlessPngWithTheSeriesDrawn(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("det.png");
        List<Results.Point> pts = List.of(point(0.9, 0.5, 0.5), point(0.5, 0.2, 10), point(0.2, 0.05, 200));
        new DetPlot(0.1, 1000).write("test", List.of(new DetPlot.Series("a", 1, pts, pts.get(1), false)), png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1000, img.getWidth());
        int red = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                if ((img.getRGB(x, y) & 0xffffff) == 0xd62728) red++;
            }
        }
        assertTrue(red > 200, "the series' colour is drawn: " + red + " pixels");
    }
}
