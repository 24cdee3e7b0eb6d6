package wakeword.tools.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * A network: input of {@code frames x coefficients x 1}, a list of layers, and one sigmoid output (the last
 * layer must be {@code Dense(1, false)}, whose output is the logit).
 */
public record Architecture(String name, int frames, int coefficients, List<Layer> layers) {

    public Architecture {
        layers = List.copyOf(layers);
        if (!(layers.get(layers.size() - 1) instanceof Layer.Dense d) || d.units() != 1 || d.relu()) {
            throw new IllegalArgumentException("the last layer must be Dense(1, no relu): it gives the logit");
        }
    }

    public Dims inputDims() {
        return new Dims(frames, coefficients, 1);
    }

    /** Output shape of every layer, in order (a Dense output is 1 x 1 x units). */
    public List<Dims> shapes() {
        List<Dims> out = new ArrayList<>();
        Dims d = inputDims();
        for (Layer l : layers) {
            if (l instanceof Layer.Conv c) {
                d = new Dims(Dims.outLength(d.h(), c.kh(), c.sh(), c.padding()),
                        Dims.outLength(d.w(), c.kw(), c.sw(), c.padding()), c.filters());
            } else if (l instanceof Layer.Depthwise c) {
                d = new Dims(Dims.outLength(d.h(), c.kh(), c.sh(), c.padding()),
                        Dims.outLength(d.w(), c.kw(), c.sw(), c.padding()), d.c());
            } else if (l instanceof Layer.MaxPool p) {
                d = new Dims(Dims.outLength(d.h(), p.kh(), p.sh(), Layer.Padding.VALID),
                        Dims.outLength(d.w(), p.kw(), p.sw(), Layer.Padding.VALID), d.c());
            } else if (l instanceof Layer.GlobalAvgPool) {
                d = new Dims(1, 1, d.c());
            } else if (l instanceof Layer.Dense dense) {
                d = new Dims(1, 1, dense.units());
            }
            out.add(d);
        }
        return out;
    }

    public Dims inputOf(int layerIndex) {
        return layerIndex == 0 ? inputDims() : shapes().get(layerIndex - 1);
    }

    /** Multiply-accumulates of one inference (the measure of compute per 20 ms hop). */
    public long macs() {
        long total = 0;
        List<Dims> shapes = shapes();
        for (int i = 0; i < layers.size(); i++) {
            Dims in = inputOf(i);
            Dims out = shapes.get(i);
            Layer l = layers.get(i);
            if (l instanceof Layer.Conv c) total += (long) out.size() * c.kh() * c.kw() * in.c();
            else if (l instanceof Layer.Depthwise c) total += (long) out.size() * c.kh() * c.kw();
            else if (l instanceof Layer.Dense d) total += (long) in.size() * d.units();
        }
        return total;
    }

    public long parameters() {
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            Dims in = inputOf(i);
            Layer l = layers.get(i);
            if (l instanceof Layer.Conv c) total += (long) c.filters() * (c.kh() * c.kw() * in.c() + 1);
            else if (l instanceof Layer.Depthwise c) total += (long) in.c() * (c.kh() * c.kw() + 1);
            else if (l instanceof Layer.Dense d) total += (long) d.units() * (in.size() + 1);
        }
        return total;
    }

    /** Shape of one layer's kernel in TFLite layout ([out,h,w,in] conv, [1,h,w,c] depthwise, [out,in] dense). */
    public int[] kernelShape(int layerIndex) {
        Dims in = inputOf(layerIndex);
        Layer l = layers.get(layerIndex);
        if (l instanceof Layer.Conv c) return new int[] {c.filters(), c.kh(), c.kw(), in.c()};
        if (l instanceof Layer.Depthwise c) return new int[] {1, c.kh(), c.kw(), in.c()};
        if (l instanceof Layer.Dense d) return new int[] {d.units(), in.size()};
        throw new IllegalArgumentException("layer " + layerIndex + " has no weights");
    }

    /** The seed baseline: 3 x (2x2 conv + ReLU + 2x2 max pool) with 32, 32, 64 filters, dense 64, dropout 0.5. */
    public static Architecture baseline(int frames, int coefficients) {
        List<Layer> l = new ArrayList<>();
        for (int filters : new int[] {32, 32, 64}) {
            l.add(new Layer.Conv(2, 2, 1, 1, filters, Layer.Padding.SAME, true));
            l.add(new Layer.MaxPool(2, 2, 2, 2));
        }
        l.add(new Layer.Dense(64, true));
        l.add(new Layer.Dropout(0.5));
        l.add(new Layer.Dense(1, false));
        return new Architecture("baseline", frames, coefficients, l);
    }

    /**
     * The shipped model: a depthwise-separable CNN like {@link #dsCnn}, but with VALID padding everywhere, so no
     * output depends on padding across the time axis and a stream can compute it incrementally: a 10x4 conv with
     * {@code timeStride} in time, then {@code blocks} x ({@code depthwiseRows}x3 depthwise + 1x1 pointwise), the first
     * three of which shrink the 10 coefficients to one column (later blocks are {@code depthwiseRows}x1), global
     * average pool over the remaining time steps, dropout, one sigmoid unit. With stride 1 the streaming form scores
     * every hop, as the window model does; stride 2 halves the work but scores every second hop only, which costs
     * recall on streams (see models/REPORT.md).
     */
    public static Architecture streamingDsCnn(int frames, int coefficients, int channels, int timeStride,
                                              int depthwiseRows, int blocks, double dropout) {
        List<Layer> l = new ArrayList<>();
        l.add(new Layer.Conv(10, 4, timeStride, 1, channels, Layer.Padding.VALID, true));
        int width = coefficients - 3;
        for (int b = 0; b < blocks; b++) {
            int kw = width >= 3 ? 3 : 1;
            width -= kw - 1;
            l.add(new Layer.Depthwise(depthwiseRows, kw, 1, 1, Layer.Padding.VALID, true));
            l.add(new Layer.Conv(1, 1, 1, 1, channels, Layer.Padding.VALID, true));
        }
        l.add(new Layer.GlobalAvgPool());
        l.add(new Layer.Dropout(dropout));
        l.add(new Layer.Dense(1, false));
        return new Architecture("streaming-ds-cnn", frames, coefficients, l);
    }

    /**
     * The first release's model: a depthwise-separable CNN after "Hello Edge" (Zhang et al. 2017), narrowed to stay under
     * 2 M MACs per inference: a 10x4 stride-2 conv, then {@code blocks} x (3x3 depthwise + 1x1 pointwise), global
     * average pool, dropout, one sigmoid unit.
     */
    public static Architecture dsCnn(int frames, int coefficients, int channels, int blocks, double dropout) {
        List<Layer> l = new ArrayList<>();
        l.add(new Layer.Conv(10, 4, 2, 2, channels, Layer.Padding.SAME, true));
        for (int b = 0; b < blocks; b++) {
            l.add(new Layer.Depthwise(3, 3, 1, 1, Layer.Padding.SAME, true));
            l.add(new Layer.Conv(1, 1, 1, 1, channels, Layer.Padding.SAME, true));
        }
        l.add(new Layer.GlobalAvgPool());
        l.add(new Layer.Dropout(dropout));
        l.add(new Layer.Dense(1, false));
        return new Architecture("ds-cnn", frames, coefficients, l);
    }
}
