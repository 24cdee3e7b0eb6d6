package wakeword.tools.tflite;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import wakeword.tools.nn.Architecture;
import wakeword.tools.nn.Layer;
import wakeword.tools.nn.FloatModel;
import wakeword.tools.nn.TfNetwork;
import wakeword.tools.nn.TfNetworkTest;
import wakeword.tools.tflite.StreamingExporter.StreamingExport;

/** The streaming export scores a long frame sequence as the window export does, both in the real TFLite runtime. */
class StreamingExporterTest {

    @Test
    void streamingScoresEqualTheWindowModelsAtEveryStride() {
        StreamingExport stream = checkStreaming(Architecture.streamingDsCnn(49, 10, 16, 2, 3, 3, 0.1));
        assertEquals(2, stream.strideHops());
        assertEquals(48, stream.receptiveFrames(), "a 10-row stride-2 conv over 49 frames reads the first 48");
        assertEquals(5, stream.states().size(), "frames, three depthwise inputs and the pool's rows");
        assertEquals(List.of(1, 8, 10, 1), stream.states().get(0).shape());
        assertEquals(List.of(1, 13, 1, 16), stream.states().get(4).shape());
    }

    /** The shipped shape: stride 1, so the streaming form scores every hop. */
    @Test
    void aStride1NetworkStreamsOneHopAtATime() {
        StreamingExport stream = checkStreaming(Architecture.streamingDsCnn(49, 10, 16, 1, 5, 3, 0.1));
        assertEquals(1, stream.strideHops());
        assertEquals(49, stream.receptiveFrames());
        assertEquals(List.of(1, 9, 10, 1), stream.states().get(0).shape());
        assertEquals(List.of(1, 4, 7, 16), stream.states().get(1).shape(), "a 5-row depthwise keeps 4 rows");
        assertEquals(List.of(1, 27, 1, 16), stream.states().get(4).shape(), "the pool averages 28 rows");
    }

    /** Blocks past the third see one column left, so their depthwise kernels are 5x1; they stream as well. */
    @Test
    void aFourthBlockWorksOnTheLastColumnAndStreams() {
        Architecture arch = Architecture.streamingDsCnn(49, 10, 16, 1, 5, 4, 0.1);
        assertEquals(new Layer.Depthwise(5, 1, 1, 1, Layer.Padding.VALID, true), arch.layers().get(7));
        StreamingExport stream = checkStreaming(arch);
        assertEquals(1, stream.strideHops());
        assertEquals(6, stream.states().size(), "frames, four depthwise inputs and the pool's rows");
        assertEquals(List.of(1, 4, 1, 16), stream.states().get(4).shape());
        assertEquals(List.of(1, 23, 1, 16), stream.states().get(5).shape(), "the pool averages 24 rows");
    }

    private static StreamingExport checkStreaming(Architecture arch) {
        int n = 96;
        int size = arch.frames() * arch.coefficients();
        float[][] train = TfNetworkTest.blobs(n, arch.frames(), arch.coefficients(), 1);
        float[][] held = TfNetworkTest.blobs(n, arch.frames(), arch.coefficients(), 2);
        float[] w = new float[n];
        Arrays.fill(w, 1f);
        try (TfNetwork net = new TfNetwork(arch, 1e-4f, 3)) {
            for (int s = 0; s < 30; s++) net.train(train[0], train[1], w, 1e-3f);
            FloatModel model = new FloatModel(arch, net.weights());
            List<float[]> calibration = new ArrayList<>();
            for (int i = 0; i < n; i++) calibration.add(Arrays.copyOfRange(train[0], i * size, (i + 1) * size));
            Quantization quant = Quantization.calibrate(model, Int8Exporter.inputRange(train[0]), calibration);
            Int8Model window = Int8Exporter.export(model, quant);
            StreamingExport stream = StreamingExporter.export(model, quant);

            int stride = stream.strideHops();
            // The held-out windows one after another: a sequence of 4704 frames whose windows straddle them.
            StreamingCheck check = StreamingCheck.run(window, stream, arch.frames(), arch.coefficients(), held[0]);
            int frames = held[0].length / arch.coefficients();
            assertEquals((frames - arch.frames()) / stride + 1, check.compared());
            assertTrue(check.maxSteps() <= 1, "streaming differs by " + check.maxSteps() + " int8 steps");
            assertEquals(check.compared(), check.identical(), "the built-in kernels give identical bytes: " + check);

            // The comparison means something only if the scores move.
            Set<Byte> distinct = new HashSet<>();
            try (TfliteRunner lite = new TfliteRunner(window, size)) {
                for (int i = 0; i < n; i++) {
                    byte[] q = new byte[size];
                    for (int k = 0; k < size; k++) q[k] = window.input().quantize(held[0][i * size + k]);
                    distinct.add(lite.invoke(q));
                }
            }
            assertTrue(distinct.size() >= 10, "only " + distinct.size() + " distinct window scores");
            return stream;
        }
    }

    @Test
    void paddingOrPoolingAcrossTimeCannotStream() {
        assertFalse(StreamingExporter.streamable(Architecture.dsCnn(49, 10, 8, 1, 0)));
        assertFalse(StreamingExporter.streamable(Architecture.baseline(16, 16)));
        assertTrue(StreamingExporter.streamable(Architecture.streamingDsCnn(49, 10, 8, 1, 5, 3, 0)));
    }
}
