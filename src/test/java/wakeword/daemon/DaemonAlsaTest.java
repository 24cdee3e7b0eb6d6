package wakeword.daemon;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import wakeword.audio.RecordedMicrophone;
import wakeword.config.Config;
import wakeword.config.ConfigParser;
import wakeword.gpio.GpioOutput;
import wakeword.gpio.Pi4jOutput;
import wakeword.gpio.PinSwitch;
import wakeword.hook.CommandHook;
import wakeword.testing.SharedData;
import wakeword.testing.ShippedModel;

/**
 * The whole daemon on real components: speech goes in through real ALSA (the file plugin standing in for a
 * sound card, see src/test/resources/audio/alsa-test.conf), the shipped model runs in the real TFLite
 * runtime, and the pin is Pi4J's mock provider. Each spoken "stop" must toggle the pin once, and nothing else
 * may.
 */
class DaemonAlsaTest {

    /** Records every level written, and passes it on to the real Pi4J pin. */
    private static final class RecordingOutput implements GpioOutput {
        final List<Boolean> writes = Collections.synchronizedList(new ArrayList<>());
        private final GpioOutput pin;

        RecordingOutput(GpioOutput pin) {
            this.pin = pin;
        }

        @Override
        public void write(boolean high) {
            writes.add(high);
            pin.write(high);
        }

        @Override
        public boolean isHigh() {
            return pin.isHigh();
        }

        @Override
        public void close() {
            pin.close();
        }
    }

    @Test
    void eachSpokenStopThroughAlsaTogglesTheMockPin() throws Exception {
        SharedData.require();
        assumeTrue(RecordedMicrophone.available(), "run through Maven: surefire sets up the ALSA file plugin");
        List<String> heldOut = ShippedModel.testSpeakers();
        List<Path> stops = firstClipPerSpeaker(SharedData.clips("stop", heldOut), 6);
        List<Path> others = SharedData.clips("go", heldOut);
        short[] noise = SharedData.read(SharedData.dir().resolve("speech_commands/_background_noise_/pink_noise.flac"));
        SharedData.LabelledStream stream = SharedData.stream(stops, others, noise, 30, 42);

        Config config = ConfigParser.parse("model = " + ShippedModel.tflite() + "\ninput = alsa\ndevice = default\n"
                + "gpio.enabled = true\ngpio.pin = 17\ngpio.mode = toggle\n", "test.conf");
        Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
        RecordingOutput output = new RecordingOutput(new Pi4jOutput(pi4j, "mock-digital-output", 17, false));
        // The file plugin is not paced like a microphone: RecordedMicrophone lets the whole recording through a
        // capture buffer that holds it, then delivers real-time silence, so nothing is dropped as an overrun.
        Daemon daemon = new Daemon(config, () -> config,
                (audio, rate) -> RecordedMicrophone.play(stream.samples(), rate),
                gpio -> new PinSwitch(output, gpio, Executors.newSingleThreadScheduledExecutor()),
                new SystemdNotifier(Map.of(), ProcessHandle.current().pid()), new CommandHook());
        Thread thread = new Thread(() -> {
            try {
                daemon.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();

        // What the same pipeline detects on the same audio without ALSA: the live daemon must switch the pin once
        // for each of those, no more, no less (which keywords the model finds is the evaluation's business).
        int expected = detectionsWithoutAlsa(config, stream.samples());
        assertTrue(expected >= stops.size() / 2, "the shipped model finds only " + expected + " of " + stops.size()
                + " held-out keywords at its default");
        // Wait (with a hang guard) until one toggle per detection has happened, then a little longer to catch any
        // extra one.
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (toggles(output) < expected && System.nanoTime() < deadline && thread.isAlive()) {
            Thread.sleep(50);
        }
        Thread.sleep(1000);
        int togglesWhileListening = toggles(output);
        daemon.stop();
        thread.join(10_000);

        assertFalse(thread.isAlive(), "daemon stops when asked");
        assertEquals(expected, togglesWhileListening, "one toggle per detection; writes were " + output.writes);
        assertFalse(output.isHigh(), "the pin is back at its idle level after stop");
    }

    /** Detections of the daemon's own detector fed the whole recording at once. */
    private static int detectionsWithoutAlsa(Config config, short[] samples) throws Exception {
        int[] count = {0};
        try (Detector detector = Pipelines.openDetector(config, d -> count[0]++)) {
            detector.accept(samples, 0, samples.length);
            detector.finish();
        }
        return count[0];
    }

    /** Level changes since the initial idle write. */
    private static int toggles(RecordingOutput output) {
        List<Boolean> w = new ArrayList<>(output.writes);
        int changes = 0;
        for (int i = 1; i < w.size(); i++) if (!w.get(i).equals(w.get(i - 1))) changes++;
        return changes;
    }

    private static List<Path> firstClipPerSpeaker(List<Path> clips, int count) {
        List<Path> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Path c : clips) {
            if (out.size() == count) break;
            if (!seen.contains(SharedData.speakerOf(c))) {
                seen.add(SharedData.speakerOf(c));
                out.add(c);
            }
        }
        return out;
    }
}
