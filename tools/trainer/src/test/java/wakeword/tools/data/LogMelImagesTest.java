package wakeword.tools.data;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import wakeword.features.FeatureParams;
import wakeword.features.MelSpectrum;
import wakeword.tools.audio.AudioFiles;
import wakeword.tools.train.Recipe;

/**
 * The shipped frontend computes the log-mel images' features: on the calibration pairs (audio and image of one clip),
 * the daemon's own mel energies, mapped to grey levels with the images' scale, reproduce every image within JPEG
 * error; the first release's full-band frontend does not.
 */
class LogMelImagesTest {

    private static final Path DATA = Path.of(System.getProperty("wakeword.data", "../../../shared/data"));
    /** Pairs checked: enough to see the spread, few enough to run in seconds. */
    private static final int PAIRS = 60;

    @Test
    void theShippedFrontendReproducesTheCalibrationImagesWithinJpegError() throws IOException {
        double[] rms = pairErrors(Recipe.SHIPPED_FEATURES);
        double median = rms[rms.length / 2];
        double p90 = rms[rms.length * 9 / 10];
        // JPEG alone costs about 4.5 grey levels RMS on these images (the data README's figure).
        assertTrue(median < 5.5, "median RMS " + median + " grey levels");
        assertTrue(p90 < 7.0, "90th percentile RMS " + p90 + " grey levels");
        assertTrue(LogMelImages.matches(Recipe.SHIPPED_FEATURES));
    }

    @Test
    void theFullBandFrontendDoesNotMatchTheImages() throws IOException {
        double[] rms = pairErrors(Recipe.FULL_BAND_FEATURES);
        assertTrue(rms[rms.length / 2] > 15, "median RMS " + rms[rms.length / 2] + " grey levels");
        assertFalse(LogMelImages.matches(Recipe.FULL_BAND_FEATURES));
    }

    @Test
    void imageWindowsGiveModelInputsOfTheRecipesShape() throws IOException {
        List<Path[]> pairs = pairs();
        byte[] pixels = LogMelImages.pixels(pairs.get(0)[0]);
        ImageWindows.Clip clip = ImageWindows.clip(pixels, true);
        assertTrue(clip.wordStart() < clip.wordEnd());
        assertTrue(clip.wordEnd() <= LogMelImages.ROWS);
    }

    /** RMS grey-level error of each pair at its best time shift (some images were shifted by the generator), sorted. */
    private static double[] pairErrors(FeatureParams params) throws IOException {
        MelSpectrum mel = new MelSpectrum(params);
        List<Double> errors = new ArrayList<>();
        for (Path[] pair : pairs()) {
            byte[] pixels = LogMelImages.pixels(pair[0]);
            double[][] e = mel.energies(AudioFiles.read(pair[1]), LogMelImages.ROW_STEP);
            double best = Double.MAX_VALUE;
            for (int shift = -40; shift <= 40; shift++) {
                double se = 0;
                int n = 0;
                for (int row = 0; row < LogMelImages.ROWS; row++) {
                    int frame = row + shift;
                    if (frame < 0 || frame >= e.length) continue;
                    for (int b = 0; b < LogMelImages.BANDS; b++) {
                        int px = pixels[row * LogMelImages.BANDS + b] & 0xff;
                        if (px <= 3) continue; // clipped at black: no level to compare
                        double predicted = Math.round(LogMelImages.A * Math.log(e[frame][b] + FeatureParams.LOG_FLOOR) + LogMelImages.B);
                        predicted = Math.max(0, Math.min(255, predicted));
                        se += (predicted - px) * (predicted - px);
                        n++;
                    }
                }
                if (n > 1000) best = Math.min(best, Math.sqrt(se / n));
            }
            errors.add(best);
        }
        double[] sorted = errors.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /** Calibration pairs (image, audio), a fixed selection spread over the words. */
    private static List<Path[]> pairs() throws IOException {
        Path calibration = DATA.resolve("speech_commands_logmel/calibration");
        assumeTrue(Files.isDirectory(calibration), "shared log-mel images absent");
        List<Path[]> pairs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(calibration)) {
            List<Path> images = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            int step = Math.max(1, images.size() / PAIRS);
            for (int i = 0; i < images.size() && pairs.size() < PAIRS; i += step) {
                Path image = images.get(i);
                String word = image.getParent().getFileName().toString();
                Path audio = DATA.resolve("speech_commands").resolve(word)
                        .resolve(image.getFileName().toString().replace(".jpg", ".flac"));
                if (Files.isRegularFile(audio)) pairs.add(new Path[] {image, audio});
            }
        }
        assertTrue(pairs.size() >= PAIRS / 2, "only " + pairs.size() + " calibration pairs have audio");
        return pairs;
    }
}
