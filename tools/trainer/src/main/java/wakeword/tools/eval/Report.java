package wakeword.tools.eval;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** The stream-evaluation section of models/REPORT.md, written from one evaluation's results. */
public final class Report {

    private final Results r;
    private final String plotName;

    /** @param plotName the DET plot's file name, relative to the report */
    public Report(Results results, String plotName) {
        this.r = results;
        this.plotName = plotName;
    }

    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("## Stream evaluation: misses and false alarms per hour\n\n");
        b.append("Measured with `").append(r.command()).append("` at commit ").append(r.commit())
                .append(". Every model is scored by the daemon's own `replay` (WAV reading, MFCC frontend, TFLite model)"
                        + " and its own `TriggerPolicy` (refractory, warm-up and re-arm from the model's manifest); threshold and"
                        + " smoothing are swept (settings are written threshold / smoothing). PocketSphinx runs on the same files.\n\n");
        headline(b);
        b.append("![DET curves](").append(plotName).append(")\n\n");
        b.append("Solid lines: test streams; dashed: validation streams, each at the smoothing chosen on validation."
                + " Rings mark the setting chosen on validation.\n\n");
        validation(b);
        defaults(b);
        sources(b);
        streams(b);
        cpu(b);
        checks(b);
        method(b);
        caveats(b);
        return b.toString();
    }

    private void headline(StringBuilder b) {
        b.append("### Test streams, at the setting chosen on validation (").append(r.chooseRule().describe()
                .replace("on validation streams: ", "")).append(")\n\n");
        b.append("| system | setting | FRR (all keyword streams) | FRR clean | FRR 10 dB SNR | false alarms / keyword-free h | FA/h"
                + " | latency median / p90 | CPU s per audio hour |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Results.SystemResult s : r.systems()) {
            Results.Figures f = s.testAtChosen();
            if (f == null) {
                b.append("| ").append(s.name()).append(" | ")
                        .append(s.validation() == null ? "no validation run" : "none reached the limit")
                        .append(" | | | | | | | ").append(cpu(s.test())).append(" |\n");
                continue;
            }
            row(b, s.name() + (s.chosenWithinLimit() ? "" : " ¹"), f, s.test());
        }
        if (r.systems().stream().anyMatch(s -> s.testAtChosen() != null && !s.chosenWithinLimit())) {
            b.append("\n¹ No setting that detects can ").append(r.chooseRule().limit())
                    .append(" on validation; the row shows the setting that misses least on validation.\n");
        }
        b.append('\n');
        synthetic(b);
    }

    private void defaults(StringBuilder b) {
        b.append("### Test streams, at each system's shipped default\n\n");
        b.append("The model's threshold and smoothing from its manifest (what the daemon uses unless the config overrides"
                + " them); PocketSphinx at the 1e-20 of the system notes.\n\n");
        b.append("| system | setting | FRR (all keyword streams) | FRR clean | FRR 10 dB SNR | false alarms / keyword-free h | FA/h"
                + " | latency median / p90 | CPU s per audio hour |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Results.SystemResult s : r.systems()) {
            if (s.testAtDefault() != null) row(b, s.name(), s.testAtDefault(), s.test());
        }
        b.append('\n');
    }

    private void validation(StringBuilder b) {
        b.append("### Validation streams, at the chosen setting\n\n");
        b.append("The rule, ").append(r.chooseRule().describe())
                .append(" (¹: none met the limit; the one that misses least). `tools/evaluate --write-trigger` writes"
                        + " the chosen threshold and smoothing into the model's manifest.\n\n");
        b.append("| system | chosen setting | FRR | false alarms / keyword-free h | FA/h |\n|---|---:|---:|---:|---:|\n");
        for (Results.SystemResult s : r.systems()) {
            Results.Figures f = s.validationAtChosen();
            if (f == null) {
                b.append("| ").append(s.name()).append(" | none | | | |\n");
                continue;
            }
            StreamOutcome.Summary a = f.allStreams();
            b.append("| ").append(s.name()).append(s.chosenWithinLimit() ? "" : " ¹").append(" | ").append(setting(f))
                    .append(" | ").append(pct(a.frr()))
                    .append(" (").append(a.keywords() - a.hits()).append('/').append(a.keywords()).append(") | ")
                    .append(a.falseAlarms()).append(" / ").append(num(a.keywordFreeHours(), 2)).append(" | ")
                    .append(num(a.faPerHour(), 2)).append(" |\n");
        }
        b.append('\n');
    }

    private void synthetic(StringBuilder b) {
        if (r.systems().stream().noneMatch(s -> s.testAtChosen() != null && s.testAtChosen().synthetic() != null)) return;
        b.append("Synthetic \"stop\" (the part's synthetic voices: ").append(String.join("; ", r.synthVoices()))
                .append("; one noisy stream per part, kept out of every figure above and out of the choice):\n\n");
        b.append("| system | validation, chosen | test, chosen | test, default |\n|---|---:|---:|---:|\n");
        for (Results.SystemResult s : r.systems()) {
            b.append("| ").append(s.name()).append(" | ").append(missed(s.validationAtChosen())).append(" | ")
                    .append(missed(s.testAtChosen())).append(" | ").append(missed(s.testAtDefault())).append(" |\n");
        }
        b.append('\n');
    }

    private static String missed(Results.Figures f) {
        if (f == null || f.synthetic() == null) return "";
        StreamOutcome.Summary y = f.synthetic();
        return pct(y.frr()) + " missed (" + (y.keywords() - y.hits()) + "/" + y.keywords() + ")";
    }

    /** Which recordings the false alarms came from, per group and per word, at the chosen and the default setting. */
    private void sources(StringBuilder b) {
        b.append("### Where the false alarms come from\n\n");
        b.append("Each false alarm is filed under the recording that overlaps most of the second before it (no"
                + " recording: noise). FA/h: that source's false alarms per keyword-free hour of the part, so the rows add"
                + " up to the part's FA/h; per audio h: per hour of that source's own audio in the streams.\n\n");
        for (Results.SystemResult s : r.systems()) {
            List<Results.Figures> cols = new java.util.ArrayList<>();
            List<String> names = new java.util.ArrayList<>();
            if (s.validationAtChosen() != null) { cols.add(s.validationAtChosen()); names.add("validation, chosen " + setting(s.validationAtChosen())); }
            if (s.testAtChosen() != null) { cols.add(s.testAtChosen()); names.add("test, chosen"); }
            if (s.testAtDefault() != null) { cols.add(s.testAtDefault()); names.add("test, default " + setting(s.testAtDefault())); }
            if (cols.isEmpty()) continue;
            b.append("**").append(s.name()).append("**, per source group (false alarms, FA/h, per audio h):\n\n| group |");
            for (String n : names) b.append(' ').append(n).append(" |");
            b.append("\n|---|");
            for (int i = 0; i < cols.size(); i++) b.append("---:|");
            b.append('\n');
            java.util.Set<String> groups = new java.util.TreeSet<>();
            for (Results.Figures f : cols) for (SourceAttribution.KindCount k : f.byKind()) groups.add(k.group());
            for (String g : groups) {
                b.append("| ").append(g).append(" |");
                for (Results.Figures f : cols) {
                    int n = 0;
                    double audio = 0;
                    for (SourceAttribution.KindCount k : f.byKind()) {
                        if (!k.group().equals(g)) continue;
                        n += k.falseAlarms();
                        audio += k.audioSeconds();
                    }
                    b.append(' ').append(n).append(", ").append(num(n / f.allStreams().keywordFreeHours(), 2)).append(", ")
                            .append(audio > 0 ? num(n / (audio / 3600), 1) : "n/a").append(" |");
                }
                b.append('\n');
            }
            b.append("\nTop firing words and sources (false alarms; a word's group says whether it is real or synthetic):\n\n| source | group |");
            for (String n : names) b.append(' ').append(n).append(" |");
            b.append("\n|---|---|");
            for (int i = 0; i < cols.size(); i++) b.append("---:|");
            b.append('\n');
            java.util.Map<String, Integer> total = new java.util.HashMap<>();
            for (Results.Figures f : cols) for (SourceAttribution.KindCount k : f.byKind()) total.merge(k.group() + "\t" + k.kind(), k.falseAlarms(), Integer::sum);
            List<String> top = total.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(java.util.Map.Entry.comparingByKey()))
                    .limit(20).map(java.util.Map.Entry::getKey).toList();
            for (String key : top) {
                String[] gk = key.split("\t");
                b.append("| ").append(gk[1]).append(" | ").append(gk[0]).append(" |");
                for (Results.Figures f : cols) {
                    int n = f.byKind().stream().filter(k -> k.group().equals(gk[0]) && k.kind().equals(gk[1]))
                            .mapToInt(SourceAttribution.KindCount::falseAlarms).sum();
                    b.append(' ').append(n).append(" |");
                }
                b.append('\n');
            }
            b.append('\n');
        }
        b.append("![DET per source](").append(plotName.replace(".png", "-sources.png")).append(")\n\n");
        b.append("Per-source DET on test streams: each line counts only the false alarms of one group, per hour of that"
                + " group's audio, against the system's miss rate.\n\n");
    }

    /** "threshold / smoothing" (just the threshold for a system without smoothing). */
    static String setting(Results.Figures f) {
        return Evaluation.setting(f.setting(), f.smoothing());
    }

    private void row(StringBuilder b, String name, Results.Figures f, Results.PartResult part) {
        StreamOutcome.Summary a = f.allStreams();
        b.append("| ").append(name).append(" | ").append(setting(f))
                .append(" | ").append(pct(a.frr())).append(" (").append(a.keywords() - a.hits()).append('/')
                .append(a.keywords()).append(')')
                .append(" | ").append(pct(f.clean().frr()))
                .append(" | ").append(pct(f.noisy().frr()))
                .append(" | ").append(a.falseAlarms()).append(" / ").append(num(a.keywordFreeHours(), 2))
                .append(a.repeats() > 0 ? " (" + a.repeats() + " repeats)" : "")
                .append(" | ").append(num(a.faPerHour(), 2))
                .append(" | ").append(seconds(a.latencyMedian())).append(" / ").append(seconds(a.latencyP90()))
                .append(" | ").append(cpu(part)).append(" |\n");
    }

    private void streams(StringBuilder b) {
        b.append("### Streams\n\n| part | keyword streams | keywords | keyword-free stream | total audio | keyword-free time |\n");
        b.append("|---|---:|---:|---:|---:|---:|\n");
        for (String part : List.of("validation", "test")) {
            List<Results.StreamInfo> s = r.streams().stream().filter(i -> i.part().equals(part)).toList();
            if (s.isEmpty()) continue;
            Predicate<Results.StreamInfo> kw = i -> "keywords".equals(i.kind());
            b.append("| ").append(part).append(" | ").append(s.stream().filter(kw).count()).append(" (")
                    .append(s.stream().filter(kw).filter(i -> "clean".equals(i.condition())).count()).append(" clean) | ")
                    .append(s.stream().mapToInt(Results.StreamInfo::keywords).sum()).append(" | ")
                    .append(minutes(s.stream().filter(kw.negate()).mapToDouble(Results.StreamInfo::durationSeconds).sum()))
                    .append(" | ").append(minutes(s.stream().mapToDouble(Results.StreamInfo::durationSeconds).sum()))
                    .append(" | ").append(minutes(s.stream().mapToDouble(Results.StreamInfo::keywordFreeSeconds).sum()))
                    .append(" |\n");
        }
        b.append('\n');
    }

    private void cpu(StringBuilder b) {
        b.append("### CPU time per test stream (user + system, x86_64 build machine, shared with other jobs)\n\n");
        List<Results.SystemResult> timed = r.systems().stream().filter(s -> s.test() != null).toList();
        if (timed.isEmpty()) return;
        b.append("| stream | audio |");
        for (Results.SystemResult s : timed) b.append(' ').append(s.name()).append(" |");
        b.append("\n|---|---:|");
        for (int i = 0; i < timed.size(); i++) b.append("---:|");
        b.append('\n');
        List<SystemSweep.StreamCpu> rows = timed.get(0).test().cpuPerStream();
        for (int k = 0; k < rows.size(); k++) {
            b.append("| ").append(rows.get(k).stream()).append(" | ").append(num(rows.get(k).audioSeconds(), 0)).append(" s |");
            for (Results.SystemResult s : timed) {
                b.append(' ').append(num(s.test().cpuPerStream().get(k).cpuSeconds(), 1)).append(" s |");
            }
            b.append('\n');
        }
        b.append("\nModels: one `java -jar wakeword.jar replay` process per stream, JVM start and model load included."
                + " PocketSphinx: the mean over its kws_threshold runs.\n\n");
    }

    private void checks(StringBuilder b) {
        b.append("### Daemon CLI against the sweep\n\n");
        for (Results.SystemResult s : r.systems()) {
            for (Results.PartResult p : new Results.PartResult[] {s.validation(), s.test()}) {
                if (p == null || p.cliCheck() == null) continue;
                SystemSweep.CliCheck c = p.cliCheck();
                b.append("- ").append(s.name()).append(", ").append(p.part()).append(": `replay --threshold ")
                        .append(ModelSweeper.format(c.threshold())).append("` gave ").append(c.detections())
                        .append(" detections on ").append(c.streams()).append(" streams; ")
                        .append(c.mismatches().isEmpty() ? "identical to the sweep's at that threshold."
                                : c.mismatches().size() + " streams differ: " + String.join("; ", c.mismatches()))
                        .append('\n');
            }
        }
        b.append('\n');
    }

    private void method(StringBuilder b) {
        StreamSettings s = r.streamSettings();
        b.append("### How the streams and figures are made\n\n");
        b.append("- Speakers: held-out only, by `SpeakerSplit(\"").append(r.splitSalt()).append("\")`: validation"
                + " speakers choose the setting, test speakers give the figures. Seed ").append(s.seed()).append(".\n");
        b.append("- Keyword streams: every \"stop\" clip of the part once per stream, in a new order, trimmed to its"
                + " active speech plus 0.15 s; ").append(num(s.minGapSeconds(), 1)).append("-")
                .append(num(s.maxGapSeconds(), 1)).append(" s from one keyword's end to the next one's start, each gap"
                        + " holding another word or phrase, a snippet of LibriSpeech or conversation, or nothing, one in three each. ")
                .append(s.noisyCopies()).append(" copies with noise at ").append(num(s.snrDb(), 0))
                .append(" dB SNR plus one clean copy of the first arrangement.\n");
        b.append("- Synthetic voices (`tools/synth`: RHVoice, festival, flite, pico, and espeak-ng speaking through the"
                + " MBROLA voices of people of other languages; 3 rate/pitch variants each) go to"
                + " parts by the same speaker hash, keyed by the person behind the voice, except that every engine with"
                + " two training speakers lends its first by name to validation. The part's synthetic \"stop\"s"
                + " form one more noisy stream, reported apart; its synthetic confusable words (top, shop, drop, ...,"
                + " bus stop) join the keyword-free stream.\n");
        b.append("- Wake phrases (`wake_words/`) and coffee orders (`speech/picovoice_coffee/`) have no speaker ids:"
                + " they go to parts by the same hash of the file name (80/10/10).\n");
        b.append("- Keyword-free stream: the part's other command words, synthetic confusables and wake phrases (trimmed"
                + " to their speech) and whole LibriSpeech utterances and coffee orders, shuffled,"
                + " 0.3-2 s apart with a 3-10 s pause one time in ten, repeated in passes (new order, new level, new"
                + " noise) until it is ").append(minutes(s.negativeSeconds())).append(" long; noise at ")
                .append(num(s.snrDb(), 0)).append(" dB SNR.\n");
        b.append("- Levels: every utterance is scaled so its active speech level is the stream's (or pass's) level,"
                + " drawn from ").append(num(s.minLevelDbfs(), 0)).append(" to ").append(num(s.maxLevelDbfs(), 0))
                .append(" dBFS. Active speech: 10 ms frames within 30 dB of the loudest and 10 dB above the 10th"
                        + " percentile, grown from the loudest frame across pauses of up to 150 ms (P.56-like).\n");
        b.append("- SNR: active speech RMS over noise RMS, the noise RMS taken over the whole allowed region of its"
                + " recording (so a stretch keeps its natural loudness within the recording).\n");
        b.append("- Noise: validation streams use 70-85% of each `_background_noise_` recording and of"
                + " `noise/kitchen.flac`, test streams the last 15%, joined from random 2-8 s stretches with 50 ms"
                + " cross-fades.\n");
        b.append("- Labels: keyword start/end = the clip's active speech (not the 1 s padding). A keyword is heard when a"
                + " detection falls in [start, end + 1.0 s]; each detection counts once; every other detection is a false"
                + " alarm, including a second detection of a heard keyword (a \"repeat\": a toggled pin would switch back)."
                + " FRR = missed / keywords over the real keyword streams; FA/h = false alarms over those and the"
                + " keyword-free stream / keyword-free"
                + " hours (time outside every [start, end + 1 s]). Latency = detection time - keyword end; PocketSphinx's"
                + " detection time is the end time it prints.\n");
        b.append("- Models: one replay per stream writes every hop's raw score; the daemon's `TriggerPolicy` is run over"
                + " them at every smoothing swept and every threshold (0.01-0.99 by 0.01, 0.991-0.999, and above 0.9"
                + " as many thresholds between each two neighbouring int8 output levels as the smoothing averages"
                + " scores, where the 0.001 grid is too coarse). PocketSphinx is run once per"
                + " kws_threshold (").append(pocketSphinxSettings()).append(").\n");
        b.append("- CPU: user + system time of the process per hour of audio; for the models this includes the JVM"
                + " start of each replay.\n\n");
    }

    private void caveats(StringBuilder b) {
        double testFreeHours = r.streams().stream().filter(i -> "test".equals(i.part()))
                .mapToDouble(Results.StreamInfo::keywordFreeSeconds).sum() / 3600;
        long testClips = r.streams().stream().filter(i -> "test".equals(i.part()) && "clean".equals(i.condition()))
                .mapToInt(Results.StreamInfo::keywords).sum();
        b.append("### Caveats\n\n");
        b.append("- Few speakers: the test part has ").append(testClips).append(" distinct \"stop\" clips; the noisy"
                + " copies reuse them, so the keyword counts are not independent trials and one clip is ")
                .append(testClips > 0 ? pct(1.0 / testClips) : "n/a").append(" of FRR.\n");
        b.append("- Little keyword-free time: ").append(num(testFreeHours, 2)).append(" h on test. Zero false alarms"
                + " in that time is still compatible with up to ").append(num(testFreeHours > 0 ? 3.0 / testFreeHours : Double.NaN, 1))
                .append(" FA/h (95% Poisson bound), and the keyword-free stream repeats its part's distinct material in"
                        + " passes (new order, level and noise), so its false alarms are not independent either.\n");
        b.append("- Wake phrases and coffee orders are split by file, not by speaker (they have no speaker ids): a"
                + " person who recorded several of them can be on two sides.");
        if (!r.synthVoices().isEmpty()) {
            b.append(" Synthetic voices are few (").append(String.join("; ", r.synthVoices().stream()
                    .map(p -> p.replaceFirst(":.*", "") + " " + p.split(",").length).toList()))
                    .append(" voices), and each engine has its own accent on every word.");
        }
        b.append("\n");
        b.append("- LibriSpeech utterances come without transcripts: one could contain \"stop\" (or \"stopped\"),"
                + " and a detection there counts as a false alarm.\n");
        b.append("- Noise: training, validation and test use disjoint regions of every noise recording (0-70%,"
                + " 70-85%, 85-100%), but the same recordings: a new kind of noise is not represented.\n");
        b.append("- PocketSphinx's latency uses the word end time it prints; `pocketsphinx_continuous` prints at the"
                + " end of an utterance, so a live system built on it would react later than that.\n");
        b.append("- CPU times are from a 2-core x86_64 machine shared with other jobs, not from a Raspberry Pi.\n");
        b.append("- The streams are concatenated close-talk clips without reverberation or overlapping talkers, all at"
                + " one level per stream; real rooms are harder.\n\n");
    }

    private String pocketSphinxSettings() {
        return r.systems().stream().filter(s -> PocketSphinxSweeper.NAME.equals(s.name()))
                .map(s -> s.test() != null ? s.test() : s.validation()).filter(java.util.Objects::nonNull)
                .flatMap(p -> p.det().stream().map(Results.Point::setting))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String cpu(Results.PartResult p) {
        return p == null ? "" : num(p.cpuSecondsPerAudioHour(), 0);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    static String num(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String seconds(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f s", v);
    }

    static String minutes(double seconds) {
        return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }
}
