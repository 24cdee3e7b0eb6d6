package wakeword.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.pi4j.exception.InitializeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wakeword.config.Config;
import wakeword.config.Config.GpioEnabled;
import wakeword.config.Config.GpioMode;

class GpioFactoryTest {

    private static boolean onARaspberryPi() throws IOException {
        Path model = Path.of("/proc/device-tree/model");
        return Files.isReadable(model) && Files.readString(model).contains("Raspberry Pi");
    }

    @Test
    void disabledGpioOnlyLogsAndStartsAtTheIdleLevel() {
        GpioOutput plain = GpioFactory.openOutput(new Config.Gpio(GpioEnabled.FALSE, 17, GpioMode.TOGGLE, 500, false));
        assertInstanceOf(LoggingOutput.class, plain);
        assertFalse(plain.isHigh());

        try (PinSwitch s = GpioFactory.open(new Config.Gpio(GpioEnabled.FALSE, 17, GpioMode.TOGGLE, 500, true))) {
            assertFalse(s.isOn());
            s.onDetection();
            assertTrue(s.isOn());
        }
    }

    @Test
    void enabledGpioOffAPiSaysSoAndHowToCarryOn() throws IOException {
        assumeFalse(onARaspberryPi(), "this checks the real gpiod provider's failure off a Pi");
        GpioException e = assertThrows(GpioException.class,
                () -> GpioFactory.open(new Config.Gpio(GpioEnabled.TRUE, 17, GpioMode.TOGGLE, 500, false)));
        assertEquals("GPIO is not available: Pi4J does not recognise this computer as a Raspberry Pi "
                + "(or finds no pinctrl GPIO chip); run it on the Pi, or set gpio.enabled = auto or false to only log the switch",
                e.getMessage());
    }

    @Test
    void autoOnlyLogsOffAPi() throws IOException {
        assumeFalse(onARaspberryPi(), "off a Pi, auto must fall back to logging");
        GpioOutput out = GpioFactory.openOutput(new Config.Gpio(GpioEnabled.AUTO, 17, GpioMode.TOGGLE, 500, true));
        assertInstanceOf(LoggingOutput.class, out);
        assertTrue(out.isHigh());
    }

    @Test
    void autoOnAPiReportsAPinItCannotClaimInsteadOfLogging() throws IOException {
        assumeFalse(onARaspberryPi(), "told it is a Pi, the real gpiod provider here has no chip");
        GpioException e = assertThrows(GpioException.class,
                () -> GpioFactory.openOutput(new Config.Gpio(GpioEnabled.AUTO, 17, GpioMode.TOGGLE, 500, false), true));
        assertTrue(e.getMessage().startsWith("GPIO is not available: "), e.getMessage());
    }

    /** libgpiod's strerror texts, wrapped the way Pi4J's gpiod plugin wraps them. */
    @Test
    void busyPinNamesThePinAndTheFix() {
        RuntimeException fromPi4j = new InitializeException("Failed to initialize IO wakeword",
                new IllegalStateException("Device or resource busy"));
        assertEquals("GPIO 23 is busy: another program holds it (see `gpioinfo`); stop it or choose another pin in gpio.pin",
                GpioErrors.explain(fromPi4j, 23).getMessage());
    }

    @Test
    void permissionDeniedNamesTheChipsThisUserCannotOpen(@TempDir Path dev) throws IOException {
        Path chip0 = Files.createFile(dev.resolve("gpiochip0"));
        Files.createFile(dev.resolve("gpiochip1"));
        Files.setPosixFilePermissions(chip0, PosixFilePermissions.fromString("---------"));
        String message = GpioErrors.explain(new IllegalStateException("Permission denied"), 17, dev).getMessage();
        // Root can open anything; then the fallback names gpiochip0 as well.
        assertEquals("permission denied on " + chip0
                + ": add the user to group gpio (sudo usermod -aG gpio $USER, then log in again)", message);
    }

    @Test
    void missingNativeLibraryIsExplained() {
        String message = GpioErrors.explain(new UnsatisfiedLinkError("libpi4j-gpiod.so: wrong ELF class"), 17).getMessage();
        assertEquals("cannot load Pi4J's gpiod native library (libpi4j-gpiod.so: wrong ELF class); "
                + "it needs Raspberry Pi OS on arm64 or armhf and a writable java.io.tmpdir", message);
    }

    @Test
    void anythingElseKeepsTheRootCauseOnOneLine() {
        String message = GpioErrors.explain(new RuntimeException("outer",
                new IllegalArgumentException("Invalid argument\n  at line")), 40).getMessage();
        assertEquals("cannot open GPIO 40 through Pi4J gpiod: Invalid argument at line; "
                + "check gpio.pin and that /dev/gpiochip0 exists", message);
    }

    @Test
    void aRaspberryPiIsRecognisedByItsDeviceTreeModel(@TempDir Path dir) throws IOException {
        Path pi = Files.write(dir.resolve("pi"), "Raspberry Pi 4 Model B Rev 1.4\0".getBytes());
        Path other = Files.write(dir.resolve("other"), "Pine64 RockPro64 v2.1\0".getBytes());
        assertTrue(GpioFactory.runningOnARaspberryPi(pi));
        assertFalse(GpioFactory.runningOnARaspberryPi(other));
        assertFalse(GpioFactory.runningOnARaspberryPi(dir.resolve("absent")));
    }
}
