package wakeword.tools.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import wakeword.audio.Resampler;
import wakeword.tools.audio.AudioFiles;
import wakeword.tools.audio.WordBounds;

/**
 * Words spoken by espeak-ng in many voices, for training only: more "stop" voices than the 99 real training speakers,
 * and near-miss words ("top", "shop", "step", ...) as hard negatives. Rendered once into a cache folder (16 kHz
 * after the daemon's resampler). Words that contain the keyword ("stopped", "stops") are deliberately absent: a
 * user saying them may well expect the switch, so they are neither taught as negatives nor as positives.
 */
public final class SyntheticSpeech {

    public static final List<String> CONFUSABLES = List.of("top", "shop", "stock", "step", "spot", "drop", "stomp",
            "stab", "stuff", "stack", "still", "stoke", "pop", "sob");

    private static final List<String> LANGUAGES = List.of("en-us", "en", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-029");
    private static final List<String> VARIANTS = List.of("", "+m1", "+m2", "+m3", "+m4", "+m5", "+m6", "+m7", "+f1",
            "+f2", "+f3", "+f4");

    /** One espeak-ng rendering setting. */
    public record Voice(String voice, int wordsPerMinute, int pitch) {
        String key() {
            return (voice + "_" + wordsPerMinute + "_" + pitch).replace('+', '-');
        }
    }

    private final Path cache;

    public SyntheticSpeech(Path cache) {
        this.cache = cache;
    }

    /** Every voice setting: 6 accents x 12 voice variants x 2 speeds x 2 pitches. */
    public static List<Voice> voices() {
        List<Voice> v = new ArrayList<>();
        for (String lang : LANGUAGES)
            for (String variant : VARIANTS)
                for (int wpm : new int[] {130, 175})
                    for (int pitch : new int[] {35, 65}) v.add(new Voice(lang + variant, wpm, pitch));
        return v;
    }

    /** {@code word} in every voice ({@code stride} > 1 keeps every stride-th voice). */
    public List<PartAudio.Word> render(String word, int stride) {
        List<Voice> all = voices();
        List<Voice> chosen = new ArrayList<>();
        for (int i = 0; i < all.size(); i += stride) chosen.add(all.get(i));
        return chosen.parallelStream().map(v -> {
            short[] s = at16k(fileFor(word, v));
            return new PartAudio.Word(s, WordBounds.of(s), word, "espeak:" + v.key());
        }).toList();
    }

    private Path fileFor(String word, Voice v) {
        Path file = cache.resolve(word).resolve(v.key() + ".wav");
        if (Files.isRegularFile(file)) return file;
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Process p = new ProcessBuilder("espeak-ng", "-v", v.voice(), "-s", String.valueOf(v.wordsPerMinute()),
                    "-p", String.valueOf(v.pitch()), "-w", tmp.toString(), word)
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("espeak-ng failed for voice " + v.voice() + "; is espeak-ng installed (apt install espeak-ng)?");
            }
            Files.move(tmp, file);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run espeak-ng (" + e.getMessage() + "): install it (apt install espeak-ng) or train without --synthetic", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running espeak-ng", e);
        }
    }

    private static short[] at16k(Path file) {
        AudioFiles.Pcm pcm = AudioFiles.readMono16(file);
        return pcm.sampleRate() == 16000 ? pcm.samples() : Resampler.resample(pcm.samples(), pcm.sampleRate(), 16000);
    }
}
