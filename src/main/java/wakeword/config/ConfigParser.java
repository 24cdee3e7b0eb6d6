package wakeword.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads wakeword.conf: {@code key = value} lines, whole-line {@code #} comments, blank lines.
 * Every key is optional; every problem becomes a {@link ConfigException} naming the source,
 * the line, the key and what is allowed.
 */
public final class ConfigParser {

    /** Decimal only: Double.parseDouble would also take "NaN", "1d" and hex floats. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d{1,12}(\\.\\d{0,12})?|\\.\\d{1,12})([eE][+-]?\\d{1,3})?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");

    private static final List<Key> KEYS = List.of(
            new Key("model", "must be a path to a .tflite file",
                    (b, v) -> accept(path(v, ".tflite"), p -> b.model = p)),
            new Key("input", "must be alsa, - (raw 16 kHz mono 16-bit PCM on stdin) or a path to a .wav file",
                    (b, v) -> accept(input(v), i -> b.input = i)),
            new Key("device", "must be default or (part of) an ALSA capture device name",
                    (b, v) -> accept(v.isEmpty() ? null : v, d -> b.device = d)),
            new Key("capture_buffer_ms", "must be a whole number from 10 to 2000",
                    (b, v) -> accept(integer(v, 10, 2000), n -> b.captureBufferMs = n)),
            new Key("features", "must be float or fixed",
                    (b, v) -> accept(choice(v, Config.Features.class), f -> b.features = f)),
            new Key("threshold", "must be a number from 0 to 1",
                    (b, v) -> accept(decimal(v, 0, 1), d -> b.threshold = OptionalDouble.of(d))),
            new Key("smoothing", "must be a whole number of scores from 1 to 50",
                    (b, v) -> accept(integer(v, 1, 50), n -> b.smoothing = OptionalInt.of(n))),
            new Key("refractory_ms", "must be a whole number from 0 to 60000",
                    (b, v) -> accept(integer(v, 0, 60_000), n -> b.refractoryMs = OptionalInt.of(n))),
            new Key("warmup_ms", "must be a whole number from 0 to 60000",
                    (b, v) -> accept(integer(v, 0, 60_000), n -> b.warmupMs = OptionalInt.of(n))),
            new Key("gpio.enabled", "must be auto, true or false",
                    (b, v) -> accept(choice(v, Config.GpioEnabled.class), x -> b.gpioEnabled = x)),
            new Key("gpio.pin", "must be a BCM GPIO number from 0 to 27",
                    (b, v) -> accept(integer(v, 0, 27), n -> b.gpioPin = n)),
            new Key("gpio.mode", "must be toggle, pulse or latch",
                    (b, v) -> accept(choice(v, Config.GpioMode.class), m -> b.gpioMode = m)),
            new Key("gpio.pulse_ms", "must be a whole number from 10 to 60000",
                    (b, v) -> accept(integer(v, 10, 60_000), n -> b.gpioPulseMs = n)),
            new Key("gpio.active_low", "must be true or false",
                    (b, v) -> accept(bool(v), x -> b.gpioActiveLow = x)),
            new Key("log.level", "must be error, warn, info, debug or trace",
                    (b, v) -> accept(choice(v, Config.LogLevel.class), l -> b.logLevel = l)),
            new Key("tflite.threads", "must be a whole number from 1 to 4",
                    (b, v) -> accept(integer(v, 1, 4), n -> b.tfliteThreads = n)),
            new Key("tflite.xnnpack", "must be auto, true or false",
                    (b, v) -> accept(choice(v, Config.Xnnpack.class), x -> b.tfliteXnnpack = x)),
            new Key("on_detect", "must be a program and its arguments, separated by spaces; \"double\" or 'single'"
                    + " quotes keep spaces inside one argument, and every quote must be closed",
                    (b, v) -> accept(Argv.split(v), c -> b.onDetect = c)),
            new Key("on_detect.timeout_ms", "must be a whole number from 100 to 600000",
                    (b, v) -> accept(integer(v, 100, 600_000), n -> b.onDetectTimeoutMs = n)));

    private static final Map<String, Key> BY_NAME = KEYS.stream()
            .collect(Collectors.toUnmodifiableMap(Key::name, k -> k));

    private ConfigParser() {
    }

    /** The keys a config file may set, in the order the shipped file documents them. */
    public static List<String> keys() {
        return KEYS.stream().map(Key::name).toList();
    }

    /**
     * Parses a config file. A relative {@code model} or WAV {@code input} is resolved against
     * the file's directory.
     */
    public static Config parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist; pass --config with the path of wakeword.conf");
        } catch (AccessDeniedException e) {
            throw new ConfigException("config file " + file + " is not readable (permission denied); make it readable for this user");
        } catch (CharacterCodingException e) {
            throw new ConfigException("config file " + file + " is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            String why = Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage());
            throw new ConfigException("cannot read config file " + file + ": " + why + "; pass --config with the path of wakeword.conf", e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString()).resolvedAgainst(dir);
    }

    /** Parses config text; {@code sourceName} is what error messages call it. Paths stay as written. */
    public static Config parse(String text, String sourceName) {
        Builder builder = new Builder(Config.defaults());
        Map<String, Integer> seenOnLine = new HashMap<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = body.split("\\r?\\n|\\r", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = sourceName + ":" + lineNo + ": ";
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new ConfigException(where + "\"" + shorten(line) + "\" is not a \"key = value\" line; "
                        + "write e.g. \"threshold = 0.5\", or start a comment with #");
            }
            String name = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (name.isEmpty()) {
                throw new ConfigException(where + "\"" + shorten(line) + "\" has no key before '='; write e.g. \"threshold = 0.5\"");
            }
            Key key = lookUp(name, where);
            Integer first = seenOnLine.putIfAbsent(key.name(), lineNo);
            if (first != null) {
                throw new ConfigException(where + key.name() + " is set twice (first on line " + first + "); keep one of them");
            }
            apply(builder, key, value, where);
        }
        return builder.build();
    }

    static Config override(Config base, Map<String, String> overrides, String sourceName) {
        Builder builder = new Builder(base);
        for (Map.Entry<String, String> e : new LinkedHashMap<>(overrides).entrySet()) {
            String where = sourceName + ": ";
            String value = e.getValue() == null ? "" : e.getValue().strip();
            apply(builder, lookUp(String.valueOf(e.getKey()), where), value, where);
        }
        return builder.build();
    }

    private static Key lookUp(String name, String where) {
        Key key = BY_NAME.get(name);
        if (key != null) {
            return key;
        }
        String nearest = nearestKey(name);
        String hint = nearest != null ? "did you mean " + nearest + "?" : "known keys: " + String.join(", ", keys());
        throw new ConfigException(where + shorten(name) + ": unknown key; " + hint);
    }

    private static void apply(Builder builder, Key key, String value, String where) {
        if (!key.setter().set(builder, value)) {
            throw new ConfigException(where + key.name() + " = " + shorten(value) + ": " + key.allowed());
        }
    }

    /** The known key closest in edit distance, or null when none is plausibly meant. */
    static String nearestKey(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Key key : KEYS) {
            int d = editDistance(lower, key.name());
            // A bare "pin" means "gpio.pin": compare with the part after the section too.
            int dot = key.name().indexOf('.');
            if (dot >= 0) {
                d = Math.min(d, editDistance(lower, key.name().substring(dot + 1)));
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = key.name();
            }
        }
        return bestDistance <= Math.max(2, lower.length() / 3) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Keeps a garbage line from flooding the one-line error. */
    private static String shorten(String s) {
        String printable = s.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() <= 60 ? printable : printable.substring(0, 57) + "...";
    }

    private static <T> boolean accept(T parsed, Consumer<T> store) {
        if (parsed == null) {
            return false;
        }
        store.accept(parsed);
        return true;
    }

    private static Integer integer(String v, int min, int max) {
        if (!INTEGER.matcher(v).matches()) {
            return null;
        }
        int n = Integer.parseInt(v);
        return n >= min && n <= max ? n : null;
    }

    private static Double decimal(String v, double min, double max) {
        if (!DECIMAL.matcher(v).matches()) {
            return null;
        }
        double d = Double.parseDouble(v);
        return d >= min && d <= max ? d : null;
    }

    private static Boolean bool(String v) {
        return switch (v) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static <E extends Enum<E>> E choice(String v, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(v)) {
                return e;
            }
        }
        return null;
    }

    private static Path path(String v, String suffix) {
        if (v.isEmpty() || v.indexOf('\0') >= 0 || !v.toLowerCase(Locale.ROOT).endsWith(suffix)) {
            return null;
        }
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Config.Input input(String v) {
        if (v.equals("alsa")) {
            return Config.Input.alsa();
        }
        if (v.equals("-")) {
            return Config.Input.stdin();
        }
        Path wav = path(v, ".wav");
        return wav == null ? null : Config.Input.wav(wav);
    }

    @FunctionalInterface
    private interface Setter {
        /** Stores the parsed value, or returns false when {@code value} is not allowed. */
        boolean set(Builder builder, String value);
    }

    private record Key(String name, String allowed, Setter setter) {
    }

    /** The one mutable step between text and the immutable {@link Config}. */
    private static final class Builder {
        Path model;
        Config.Input input;
        String device;
        int captureBufferMs;
        Config.Features features;
        OptionalDouble threshold;
        OptionalInt smoothing;
        OptionalInt refractoryMs;
        OptionalInt warmupMs;
        Config.GpioEnabled gpioEnabled;
        int gpioPin;
        Config.GpioMode gpioMode;
        int gpioPulseMs;
        boolean gpioActiveLow;
        Config.LogLevel logLevel;
        int tfliteThreads;
        Config.Xnnpack tfliteXnnpack;
        List<String> onDetect;
        int onDetectTimeoutMs;

        Builder(Config c) {
            model = c.model();
            input = c.audio().input();
            device = c.audio().device();
            captureBufferMs = c.audio().captureBufferMs();
            features = c.features();
            threshold = c.trigger().threshold();
            smoothing = c.trigger().smoothing();
            refractoryMs = c.trigger().refractoryMs();
            warmupMs = c.trigger().warmupMs();
            gpioEnabled = c.gpio().enabled();
            gpioPin = c.gpio().pin();
            gpioMode = c.gpio().mode();
            gpioPulseMs = c.gpio().pulseMs();
            gpioActiveLow = c.gpio().activeLow();
            logLevel = c.logLevel();
            tfliteThreads = c.tflite().threads();
            tfliteXnnpack = c.tflite().xnnpack();
            onDetect = c.onDetect().command();
            onDetectTimeoutMs = c.onDetect().timeoutMs();
        }

        Config build() {
            return new Config(model,
                    new Config.Audio(input, device, captureBufferMs),
                    features,
                    new Config.Trigger(threshold, smoothing, refractoryMs, warmupMs),
                    new Config.Gpio(gpioEnabled, gpioPin, gpioMode, gpioPulseMs, gpioActiveLow),
                    logLevel,
                    new Config.Tflite(tfliteThreads, tfliteXnnpack),
                    new Config.OnDetect(onDetect, onDetectTimeoutMs));
        }
    }
}
