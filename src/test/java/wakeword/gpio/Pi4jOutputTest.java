package wakeword.gpio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import org.junit.jupiter.api.Test;

class Pi4jOutputTest {

    @Test
    void startsAtTheInitialLevelAndWritesThrough() {
        Context context = MockPins.context();
        try (Pi4jOutput out = new Pi4jOutput(context, MockPins.PROVIDER, 22, true)) {
            assertTrue(MockPins.mockLevelHigh(context));
            assertTrue(out.isHigh());
            out.write(false);
            assertFalse(MockPins.mockLevelHigh(context));
            assertFalse(out.isHigh());
            out.write(true);
            assertTrue(MockPins.mockLevelHigh(context));
        }
        assertTrue(context.isShutdown());
    }

    @Test
    void closeTwiceIsHarmless() {
        Context context = MockPins.context();
        Pi4jOutput out = new Pi4jOutput(context, MockPins.PROVIDER, 5, false);
        out.close();
        out.close();
        assertTrue(context.isShutdown());
    }

    @Test
    void aProviderTheContextLacksGivesOneLineAndShutsTheContextDown() {
        Context context = MockPins.context();
        GpioException e = assertThrows(GpioException.class,
                () -> new Pi4jOutput(context, Pi4jOutput.GPIOD_PROVIDER, 17, false));
        assertTrue(e.getMessage().startsWith("cannot open GPIO 17 through Pi4J gpiod: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(context.isShutdown());
    }

    @Test
    void loggingOutputKeepsTheLevel() {
        try (LoggingOutput out = new LoggingOutput(17, true)) {
            assertTrue(out.isHigh());
            out.write(false);
            assertFalse(out.isHigh());
        }
    }
}
