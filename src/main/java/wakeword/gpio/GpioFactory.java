package wakeword.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.tinylog.Logger;
import wakeword.config.Config;

/** Builds the output the config asks for: a real pin through gpiod, or a logging stand-in. */
public final class GpioFactory {
    private GpioFactory() {
    }

    /**
     * The switch for {@code gpio}, already at its idle level.
     *
     * @throws GpioException when GPIO is enabled but the pin cannot be claimed
     */
    public static PinSwitch open(Config.Gpio gpio) {
        GpioOutput output = openOutput(gpio);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gpio-pulse");
            t.setDaemon(true);
            return t;
        });
        return new PinSwitch(output, gpio, timer);
    }

    /** The bare output for {@code gpio}, at the idle level for its active-low setting. */
    public static GpioOutput openOutput(Config.Gpio gpio) {
        return openOutput(gpio, gpio.enabled() == Config.GpioEnabled.AUTO && runningOnARaspberryPi(DEVICE_TREE_MODEL));
    }

    /** Where the kernel names the board; absent off device-tree machines such as a PC. */
    static final Path DEVICE_TREE_MODEL = Path.of("/proc/device-tree/model");

    /**
     * Whether the device tree names a Raspberry Pi. Pi4J's own board detection answers the same question, but
     * off a Pi it logs three ERROR lines and a warning first, which would bury the one line that matters (GPIO
     * is only logged) under alarms about nothing; so Pi4J is only started where there is a pin to drive.
     */
    static boolean runningOnARaspberryPi(Path model) {
        try {
            return Files.readString(model, StandardCharsets.ISO_8859_1).contains("Raspberry Pi");
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * @param onARaspberryPi only read for {@link Config.GpioEnabled#AUTO}: whether this is a Pi
     */
    static GpioOutput openOutput(Config.Gpio gpio, boolean onARaspberryPi) {
        boolean idle = PinSwitch.idleLevel(gpio.activeLow());
        switch (gpio.enabled()) {
            case FALSE:
                return new LoggingOutput(gpio.pin(), idle);
            case AUTO:
                if (!onARaspberryPi) {
                    Logger.info("not a Raspberry Pi: GPIO {} changes are only logged (gpio.enabled = auto)", gpio.pin());
                    return new LoggingOutput(gpio.pin(), idle);
                }
                break;
            case TRUE:
                break;
            default:
                throw new IllegalStateException("unknown gpio.enabled " + gpio.enabled());
        }
        // On a Pi, or asked for explicitly: a pin that cannot be claimed is an error, never a silent log.
        return new Pi4jOutput(gpiodContext(gpio.pin()), Pi4jOutput.GPIOD_PROVIDER, gpio.pin(), idle);
    }

    /** Only the gpiod provider: no auto-detection, so nothing else can win. */
    private static Context gpiodContext(int pin) {
        try {
            return Pi4J.newContextBuilder().add(GpioDDigitalOutputProvider.newInstance()).build();
        } catch (RuntimeException | LinkageError e) {
            throw GpioErrors.explain(e, pin);
        }
    }
}
