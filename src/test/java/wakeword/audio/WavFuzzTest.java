package wakeword.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever the bytes, opening and reading a WAV either works or fails with an AudioException. */
class WavFuzzTest {

    private static final int CASES = 4000;

    @Test
    void randomAndMutatedFilesOnlyEverThrowAudioException() {
        Random random = new Random(20261124);
        byte[][] seeds = {
                WavBytes.pcm(ResamplerTest.noise(random, 600, 30_000), 16000, 1, 16, 0),
                WavBytes.pcm(ResamplerTest.noise(random, 800, 30_000), 44100, 2, 16, 0),
                WavBytes.pcm(ResamplerTest.noise(random, 900, 30_000), 48000, 2, 24, 7),
                WavBytes.pcm(ResamplerTest.noise(random, 300, 30_000), 22050, 1, 32, 0)};
        int opened = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = mutate(random, seeds[random.nextInt(seeds.length)]);
            try (WavFileSource source = new WavFileSource(new ByteArrayInputStream(input), "fuzz.wav",
                    random.nextBoolean() ? 16000 : 8000)) {
                WavFileSourceTest.readAll(source, 1 + random.nextInt(500));
                opened++;
            } catch (AudioException e) {
                refused++;
                assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
            } catch (IOException | RuntimeException e) {
                fail("case " + i + " threw " + e + " for " + Arrays.toString(Arrays.copyOf(input, 64)), e);
            }
        }
        // Both outcomes must occur, or the mutations are not reaching the interesting paths.
        if (opened < CASES / 20 || refused < CASES / 20) {
            fail("opened " + opened + ", refused " + refused);
        }
    }

    private static byte[] mutate(Random random, byte[] seed) {
        switch (random.nextInt(5)) {
            case 0: { // pure noise, sometimes behind a valid RIFF/WAVE tag
                byte[] b = new byte[random.nextInt(200)];
                random.nextBytes(b);
                if (b.length >= 12 && random.nextBoolean()) {
                    System.arraycopy(seed, 0, b, 0, 12);
                }
                return b;
            }
            case 1: // truncation anywhere
                return Arrays.copyOf(seed, random.nextInt(seed.length + 1));
            case 2: { // a few random bytes in the header
                byte[] b = seed.clone();
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    b[random.nextInt(64)] = (byte) random.nextInt(256);
                }
                return b;
            }
            case 3: { // one header field set to an extreme
                byte[] b = seed.clone();
                int at = 4 + 2 * random.nextInt(28);
                byte v = random.nextBoolean() ? (byte) 0xff : 0;
                b[at] = v;
                b[at + 1] = v;
                return b;
            }
            default: { // flipped bits anywhere, then maybe a truncation
                byte[] b = seed.clone();
                for (int k = 1 + random.nextInt(8); k > 0; k--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return random.nextBoolean() ? b : Arrays.copyOf(b, random.nextInt(b.length + 1));
            }
        }
    }
}
