package wakeword.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InferenceOptionsTest {

    /** The measured choice (BENCHMARKS.md): XNNPACK on x86_64 only; the Pi's arm64 runs the built-in kernels. */
    @Test
    void xnnpackOnlyWhereItMeasuredCheaper() {
        assertTrue(InferenceOptions.xnnpackPaysOff("amd64"));
        assertTrue(InferenceOptions.xnnpackPaysOff("x86_64"));
        assertFalse(InferenceOptions.xnnpackPaysOff("aarch64"));
        assertFalse(InferenceOptions.xnnpackPaysOff("arm"));
        assertFalse(InferenceOptions.xnnpackPaysOff("riscv64"));
    }

    @Test
    void atLeastOneThread() {
        assertThrows(IllegalArgumentException.class, () -> new InferenceOptions(0, false));
    }
}
