package wakeword.audio;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;

/**
 * For tests in any package: a recording played into real ALSA capture through the file plugin
 * (src/test/resources/audio/alsa-test.conf, loaded by surefire), as an {@link AlsaCaptureSource}.
 *
 * <p>The plugin delivers as fast as it is read, and after the end of the file it repeats its last buffer
 * (2000 frames here) forever, not silence. A live microphone would never outrun the reader, so this source
 * lets the recording through at full speed into a buffer big enough to hold all of it, then serves silence
 * at real time instead of the plugin's repeats: nothing is dropped, and the reader sees the recording
 * followed by a quiet room.
 */
public final class RecordedMicrophone {

    /** The format the line is opened in and the file is written in. */
    private static final AudioFormat FORMAT = new AudioFormat(16000, 16, 1, true, false);

    private RecordedMicrophone() {
    }

    /** Whether the tests run with the ALSA file plugin and a Java Sound that finds it. */
    public static boolean available() throws IOException {
        String file = System.getenv("WAKE_TEST_AUDIO");
        if (file == null) return false;
        // The test device exists only while its input file does, and Java Sound lists ALSA devices once per
        // JVM: listing before the file exists would hide the device from every later test in this JVM.
        Path input = Path.of(file);
        if (!Files.exists(input)) {
            Files.createDirectories(input.getParent());
            Files.write(input, new byte[0]);
        }
        return AlsaCaptureSource.listDevices(16000).stream().anyMatch(CaptureDevice::captures);
    }

    /**
     * Writes {@code samples16k} (16 kHz mono) as the device's input and starts capturing it.
     *
     * @param targetRate the rate the source delivers, as for any {@link AlsaCaptureSource}
     */
    public static AlsaCaptureSource play(short[] samples16k, int targetRate) throws IOException {
        Path input = Path.of(System.getenv("WAKE_TEST_AUDIO"));
        Files.createDirectories(input.getParent());
        Path tmp = input.resolveSibling(input.getFileName() + ".tmp");
        Files.write(tmp, WavBytes.littleEndian(samples16k));
        Files.move(tmp, input, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long fileBytes = samples16k.length * 2L;
        int bufferMs = (int) (samples16k.length / 16 + 1000);
        AlsaCaptureSource.Settings settings = new AlsaCaptureSource.Settings("default", targetRate, bufferMs,
                Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(2), false);
        return new AlsaCaptureSource(settings, () -> paced(open(), fileBytes));
    }

    private static TargetDataLine open() throws AudioException {
        try {
            TargetDataLine line = AudioSystem.getTargetDataLine(FORMAT);
            line.open(FORMAT);
            return line;
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new AudioException("the ALSA test device does not open: " + e.getMessage());
        }
    }

    /** The line, with reads past the first {@code fileBytes} answered by silence at real time. */
    private static TargetDataLine paced(TargetDataLine real, long fileBytes) {
        AtomicLong delivered = new AtomicLong();
        return (TargetDataLine) Proxy.newProxyInstance(RecordedMicrophone.class.getClassLoader(),
                new Class<?>[] {TargetDataLine.class}, (proxy, method, args) -> {
                    if (method.getName().equals("read") && args != null && args.length == 3) {
                        int length = (Integer) args[2];
                        if (delivered.getAndAdd(length) >= fileBytes) {
                            long nanos = TimeUnit.SECONDS.toNanos(length) / (long) FORMAT.getFrameSize()
                                    / (long) FORMAT.getSampleRate();
                            try {
                                TimeUnit.NANOSECONDS.sleep(nanos);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return 0; // as a read on a closed line does
                            }
                            if (!real.isOpen()) {
                                return 0;
                            }
                            int offset = (Integer) args[1];
                            Arrays.fill((byte[]) args[0], offset, offset + length, (byte) 0);
                            return length;
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
