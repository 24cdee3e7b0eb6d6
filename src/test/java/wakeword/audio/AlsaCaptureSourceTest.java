package wakeword.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Capture through real ALSA and Java Sound with no sound card: surefire points ALSA_CONFIG_PATH at
 * src/test/resources/audio/alsa-test.conf, whose default PCM records the raw file $WAKE_TEST_AUDIO. Each test
 * writes that file before opening the line.
 *
 * <p>The file plugin delivers as fast as it is read and, after the end of the file, repeats its last buffer
 * forever. So these tests pass the real line through a gate that lets exactly the file's bytes through;
 * without it the repeats would push the audio out of the bounded buffer before the test reads it.
 */
class AlsaCaptureSourceTest {

    private static final Duration RETRY_MIN = Duration.ofMillis(5);
    private static final Duration RETRY_MAX = Duration.ofMillis(40);

    private Path input;
    private final Semaphore gate = new Semaphore(0);
    private final List<TargetDataLine> opened = new CopyOnWriteArrayList<>();

    @BeforeEach
    void requireAlsaFilePlugin() throws IOException {
        String file = System.getenv("WAKE_TEST_AUDIO");
        assumeTrue(file != null, "run through Maven: surefire sets WAKE_TEST_AUDIO and ALSA_CONFIG_PATH");
        input = Path.of(file);
        Files.createDirectories(input.getParent());
        Files.write(input, new byte[0]);
        assumeFalse(AlsaCaptureSource.listDevices(16000).stream().noneMatch(CaptureDevice::captures),
                "Java Sound finds no ALSA (libasound2 missing?)");
    }

