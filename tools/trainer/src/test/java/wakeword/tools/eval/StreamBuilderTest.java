package wakeword.tools.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamBuilderTest {

    private static final StreamSettings SETTINGS = new StreamSettings(3, 10, 0.5, 3.0, -30, -24, 2, 120, 0);

    @Test
    void activeSpeechFindsTheToneInsideThePadding() {
        Material m = SyntheticMaterial.create();
        ActiveSpeech a = m.keywords().get(0).active();
        assertEquals(0.30 * 16000, a.start(), 160);
        assertEquals(0.70 * 16000, a.end(), 160);
        assertEquals(3000 / Math.sqrt(2), a.rms(), 3000 * 0.05);
    }

    @Test
    void activeSpeechBridgesAShortPauseButNotALongOne() {
        java.util.Random r = new java.util.Random(1);
        short[] x = SyntheticMaterial.tone(16000, 4000, 8000, 500, 5000, r);
        short[] late = SyntheticMaterial.tone(16000, 9600, 10400, 500, 5000, r);
        short[] far = SyntheticMaterial.tone(16000, 14000, 15000, 500, 2000, r); // quieter: the loudest frame stays early
        for (int i = 9600; i < 10400; i++) x[i] += late[i];
        assertEquals(10400, ActiveSpeech.of(x).end(), 160, "100 ms pause bridged");
        for (int i = 14000; i < 15000; i++) x[i] += far[i];
        assertEquals(10400, ActiveSpeech.of(x).end(), 160, "225 ms pause not bridged");
    }

    @Test
    void eachKeywordsSamplesSitWhereItsLabelSays() {
        Material m = SyntheticMaterial.create();
        List<StreamBuilder.Built> streams = new StreamBuilder(m, SETTINGS).keywordStreams();
        assertEquals(3, streams.size(), "two noisy copies and one clean one");
        Map<String, Material.Recording> clips = m.keywords().stream()
                .collect(Collectors.toMap(Material.Recording::id, Function.identity()));
        StreamBuilder.Built clean = streams.get(0);
        assertEquals("clean", clean.labels().condition());
        double target = StreamBuilder.amplitude(clean.labels().levelDbfs());
        for (StreamLabels.Keyword k : clean.labels().keywords()) {
            Material.Recording clip = clips.get(k.clip());
            int at = (int) Math.round(k.start() * 16000);
            assertEquals(clip.active().length(), (int) Math.round(k.end() * 16000) - at);
            double gain = target / clip.active().rms();
            for (int i = 0; i < clip.active().length(); i++) {
                assertEquals(clip.samples()[clip.active().start() + i] * gain, clean.samples()[at + i], 0.01,
                        k.clip() + " sample " + i);
            }
            // Nothing else is mixed over the word in the clean stream: a gap's material keeps 0.2 s away.
            assertEquals(0, clean.samples()[at - (int) (0.16 * 16000)], 1e-6, "before the clip's 0.15 s margin");
        }
    }

    @Test
    void noisyCopiesUseEveryClipWithGapsInRangeAtTheSetSnr() {
        Material m = SyntheticMaterial.create();
        List<StreamBuilder.Built> streams = new StreamBuilder(m, SETTINGS).keywordStreams();
        StreamBuilder.Built clean = streams.get(0);
        StreamBuilder.Built noisy = streams.get(1);
        assertEquals(clean.labels().keywords(), noisy.labels().keywords(), "the clean copy shares copy 1's arrangement");
        assertFalse(streams.get(2).labels().keywords().equals(noisy.labels().keywords()), "copy 2 is rearranged");
        for (StreamBuilder.Built b : streams) {
            List<StreamLabels.Keyword> k = b.labels().keywords();
            assertEquals(m.keywords().stream().map(Material.Recording::id).sorted().toList(),
                    k.stream().map(StreamLabels.Keyword::clip).sorted().toList());
            for (int i = 1; i < k.size(); i++) {
                double gap = k.get(i).start() - k.get(i - 1).end();
                assertTrue(gap >= 0.5 - 1e-4 && gap <= 3.0 + 1e-4, "gap " + gap);
            }
            assertEquals(StreamLabels.keywordFree(b.labels().durationSeconds(), k), b.labels().keywordFreeSeconds(), 1e-9);
        }
        double noiseSquares = 0;
        for (int i = 0; i < clean.samples().length; i++) {
            double n = noisy.samples()[i] - clean.samples()[i];
            noiseSquares += n * n;
        }
        double noiseDbfs = 20 * Math.log10(Math.sqrt(noiseSquares / clean.samples().length) / 32768);
        assertEquals(noisy.labels().levelDbfs() - 10, noiseDbfs, 1.0, "10 dB below the active speech level");
    }

    @Test
    void theNegativeStreamIsLongEnoughAndHasNoKeyword() {
        Material m = SyntheticMaterial.create();
        StreamBuilder.Built neg = new StreamBuilder(m, SETTINGS).negativeStream();
        assertTrue(neg.labels().durationSeconds() >= 120, "reaches the asked length");
        assertTrue(neg.labels().keywords().isEmpty());
        assertEquals(neg.labels().durationSeconds(), neg.labels().keywordFreeSeconds(), 1e-9);
        assertEquals(neg.samples().length / 16000.0, neg.labels().durationSeconds(), 1e-9);
    }

    @Test
    void theSameSeedGivesTheSameAudioAndAnotherSeedOther() {
        Material m = SyntheticMaterial.create();
        float[] a = new StreamBuilder(m, SETTINGS).keywordStreams().get(1).samples();
        float[] b = new StreamBuilder(m, SETTINGS).keywordStreams().get(1).samples();
        StreamSettings other = new StreamSettings(4, 10, 0.5, 3.0, -30, -24, 2, 120, 0);
        float[] c = new StreamBuilder(m, other).keywordStreams().get(1).samples();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void writtenFilesReadBackAsTheSamples(@TempDir Path dir) throws Exception {
        StreamBuilder.Built clean = new StreamBuilder(SyntheticMaterial.create(), SETTINGS).keywordStreams().get(0);
        Path wav = dir.resolve("s.wav");
        WavFiles.write(clean.samples(), wav);
        clean.labels().write(dir.resolve("s.json"));
        short[] back = WavFiles.read(wav);
        assertEquals(clean.samples().length, back.length);
        for (int i = 0; i < back.length; i += 97) assertEquals(clean.samples()[i], back[i], 0.5 + 1e-3);
        assertEquals(clean.labels(), StreamLabels.read(dir.resolve("s.json")));
    }

    @Test
    void everyPlacedRecordingIsListedAsASourceWhereItsAudioLies() {
        Material m = SyntheticMaterial.create();
        StreamBuilder.Built clean = new StreamBuilder(m, SETTINGS).keywordStreams().get(0);
        List<StreamLabels.Source> sources = clean.labels().sources();
        float[] x = clean.samples();
        boolean[] covered = new boolean[x.length];
        for (StreamLabels.Source s : sources) {
            int a = (int) Math.round(s.start() * 16000);
            int b = (int) Math.round(s.end() * 16000);
            double energy = 0;
            for (int i = a; i < b; i++) {
                covered[i] = true;
                energy += x[i] * x[i];
            }
            assertTrue(energy > 0, s + " holds audio");
        }
        // The clean stream has no noise bed: every sample that is not silent belongs to a listed source.
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0) assertTrue(covered[i], "sample " + i + " is in no source");
        }
        assertEquals(clean.labels().keywords().size(), sources.stream().filter(s -> s.kind().equals("stop")).count());
        assertTrue(sources.stream().anyMatch(s -> s.group().equals(StreamLabels.GROUP_WORDS) && s.kind().equals("go")));
        // A false alarm at the end of a keyword's audio is filed under the keyword (a repeat), not under noise.
        StreamLabels.Keyword k = clean.labels().keywords().get(2);
        assertEquals("stop", new SourceAttribution(List.of(clean.labels())).at(clean.labels().name(), k.end()).kind());
    }
}
