package wakeword.tools.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Builds the evaluation streams of one held-out part: keyword streams (every "stop" clip once per copy, 0.5-3 s
 * apart, the gaps holding other words, speech snippets or nothing, noise under all of it at the set SNR, plus
 * one clean copy of the first arrangement), one stream of the part's synthetic "stop"s built the same way (when the
 * part has synthetic voices), and one long keyword-free stream (other words, synthetic confusables, wake phrases,
 * LibriSpeech and conversation over noise, repeated in passes that each reshuffle the order and draw a new level and
 * new noise). Every placed recording is listed in the labels, so each false alarm can be traced to its source.
 */
public final class StreamBuilder {

    /** A stream's audio (16-bit sample units as floats, not yet clipped) with its labels. */
    public record Built(StreamLabels labels, float[] samples) {
    }

    private static final double LEAD_SECONDS = 2.0;
    private static final double TAIL_SECONDS = 1.5;
    /** Recording kept on each side of a word's active region, so onsets and decays stay natural. */
    private static final double MARGIN_SECONDS = 0.15;
    /** Gap material stays this far from the keywords' active regions. */
    private static final double GUARD_SECONDS = 0.2;

    private final Material material;
    private final StreamSettings settings;

    public StreamBuilder(Material material, StreamSettings settings) {
        this.material = material;
        this.settings = settings;
    }

    public List<Built> keywordStreams() {
        List<Built> out = new ArrayList<>();
        for (int copy = 0; copy < settings.noisyCopies(); copy++) {
            Random r = random(1 + copy);
            double level = level(r);
            Track speech = new Track();
            List<StreamLabels.Source> sources = new ArrayList<>();
            List<StreamLabels.Keyword> keywords = arrangeKeywords(material.keywords(), speech, sources, level, r);
            float[] noise = NoiseBed.build(material.noise(), speech.length(), r);
            if (copy == 0) {
                out.add(built("keywords-clean", "keywords", "clean", null, 1, level, speech.toArray(), keywords, sources));
            }
            speech.addBed(noise, amplitude(level - settings.snrDb()), 0);
            out.add(built("keywords-snr" + fmt(settings.snrDb()) + "-" + (copy + 1), "keywords",
                    "snr" + fmt(settings.snrDb()), settings.snrDb(), 1 + copy, level, speech.toArray(), keywords, sources));
        }
        return out;
    }

    /** The part's synthetic "stop"s, once each, in noise like the keyword streams; empty without synthetic voices. */
    public List<Built> syntheticKeywordStreams() {
        if (material.syntheticKeywords().isEmpty()) return List.of();
        Random r = random(100);
        double level = level(r);
        Track speech = new Track();
        List<StreamLabels.Source> sources = new ArrayList<>();
        List<StreamLabels.Keyword> keywords = arrangeKeywords(material.syntheticKeywords(), speech, sources, level, r);
        speech.addBed(NoiseBed.build(material.noise(), speech.length(), r), amplitude(level - settings.snrDb()), 0);
        return List.of(built("synthetic-keywords-snr" + fmt(settings.snrDb()), StreamLabels.KIND_SYNTHETIC_KEYWORDS,
                "snr" + fmt(settings.snrDb()), settings.snrDb(), 1, level, speech.toArray(), keywords, sources));
    }

    public Built negativeStream() {
        Random r = random(0);
        Track track = new Track();
        List<StreamLabels.Source> sources = new ArrayList<>();
        int target = Track.samples(settings.negativeSeconds());
        int pos = Track.samples(LEAD_SECONDS);
        List<int[]> passes = new ArrayList<>();
        List<Double> levels = new ArrayList<>();
        while (pos < target) {
            double level = level(r);
            int passStart = passes.isEmpty() ? 0 : pos;
            List<Material.Recording> items = new ArrayList<>(material.otherWords());
            items.addAll(material.speech());
            Collections.shuffle(items, r);
            for (Material.Recording item : items) {
                if (pos >= target) break;
                boolean word = !item.isLong();
                int from = word ? Math.max(0, item.active().start() - Track.samples(MARGIN_SECONDS)) : 0;
                int to = word ? Math.min(item.samples().length, item.active().end() + Track.samples(MARGIN_SECONDS))
                        : item.samples().length;
                place(track, sources, item, from, to, gain(item, level), pos);
                pos += to - from + Track.samples(0.3 + 1.7 * r.nextDouble());
                if (r.nextDouble() < 0.1) pos += Track.samples(3 + 7 * r.nextDouble());
            }
            track.extendTo(pos);
            passes.add(new int[] {passStart, pos});
            levels.add(level);
        }
        track.extendTo(pos + Track.samples(TAIL_SECONDS));
        passes.get(passes.size() - 1)[1] = track.length();
        for (int i = 0; i < passes.size(); i++) {
            int[] p = passes.get(i);
            float[] noise = NoiseBed.build(material.noise(), p[1] - p[0], r);
            track.addBed(noise, amplitude(levels.get(i) - settings.snrDb()), p[0]);
        }
        double meanLevel = levels.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return built("negative-snr" + fmt(settings.snrDb()), "negative", "snr" + fmt(settings.snrDb()),
                settings.snrDb(), 0, meanLevel, track.toArray(), List.of(), sources);
    }

