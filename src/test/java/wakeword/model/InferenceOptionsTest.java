package wakeword.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InferenceOptionsTest {

    /**
     * The measured choice (BENCHMARKS.md): XNNPACK on x86_64 for both forms; on the Pi's arm64 for the streaming form
     * only (the window form runs fewer instructions with the built-in kernels); elsewhere the built-in kernels.
     */
    @Test
    void xnnpackOnlyWhereItMeasuredCheaper() {
        for (boolean streaming : new boolean[] {true, false}) {
            assertTrue(InferenceOptions.xnnpackPaysOff("amd64", streaming));
            assertTrue(InferenceOptions.xnnpackPaysOff("x86_64", streaming));
            assertFalse(InferenceOptions.xnnpackPaysOff("arm", streaming));
            assertFalse(InferenceOptions.xnnpackPaysOff("riscv64", streaming));
        }
        assertTrue(InferenceOptions.xnnpackPaysOff("aarch64", true));
        assertFalse(InferenceOptions.xnnpackPaysOff("aarch64", false));
    }

    @Test
    void atLeastOneThread() {
        assertThrows(IllegalArgumentException.class, () -> new InferenceOptions(0, false));
    }
}
