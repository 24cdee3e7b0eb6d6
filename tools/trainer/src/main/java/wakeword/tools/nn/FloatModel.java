package wakeword.tools.nn;

import java.util.List;

/**
 * Plain-Java float inference of an {@link Architecture}: the reference the int8 export is calibrated on and
 * compared with. Dropout is the identity here, as at inference.
 */
public final class FloatModel {

    private final Architecture arch;
    private final Weights weights;
    private final List<Dims> shapes;

    public FloatModel(Architecture arch, Weights weights) {
        this.arch = arch;
        this.weights = weights;
        this.shapes = arch.shapes();
    }

    public Architecture architecture() {
        return arch;
    }

    public Weights weights() {
        return weights;
    }

    /** Output of every layer for one input (frames x coefficients, row-major); the last entry holds the logit. */
    public float[][] activations(float[] input) {
        float[][] acts = new float[arch.layers().size()][];
        float[] x = input;
        for (int i = 0; i < acts.length; i++) {
            Dims in = arch.inputOf(i);
            Dims out = shapes.get(i);
            Layer l = arch.layers().get(i);
            if (l instanceof Layer.Conv c) x = conv(x, in, out, c, weights.kernel(i), weights.bias(i));
            else if (l instanceof Layer.Depthwise c) x = depthwise(x, in, out, c, weights.kernel(i), weights.bias(i));
            else if (l instanceof Layer.MaxPool p) x = maxPool(x, in, out, p);
            else if (l instanceof Layer.GlobalAvgPool) x = globalAvg(x, in);
            else if (l instanceof Layer.Dense d) x = dense(x, in.size(), d, weights.kernel(i), weights.bias(i));
            acts[i] = x;
        }
        return acts;
    }

    public float logit(float[] input) {
        float[][] a = activations(input);
        return a[a.length - 1][0];
    }

    public float score(float[] input) {
        return sigmoid(logit(input));
    }

    public static float sigmoid(float z) {
        return (float) (1.0 / (1.0 + Math.exp(-z)));
    }

    private static float[] conv(float[] x, Dims in, Dims out, Layer.Conv c, float[] k, float[] b) {
        float[] y = new float[out.size()];
        int padT = Dims.padBefore(in.h(), c.kh(), c.sh(), c.padding());
        int padL = Dims.padBefore(in.w(), c.kw(), c.sw(), c.padding());
        for (int oy = 0; oy < out.h(); oy++) {
            for (int ox = 0; ox < out.w(); ox++) {
                for (int o = 0; o < out.c(); o++) {
                    float s = b[o];
                    for (int ky = 0; ky < c.kh(); ky++) {
                        int iy = oy * c.sh() - padT + ky;
                        if (iy < 0 || iy >= in.h()) continue;
                        for (int kx = 0; kx < c.kw(); kx++) {
                            int ix = ox * c.sw() - padL + kx;
                            if (ix < 0 || ix >= in.w()) continue;
                            int xBase = (iy * in.w() + ix) * in.c();
                            int kBase = ((o * c.kh() + ky) * c.kw() + kx) * in.c();
                            for (int ci = 0; ci < in.c(); ci++) s += x[xBase + ci] * k[kBase + ci];
                        }
                    }
                    y[(oy * out.w() + ox) * out.c() + o] = c.relu() ? Math.max(s, 0f) : s;
                }
            }
        }
        return y;
    }

    private static float[] depthwise(float[] x, Dims in, Dims out, Layer.Depthwise c, float[] k, float[] b) {
        float[] y = new float[out.size()];
        int padT = Dims.padBefore(in.h(), c.kh(), c.sh(), c.padding());
        int padL = Dims.padBefore(in.w(), c.kw(), c.sw(), c.padding());
        for (int oy = 0; oy < out.h(); oy++) {
            for (int ox = 0; ox < out.w(); ox++) {
                for (int ch = 0; ch < out.c(); ch++) {
                    float s = b[ch];
                    for (int ky = 0; ky < c.kh(); ky++) {
                        int iy = oy * c.sh() - padT + ky;
                        if (iy < 0 || iy >= in.h()) continue;
                        for (int kx = 0; kx < c.kw(); kx++) {
                            int ix = ox * c.sw() - padL + kx;
                            if (ix < 0 || ix >= in.w()) continue;
                            s += x[(iy * in.w() + ix) * in.c() + ch] * k[(ky * c.kw() + kx) * in.c() + ch];
                        }
                    }
                    y[(oy * out.w() + ox) * out.c() + ch] = c.relu() ? Math.max(s, 0f) : s;
                }
            }
        }
        return y;
    }

    private static float[] maxPool(float[] x, Dims in, Dims out, Layer.MaxPool p) {
        float[] y = new float[out.size()];
        for (int oy = 0; oy < out.h(); oy++) {
            for (int ox = 0; ox < out.w(); ox++) {
                for (int ch = 0; ch < out.c(); ch++) {
                    float m = Float.NEGATIVE_INFINITY;
                    for (int ky = 0; ky < p.kh(); ky++) {
                        for (int kx = 0; kx < p.kw(); kx++) {
                            m = Math.max(m, x[((oy * p.sh() + ky) * in.w() + ox * p.sw() + kx) * in.c() + ch]);
                        }
                    }
                    y[(oy * out.w() + ox) * out.c() + ch] = m;
                }
            }
        }
        return y;
    }

    private static float[] globalAvg(float[] x, Dims in) {
        float[] y = new float[in.c()];
        int n = in.h() * in.w();
        for (int p = 0; p < n; p++) {
            for (int ch = 0; ch < in.c(); ch++) y[ch] += x[p * in.c() + ch];
        }
        for (int ch = 0; ch < in.c(); ch++) y[ch] /= n;
        return y;
    }

    private static float[] dense(float[] x, int inSize, Layer.Dense d, float[] k, float[] b) {
        float[] y = new float[d.units()];
        for (int o = 0; o < d.units(); o++) {
            float s = b[o];
            for (int i = 0; i < inSize; i++) s += x[i] * k[o * inSize + i];
            y[o] = d.relu() ? Math.max(s, 0f) : s;
        }
        return y;
    }
}
