package wakeword.tools.data;

import java.util.List;
import java.util.Random;
import java.util.Set;
import wakeword.features.FeatureParams;
import wakeword.features.MelSpectrum;

/**
 * Model inputs made from log-mel images instead of audio, varied as {@link WindowMaker} varies audio: the word placed
 * at a random offset (or cut by the window edge), its level changed, and training noise mixed in. The mixing happens
 * in the mel-energy domain (noise energies from the daemon's frontend added to the image's energies), which is what
 * mixing the audio gives up to the cross terms of two independent signals. The last step, log energies to
 * cepstrum, is the daemon's own.
 */
public final class ImageWindows {

    /**
     * One image: its pixels (row-major, rows x bands), the rows the word spans, and each band's quietest energy,
     * which stands in for rows a window takes from outside the image.
     */
    record Clip(byte[] pixels, int wordStart, int wordEnd, boolean keyword, double[] background) {}

    private final List<Clip> keyword;
    private final List<Clip> other;
    private final List<double[][]> noiseRows;
    private final Augmentation aug;
    private final FeatureParams params;
    private final int frames;
    private final int rowsPerHop;
    private final ThreadLocal<MelSpectrum> mel;

    private ImageWindows(List<Clip> keyword, List<Clip> other, List<double[][]> noiseRows, Augmentation aug,
                         FeatureParams params, int frames) {
        this.keyword = keyword;
        this.other = other;
        this.noiseRows = noiseRows;
        this.aug = aug;
        this.params = params;
        this.frames = frames;
        this.rowsPerHop = params.hopLength() / LogMelImages.ROW_STEP;
        // MelSpectrum keeps scratch space: one per thread of the parallel window generation.
        this.mel = ThreadLocal.withInitial(() -> new MelSpectrum(params));
    }

    /**
     * Decodes {@code images} of speakers not in {@code excludedSpeakers} (the audio validation and test speakers: the
     * images add training speakers only) and prepares {@code noise} (training audio) as mel-energy rows.
     */
    public static ImageWindows load(List<LogMelImages.Image> images, Set<String> excludedSpeakers, List<short[]> noise,
                                    Augmentation aug, FeatureParams params, int frames) {
        if (!LogMelImages.matches(params)) {
            throw new IllegalArgumentException("the log-mel images need a 0-4000 Hz, 40-band, 480/512 frontend; the "
                    + "recipe asks for " + params);
        }
        List<Clip> clips = images.parallelStream()
                .filter(i -> !excludedSpeakers.contains(i.speaker()))
                .map(i -> clip(LogMelImages.pixels(i.path()), Corpus.KEYWORD.equals(i.word())))
                .toList();
        MelSpectrum spectrum = new MelSpectrum(params);
        List<double[][]> noiseRows = noise.stream().map(n -> spectrum.energies(n, LogMelImages.ROW_STEP)).toList();
        return new ImageWindows(clips.stream().filter(Clip::keyword).toList(),
                clips.stream().filter(c -> !c.keyword()).toList(), noiseRows, aug, params, frames);
    }

    public int keywordImages() {
        return keyword.size();
    }

    public int otherImages() {
        return other.size();
    }

