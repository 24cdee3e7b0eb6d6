package wakeword.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StdinSourceTest {

    /** A pipe hands over whatever it has: here 1 to 7 bytes at a time, splitting samples across reads. */
    private static InputStream trickle(byte[] bytes, long seed) {
        Random random = new Random(seed);
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
            }
        };
    }

    @Test
    void rawSixteenKilohertzPassesThroughUnchangedHoweverThePipeSplitsIt() throws IOException {
        short[] x = ResamplerTest.noise(new Random(5), 4000, 32_000);
        try (StdinSource source = new StdinSource(trickle(WavBytes.littleEndian(x), 1), 16000, 16000)) {
            assertEquals(16000, source.sampleRate());
            assertArrayEquals(x, WavFileSourceTest.readAll(source, 100));
        }
    }

    @Test
    void otherRatesAreResampledToTheTarget() throws IOException {
        short[] x = ResamplerTest.noise(new Random(6), 4410, 20_000);
        try (StdinSource source = new StdinSource(trickle(WavBytes.littleEndian(x), 2), 44100, 16000)) {
            assertArrayEquals(Resampler.resample(x, 44100, 16000), WavFileSourceTest.readAll(source, 77));
        }
        try (StdinSource source = new StdinSource(new ByteArrayInputStream(WavBytes.littleEndian(x)), 16000, 8000)) {
            assertArrayEquals(Resampler.resample(x, 16000, 8000), WavFileSourceTest.readAll(source, 4096));
        }
    }

    /** What plain {@code arecord} writes to a pipe: a WAV header whose lengths say "unknown". */
    @Test
    void aWavStreamIsReadWithTheRateAndChannelsOfItsHeader() throws IOException {
        short[] mono = ResamplerTest.noise(new Random(8), 4800, 20_000);
        short[] stereo = new short[mono.length * 2];
        for (int i = 0; i < mono.length; i++) {
            stereo[2 * i] = mono[i];
            stereo[2 * i + 1] = mono[i];
        }
        byte[] wav = WavBytes.pcm(stereo, 48000, 2, 16, 0);
        Arrays.fill(wav, 4, 8, (byte) 0xff);
        Arrays.fill(wav, wav.length - stereo.length * 2 - 4, wav.length - stereo.length * 2, (byte) 0xff);
        try (StdinSource source = new StdinSource(trickle(wav, 3), 16000, 16000)) {
            assertArrayEquals(Resampler.resample(mono, 48000, 16000), WavFileSourceTest.readAll(source, 500));
        }
    }

    @Test
    void aBrokenWavStreamIsAnAudioException() throws IOException {
        try (StdinSource source = new StdinSource(new ByteArrayInputStream("RIFF....WAVEjunk".getBytes()), 16000,
                16000)) {
            AudioException e = assertThrows(AudioException.class, () -> source.read(new short[10], 0, 10));
            assertTrue(e.getMessage().startsWith("stdin: truncated WAV header"), e.getMessage());
        }
    }

    @Test
    void anEmptyStreamEndsAtOnce() throws IOException {
        try (StdinSource source = new StdinSource(new ByteArrayInputStream(new byte[0]), 16000, 16000)) {
            assertEquals(-1, source.read(new short[10], 0, 10));
        }
    }

    @Test
    void aTrailingHalfSampleIsDropped() throws IOException {
        byte[] bytes = Arrays.copyOf(WavBytes.littleEndian(new short[] {1, -2, 300}), 5);
        try (StdinSource source = new StdinSource(new ByteArrayInputStream(bytes), 16000, 16000)) {
            assertArrayEquals(new short[] {1, -2}, WavFileSourceTest.readAll(source, 10));
        }
    }

    @Test
    void readAfterCloseIsEndOfStream() throws IOException {
        StdinSource source = new StdinSource(new ByteArrayInputStream(new byte[100]), 16000, 16000);
        source.close();
        assertEquals(-1, source.read(new short[10], 0, 10));
    }

    @Test
    void aRateThatCannotBeResampledIsRefusedWithTheFix() {
        AudioException e = assertThrows(AudioException.class,
                () -> new StdinSource(new ByteArrayInputStream(new byte[0]), 44101, 16000));
        assertTrue(e.getMessage().contains("arecord -t raw -f S16_LE -c 1 -r 16000"), e.getMessage());
    }
}
