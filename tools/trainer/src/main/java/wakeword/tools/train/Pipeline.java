package wakeword.tools.train;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.tinylog.Logger;
import wakeword.features.FeaturePath;
import wakeword.features.StreamingFrontend;
import wakeword.model.ModelManifest;
import wakeword.tools.data.Augmentation;
import wakeword.tools.data.Corpus;
import wakeword.tools.data.ExampleSet;
import wakeword.tools.data.FeatureSpec;
import wakeword.tools.data.ImageWindows;
import wakeword.tools.data.LogMelImages;
import wakeword.tools.data.PartAudio;
import wakeword.tools.data.SpeakerSplit;
import wakeword.tools.audio.AudioFiles;
import wakeword.tools.audio.WordBounds;
import wakeword.tools.data.SyntheticVoices;
import wakeword.tools.data.WindowMaker;
import wakeword.tools.data.WindowMaker.Kind;
import wakeword.tools.nn.Architecture;
import wakeword.tools.nn.FloatModel;
import wakeword.tools.nn.Weights;
import wakeword.tools.tflite.Int8Exporter;
import wakeword.tools.tflite.Int8Model;
import wakeword.tools.tflite.QuantRange;
import wakeword.tools.tflite.Quantization;
import wakeword.tools.tflite.StreamingCheck;
import wakeword.tools.tflite.StreamingExporter;
import wakeword.tools.tflite.StreamingExporter.StreamingExport;

/** Split, features, training, int8 export, verification and writing, for each requested model. */
final class Pipeline {

    static final String SPLIT_SALT = "v1";
    static final int MAX_MODEL_BYTES = 64 * 1024;
    static final long MAX_MACS = 3_000_000;

    private final TrainMain.Options options;

    Pipeline(TrainMain.Options options) {
        this.options = options;
    }

