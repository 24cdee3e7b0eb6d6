package wakeword.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import wakeword.config.Config;
import wakeword.config.Config.GpioMode;

/** Sequences of detections, read back level by level from Pi4J's mock pin. */
class PinSwitchTest {
    private static final boolean H = true;
    private static final boolean L = false;

    private final Context context = MockPins.context();
    private final ManualScheduler timer = new ManualScheduler();
    private final List<Boolean> levels = new ArrayList<>();
    private PinSwitch pinSwitch;

    private PinSwitch open(GpioMode mode, int pulseMs, boolean activeLow) {
        Pi4jOutput output = new Pi4jOutput(context, MockPins.PROVIDER, 17, PinSwitch.idleLevel(activeLow));
        DigitalOutput pin = context.registry().get("wakeword", DigitalOutput.class);
        assertEquals(17, pin.address().intValue());
        levels.add(pin.isHigh());
        pin.addListener(e -> levels.add(e.state() == DigitalState.HIGH));
        pinSwitch = new PinSwitch(output, new Config.Gpio(Config.GpioEnabled.TRUE, 17, mode, pulseMs, activeLow), timer);
        return pinSwitch;
    }

    private boolean pinHigh() {
        return MockPins.mockLevelHigh(context);
    }

    @AfterEach
    void closeContext() {
        if (pinSwitch != null) {
            pinSwitch.close();
        }
        assertTrue(context.isShutdown());
    }

    @Test
    void toggleFlipsAtEachDetectionAndReleaseReturnsToLow() {
        PinSwitch s = open(GpioMode.TOGGLE, 500, false);
        assertFalse(pinHigh());
        s.onDetection();
        assertTrue(pinHigh());
        assertTrue(s.isOn());
        s.onDetection();
        assertFalse(pinHigh());
        s.onDetection();
        assertTrue(pinHigh());
        s.release();
        assertFalse(pinHigh());
        assertFalse(s.isOn());
        assertEquals(List.of(L, H, L, H, L), levels);
    }

    @Test
    void activeLowToggleStartsHighAndDrivesLowForOn() {
        PinSwitch s = open(GpioMode.TOGGLE, 500, true);
        assertTrue(pinHigh());
        s.onDetection();
        assertFalse(pinHigh());
        assertTrue(s.isOn());
        s.onDetection();
        s.onDetection();
        s.release();
        assertTrue(pinHigh());
        assertEquals(List.of(H, L, H, L, H), levels);
    }

    @Test
    void latchStaysOnUntilRelease() {
        PinSwitch s = open(GpioMode.LATCH, 500, false);
        s.onDetection();
        s.onDetection();
        s.onDetection();
        timer.advance(60_000);
        assertTrue(pinHigh());
        s.release();
        assertFalse(pinHigh());
        assertEquals(List.of(L, H, L), levels);
    }

    @Test
    void pulseGoesOffAfterPulseMs() {
        PinSwitch s = open(GpioMode.PULSE, 500, false);
        s.onDetection();
        assertTrue(pinHigh());
        timer.advance(499);
        assertTrue(pinHigh());
        timer.advance(1);
        assertFalse(pinHigh());
        assertFalse(s.isOn());
        s.onDetection();
        timer.advance(500);
        assertEquals(List.of(L, H, L, H, L), levels);
    }

    @Test
    void detectionDuringAPulseRestartsIt() {
        PinSwitch s = open(GpioMode.PULSE, 500, false);
        s.onDetection();
        timer.advance(300);
        s.onDetection();
        timer.advance(300); // 600 ms after the first detection, 300 after the second
        assertTrue(pinHigh());
        timer.advance(199);
        assertTrue(pinHigh());
        timer.advance(1);
        assertFalse(pinHigh());
        assertEquals(0, timer.pending());
        assertEquals(List.of(L, H, L), levels);
    }

    @Test
    void activeLowPulseDrivesLowThenReturnsHigh() {
        PinSwitch s = open(GpioMode.PULSE, 200, true);
        assertTrue(pinHigh());
        s.onDetection();
        assertFalse(pinHigh());
        timer.advance(200);
        assertTrue(pinHigh());
        assertEquals(List.of(H, L, H), levels);
    }

    @Test
    void releaseDuringAPulseCancelsItsTimer() {
        PinSwitch s = open(GpioMode.PULSE, 500, false);
        s.onDetection();
        timer.advance(100);
        s.release();
        assertFalse(pinHigh());
        assertEquals(0, timer.pending());
        s.onDetection();
        timer.advance(450); // the cancelled pulse would have ended here
        assertTrue(pinHigh());
        timer.advance(50);
        assertFalse(pinHigh());
        assertEquals(List.of(L, H, L, H, L), levels);
    }

    @Test
    void closeLeavesThePinIdleAndShutsDownContextAndTimer() {
        PinSwitch s = open(GpioMode.LATCH, 500, true);
        s.onDetection();
        assertFalse(pinHigh());
        s.close();
        pinSwitch = null;
        assertTrue(context.isShutdown());
        assertTrue(timer.isShutdown());
        assertEquals(H, levels.get(levels.size() - 1));
    }
}
