package wakeword.tools.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import wakeword.features.FeatureParams;

/**
 * The shared log-mel spectrogram images ({@code speech_commands_logmel/}): one 8-bit JPEG per one-second clip, 98 rows
 * (frames of 480 samples every 160) by 40 columns (mel bands 0-4000 Hz, low to high), pixel = round(A ln(E + floor)
 * + B). They carry speakers whose audio is not shared, in the features a daemon frontend with {@link #RECIPE}'s band
 * computes: {@code LogMelImagesTest} checks on the calibration pairs that the daemon's own frontend reproduces the
 * pixels from the audio within JPEG error.
 */
public final class LogMelImages {

    /** Pixel scale and offset of the images (the data README's fit, confirmed on the calibration pairs). */
    public static final double A = 10.1;
    public static final double B = 146;
    public static final int ROWS = 98;
    public static final int BANDS = 40;
    /** Samples between image rows: half the daemon's hop, so even rows are the daemon's frames. */
    public static final int ROW_STEP = 160;
    /** The frontend band and frame the images were made with (coefficients and hop are the model's choice). */
    public static final FeatureParams RECIPE = new FeatureParams(16000, 480, 320, 512, BANDS, 10, 0, 4000);

    /** One image of the manifest. */
    public record Image(Path path, String word, String speaker) {}

    private LogMelImages() {}

    /** Every image listed in {@code speech_commands_logmel/manifest.csv}; empty when the folder is absent. */
    public static List<Image> scan(Path dataDir) {
        Path dir = dataDir.resolve("speech_commands_logmel");
        Path manifest = dir.resolve("manifest.csv");
        if (!Files.isRegularFile(manifest)) return List.of();
        try {
            List<String> lines = Files.readAllLines(manifest);
            List<Image> images = new ArrayList<>(lines.size());
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                if (f.length < 3) throw new IllegalArgumentException("bad line in " + manifest + ": '" + line + "'");
                images.add(new Image(dir.resolve(f[0]), f[1], f[2]));
            }
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when {@code params} computes the images' frames: same rate, frame, FFT, bands and band edges. */
    public static boolean matches(FeatureParams params) {
        return params.sampleRate() == RECIPE.sampleRate() && params.frameLength() == RECIPE.frameLength()
                && params.fftSize() == RECIPE.fftSize() && params.melBands() == RECIPE.melBands()
                && params.lowHz() == RECIPE.lowHz() && params.highHz() == RECIPE.highHz()
                && params.hopLength() % ROW_STEP == 0;
    }

    /** The pixels of one image, row-major ({@link #ROWS} x {@link #BANDS}), as unsigned bytes. */
    public static byte[] pixels(Path jpg) {
        try {
            BufferedImage image = ImageIO.read(jpg.toFile());
            if (image == null) throw new IllegalArgumentException(jpg + " is not a readable image");
            if (image.getWidth() != BANDS || image.getHeight() != ROWS) {
                throw new IllegalArgumentException(jpg + " is " + image.getWidth() + "x" + image.getHeight()
                        + ", expected " + BANDS + "x" + ROWS + " (bands x frames)");
            }
            Raster r = image.getRaster();
            byte[] out = new byte[ROWS * BANDS];
            for (int row = 0; row < ROWS; row++) {
                for (int b = 0; b < BANDS; b++) out[row * BANDS + b] = (byte) r.getSample(b, row, 0);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jpg, e);
        }
    }

    /** ln(E + floor) of one pixel value (0..255). */
    public static double logEnergy(int pixel) {
        return (pixel - B) / A;
    }
}
