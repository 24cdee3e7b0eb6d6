package wakeword.tools.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.UnaryOperator;
import org.tinylog.Logger;
import wakeword.model.ModelException;
import wakeword.model.ModelManifest;
import wakeword.tools.data.Corpus;
import wakeword.tools.data.FeatureSpec;
import wakeword.tools.data.PartAudio;
import wakeword.tools.data.SpeakerSplit;
import wakeword.tools.tflite.Int8Model;
import wakeword.tools.tflite.Int8Parameters;
import wakeword.tools.tflite.QuantRange;
import wakeword.tools.tflite.StreamingCheck;
import wakeword.tools.tflite.StreamingExporter;
import wakeword.tools.tflite.StreamingExporter.StreamingExport;
import wakeword.tools.tflite.WindowReader;

/**
 * {@code tools/train --stream-from models/stop.tflite [--data DIR]}: the streaming form of an already exported window
 * model, for models trained before the streaming export existed. It is written from the window file's own int8
 * numbers ({@link WindowReader}), checked against the window model in the real interpreter over the same minute of
 * validation audio tools/train uses, and only then written beside it as {@code <name>-stream.tflite}, with the
 * manifest's {@code streaming} block and the check's figures added; every other manifest field stays as it was.
 */
public final class StreamMain {

    /** The manifest's own JSON style (ModelManifest writes with these settings), so untouched fields keep their text. */
    private static final Gson JSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping()
            .setPrettyPrinting().create();

    private StreamMain() {
    }

    public static void main(String[] args) {
        Path window = null;
        Path data = Path.of("../shared/data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--stream-from" -> window = Path.of(value(args, ++i));
                case "--data" -> data = Path.of(value(args, ++i));
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (window == null) usage("--stream-from FILE is required");
        try {
            convert(window, data);
        } catch (UsageException e) {
            usage(e.getMessage());
        } catch (Exception e) {
            Logger.error(e, "streaming conversion failed");
            System.exit(1);
        }
    }

    static void convert(Path window, Path data) throws IOException, ModelException {
        Path manifestFile = ModelManifest.pathFor(window);
        ModelManifest manifest = ModelManifest.read(manifestFile);
        byte[] windowBytes = Files.readAllBytes(window);
        Int8Parameters params = WindowReader.read(windowBytes);
        QuantRange input = params.quantization().input();
        if (input.scale() != manifest.input().scale() || input.zeroPoint() != manifest.input().zeroPoint()
                || params.architecture().frames() != manifest.input().frames()
                || params.architecture().coefficients() != manifest.input().coefficients()) {
            throw new UsageException(window + " does not match the input its manifest describes");
        }
        if (!StreamingExporter.streamable(params.architecture())) {
            throw new UsageException(window + " (" + params.architecture().name() + ") cannot stream");
        }
        StreamingExport stream = StreamingExporter.export(params);
        Int8Model int8 = new Int8Model(windowBytes, input,
                new QuantRange(manifest.output().scale(), manifest.output().zeroPoint()), params.logitOutput());

        FeatureSpec spec = new FeatureSpec(manifest.features(), manifest.input().frames(), resampler(manifest));
        StreamingCheck check = StreamingCheck.run(int8, stream, spec.frames(), spec.params().coefficients(),
                Pipeline.checkFeatures(validation(data, manifest), spec));
        Logger.info("streaming vs window model on validation audio: {}", check);
        // The same bar tools/train sets before it ships a streaming form.
        if (check.compared() == 0 || check.maxSteps() > 1) {
            throw new IllegalStateException("the streaming model does not score as the window model: " + check);
        }

        String name = window.getFileName().toString().replaceFirst("\\.tflite$", "");
        Path streamFile = window.resolveSibling(name + "-stream.tflite");
        String updated = withStreaming(Files.readString(manifestFile, StandardCharsets.UTF_8), manifest, stream,
                streamFile.getFileName().toString(), check);
        Files.write(streamFile, stream.flatbuffer());
        // Replaced only once the daemon's own reader accepts the new text.
        Path fresh = manifestFile.resolveSibling(manifestFile.getFileName() + ".new");
        Files.writeString(fresh, updated, StandardCharsets.UTF_8);
        ModelManifest.read(fresh);
        Files.move(fresh, manifestFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Logger.info("wrote {} ({} bytes) and the streaming block of {}", streamFile, stream.flatbuffer().length, manifestFile);
    }

    /**
     * The manifest text with the streaming block (as ModelManifest writes it) and, under training, the check's figures
     * as tools/train records them; edited as a JSON tree, so fields this version does not know stay too.
     */
    static String withStreaming(String manifestText, ModelManifest manifest, StreamingExport stream, String streamFile,
                                StreamingCheck check) {
        JsonObject root = JsonParser.parseString(manifestText).getAsJsonObject();
        JsonElement block = JsonParser.parseString(manifest.withStreaming(stream.manifestBlock(streamFile)).toJson())
                .getAsJsonObject().get("streaming");
        root.add("streaming", block);
        JsonObject training = root.has("training") ? root.getAsJsonObject("training") : new JsonObject();
        training.add("streaming_vs_window_validation", new Gson().toJsonTree(check));
        training.addProperty("streaming_tflite_bytes", stream.flatbuffer().length);
        training.addProperty("streaming_converted_from", "the window .tflite's int8 tensors (tools/train --stream-from)");
        root.add("training", training);
        return JSON.toJson(root) + "\n";
    }

    private static PartAudio validation(Path data, ModelManifest manifest) {
        String salt = Pipeline.SPLIT_SALT;
        JsonObject d = manifest.training() == null ? null : manifest.training().getAsJsonObject("data");
        if (d != null && d.has("split_salt")) salt = d.get("split_salt").getAsString();
        Corpus corpus;
        try {
            corpus = Corpus.scan(data);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return PartAudio.load(corpus, new SpeakerSplit(salt), SpeakerSplit.Part.VALIDATION);
    }

    private static UnaryOperator<short[]> resampler(ModelManifest manifest) {
        int rate = manifest.features().sampleRate();
        if (rate == FeatureSpec.SOURCE_RATE) return UnaryOperator.identity();
        if (rate == 8000) return Resampling.to8k();
        throw new UsageException("no resampler to " + rate + " Hz");
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) usage(args[i - 1] + " needs a value");
        return args[i];
    }

    private static void usage(String message) {
        System.err.println("train --stream-from: " + message);
        System.exit(2);
    }
}
