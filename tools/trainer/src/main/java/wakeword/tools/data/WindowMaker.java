package wakeword.tools.data;

import java.util.List;
import java.util.Random;
import wakeword.tools.audio.Signal;

/**
 * Makes one window of audio (16 kHz) of each kind the detector must learn from, from one part's audio: the
 * keyword fully inside at a random offset, the keyword cut by the window edge, another word, continuous speech,
 * noise alone. Most windows get background noise ({@link Augmentation#cleanShare()} do not); all randomness comes from the caller's {@link Random}.
 */
public final class WindowMaker {

    /**
     * What a window holds. SYNTHETIC_KEYWORD and CONFUSABLE come from synthetic voices; the IMAGE_ kinds are made
     * from the log-mel images of more speakers by {@link ImageWindows}, not from audio; HARD_NEGATIVE windows are
     * keyword-free audio an earlier epoch's model fired on.
     */
    public enum Kind {
        KEYWORD, PARTIAL_KEYWORD, OTHER_WORD, SPEECH, NOISE, SYNTHETIC_KEYWORD, CONFUSABLE,
        CONVERSATION, WAKE_PHRASE, HARD_NEGATIVE, IMAGE_KEYWORD, IMAGE_PARTIAL_KEYWORD, IMAGE_OTHER_WORD;

        public boolean positive() {
            return this == KEYWORD || this == SYNTHETIC_KEYWORD || this == IMAGE_KEYWORD;
        }

        /** A keyword cut by the window edge: negative, but not a false alarm a stream would count. */
        public boolean partial() {
            return this == PARTIAL_KEYWORD || this == IMAGE_PARTIAL_KEYWORD;
        }

        public boolean fromImage() {
            return this == IMAGE_KEYWORD || this == IMAGE_PARTIAL_KEYWORD || this == IMAGE_OTHER_WORD;
        }
    }

    private final PartAudio audio;
    private final Augmentation aug;
    private final int length;

    public WindowMaker(PartAudio audio, Augmentation aug, int windowSamples) {
        this.audio = audio;
        this.aug = aug;
        this.length = windowSamples;
    }

    public int length() {
        return length;
    }

    public PartAudio audio() {
        return audio;
    }

    public Augmentation augmentation() {
        return aug;
    }

    public short[] make(Kind kind, Random r) {
        return switch (kind) {
            case KEYWORD -> word(pick(audio.keyword(), r), true, r);
            case PARTIAL_KEYWORD -> word(pick(audio.keyword(), r), false, r);
            case OTHER_WORD -> word(pick(audio.otherWords(), r), r.nextDouble() < 0.8, r);
            case SPEECH -> speech(audio.speech(), r);
            case CONVERSATION -> speech(audio.conversation(), r);
            case WAKE_PHRASE -> speech(audio.wakePhrases(), r);
            case HARD_NEGATIVE -> speech(audio.hardNegatives(), r);
            case NOISE -> noiseOnly(r);
            case SYNTHETIC_KEYWORD -> word(pick(audio.syntheticKeyword(), r), true, r);
            case CONFUSABLE -> word(pick(audio.confusables(), r), r.nextDouble() < 0.8, r);
            case IMAGE_KEYWORD, IMAGE_PARTIAL_KEYWORD, IMAGE_OTHER_WORD ->
                    throw new IllegalArgumentException(kind + " windows come from ImageWindows, not from audio");
        };
    }

    private static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    /** A word clip placed so the word is fully inside ({@code whole}) or cut by an edge by at least partialCut. */
    private short[] word(PartAudio.Word w, boolean whole, Random r) {
        double speed = 1 + (r.nextDouble() * 2 - 1) * aug.speedRange();
        short[] clip = speed == 1 ? w.samples() : Signal.changeSpeed(w.samples(), speed);
        int ws = (int) (w.bounds().start() / speed);
        int we = Math.min(clip.length, (int) Math.ceil(w.bounds().end() / speed));
        int wl = Math.max(1, we - ws);
        int end; // index in the window just after the word's last sample
        if (whole) {
            int nearEnd = (int) (aug.nearEndSeconds() * 16000);
            int lo = Math.min(length, wl);
            if (r.nextDouble() < aug.nearEndShare()) lo = Math.max(lo, length - nearEnd);
            end = lo + r.nextInt(length - lo + 1);
        } else {
            double cut = aug.partialCut() + r.nextDouble() * (0.9 - aug.partialCut());
            end = r.nextBoolean() ? length + (int) (cut * wl) : wl - (int) (cut * wl);
        }
        int offset = end - we; // window index = clip index + offset
        float[] x = new float[length];
        for (int i = Math.max(0, offset); i < Math.min(length, clip.length + offset); i++) x[i] = clip[i - offset];
        double level = dbToAmplitude(uniform(r, aug.minLevelDb(), aug.maxLevelDb())) * 32767;
        double gain = level / Signal.peak(clip, ws, we);
        for (int i = 0; i < length; i++) x[i] *= (float) gain;
        double wordRms = Signal.rms(clip, ws, we) * gain;
        if (r.nextDouble() >= aug.cleanShare()) {
            addNoise(x, wordRms / dbToAmplitude(uniform(r, aug.minSnrDb(), aug.maxSnrDb())), r);
        }
        return Signal.toPcm(x);
    }

    /** A window of one of {@code recordings} (speech, mostly), at a random level and noise. */
    private short[] speech(List<short[]> recordings, Random r) {
        short[] u = pick(recordings, r);
        float[] x = new float[length];
        int start = u.length > length ? r.nextInt(u.length - length) : 0;
        for (int i = 0; i < Math.min(length, u.length); i++) x[i] = u[start + i];
        double level = dbToAmplitude(uniform(r, aug.minLevelDb(), aug.maxLevelDb())) * 32767;
        double gain = level / Math.max(1, Signal.peak(u, start, start + length));
        for (int i = 0; i < length; i++) x[i] *= (float) gain;
        if (r.nextDouble() >= aug.cleanShare()) {
            addNoise(x, Signal.rms(x) / dbToAmplitude(uniform(r, aug.minSnrDb(), aug.maxSnrDb() + 10)), r);
        }
        return Signal.toPcm(x);
    }

    /** Noise alone, from near digital silence to loud (-75..-10 dBFS RMS). */
    private short[] noiseOnly(Random r) {
        float[] x = new float[length];
        addNoise(x, dbToAmplitude(uniform(r, -75, -10)) * 32767, r);
        return Signal.toPcm(x);
    }

    /** Adds a random stretch of one background recording, scaled to {@code targetRms}. */
    private void addNoise(float[] x, double targetRms, Random r) {
        short[] n = pick(audio.noise(), r);
        int start = r.nextInt(Math.max(1, n.length - length));
        double rms = Math.max(1, Signal.rms(n, start, start + length));
        double g = targetRms / rms;
        for (int i = 0; i < length && start + i < n.length; i++) x[i] += (float) (n[start + i] * g);
    }

    private static double uniform(Random r, double lo, double hi) {
        return lo + r.nextDouble() * (hi - lo);
    }

    private static double dbToAmplitude(double db) {
        return Math.pow(10, db / 20);
    }
}
