package wakeword.tools.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a stream contains: where each keyword's active speech lies (not its clip's padding), how long the stream
 * is, and how much of it is keyword-free: the time outside every keyword's matching window
 * [start, end + {@link Matcher#AFTER_END_SECONDS}], the time in which any detection is a false alarm.
 *
 * @param condition      "snr10" style for noisy streams, "clean" without noise
 * @param snrDb          null for a clean stream
 * @param copy           which arrangement of the keywords (the clean stream shares copy 1's)
 * @param levelDbfs      active speech level of the stream (the mean over passes for the negative stream)
 * @param clippedSamples samples that exceeded 16 bits and were clipped when written
 */
public record StreamLabels(String name, String part, String kind, String condition, Double snrDb, long seed,
                           int copy, double durationSeconds, double keywordFreeSeconds, double levelDbfs,
                           int clippedSamples, List<Keyword> keywords, List<Source> sources, String definition) {

    /** @param clip the source recording, relative to the data folder */
    public record Keyword(double start, double end, String clip) {
    }

    /**
     * One recording placed in the stream, where its (trimmed) audio lies, so a false alarm can be traced to what was
     * playing. Noise lies under everything and has no entries: a false alarm that overlaps no source is "noise".
     *
     * @param kind  the word ("top", "down", "stop") for words, else the group's name ("librispeech", ...)
     * @param group one of the GROUP_ constants
     * @param clip  the recording: relative to the data folder, or {@code synth:<voice>/<file>} for synthetic voices
     */
    public record Source(double start, double end, String kind, String group, String clip) {
    }

    public static final String GROUP_KEYWORD = "keyword";
    public static final String GROUP_SYNTHETIC_KEYWORD = "synthetic keyword";
    public static final String GROUP_WORDS = "words";
    public static final String GROUP_SYNTHETIC_WORDS = "synthetic words";
    public static final String GROUP_WAKE_PHRASE = "wake phrase";
    public static final String GROUP_LIBRISPEECH = "librispeech";
    public static final String GROUP_COFFEE = "coffee";
    public static final String GROUP_NOISE = "noise";

    /** The kind of stream that holds synthetic "stop"s: reported on its own, never in the headline figures. */
    public static final String KIND_SYNTHETIC_KEYWORDS = "synthetic-keywords";

    static final String DEFINITION = "keyword start/end: first/last 10 ms frame of the clip within 30 dB of its loudest"
            + " frame and >= 6 dB above its 20th-percentile frame; SNR: active speech RMS (same frames) against the"
            + " noise RMS over its whole region; keyword-free: duration outside every [start, end + 1.0 s]";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    static double keywordFree(double duration, List<Keyword> keywords) {
        double covered = 0;
        double reach = 0;
        for (Keyword k : keywords.stream().sorted(java.util.Comparator.comparingDouble(Keyword::start)).toList()) {
            double a = Math.max(k.start(), reach);
            double b = Math.min(duration, k.end() + Matcher.AFTER_END_SECONDS);
            if (b > a) covered += b - a;
            reach = Math.max(reach, b);
        }
        return duration - covered;
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, GSON.toJson(this) + "\n", StandardCharsets.UTF_8);
    }

    public static StreamLabels read(Path file) throws IOException {
        return GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), StreamLabels.class);
    }
}
