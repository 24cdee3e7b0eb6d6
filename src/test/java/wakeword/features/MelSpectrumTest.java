package wakeword.features;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * The trainer builds model inputs from log-mel images through {@link MelSpectrum}; those inputs must be the daemon's
 * features whenever the log energies are the daemon's own: energies, floor, log and cepstrum give the float path's
 * frames bit for bit.
 */
class MelSpectrumTest {

    @Test
    void cepstrumOfTheFramesLogEnergiesIsTheFloatPathsFrame() {
        for (FeatureParams params : new FeatureParams[] {FeatureFixtures.SHIPPED, FeatureFixtures.FULL_BAND}) {
            short[] audio = FeatureFixtures.voiceLike(params.sampleRate(), 1.5, 11);
            float[][] expected = StreamingFrontend.framesOf(params, FeaturePath.FLOAT, audio);
            MelSpectrum mel = new MelSpectrum(params);
            double[][] energies = mel.energies(audio, params.hopLength());
            assertEquals(expected.length, energies.length);
            float[] out = new float[params.coefficients()];
            double[] log = new double[params.melBands()];
            for (int i = 0; i < energies.length; i++) {
                for (int m = 0; m < log.length; m++) log[m] = StrictMath.log(energies[i][m] + FeatureParams.LOG_FLOOR);
                mel.cepstrum(log, out);
                assertArrayEquals(expected[i], out, "frame " + i);
            }
        }
    }

    @Test
    void energiesAtHalfTheHopInterleaveTheDaemonsFrames() {
        FeatureParams params = FeatureFixtures.SHIPPED;
        short[] audio = FeatureFixtures.voiceLike(params.sampleRate(), 1.0, 5);
        MelSpectrum mel = new MelSpectrum(params);
        double[][] everyHop = mel.energies(audio, params.hopLength());
        double[][] everyHalfHop = mel.energies(audio, params.hopLength() / 2);
        for (int i = 0; i < everyHop.length; i++) {
            assertArrayEquals(everyHop[i], everyHalfHop[2 * i], "frame " + i);
        }
        assertTrue(everyHalfHop.length >= 2 * everyHop.length - 1);
    }

    @Test
    void refusesLogEnergiesOfAnotherBandCount() {
        MelSpectrum mel = new MelSpectrum(FeatureFixtures.SHIPPED);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mel.cepstrum(new double[26], new float[10]));
        assertTrue(e.getMessage().contains("expected 40 mel bands, got 26"), e.getMessage());
    }
}
