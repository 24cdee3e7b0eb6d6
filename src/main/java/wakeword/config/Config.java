package wakeword.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The daemon's settings, as read from wakeword.conf (see config/wakeword.conf for every key,
 * its default and its allowed values). Immutable; ranges are checked by {@link ConfigParser},
 * which is the only place that builds one from text.
 *
 * @param model    the .tflite model; its manifest is the same path with .json
 * @param audio    where the audio comes from
 * @param features which MFCC implementation runs
 * @param trigger  detection tuning; an empty value means "use the model's manifest"
 * @param gpio     the output pin
 * @param logLevel the log level (tinylog)
 * @param tflite   interpreter options
 * @param onDetect the command run on every detection
 */
public record Config(Path model, Audio audio, Features features, Trigger trigger, Gpio gpio,
                     LogLevel logLevel, Tflite tflite, OnDetect onDetect) {

    /** Where the installed service finds its model (tools/install.sh puts it there). */
    public static final Path INSTALLED_MODEL = Path.of("/usr/share/wakeword/models/stop.tflite");

    public Config {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(gpio, "gpio");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(tflite, "tflite");
        Objects.requireNonNull(onDetect, "onDetect");
    }

    /** The settings used when a key is absent; config/wakeword.conf spells out the same values. */
    public static Config defaults() {
        return new Config(
                INSTALLED_MODEL,
                new Audio(Input.alsa(), "default", 100),
                Features.FLOAT,
                new Trigger(OptionalDouble.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty()),
                new Gpio(GpioEnabled.AUTO, 17, GpioMode.TOGGLE, 500, false),
                LogLevel.INFO,
                new Tflite(1, Xnnpack.AUTO),
                new OnDetect(List.of(), 5000));
    }

    /**
     * This config with some keys set as if they were written in a config file, for command-line
     * options such as {@code --threshold}: {@code withOverrides(Map.of("threshold", "0.8"), "--threshold")}.
     * Values are validated like the file's; a bad one gives a {@link ConfigException} naming
     * {@code sourceName}.
     */
    public Config withOverrides(Map<String, String> overrides, String sourceName) {
        return ConfigParser.override(this, overrides, sourceName);
    }

    /**
     * This config with a relative model or WAV input path resolved against {@code dir}
     * (the config file's directory), so a config works wherever the daemon is started from.
     */
    public Config resolvedAgainst(Path dir) {
        Input in = audio.input();
        Input resolvedInput = in.kind() == InputKind.WAV ? Input.wav(dir.resolve(in.wavFile()).normalize()) : in;
        return new Config(dir.resolve(model).normalize(),
                new Audio(resolvedInput, audio.device(), audio.captureBufferMs()),
                features, trigger, gpio, logLevel, tflite, onDetect.resolvedAgainst(dir));
    }

    /**
     * @param input           ALSA capture, raw PCM on stdin, or a WAV file
     * @param device          the ALSA device: "default" or (a substring of) a mixer name
     * @param captureBufferMs the capture line's buffer
     */
    public record Audio(Input input, String device, int captureBufferMs) {
        public Audio {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(device, "device");
        }
    }

    public enum InputKind { ALSA, STDIN, WAV }

    /** An audio source; {@code wavFile} is set only for {@link InputKind#WAV}. */
    public record Input(InputKind kind, Path wavFile) {
        public Input {
            Objects.requireNonNull(kind, "kind");
            if ((kind == InputKind.WAV) != (wavFile != null)) {
                throw new IllegalArgumentException("a WAV input needs a path, other inputs none");
            }
        }

        public static Input alsa() {
            return new Input(InputKind.ALSA, null);
        }

        public static Input stdin() {
            return new Input(InputKind.STDIN, null);
        }

        public static Input wav(Path file) {
            return new Input(InputKind.WAV, Objects.requireNonNull(file, "file"));
        }
    }

    /** Floating-point MFCC (JTransforms) or the Q15 fixed-point one. */
    public enum Features { FLOAT, FIXED }

    /** Each value, when empty, falls back to the model's manifest. */
    public record Trigger(OptionalDouble threshold, OptionalInt smoothing, OptionalInt refractoryMs,
                          OptionalInt warmupMs) {
        public Trigger {
            Objects.requireNonNull(threshold, "threshold");
            Objects.requireNonNull(smoothing, "smoothing");
            Objects.requireNonNull(refractoryMs, "refractoryMs");
            Objects.requireNonNull(warmupMs, "warmupMs");
        }
    }

    public enum GpioMode { TOGGLE, PULSE, LATCH }

    /** AUTO: drive the pin on a Raspberry Pi, only log it elsewhere. TRUE: drive it or fail. */
    public enum GpioEnabled { AUTO, TRUE, FALSE }

    /**
     * @param enabled   whether to drive a real pin (AUTO: only on a Raspberry Pi) or only log
     * @param pin       BCM GPIO number, 0..27
     * @param mode      what a detection does to the pin
     * @param pulseMs   how long a pulse lasts (mode PULSE)
     * @param activeLow true: "on" drives the pin low (many relay boards)
     */
    public record Gpio(GpioEnabled enabled, int pin, GpioMode mode, int pulseMs, boolean activeLow) {
        public Gpio {
            Objects.requireNonNull(enabled, "enabled");
            Objects.requireNonNull(mode, "mode");
        }
    }

    public enum LogLevel { ERROR, WARN, INFO, DEBUG, TRACE }

    /**
     * AUTO: XNNPACK on the CPUs (and for the model form) where it measured cheaper per hop than TFLite's built-in
     * kernels ({@link wakeword.model.InferenceOptions#xnnpackPaysOff}); TRUE and FALSE force one or the other.
     */
    public enum Xnnpack { AUTO, TRUE, FALSE }

    /**
     * @param threads interpreter threads
     * @param xnnpack whether to apply the XNNPACK delegate
     */
    public record Tflite(int threads, Xnnpack xnnpack) {
        public Tflite {
            Objects.requireNonNull(xnnpack, "xnnpack");
        }
    }

    /**
     * @param command   program and arguments, run without a shell; empty: no command
     * @param timeoutMs how long one run may take before it is killed
     */
    public record OnDetect(List<String> command, int timeoutMs) {
        public OnDetect {
            command = List.copyOf(command);
        }

        /** A program named by a relative path with a folder in it (./beep.sh) is taken from {@code dir}. */
        OnDetect resolvedAgainst(Path dir) {
            if (command.isEmpty()) return this;
            String program = command.get(0);
            if (!program.contains("/") || Path.of(program).isAbsolute()) return this;
            List<String> resolved = new java.util.ArrayList<>(command);
            resolved.set(0, dir.resolve(program).normalize().toString());
            return new OnDetect(resolved, timeoutMs);
        }
    }
}
