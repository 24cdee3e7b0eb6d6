package wakeword.testing;

import java.util.List;

/** Lines the TFLite native library prints by itself, which this build offers no API to silence. */
public final class NativeNotices {

    /** Printed to stderr whenever TFLite applies the XNNPACK delegate (the default config does). */
    public static final String XNNPACK = "INFO: Created TensorFlow Lite XNNPACK delegate for CPU.";

    private NativeNotices() {
    }

    public static List<String> without(List<String> stderr) {
        return stderr.stream().filter(l -> !l.equals(XNNPACK)).toList();
    }
}