    @AfterEach
    void noCaptureThreadOutlivesItsSource() {
        // close() promises to stop the thread before it returns; a live one here means it did not.
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("audio-capture") && t.isAlive()), "capture thread still running");
    }

    @Test
    void sixteenKilohertzMonoArrivesBitExact() throws IOException {
        short[] speech = TestAudio.speech16k(2.0);
        writeInput(speech);
        try (AlsaCaptureSource source = new AlsaCaptureSource(settings(3000), this::openGatedDefault)) {
            assertEquals(new AudioFormat(16000, 16, 1, true, false).toString(), opened.get(0).getFormat().toString());
            gate.release(speech.length * 2);
            assertArrayEquals(speech, readExactly(source, speech.length));
            assertEquals(new AlsaCaptureSource.Counters(0, 0, 0), source.counters());
            source.close();
            assertEquals(-1, source.read(new short[10], 0, 10));
        }
    }

    /** A device that only offers 48 kHz stereo: mixed to mono and resampled on the way to the reader. */
    @Test
    void fortyEightKilohertzStereoIsMixedAndResampled() throws IOException {
        short[] mono48 = Resampler.resample(TestAudio.speech16k(1.0), 16000, 48000);
        short[] stereo = new short[mono48.length * 2];
        for (int i = 0; i < mono48.length; i++) {
            int d = Math.abs(mono48[i]) < 30_000 ? 700 : 0; // opposite offsets cancel in the average
            stereo[2 * i] = (short) (mono48[i] + d);
            stereo[2 * i + 1] = (short) (mono48[i] - d);
        }
        writeInput(stereo);
        AudioFormat only = new AudioFormat(48000, 16, 2, true, false);
        AlsaCaptureSource.LineOpener opener = () -> {
            try {
                TargetDataLine line = AudioSystem.getTargetDataLine(only);
                line.open(only);
                return gated(line);
            } catch (LineUnavailableException | IllegalArgumentException e) {
                throw new AudioException("cannot open 48 kHz stereo: " + e.getMessage());
            }
        };
        short[] expected = Resampler.resample(mono48, 48000, 16000);
        // The filter holds back its look-ahead until more input comes, which the gate never lets through.
        int comparable = expected.length - new Resampler(48000, 16000, 2).halfWidth() / 3 - 1;
        try (AlsaCaptureSource source = new AlsaCaptureSource(settings(3000), opener)) {
            assertEquals(16000, source.sampleRate());
            gate.release(stereo.length * 2);
            assertArrayEquals(Arrays.copyOf(expected, comparable), readExactly(source, comparable));
        }
    }

    /**
     * The line dies mid-run and the device stays gone for several attempts ("Line unsupported" while the
     * file is missing); when it is back, capture resumes from the reopened device and the reader never
     * noticed more than a pause.
     */
    @Test
    void reconnectsWithBackoffAfterTheDeviceDisappears() throws Exception {
        short[] before = TestAudio.speech16k(1.0);
        short[] after = Arrays.copyOf(before, before.length);
        for (int i = 0; i < after.length; i++) {
            after[i] = (short) -after[i]; // distinct from the first recording
        }
        writeInput(before);
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch threeFailures = new CountDownLatch(3);
        AlsaCaptureSource.LineOpener opener = () -> {
            try {
                return openGatedDefault();
            } catch (AudioException e) {
                failures.incrementAndGet();
                threeFailures.countDown();
                throw e;
            }
        };
        try (AlsaCaptureSource source = new AlsaCaptureSource(settings(3000), opener)) {
            gate.release(before.length * 2);
            assertArrayEquals(before, readExactly(source, before.length));

            Files.delete(input);
            opened.get(0).close(); // the device vanishes under the capture thread's next read
            gate.release(chunkBytes(3000)); // lets the capture thread's next read reach the closed line
            assertTrue(threeFailures.await(20, TimeUnit.SECONDS), "reopening was not retried");
            assertEquals(0, source.counters().reconnects());

            writeInput(after);
            gate.release(after.length * 2);
            assertArrayEquals(after, readExactly(source, after.length));
            assertEquals(1, source.counters().reconnects());
            assertEquals(2, opened.size());
            assertTrue(failures.get() >= 3);
        }
    }

    /** A device that hangs without an error is closed by the waiting reader and reopened. */
    @Test
    void aSilentDeviceIsReopened() throws Exception {
        short[] speech = TestAudio.speech16k(0.5);
        writeInput(speech);
        AlsaCaptureSource.Settings quickToStall = new AlsaCaptureSource.Settings("default", 16000, 3000, RETRY_MIN,
                RETRY_MAX, Duration.ofMillis(50), false);
        try (AlsaCaptureSource source = new AlsaCaptureSource(quickToStall, this::openGatedDefault)) {
            gate.release(speech.length * 2);
            assertArrayEquals(speech, readExactly(source, speech.length));
            // The gate now holds the capture thread as a hung driver would; the reader waits and notices.
            CompletableFuture<short[]> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return readExactly(source, speech.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (opened.get(0).isOpen() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertFalse(opened.get(0).isOpen(), "the silent line was not closed");
            gate.release(chunkBytes(3000) + speech.length * 2); // the hung read returns; then the reopened line delivers
            assertArrayEquals(speech, reader.get(20, TimeUnit.SECONDS));
            assertEquals(1, source.counters().reconnects());
        }
    }

    @Test
    void aSlowReaderLosesTheOldestAudioButCaptureGoesOn() throws IOException {
        writeInput(TestAudio.speech16k(0.5));
        // Ungated, the file plugin floods a 20 ms buffer at once.
        AlsaCaptureSource.LineOpener ungated = () -> JavaSoundDevices.open("default", 16000, 20);
        try (AlsaCaptureSource source = new AlsaCaptureSource(settings(20), ungated)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (source.counters().overruns() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            AlsaCaptureSource.Counters counters = source.counters();
            assertTrue(counters.overruns() > 0, "no overrun counted");
            assertTrue(counters.droppedSamples() >= counters.overruns());
            short[] buffer = new short[320];
            for (int i = 0; i < 10; i++) {
                assertTrue(source.read(buffer, 0, buffer.length) > 0);
            }
            assertEquals(0, source.counters().reconnects());
        }
    }

    /** The fixture other packages use: the recording without loss, at the 8 kHz baseline rate, then silence. */
    @Test
    void aRecordedMicrophoneDeliversTheWholeRecordingThenSilence() throws IOException {
        assertTrue(RecordedMicrophone.available());
        short[] speech = TestAudio.speech16k(3.0);
        short[] expected = Resampler.resample(speech, 16000, 8000); // its zero padding is the silence after
        try (AlsaCaptureSource source = RecordedMicrophone.play(speech, 8000)) {
            assertEquals(8000, source.sampleRate());
            assertArrayEquals(expected, readExactly(source, expected.length));
            // The filter's response to the last samples of the recording fades out within its half-width.
            readExactly(source, new Resampler(16000, 8000, 1).halfWidth() / 2 + 1);
            assertArrayEquals(new short[800], readExactly(source, 800));
            assertEquals(new AlsaCaptureSource.Counters(0, 0, 0), source.counters());
        }
    }

    @Test
    void aDeviceMissingAtStartFailsWithOneClearLine() throws IOException {
        Files.delete(input);
        AudioException e = assertThrows(AudioException.class, () -> new AlsaCaptureSource("default", 16000, 100));
        assertTrue(e.getMessage().contains("opens in none of the 16-bit formats"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void anUnknownDeviceNameListsTheKnownOnes() {
        AudioException e = assertThrows(AudioException.class,
                () -> new AlsaCaptureSource("no-such-microphone", 16000, 100));
        assertTrue(e.getMessage().startsWith("no capture device matches 'no-such-microphone'"), e.getMessage());
        assertTrue(e.getMessage().contains(firstCapture().name()), e.getMessage());
    }

    @Test
    void aDeviceIsFoundByPartOfItsName() throws IOException {
        writeInput(TestAudio.speech16k(0.2));
        String name = firstCapture().name();
        String part = name.substring(0, Math.min(3, name.length())).toUpperCase();
        try (AlsaCaptureSource source = new AlsaCaptureSource(part, 16000, 100)) {
            assertTrue(source.read(new short[160], 0, 160) > 0);
        }
    }

    @Test
    void listsTheCaptureDeviceWithItsFormatsMarkedUsable() throws IOException {
        writeInput(TestAudio.speech16k(0.2));
        CaptureDevice first = firstCapture();
        assertTrue(first.formats().stream().anyMatch(f -> f.startsWith("16-bit signed, 1")), first.toString());
        assertTrue(first.usable(), first.toString());
        assertTrue(first.toString().startsWith("[capture ok]    " + first.name()), first.toString());
    }

    private static CaptureDevice firstCapture() {
        List<CaptureDevice> devices = AlsaCaptureSource.listDevices(16000);
        return devices.stream().filter(CaptureDevice::captures).findFirst()
                .orElseThrow(() -> new AssertionError("no capture device in " + devices));
    }

    private AlsaCaptureSource.Settings settings(int bufferMs) {
        return new AlsaCaptureSource.Settings("default", 16000, bufferMs, RETRY_MIN, RETRY_MAX, Duration.ofHours(1), false);
    }

    private TargetDataLine openGatedDefault() throws AudioException {
        return gated(JavaSoundDevices.open("default", 16000, 100));
    }

    /** The real line, whose reads wait until the test lets that many bytes through. */
    /** What one capture read of a 16 kHz mono line takes from the gate. */
    private static int chunkBytes(int bufferMs) {
        return 2 * 16000 * AlsaCaptureSource.chunkMs(bufferMs) / 1000;
    }

    private TargetDataLine gated(TargetDataLine real) {
        opened.add(real);
        return (TargetDataLine) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TargetDataLine.class}, (proxy, method, args) -> {
                    if (method.getName().equals("read") && args != null && args.length == 3) {
                        try {
                            gate.acquire((Integer) args[2]);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return 0; // as a read on a closed line does
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Replaces the input file in one step, so a device opening meanwhile sees all of it or none. */
    private void writeInput(short[] samples) throws IOException {
        Path tmp = input.resolveSibling(input.getFileName() + ".tmp");
        Files.write(tmp, WavBytes.littleEndian(samples));
        Files.move(tmp, input, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static short[] readExactly(AudioSource source, int count) throws IOException {
        short[] out = new short[count];
        for (int got = 0; got < count; ) {
            int n = source.read(out, got, count - got);
            assertTrue(n > 0, "read returned " + n + " after " + got + " samples");
            got += n;
        }
        return out;
    }
}
