package wakeword.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;

/** Pi4J's own mock provider, set up explicitly as the Pi4J docs recommend for tests. */
final class MockPins {
    static final String PROVIDER = "mock-digital-output";

    private MockPins() {
    }

    static Context context() {
        return Pi4J.newContextBuilder()
                .add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build();
    }

    /** The mock pin as Pi4J's registry holds it: its level is what the daemon wrote. */
    static boolean mockLevelHigh(Context context) {
        DigitalOutput pin = context.registry().get("wakeword", DigitalOutput.class);
        return pin.isHigh();
    }
}