    /** Energies of each row, the word's rows found as {@code WordBounds} finds them in audio (30 dB below the peak). */
    static Clip clip(byte[] pixels, boolean keyword) {
        int rows = LogMelImages.ROWS;
        double[] db = new double[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int b = 0; b < LogMelImages.BANDS; b++) sum += energy(pixels[r * LogMelImages.BANDS + b]);
            db[r] = 10 * Math.log10(sum + 1e-12);
        }
        double[] sorted = db.clone();
        java.util.Arrays.sort(sorted);
        double peak = sorted[rows - 1];
        double threshold = Math.min(peak - 1, Math.max(peak - 30, sorted[rows / 5] + 8));
        int first = 0, last = rows - 1;
        while (first < rows - 1 && db[first] < threshold) first++;
        while (last > first && db[last] < threshold) last--;
        double[] background = new double[LogMelImages.BANDS];
        java.util.Arrays.fill(background, Double.MAX_VALUE);
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < background.length; b++) {
                background[b] = Math.min(background[b], energy(pixels[r * LogMelImages.BANDS + b]));
            }
        }
        return new Clip(pixels, first, last + 1, keyword, background);
    }

    private static double energy(byte pixel) {
        return Math.max(0, Math.exp(LogMelImages.logEnergy(pixel & 0xff)) - FeatureParams.LOG_FLOOR);
    }

    /** One model input ({@code frames} x coefficients, row-major) of an image kind. */
    public float[] features(WindowMaker.Kind kind, Random r) {
        return switch (kind) {
            case IMAGE_KEYWORD -> window(pick(keyword, r), Placement.WHOLE, r);
            case IMAGE_PARTIAL_KEYWORD -> window(pick(keyword, r), Placement.CUT, r);
            case IMAGE_OTHER_WORD -> window(pick(other, r), r.nextDouble() < 0.8 ? Placement.WHOLE : Placement.CUT, r);
            default -> throw new IllegalArgumentException(kind + " windows are made from audio");
        };
    }

    private enum Placement { WHOLE, CUT }

    private float[] window(Clip clip, Placement placement, Random r) {
        int span = (frames - 1) * rowsPerHop; // rows from the first frame to the last
        int wl = Math.max(1, clip.wordEnd() - clip.wordStart());
        int start; // image row of the window's first frame
        if (placement == Placement.WHOLE) {
            int lo = clip.wordEnd() - 1 - span, hi = clip.wordStart();
            if (lo > hi) lo = hi; // a word longer than the window: keep its start
            if (r.nextDouble() < aug.nearEndShare()) {
                int nearEnd = (int) (aug.nearEndSeconds() * 16000 / LogMelImages.ROW_STEP);
                hi = Math.min(hi, Math.max(lo, clip.wordEnd() - 1 - span + nearEnd));
            }
            start = lo + r.nextInt(hi - lo + 1);
        } else {
            int cut = (int) Math.ceil((aug.partialCut() + r.nextDouble() * (0.9 - aug.partialCut())) * wl);
            start = r.nextBoolean() ? clip.wordStart() + cut - span - 1 : clip.wordEnd() - (wl - cut);
        }
        int bands = LogMelImages.BANDS;
        double[] background = clip.background();
        double gain = Math.pow(10, (r.nextDouble() * 20 - 10) / 10); // power gain of -10..+10 dB
        double[][] e = new double[frames][bands];
        for (int i = 0; i < frames; i++) {
            int row = start + i * rowsPerHop;
            for (int b = 0; b < bands; b++) {
                double v = row >= 0 && row < LogMelImages.ROWS ? energy(clip.pixels()[row * bands + b]) : background[b];
                e[i][b] = v * gain;
            }
        }
        double[][] n = pick(noiseRows, r);
        int noiseStart = r.nextInt(Math.max(1, n.length - span));
        double wordEnergy = 0, noiseEnergy = 0;
        int wordRows = 0;
        for (int i = 0; i < frames; i++) {
            int row = start + i * rowsPerHop;
            if (row >= clip.wordStart() && row < clip.wordEnd()) {
                for (int b = 0; b < bands; b++) wordEnergy += e[i][b];
                wordRows++;
            }
            double[] nr = n[Math.min(n.length - 1, noiseStart + i * rowsPerHop)];
            for (int b = 0; b < bands; b++) noiseEnergy += nr[b];
        }
        if (wordRows == 0) { // a cut word with nothing inside: scale noise to the window's own level
            for (double[] fr : e) for (double v : fr) wordEnergy += v;
            wordRows = frames;
        }
        double snrDb = aug.minSnrDb() + r.nextDouble() * (aug.maxSnrDb() - aug.minSnrDb());
        double noiseGain = r.nextDouble() < aug.cleanShare() ? 0
                : (wordEnergy / wordRows) / Math.max(1e-12, noiseEnergy / frames) / Math.pow(10, snrDb / 10);
        int c = params.coefficients();
        float[] out = new float[frames * c];
        float[] coefficients = new float[c];
        double[] logMel = new double[bands];
        MelSpectrum spectrum = mel.get();
        for (int i = 0; i < frames; i++) {
            double[] nr = n[Math.min(n.length - 1, noiseStart + i * rowsPerHop)];
            for (int b = 0; b < bands; b++) logMel[b] = Math.log(e[i][b] + noiseGain * nr[b] + FeatureParams.LOG_FLOOR);
            spectrum.cepstrum(logMel, coefficients);
            System.arraycopy(coefficients, 0, out, i * c, c);
        }
        return out;
    }

    private static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }
}
