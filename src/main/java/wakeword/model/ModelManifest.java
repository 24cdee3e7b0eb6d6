package wakeword.model;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import wakeword.features.FeatureParams;

/**
 * The JSON file beside a model ({@code stop.tflite} -> {@code stop.json}): the one source of the features the
 * model was trained on, its input window, and the trigger defaults its evaluation chose. The trainer writes it
 * with this class and the daemon reads it with this class, so the two cannot drift apart.
 *
 * @param training   free-form record of how the model was made (data, split, architecture, commit)
 * @param evaluation free-form figures from the stream evaluation
 * @param streaming  the streaming form of the same network, or null where the model has none
 */
public record ModelManifest(String name, String version, FeatureParams features, Input input, Output output,
                            TriggerDefaults trigger, JsonObject training, JsonObject evaluation, Streaming streaming) {

    /** The window the model scores: {@code frames} consecutive feature frames, int8-quantized. */
    public record Input(int frames, int coefficients, float scale, int zeroPoint) {
    }

    /**
     * From the single int8 output to a 0..1 score. With {@code logit} the output is the network's logit on a wide
     * grid and the score is its sigmoid, so even confident windows stay apart (the first models end in TFLite's
     * LOGISTIC, whose fixed 1/256 grid tops out at a logit of 5.5 and piles every confident window onto one score).
     *
     * @param logit true: the output is the logit (score = sigmoid); false: the output is the score itself
     */
    public record Output(float scale, int zeroPoint, boolean logit) {

        /** The grid TFLite's int8 LOGISTIC kernel requires: an output without {@code logit} must be on it. */
        public static final float LOGISTIC_SCALE = 1f / 256;
        public static final int LOGISTIC_ZERO_POINT = -128;

        public float score(int quantized) {
            float v = (quantized - zeroPoint) * scale;
            return logit ? (float) (1 / (1 + Math.exp(-v))) : v;
        }

        /**
         * The highest score the model can give, rounded down to {@code decimals}: a threshold up to this value can be
         * reached, one above it never.
         */
        public double highestScore(int decimals) {
            double p = Math.pow(10, decimals);
            return Math.floor(score(127) * p) / p;
        }

        /**
         * This output's meaning on the model's own output tensor grid, refused where they cannot belong together:
         * a logit read as a score would give thresholds no meaning.
         */
        public Output onTensorGrid(float tensorScale, int tensorZeroPoint, Path modelFile) throws ModelException {
            boolean logisticGrid = tensorScale == LOGISTIC_SCALE && tensorZeroPoint == LOGISTIC_ZERO_POINT;
            if (logit == logisticGrid) {
                throw new ModelException("model " + modelFile + (logisticGrid
                        ? " outputs a 0..1 score, but its manifest says \"logit\": true under \"output\""
                        : " outputs a logit (grid " + tensorScale + ", " + tensorZeroPoint + "), but its manifest does"
                                + " not say \"logit\": true under \"output\"")
                        + "; use the .tflite and .json written together by tools/train");
            }
            return new Output(tensorScale, tensorZeroPoint, logit);
        }
    }

    /** @param smoothing how many of the latest scores are averaged before the threshold */
    public record TriggerDefaults(double threshold, int smoothing, int refractoryMs, int warmupMs) {
    }

    /**
     * The network as a streaming model: {@code model} (a file beside the manifest, same input quantization) takes the
     * newest {@code strideHops} frames per call and carries each layer's recent outputs in {@code states}, so a call
     * computes one new time step instead of the whole window. The window model's output depends only on the first
     * {@code receptiveFrames} of its {@code input.frames}: the streaming score after frame n equals the window
     * model's after frame n + input.frames - receptiveFrames.
     *
     * @param states the carried tensors, in the order of the model's extra inputs and outputs (after the frames
     *               input and the score output)
     */
    public record Streaming(String model, int strideHops, int receptiveFrames, List<State> states) {
        public Streaming {
            states = states == null ? null : Collections.unmodifiableList(new ArrayList<>(states));
        }
    }

    /** One carried tensor: fed in as input {@code input}, read back after the call from output {@code output}. */
    public record State(String input, String output, List<Integer> shape) {
        public State {
            shape = shape == null ? null : Collections.unmodifiableList(new ArrayList<>(shape));
        }

        public int bytes() {
            int n = 1;
            for (int d : shape) n *= d;
            return n;
        }
    }

    /** This manifest with its streaming form set (null: none). */
    public ModelManifest withStreaming(Streaming s) {
        return new ModelManifest(name, version, features, input, output, trigger, training, evaluation, s);
    }

    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .setPrettyPrinting()
            .create();

    /** The manifest that belongs to a model file: same folder, same name, {@code .json}. */
    public static Path pathFor(Path modelFile) {
        String name = modelFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return modelFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    public static ModelManifest read(Path file) throws ModelException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ModelException("model manifest " + file + " is missing: every model needs its .json beside it"
                    + " (as written by tools/train); copy it next to the .tflite");
        } catch (IOException e) {
            throw new ModelException("cannot read model manifest " + file + ": " + e.getMessage());
        }
        ModelManifest m;
        try {
            m = GSON.fromJson(text, ModelManifest.class);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new ModelException("model manifest " + file + " is not valid: " + rootMessage(e)
                    + "; regenerate it with tools/train");
        }
        if (m == null) {
            throw new ModelException("model manifest " + file + " is empty; regenerate it with tools/train");
        }
        m.checkComplete(file);
        return m;
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson() + "\n", StandardCharsets.UTF_8);
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    /** Seconds of audio one input window spans. */
    public double windowSeconds() {
        return (double) ((input.frames() - 1) * features.hopLength() + features.frameLength()) / features.sampleRate();
    }

    private void checkComplete(Path file) throws ModelException {
        String missing = features == null ? "features" : input == null ? "input" : output == null ? "output"
                : trigger == null ? "trigger" : null;
        if (missing != null) {
            throw new ModelException("model manifest " + file + " has no '" + missing
                    + "' section; regenerate it with tools/train");
        }
        if (input.frames() < 1 || input.coefficients() != features.coefficients() || !(input.scale() > 0)) {
            throw new ModelException("model manifest " + file + ": input needs frames >= 1, coefficients equal to"
                    + " features.coefficients (" + features.coefficients() + ") and a positive scale; got " + input);
        }
        if (!(trigger.threshold() > 0 && trigger.threshold() < 1) || trigger.smoothing() < 1
                || trigger.refractoryMs() < 0 || trigger.warmupMs() < 0) {
            throw new ModelException("model manifest " + file + ": trigger defaults out of range: " + trigger);
        }
        if (streaming != null && (streaming.model() == null || !streaming.model().endsWith(".tflite")
                || streaming.model().contains("/") || streaming.strideHops() < 1 || streaming.receptiveFrames() < 1
                || streaming.receptiveFrames() > input.frames() || streaming.states() == null
                || streaming.states().stream().anyMatch(st -> st == null || st.input() == null || st.output() == null
                        || st.shape() == null || st.shape().isEmpty() || st.shape().stream().anyMatch(d -> d == null || d < 1)))) {
            throw new ModelException("model manifest " + file + ": 'streaming' needs a .tflite file name beside the"
                    + " manifest, stride_hops >= 1, receptive_frames from 1 to input.frames (" + input.frames()
                    + ") and states with input, output and a positive shape; got " + streaming
                    + "; regenerate it with tools/train");
        }
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) e = e.getCause();
        return e.getMessage();
    }
}