    private List<StreamLabels.Keyword> arrangeKeywords(List<Material.Recording> all, Track track,
                                                       List<StreamLabels.Source> sources, double level, Random r) {
        List<Material.Recording> clips = new ArrayList<>(all);
        Collections.shuffle(clips, r);
        if (settings.maxKeywords() > 0 && clips.size() > settings.maxKeywords()) {
            clips = clips.subList(0, settings.maxKeywords());
        }
        List<StreamLabels.Keyword> keywords = new ArrayList<>();
        int pos = Track.samples(LEAD_SECONDS);
        for (int i = 0; i < clips.size(); i++) {
            Material.Recording clip = clips.get(i);
            ActiveSpeech a = clip.active();
            int from = Math.max(0, a.start() - Track.samples(MARGIN_SECONDS));
            int to = Math.min(clip.samples().length, a.end() + Track.samples(MARGIN_SECONDS));
            place(track, sources, clip, from, to, gain(clip, level), pos - (a.start() - from));
            keywords.add(new StreamLabels.Keyword(seconds(pos), seconds(pos + a.length()), clip.id()));
            int end = pos + a.length();
            if (i == clips.size() - 1) {
                track.extendTo(Math.max(track.length(), end + Track.samples(TAIL_SECONDS)));
                break;
            }
            int gap = Track.samples(settings.minGapSeconds()
                    + (settings.maxGapSeconds() - settings.minGapSeconds()) * r.nextDouble());
            fillGap(track, sources, end, end + gap, level, r);
            pos = end + gap;
        }
        return keywords;
    }

    /** Puts another word, a LibriSpeech snippet, or nothing (one in three each) between two keywords. */
    private void fillGap(Track track, List<StreamLabels.Source> sources, int start, int end, double level, Random r) {
        int guard = Track.samples(GUARD_SECONDS);
        int room = end - start - 2 * guard;
        int choice = r.nextInt(3);
        if (choice == 1 && !material.otherWords().isEmpty()) {
            Material.Recording w = material.otherWords().get(r.nextInt(material.otherWords().size()));
            int from = Math.max(0, w.active().start() - Track.samples(0.05));
            int to = Math.min(w.samples().length, w.active().end() + Track.samples(0.05));
            if (to - from <= room) {
                place(track, sources, w, from, to, gain(w, level), start + guard + r.nextInt(room - (to - from) + 1));
                return;
            }
            choice = 2;
        }
        if (choice == 2 && !material.speech().isEmpty() && room >= Track.samples(0.3)) {
            Material.Recording u = material.speech().get(r.nextInt(material.speech().size()));
            int len = Math.min(u.samples().length, (int) (room * (0.5 + 0.5 * r.nextDouble())));
            int from = r.nextInt(u.samples().length - len + 1);
            place(track, sources, u, from, from + len, gain(u, level), start + guard);
        }
    }

    /** Adds a recording to the track and lists it as a source. */
    private static void place(Track track, List<StreamLabels.Source> sources, Material.Recording rec, int from, int to,
                              double gain, int at) {
        track.add(rec.samples(), from, to, gain, at);
        sources.add(new StreamLabels.Source(seconds(at), seconds(at + to - from), rec.kind(), rec.group(), rec.id()));
    }

    private Built built(String name, String kind, String condition, Double snr, int copy, double level,
                        float[] samples, List<StreamLabels.Keyword> keywords, List<StreamLabels.Source> sources) {
        double duration = samples.length / (double) Track.RATE;
        String fullName = material.part().name().toLowerCase(java.util.Locale.ROOT) + "-" + name;
        int clipped = 0;
        for (float v : samples) if (v > Short.MAX_VALUE || v < Short.MIN_VALUE) clipped++;
        return new Built(new StreamLabels(fullName, material.part().name().toLowerCase(java.util.Locale.ROOT), kind,
                condition, snr, settings.seed(), copy, duration, StreamLabels.keywordFree(duration, keywords), level,
                clipped, List.copyOf(keywords), List.copyOf(sources), StreamLabels.DEFINITION), samples);
    }

    private Random random(int stream) {
        return new Random(settings.seed() * 1_000_003L + material.part().ordinal() * 1009L + stream);
    }

    private double level(Random r) {
        return settings.minLevelDbfs() + (settings.maxLevelDbfs() - settings.minLevelDbfs()) * r.nextDouble();
    }

    private static double gain(Material.Recording rec, double levelDbfs) {
        return amplitude(levelDbfs) / rec.active().rms();
    }

    /** dB full scale to 16-bit sample units (0 dBFS RMS = 32768). */
    static double amplitude(double dbfs) {
        return 32768 * Math.pow(10, dbfs / 20);
    }

    private static double seconds(int samples) {
        return samples / (double) Track.RATE;
    }

    private static String fmt(double db) {
        return db == Math.rint(db) ? Long.toString((long) db) : Double.toString(db);
    }
}
