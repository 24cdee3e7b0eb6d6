package wakeword.tools.eval;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one evaluation measured, as written to results JSON and read by the report.
 *
 * @param chooseMaxFrr the validation rule: fewest FA/h among the settings that miss at most this share of keywords
 * @param synthVoices  the synthetic voices per part ("validation: rhvoice-bdl, ..."), empty without them
 */
public record Results(String commit, String command, StreamSettings streamSettings, String splitSalt,
                      ChoiceRule chooseRule, List<String> synthVoices, List<StreamInfo> streams,
                      List<SystemResult> systems) {

    /** A stream without its keyword list. */
    public record StreamInfo(String name, String part, String kind, String condition, double durationSeconds,
                             double keywordFreeSeconds, int keywords, double levelDbfs, int clippedSamples) {
        static StreamInfo of(StreamLabels l) {
            return new StreamInfo(l.name(), l.part(), l.kind(), l.condition(), l.durationSeconds(),
                    l.keywordFreeSeconds(), l.keywords().size(), l.levelDbfs(), l.clippedSamples());
        }
    }

    /** One row of a DET curve, with its false alarms per source group (for the per-source DET). */
    public record Point(String setting, double value, int smoothing, StreamOutcome.Summary pooled,
                        Map<String, Integer> falseAlarmsByGroup) {
        static Point of(OperatingPoint p, SourceAttribution sources) {
            return new Point(p.setting(), p.value(), p.smoothing(), p.pooled(),
                    SourceAttribution.byGroup(sources.count(p.streams())));
        }
    }

    /**
     * The figures at one setting on one part, pooled and split by stream kind.
     *
     * @param allStreams    FRR over every keyword stream, FA/h over every stream (the headline)
     * @param clean         the clean keyword stream only
     * @param noisy         the noisy keyword streams only
     * @param negativeOnly  the long keyword-free stream only (its FA/h)
     * @param synthetic     the synthetic-"stop" stream (null without one)
     * @param byKind        false alarms per source kind over the headline streams, most first
     */
    public record Figures(String setting, double value, int smoothing, StreamOutcome.Summary allStreams,
                          StreamOutcome.Summary clean, StreamOutcome.Summary noisy, StreamOutcome.Summary negativeOnly,
                          StreamOutcome.Summary synthetic, List<SourceAttribution.KindCount> byKind,
                          List<StreamOutcome> perStream) {
        static Figures of(OperatingPoint p, List<StreamLabels> labels, SourceAttribution sources) {
            return new Figures(p.setting(), p.value(), p.smoothing(), p.pooled(),
                    p.pooled(labels, l -> "keywords".equals(l.kind()) && "clean".equals(l.condition())),
                    p.pooled(labels, l -> "keywords".equals(l.kind()) && !"clean".equals(l.condition())),
                    p.pooled(labels, l -> "negative".equals(l.kind())),
                    p.synthetic(), sources.count(p.streams()), p.streams());
        }
    }

    /**
     * One part's sweep with its CPU cost. {@code cliCheck} is null for PocketSphinx.
     *
     * @param audioSecondsByGroup how much audio of each source group the headline streams hold
     */
    public record PartResult(String part, List<Point> det, double cpuSeconds, double audioSeconds,
                             List<SystemSweep.StreamCpu> cpuPerStream, SystemSweep.CliCheck cliCheck,
                             Map<String, Double> audioSecondsByGroup) {
        static PartResult of(SystemSweep s, SourceAttribution sources) {
            return new PartResult(s.part(), s.strictestFirst().stream().map(p -> Point.of(p, sources)).toList(),
                    s.cpuSeconds(), s.audioSeconds(), s.perStream(), s.check(), sources.audioSecondsByGroup());
        }

        /** The DET points of one smoothing, strictest first. */
        public List<Point> det(int smoothing) {
            return det.stream().filter(p -> p.smoothing() == smoothing).toList();
        }

        public double cpuSecondsPerAudioHour() {
            return cpuSeconds / audioSeconds * 3600;
        }
    }

    /**
     * @param defaultSetting the shipped setting (a model manifest's threshold; PocketSphinx's documented 1e-20)
     * @param chosen         the setting the validation rule picked (null without validation streams)
     * @param chosenWithinLimit false when no detecting setting met the miss limit on validation and
     *                       {@code chosen} is only the one that misses least
     * @param testAtChosen   test figures at {@code chosen}
     * @param testAtDefault  test figures at {@code defaultSetting}
     */
    public record SystemResult(String name, String description, String defaultSetting, Figures validationAtChosen,
                               String chosen, boolean chosenWithinLimit, Figures testAtChosen, Figures testAtDefault,
                               PartResult validation, PartResult test) {
    }

    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .serializeSpecialFloatingPointValues()
            .setPrettyPrinting()
            .create();

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, GSON.toJson(this) + "\n", StandardCharsets.UTF_8);
    }

    public static Results read(Path file) throws IOException {
        return GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Results.class);
    }
}