    void run() throws IOException {
        Set<String> without = new java.util.TreeSet<>(options.without());
        long t0 = System.nanoTime();
        Corpus corpus;
        try {
            corpus = Corpus.scan(options.data());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        SpeakerSplit split = new SpeakerSplit(SPLIT_SALT);
        PartAudio train = PartAudio.load(corpus, split, SpeakerSplit.Part.TRAIN);
        PartAudio validation = PartAudio.load(corpus, split, SpeakerSplit.Part.VALIDATION);
        PartAudio test = PartAudio.load(corpus, split, SpeakerSplit.Part.TEST);
        {
            Path dir = options.cache().resolve("synth");
            if (SyntheticVoices.present(dir)) {
                SyntheticVoices voices = SyntheticVoices.read(dir);
                train = withVoices(train, voices);
                validation = withVoices(validation, voices);
                test = withVoices(test, voices);
            } else if (options.quick()) {
                Logger.info("no synthetic voices in {} (tools/synth renders them): the quick run goes without", dir);
                without.add(Recipe.SYNTHETIC);
            } else {
                throw new UsageException("no synthetic voices in " + dir + ": render them once with tools/synth"
                        + " (tools/synth --install as root installs the engines first)");
            }
        }
        JsonObject data = new JsonObject();
        for (PartAudio p : List.of(train, validation, test)) {
            JsonObject o = summary(p);
            data.add(p.part().name().toLowerCase(), o);
            Logger.info("split {}: {}", p.part().name().toLowerCase(), o);
        }
        data.addProperty("split_salt", SPLIT_SALT);
        Logger.info("audio loaded in {} s", String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        Files.createDirectories(options.out());
        Files.createDirectories(options.work());
        for (String name : options.only()) {
            Recipe recipe = name.equals("stop") ? Recipe.shipped(options.quick(), options.seed(), without, options.epochs())
                    : Recipe.baseline(options.quick(), options.seed(), false, Resampling.to8k());
            build(recipe, train, validation, test, data);
        }
        Logger.info("all done in {} s", String.format("%.1f", (System.nanoTime() - t0) / 1e9));
    }

    private void build(Recipe recipe, PartAudio trainAudio, PartAudio valAudio, PartAudio testAudio, JsonObject data)
            throws IOException {
        Architecture arch = recipe.architecture();
        FeatureSpec spec = recipe.features();
        Logger.info("{}: {} parameters, {} MACs per inference, input {}x{}", recipe.name(), arch.parameters(),
                arch.macs(), spec.frames(), spec.params().coefficients());
        if (recipe.name().equals("stop") && arch.macs() > MAX_MACS) {
            throw new IllegalStateException(arch.macs() + " MACs exceeds the budget of " + MAX_MACS);
        }
        long seed = options.seed();
        WindowMaker trainMaker = new WindowMaker(trainAudio, Augmentation.training(), spec.windowSamples());
        ImageWindows images = imageWindows(recipe, trainAudio, valAudio, testAudio, data);
        Map<Kind, Integer> sampleCounts = new EnumMap<>(Kind.class);
        for (Kind k : recipe.training().perEpoch().keySet()) {
            if (k != Kind.HARD_NEGATIVE) sampleCounts.put(k, options.quick() ? 40 : 300);
        }
        QuantRange input = Int8Exporter.inputRange(ExampleSet.generate(trainMaker, images, spec, sampleCounts, Map.of(), seed + 4).x());
        Logger.info("{}: int8 input scale {} zero point {} (range {} .. {})", recipe.name(), input.scale(), input.zeroPoint(),
                input.dequantize((byte) -128), input.dequantize((byte) 127));
        ExampleSet val = heldOut(valAudio, spec, seed + 1).snapTo(input);
        ExampleSet test = heldOut(testAudio, spec, seed + 2).snapTo(input);
        Logger.info("{}: validation windows {}, test windows {}", recipe.name(), val.countByKind(), test.countByKind());

        HardNegativeMiner miner = null;
        if (!recipe.training().miningEpochs().isEmpty()) {
            boolean synthetic = recipe.training().perEpoch().containsKey(Kind.CONFUSABLE);
            miner = new HardNegativeMiner(miningAudio(trainAudio, spec, synthetic), spec, input, 2);
            Logger.info("{}: hard-negative mining over {} windows of keyword-free training audio", recipe.name(),
                    miner.windows());
        }
        Trainer.Result result = new Trainer(recipe.training(), input).train(arch, trainMaker, images, miner, spec, val);
        Logger.info("{}: best epoch {} of {}; ships {}: {}", recipe.name(), result.bestEpoch(), recipe.training().epochs(),
                recipe.training().meanOfLast() == 0 ? "the best epoch" : "the mean of the last " + recipe.training().meanOfLast(),
                result.figures());
        ExampleSet calibration = ExampleSet.generate(trainMaker, images, spec, sampleCounts, Map.of(), seed + 3).snapTo(input);
        write(recipe, recipe.name(), result.weights(), result.figures(), result, calibration, input, val, test, valAudio, data);
        if (options.checkpoints()) {
            for (Map.Entry<String, Weights> c : result.checkpoints().entrySet()) {
                Figures f = Figures.of(val, Trainer.scores(new FloatModel(arch, c.getValue()), val));
                Logger.info("{}: checkpoint {}: val {}", recipe.name(), c.getKey(), f);
                write(recipe, recipe.name() + "-" + c.getKey(), c.getValue(), f, result, calibration, input, val, test,
                        valAudio, data);
            }
        }
    }

    /** Exports one set of weights as {@code name}.tflite (and its streaming form) with its manifest and report. */
    private void write(Recipe recipe, String name, Weights weights, Figures floatVal, Trainer.Result result,
                       ExampleSet calibration, QuantRange input, ExampleSet val, ExampleSet test, PartAudio valAudio,
                       JsonObject data) throws IOException {
        Architecture arch = recipe.architecture();
        FeatureSpec spec = recipe.features();
        FloatModel floatModel = new FloatModel(arch, weights);
        List<float[]> calibrationRows = new ArrayList<>();
        for (int i = 0; i < calibration.n(); i++) calibrationRows.add(calibration.row(i));
        Quantization quant = Quantization.calibrate(floatModel, input, calibrationRows);
        Int8Model int8 = Int8Exporter.export(floatModel, quant);
        if (int8.flatbuffer().length > MAX_MODEL_BYTES) {
            throw new IllegalStateException(name + ".tflite is " + int8.flatbuffer().length + " bytes, over "
                    + MAX_MODEL_BYTES);
        }

        Agreement valAgreement = Agreement.measure(floatModel, int8, val);
        Agreement testAgreement = Agreement.measure(floatModel, int8, test);
        Figures int8Val = Figures.of(val, valAgreement.int8Scores());
        Figures int8Test = Figures.of(test, testAgreement.int8Scores());
        Logger.info("{}: float vs int8 on validation: {}", name, valAgreement);
        Logger.info("{}: int8 validation: {}", name, int8Val);
        Logger.info("{}: int8 test (reported only, never used to choose): {}", name, int8Test);

        // The streaming form carries the window model's weights and grids; it ships only if it scores as the window
        // model does, checked in the real interpreter over real validation audio.
        StreamingExport stream = null;
        StreamingCheck streamCheck = null;
        if (StreamingExporter.streamable(arch)) {
            stream = StreamingExporter.export(floatModel, quant);
            streamCheck = StreamingCheck.run(int8, stream, spec.frames(), spec.params().coefficients(),
                    checkFeatures(valAudio, spec));
            Logger.info("{}: streaming vs window model on validation audio: {}", name, streamCheck);
            if (streamCheck.compared() == 0 || streamCheck.maxSteps() > 1) {
                throw new IllegalStateException(name + ": the streaming model does not score as the window"
                        + " model: " + streamCheck);
            }
        }

        Path modelFile = options.out().resolve(name + ".tflite");
        Files.write(modelFile, int8.flatbuffer());
        double threshold = Math.max(0.5, Math.min(0.95, int8Val.strictThreshold()));
        ModelManifest manifest = new ModelManifest(name, "0.1.0+" + options.commit(), spec.params(),
                new ModelManifest.Input(spec.frames(), spec.params().coefficients(), int8.input().scale(), int8.input().zeroPoint()),
                int8.manifestOutput(),
                new ModelManifest.TriggerDefaults(round(threshold, 3), 3, 1000, (int) Math.ceil(1000.0 * spec.modelSamples() / spec.params().sampleRate())),
                trainingRecord(recipe, result, floatVal, int8, data, valAgreement, int8Val, int8Test),
                new JsonObject(), null);
        if (stream != null) {
            Path streamFile = options.out().resolve(name + "-stream.tflite");
            Files.write(streamFile, stream.flatbuffer());
            manifest.training().add("streaming_vs_window_validation", new Gson().toJsonTree(streamCheck));
            manifest.training().addProperty("streaming_tflite_bytes", stream.flatbuffer().length);
            manifest = manifest.withStreaming(stream.manifestBlock(streamFile.getFileName().toString()));
            Logger.info("{}: wrote {} ({} bytes)", name, streamFile, stream.flatbuffer().length);
        }
        manifest.write(ModelManifest.pathFor(modelFile));
        String report = Report.section(recipe, name, result, floatVal, int8, valAgreement, int8Val, int8Test, data, options);
        Files.writeString(options.work().resolve(name + "-report.md"), report);
        Logger.info("{}: wrote {} ({} bytes) and {}", name, modelFile, int8.flatbuffer().length,
                ModelManifest.pathFor(modelFile));
        System.out.println(report);
    }

    /**
     * The image windows when the recipe's frontend computes the images' features; speakers of the validation and
     * test audio are left out, so the images only add training speakers.
     */
    private ImageWindows imageWindows(Recipe recipe, PartAudio train, PartAudio val, PartAudio test, JsonObject data) {
        boolean wanted = recipe.training().perEpoch().keySet().stream().anyMatch(Kind::fromImage);
        if (!wanted) return null;
        List<LogMelImages.Image> all = LogMelImages.scan(options.data());
        if (all.isEmpty()) {
            throw new UsageException("the recipe trains on the log-mel images but " + options.data()
                    + "/speech_commands_logmel/manifest.csv is missing: pass the shared data folder with --data");
        }
        if (options.quick()) all = all.stream().filter(i -> Math.floorMod(i.path().hashCode(), 40) == 0).toList();
        Set<String> heldOut = new HashSet<>();
        for (PartAudio p : List.of(val, test)) {
            p.keyword().forEach(w -> heldOut.add(w.speaker()));
            p.otherWords().forEach(w -> heldOut.add(w.speaker()));
        }
        long t0 = System.nanoTime();
        ImageWindows images = ImageWindows.load(all, heldOut, train.noise(), Augmentation.training(), recipe.features().params(),
                recipe.features().frames());
        long keywordSpeakers = all.stream().filter(i -> Corpus.KEYWORD.equals(i.word()) && !heldOut.contains(i.speaker()))
                .map(LogMelImages.Image::speaker).distinct().count();
        JsonObject o = new JsonObject();
        o.addProperty("keyword_images", images.keywordImages());
        o.addProperty("keyword_speakers", keywordSpeakers);
        o.addProperty("other_word_images", images.otherImages());
        o.addProperty("left_out_held_out_speakers", all.stream().filter(i -> heldOut.contains(i.speaker())).count());
        data.add("train_images", o);
        Logger.info("{}: log-mel images {} ({} s)", recipe.name(), o, String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        return images;
    }

    /**
     * Keyword-free training audio to mine: continuous and conversational speech, wake phrases, and every negative word
     * clip with a little silence on both sides (a stream hears words between pauses); the synthetic voices' words
     * only when the recipe trains on them.
     */
    private static List<short[]> miningAudio(PartAudio train, FeatureSpec spec, boolean synthetic) {
        List<short[]> out = new ArrayList<>(train.speech());
        out.addAll(train.conversation());
        out.addAll(train.wakePhrases());
        int pad = spec.windowSamples() / 2;
        for (List<PartAudio.Word> words : synthetic ? List.of(train.otherWords(), train.confusables()) : List.of(train.otherWords())) {
            for (PartAudio.Word w : words) {
                short[] padded = new short[w.samples().length + 2 * pad];
                System.arraycopy(w.samples(), 0, padded, pad, w.samples().length);
                out.add(padded);
            }
        }
        return out;
    }

    /**
     * About a minute of validation audio as one stream: read speech with a "stop" clip after each utterance, so the
     * scores go high and low. Frames x coefficients, row-major.
     */
    static float[] checkFeatures(PartAudio audio, FeatureSpec spec) {
        List<short[]> parts = new ArrayList<>();
        long samples = 0;
        for (int i = 0; i < audio.speech().size() && samples < 60L * FeatureSpec.SOURCE_RATE; i++) {
            parts.add(audio.speech().get(i));
            samples += audio.speech().get(i).length;
            if (!audio.keyword().isEmpty()) {
                short[] stop = audio.keyword().get(i % audio.keyword().size()).samples();
                parts.add(stop);
                samples += stop.length;
            }
        }
        short[] stream = new short[(int) samples];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, stream, at, p.length);
            at += p.length;
        }
        float[][] frames = StreamingFrontend.framesOf(spec.params(), FeaturePath.FLOAT, spec.resampler().apply(stream));
        int c = spec.params().coefficients();
        float[] out = new float[frames.length * c];
        for (int i = 0; i < frames.length; i++) System.arraycopy(frames[i], 0, out, i * c, c);
        return out;
    }

    /** A fixed held-out set: every window kind, keyword-heavy so recall is measured on many placements. */
    private ExampleSet heldOut(PartAudio audio, FeatureSpec spec, long seed) {
        int k = audio.keyword().size();
        boolean q = options.quick();
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        counts.put(Kind.KEYWORD, q ? k : 6 * k);
        counts.put(Kind.PARTIAL_KEYWORD, q ? k : 2 * k);
        counts.put(Kind.OTHER_WORD, q ? 100 : 2 * audio.otherWords().size());
        counts.put(Kind.SPEECH, q ? 200 : 2000);
        counts.put(Kind.NOISE, q ? 50 : 500);
        if (!audio.conversation().isEmpty()) counts.put(Kind.CONVERSATION, q ? 50 : 1000);
        if (!audio.wakePhrases().isEmpty()) counts.put(Kind.WAKE_PHRASE, q ? 50 : 600);
        if (!audio.confusables().isEmpty()) counts.put(Kind.CONFUSABLE, q ? 50 : 2 * audio.confusables().size());
        return ExampleSet.generate(new WindowMaker(audio, Augmentation.validation(), spec.windowSamples()), spec,
                counts, Map.of(), seed);
    }

    /** The part plus the synthetic voices of its speakers: "stop" as positives, every other word as confusables. */
    private static PartAudio withVoices(PartAudio part, SyntheticVoices voices) {
        return part.withSynthetic(words(voices.positives(part.part())), words(voices.confusables(part.part())));
    }

    private static List<PartAudio.Word> words(List<SyntheticVoices.Rendering> renderings) {
        return renderings.parallelStream().map(r -> {
            short[] s = AudioFiles.read(r.path());
            return new PartAudio.Word(s, WordBounds.of(s), r.word(), "synth:" + r.speaker());
        }).toList();
    }

    private static JsonObject summary(PartAudio p) {
        JsonObject o = new JsonObject();
        o.addProperty("speakers", p.speakers());
        o.addProperty("keyword_speakers", p.keywordSpeakers());
        // Which people said "stop" in this part, so the daemon's own tests can pick speakers training never heard.
        o.add("keyword_speaker_ids", new Gson().toJsonTree(p.keyword().stream().map(PartAudio.Word::speaker)
                .distinct().sorted().toList()));
        o.addProperty("keyword_clips", p.keyword().size());
        o.addProperty("other_word_clips", p.otherWords().size());
        o.addProperty("librispeech_utterances", p.speech().size());
        o.addProperty("librispeech_seconds", round(p.speech().stream().mapToLong(s -> s.length).sum() / 16000.0, 1));
        o.addProperty("synthetic_keyword_clips", p.syntheticKeyword().size());
        o.addProperty("synthetic_near_miss_clips", p.confusables().size());
        o.addProperty("conversation_seconds", round(p.conversation().stream().mapToLong(s -> s.length).sum() / 16000.0, 1));
        o.addProperty("wake_phrase_clips", p.wakePhrases().size());
        o.addProperty("noise_seconds", round(p.noise().stream().mapToLong(s -> s.length).sum() / 16000.0, 1));
        return o;
    }

    private JsonObject trainingRecord(Recipe recipe, Trainer.Result result, Figures floatVal, Int8Model int8, JsonObject data,
                                      Agreement agreement, Figures val, Figures test) {
        Gson gson = new Gson();
        JsonObject t = new JsonObject();
        t.addProperty("architecture", recipe.architecture().name());
        t.add("layers", gson.toJsonTree(recipe.architecture().layers().stream().map(l -> l.toString().replace("=", " ")).toList()));
        t.addProperty("parameters", recipe.architecture().parameters());
        t.addProperty("macs_per_inference", recipe.architecture().macs());
        t.addProperty("tflite_bytes", int8.flatbuffer().length);
        t.add("data", data);
        t.add("augmentation", gson.toJsonTree(Augmentation.training()));
        t.add("config", gson.toJsonTree(recipe.training()));
        t.addProperty("seed", options.seed());
        t.addProperty("quick", options.quick());
        t.add("without", gson.toJsonTree(recipe.training().perEpoch().containsKey(Kind.CONFUSABLE)
                ? options.without() : union(options.without(), Recipe.SYNTHETIC)));
        t.addProperty("best_epoch", result.bestEpoch());
        t.addProperty("training_seconds", round(result.seconds(), 1));
        t.add("validation_float", gson.toJsonTree(floatVal));
        t.add("validation_int8", gson.toJsonTree(val));
        t.add("test_int8_reported_only", gson.toJsonTree(test));
        t.add("float_vs_int8_validation", gson.toJsonTree(agreement.summary()));
        t.addProperty("toolchain", "tools/trainer: TensorFlow Java 1.1.0 (training), TFLite schema classes 0.4.4 (export), "
                + "TFLite 2.21.0 C API (verification), Java " + System.getProperty("java.version"));
        t.addProperty("git_commit", options.commit());
        return t;
    }

    private static Set<String> union(Set<String> a, String b) {
        Set<String> u = new java.util.TreeSet<>(a);
        u.add(b);
        return u;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
