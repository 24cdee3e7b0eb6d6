package wakeword.tools.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The TensorFlow (Java) training graph of an {@link Architecture}: weighted sigmoid cross-entropy, L2 weight decay
 * and Adam with a learning rate fed per step. Weights start from a seeded Java {@link Random} and dropout masks are
 * fed from Java, so a run depends only on the seeds (no TF op seeds are involved).
 */
public final class TfNetwork implements AutoCloseable {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-7f;

    private final Architecture arch;
    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> input;
    private final Placeholder<TFloat32> label;
    private final Placeholder<TFloat32> weight;
    private final Placeholder<TFloat32> learningRate;
    private final Placeholder<TFloat32> beta1Power;
    private final Placeholder<TFloat32> beta2Power;
    private final List<Placeholder<TFloat32>> dropoutMasks = new ArrayList<>();
    private final List<Integer> dropoutSizes = new ArrayList<>();
    private final List<Variable<TFloat32>> kernels = new ArrayList<>();
    private final List<Variable<TFloat32>> biases = new ArrayList<>();
    private final Operand<TFloat32> logits;
    private final Operand<TFloat32> loss;
    private final List<Op> updates = new ArrayList<>();
    private final Random dropoutRandom;
    private int step;

    public TfNetwork(Architecture arch, float l2, long seed) {
        this.arch = arch;
        Random init = new Random(seed);
        this.dropoutRandom = new Random(seed ^ 0x5DEECE66DL);
        Ops tf = Ops.create(graph);
        int inSize = arch.frames() * arch.coefficients();
        input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, inSize)));
        label = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
        weight = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
        learningRate = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        beta1Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        beta2Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

        Operand<TFloat32> h = tf.reshape(input, tf.constant(new int[] {-1, arch.frames(), arch.coefficients(), 1}));
        List<Dims> shapes = arch.shapes();
        Operand<TFloat32> decay = tf.constant(0f);
        for (int i = 0; i < arch.layers().size(); i++) {
            Dims in = arch.inputOf(i);
            Layer layer = arch.layers().get(i);
            if (layer instanceof Layer.Conv c) {
                Variable<TFloat32> k = variable(tf, init, new long[] {c.kh(), c.kw(), in.c(), c.filters()}, c.kh() * c.kw() * in.c());
                Variable<TFloat32> b = zeros(tf, c.filters());
                h = tf.nn.biasAdd(tf.nn.conv2d(h, k, List.of(1L, (long) c.sh(), (long) c.sw(), 1L), c.padding().name()), b);
                if (c.relu()) h = tf.nn.relu(h);
                keep(k, b);
                decay = tf.math.add(decay, tf.reduceSum(tf.math.square(tf.identity(k)), tf.constant(new int[] {0, 1, 2, 3})));
            } else if (layer instanceof Layer.Depthwise c) {
                Variable<TFloat32> k = variable(tf, init, new long[] {c.kh(), c.kw(), in.c(), 1}, c.kh() * c.kw());
                Variable<TFloat32> b = zeros(tf, in.c());
                h = tf.nn.biasAdd(tf.nn.depthwiseConv2dNative(h, k, List.of(1L, (long) c.sh(), (long) c.sw(), 1L), c.padding().name()), b);
                if (c.relu()) h = tf.nn.relu(h);
                keep(k, b);
                decay = tf.math.add(decay, tf.reduceSum(tf.math.square(tf.identity(k)), tf.constant(new int[] {0, 1, 2, 3})));
            } else if (layer instanceof Layer.MaxPool p) {
                h = tf.nn.maxPool(h, tf.constant(new int[] {1, p.kh(), p.kw(), 1}),
                    tf.constant(new int[] {1, p.sh(), p.sw(), 1}), "VALID");
            } else if (layer instanceof Layer.GlobalAvgPool) {
                h = tf.math.mean(h, tf.constant(new int[] {1, 2}));
            } else if (layer instanceof Layer.Dense d) {
                Variable<TFloat32> k = variable(tf, init, new long[] {in.size(), d.units()}, in.size());
                Variable<TFloat32> b = zeros(tf, d.units());
                h = tf.math.add(tf.linalg.matMul(tf.reshape(h, tf.constant(new int[] {-1, in.size()})), k), b);
                if (d.relu()) h = tf.nn.relu(h);
                keep(k, b);
                decay = tf.math.add(decay, tf.reduceSum(tf.math.square(tf.identity(k)), tf.constant(new int[] {0, 1})));
            } else if (layer instanceof Layer.Dropout) {
                int size = shapes.get(i).size();
                Placeholder<TFloat32> mask = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size)));
                dropoutMasks.add(mask);
                dropoutSizes.add(size);
                h = tf.math.mul(tf.reshape(h, tf.constant(new int[] {-1, size})), mask);
            }
        }
        logits = h;
        // Numerically stable sigmoid cross-entropy: max(z,0) - z*y + log(1 + exp(-|z|)).
        Operand<TFloat32> ce = tf.math.add(tf.math.sub(tf.nn.relu(logits), tf.math.mul(logits, label)),
                tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))));
        Operand<TInt32> all = tf.constant(new int[] {0, 1});
        Operand<TFloat32> dataLoss = tf.math.div(tf.reduceSum(tf.math.mul(ce, weight), all), tf.reduceSum(weight, all));
        loss = tf.math.add(dataLoss, tf.math.mul(tf.constant(l2), decay));

        List<Variable<TFloat32>> vars = new ArrayList<>(kernels);
        vars.addAll(biases);
        Output<?>[] grads = graph.addGradients(loss.asOutput(), vars.stream().map(Variable::asOutput).toArray(Output[]::new));
        // The variables are read by reference, and Adam updates them in place: without these dependencies an update
        // can land while another gradient op still reads the weights, and the result would depend on thread timing.
        List<Op> ready = new ArrayList<>();
        List<Operand<TFloat32>> gradValues = new ArrayList<>();
        for (Output<?> g : grads) {
            @SuppressWarnings("unchecked")
            Operand<TFloat32> id = tf.identity((Operand<TFloat32>) g);
            gradValues.add(id);
            ready.add((Op) id);
        }
        ready.add((Op) loss);
        Ops afterGradients = tf.withControlDependencies(ready);
        for (int v = 0; v < vars.size(); v++) {
            Variable<TFloat32> var = vars.get(v);
            Shape s = var.shape();
            Variable<TFloat32> m = tf.variable(tf.zeros(tf.constant(s), TFloat32.class));
            Variable<TFloat32> vv = tf.variable(tf.zeros(tf.constant(s), TFloat32.class));
            updates.add(afterGradients.train.applyAdam(var, m, vv, beta1Power, beta2Power, learningRate,
                    tf.constant(BETA1), tf.constant(BETA2), tf.constant(EPSILON), gradValues.get(v)));
        }
        session = new Session(graph);
        session.initialize();
    }

    private Variable<TFloat32> variable(Ops tf, Random r, long[] shape, int fanIn) {
        int n = 1;
        for (long d : shape) n *= (int) d;
        float[] v = new float[n];
        double std = Math.sqrt(2.0 / fanIn); // He initialisation for ReLU layers
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextGaussian() * std);
        return tf.variable(tf.constant(Shape.of(shape), DataBuffers.of(v)));
    }

    private static Variable<TFloat32> zeros(Ops tf, int n) {
        return tf.variable(tf.constant(Shape.of(n), DataBuffers.of(new float[n])));
    }

    private void keep(Variable<TFloat32> k, Variable<TFloat32> b) {
        kernels.add(k);
        biases.add(b);
    }

    /** One Adam step on a batch; returns the batch loss. {@code x} holds {@code y.length} rows of frames*coefficients. */
    public float train(float[] x, float[] y, float[] w, float lr) {
        int n = y.length;
        step++;
        List<Tensor> fed = new ArrayList<>();
        try {
            Session.Runner run = session.runner()
                .feed(input, keep(fed, TFloat32.tensorOf(Shape.of(n, x.length / n), DataBuffers.of(x))))
                .feed(label, keep(fed, TFloat32.tensorOf(Shape.of(n, 1), DataBuffers.of(y))))
                .feed(weight, keep(fed, TFloat32.tensorOf(Shape.of(n, 1), DataBuffers.of(w))))
                .feed(learningRate, keep(fed, TFloat32.scalarOf(lr)))
                .feed(beta1Power, keep(fed, TFloat32.scalarOf((float) Math.pow(BETA1, step))))
                .feed(beta2Power, keep(fed, TFloat32.scalarOf((float) Math.pow(BETA2, step))));
            for (int d = 0; d < dropoutMasks.size(); d++) {
                float rate = (float) dropoutRate(d);
                float[] mask = new float[n * dropoutSizes.get(d)];
                for (int i = 0; i < mask.length; i++) mask[i] = dropoutRandom.nextFloat() < rate ? 0f : 1f / (1f - rate);
                run.feed(dropoutMasks.get(d), keep(fed, TFloat32.tensorOf(Shape.of(n, dropoutSizes.get(d)), DataBuffers.of(mask))));
            }
            for (Op u : updates) run.addTarget(u);
            run.fetch(loss);
            try (Result r = run.run()) {
                return ((TFloat32) r.get(0)).getFloat();
            }
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    /** Logits for {@code n} rows (dropout off). */
    public float[] logits(float[] x, int n) {
        List<Tensor> fed = new ArrayList<>();
        try {
            Session.Runner run = session.runner()
                .feed(input, keep(fed, TFloat32.tensorOf(Shape.of(n, x.length / n), DataBuffers.of(x))));
            for (int d = 0; d < dropoutMasks.size(); d++) {
                float[] ones = new float[n * dropoutSizes.get(d)];
                Arrays.fill(ones, 1f);
                run.feed(dropoutMasks.get(d), keep(fed, TFloat32.tensorOf(Shape.of(n, dropoutSizes.get(d)), DataBuffers.of(ones))));
            }
            try (Result r = run.fetch(logits).run()) {
                float[] out = new float[n];
                ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
                return out;
            }
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    private double dropoutRate(int index) {
        int seen = 0;
        for (Layer l : arch.layers()) {
            if (l instanceof Layer.Dropout d && seen++ == index) return d.rate();
        }
        throw new IllegalStateException("no dropout layer " + index);
    }

    /** The current parameters, converted to TFLite kernel layouts. */
    public Weights weights() {
        List<float[]> ks = new ArrayList<>();
        List<float[]> bs = new ArrayList<>();
        int v = 0;
        for (int i = 0; i < arch.layers().size(); i++) {
            Layer layer = arch.layers().get(i);
            if (!layer.hasWeights()) {
                ks.add(null);
                bs.add(null);
                continue;
            }
            float[] k = read(kernels.get(v));
            float[] b = read(biases.get(v));
            v++;
            int[] shape = arch.kernelShape(i);
            if (layer instanceof Layer.Conv c) ks.add(hwioToOhwi(k, c.kh(), c.kw(), shape[3], c.filters()));
            else if (layer instanceof Layer.Dense d) ks.add(transpose(k, shape[1], d.units()));
            else ks.add(k); // depthwise [h,w,c,1] has the same order as TFLite's [1,h,w,c]
            bs.add(b);
        }
        return new Weights(ks, bs);
    }

    private float[] read(Variable<TFloat32> var) {
        try (Result r = session.runner().fetch(var).run()) {
            TFloat32 t = (TFloat32) r.get(0);
            float[] out = new float[(int) t.shape().size()];
            t.copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    private static float[] hwioToOhwi(float[] k, int kh, int kw, int in, int out) {
        float[] r = new float[k.length];
        for (int y = 0; y < kh; y++)
            for (int x = 0; x < kw; x++)
                for (int i = 0; i < in; i++)
                for (int o = 0; o < out; o++)
                    r[((o * kh + y) * kw + x) * in + i] = k[((y * kw + x) * in + i) * out + o];
        return r;
    }

    private static float[] transpose(float[] k, int rows, int cols) {
        float[] r = new float[k.length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) r[j * rows + i] = k[i * cols + j];
        return r;
    }

    private static <T extends Tensor> T keep(List<Tensor> list, T t) {
        list.add(t);
        return t;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
