package wakeword.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavFileSourceTest {

    @TempDir
    Path dir;

    @Test
    void sixteenKilohertzMonoComesOutUnchanged() throws IOException {
        short[] x = ResamplerTest.noise(new Random(1), 16_001, 30_000);
        Path file = dir.resolve("a.wav");
        Files.write(file, WavBytes.pcm(x, 16000, 1, 16, 0));
        try (WavFileSource source = new WavFileSource(file, 16000)) {
            assertEquals(16000, source.sampleRate());
            assertEquals(new PcmFormat(16000, 1, 16, false), source.fileFormat());
            assertArrayEquals(x, readAll(source, 333));
            assertEquals(-1, source.read(new short[10], 0, 10));
        }
    }

    /** Every supported width, channel count and rate gives what the resampler makes of the mono mix. */
    @ParameterizedTest
    @CsvSource({"48000,2,16", "44100,1,24", "44100,2,32", "32000,1,16", "22050,2,24", "16000,2,16", "8000,1,16"})
    void convertsToMonoAtTheTargetRate(int rate, int channels, int bits) throws IOException {
        Random random = new Random(rate + channels + bits);
        short[] mono = ResamplerTest.noise(random, rate, 20_000);
        short[] interleaved = new short[mono.length * channels];
        for (int i = 0; i < mono.length; i++) {
            for (int c = 0; c < channels; c++) {
                interleaved[i * channels + c] = mono[i]; // equal channels average to the mono signal exactly
            }
        }
        // The bits below the top 16 are noise the conversion must drop.
        byte[] wav = WavBytes.pcm(interleaved, rate, channels, bits, random.nextInt(256));
        try (WavFileSource source = new WavFileSource(new ByteArrayInputStream(wav), "mem.wav", 16000)) {
            assertArrayEquals(Resampler.resample(mono, rate, 16000), readAll(source, 1000));
        }
    }

    @Test
    void targetRateEightKilohertzForTheBaselineModel() throws IOException {
        short[] x = ResamplerTest.tone(1000, 10_000, 16000, 16000);
        try (WavFileSource source = new WavFileSource(new ByteArrayInputStream(WavBytes.pcm(x, 16000, 1, 16, 0)),
                "mem.wav", 8000)) {
            assertEquals(8000, source.sampleRate());
            assertArrayEquals(Resampler.resample(x, 16000, 8000), readAll(source, 160));
        }
    }

    /**
     * Files as another tool writes them (sox: WAVE_FORMAT_EXTENSIBLE for 24 and 32 bits, its own resampler)
     * come back as the speech they were made from: at least 30 dB signal to difference.
     */
    @ParameterizedTest
    @CsvSource({"44100,2,24", "48000,1,32", "22050,1,16", "32000,2,16"})
    void filesWrittenBySoxComeBackAsTheOriginal(int rate, int channels, int bits) throws Exception {
        short[] speech = TestAudio.speech16k(1.5);
        Path original = dir.resolve("original.wav");
        Path converted = dir.resolve("converted.wav");
        Files.write(original, WavBytes.pcm(speech, 16000, 1, 16, 0));
        Process sox;
        try {
            sox = new ProcessBuilder("sox", original.toString(), "-r", String.valueOf(rate), "-c",
                    String.valueOf(channels), "-b", String.valueOf(bits), converted.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "sox is not installed");
            return;
        }
        String soxOutput = new String(sox.getInputStream().readAllBytes());
        assertEquals(0, sox.waitFor(), soxOutput);
        try (WavFileSource source = new WavFileSource(converted, 16000)) {
            assertEquals(new PcmFormat(rate, channels, bits, false), source.fileFormat());
            short[] back = readAll(source, 320);
            assertEquals(speech.length, back.length);
            double signal = 0;
            double error = 0;
            for (int i = 0; i < speech.length; i++) {
                signal += (double) speech[i] * speech[i];
                error += (double) (speech[i] - back[i]) * (speech[i] - back[i]);
            }
            double snr = 10 * Math.log10(signal / error);
            assertTrue(snr > 30, rate + " Hz, " + channels + " ch, " + bits + " bit: " + snr + " dB");
        }
    }

    @Test
    void fileCutShortInsideTheSamplesIsReadUpToTheCut() throws IOException {
        short[] x = ResamplerTest.noise(new Random(2), 1000, 1000);
        byte[] wav = WavBytes.pcm(x, 16000, 1, 16, 0);
        byte[] cut = Arrays.copyOf(wav, wav.length - 501); // 250 samples and half of one missing
        try (WavFileSource source = new WavFileSource(new ByteArrayInputStream(cut), "cut.wav", 16000)) {
            assertArrayEquals(Arrays.copyOf(x, 749), readAll(source, 100));
        }
    }

    @Test
    void unknownDataLengthFromAStreamingWriterReadsToTheEnd() throws IOException {
        short[] x = ResamplerTest.noise(new Random(3), 1234, 1000);
        byte[] wav = WavBytes.pcm(x, 16000, 1, 16, 0);
        int dataSize = wav.length - x.length * 2 - 4;
        Arrays.fill(wav, dataSize, dataSize + 4, (byte) 0xff);
        try (WavFileSource source = new WavFileSource(new ByteArrayInputStream(wav), "pipe", 16000)) {
            assertArrayEquals(x, readAll(source, 4096));
        }
    }

    @Test
    void unsupportedFormatsNameTheCauseAndTheSoxConversion() {
        byte[] samples = new byte[3000];
        assertRefused(WavBytes.wav(1, 1, 16000, 8, samples), "8-bit");
        assertRefused(WavBytes.wav(3, 1, 16000, 32, samples), "floating-point");
        assertRefused(WavBytes.wav(1, 3, 16000, 16, samples), "3 channels");
        assertRefused(WavBytes.wav(7, 1, 8000, 8, samples), "0x0007");
        for (String message : new String[] {
                refusal(WavBytes.wav(1, 1, 16000, 8, samples)),
                refusal(WavBytes.wav(3, 2, 44100, 32, samples)),
                refusal(WavBytes.wav(1, 3, 48000, 16, samples))}) {
            assertTrue(message.contains("unsupported WAV format"), message);
            assertTrue(message.contains("sox in.wav -r 16000 -c 1 -b 16 out.wav"), message);
        }
    }

    @Test
    void extensibleFloatIsRefusedToo() {
        byte[] wav = WavBytes.wav(0xFFFE, 2, 48000, 32, new byte[800]);
        // Grow fmt to the 40-byte extensible layout with the float sub-format.
        byte[] ext = new byte[wav.length + 24];
        System.arraycopy(wav, 0, ext, 0, 36);
        ext[16] = 40;
        ext[36] = 22;
        ext[38] = 32;
        ext[40] = 3; // channel mask
        ext[44] = 3; // sub-format GUID: IEEE float
        System.arraycopy(wav, 36, ext, 60, wav.length - 36);
        assertRefused(ext, "floating-point");
    }

    @Test
    void brokenFilesGiveOneLineNamingTheCause() throws IOException {
        short[] x = ResamplerTest.noise(new Random(4), 100, 1000);
        byte[] good = WavBytes.pcm(x, 16000, 1, 16, 0);
        assertRefused(new byte[0], "empty");
        assertRefused("hello, this is text".getBytes(), "not a WAV file");
        assertRefused(Arrays.copyOf(good, 30), "truncated WAV header");
        assertRefused(WavBytes.pcm(new short[0], 16000, 1, 16, 0), "no samples");
        assertRefused(Arrays.copyOf(good, good.length - x.length * 2 + 1), "no samples");
        byte[] zeroRate = good.clone();
        Arrays.fill(zeroRate, 24, 28, (byte) 0);
        assertRefused(zeroRate, "malformed");
        AudioException missing = assertThrows(AudioException.class,
                () -> new WavFileSource(dir.resolve("nope.wav"), 16000));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }

    private static void assertRefused(byte[] wav, String cause) {
        String message = refusal(wav);
        assertTrue(message.contains(cause), "expected \"" + cause + "\" in: " + message);
        assertFalse(message.contains("\n"), message);
    }

    private static String refusal(byte[] wav) {
        return assertThrows(AudioException.class,
                () -> new WavFileSource(new ByteArrayInputStream(wav), "x.wav", 16000).close()).getMessage();
    }

    static short[] readAll(AudioSource source, int chunk) throws IOException {
        short[] all = new short[1024];
        int total = 0;
        short[] buffer = new short[chunk];
        for (int n; (n = source.read(buffer, 0, chunk)) >= 0; ) {
            assertTrue(n > 0, "read returned 0");
            if (total + n > all.length) {
                all = Arrays.copyOf(all, Math.max(all.length * 2, total + n));
            }
            System.arraycopy(buffer, 0, all, total, n);
            total += n;
        }
        return Arrays.copyOf(all, total);
    }
}
