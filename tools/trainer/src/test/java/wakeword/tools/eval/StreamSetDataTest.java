package wakeword.tools.eval;

import wakeword.tools.data.NoiseRegion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wakeword.tools.audio.AudioFiles;
import wakeword.tools.data.Corpus;
import wakeword.tools.data.FileSplit;
import wakeword.tools.data.SpeakerSplit;
import wakeword.tools.data.SyntheticVoices;

/** The stream builder on the real recordings: labels against the written audio, speakers and noise held out. */
class StreamSetDataTest {

    private static Path data() {
        return Path.of(System.getProperty("wakeword.data", "../shared/data"));
    }

    @Test
    void everyTestKeywordSitsInTheWrittenFileWhereItsLabelSays(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(data().resolve("speech_commands")), "shared data absent");
        SpeakerSplit split = new SpeakerSplit("v1");
        StreamSettings settings = new StreamSettings(5, 10, 0.5, 3.0, -30, -24, 1, 30, 0);
        StreamSet set = StreamSet.build(data(), split, SpeakerSplit.Part.TEST, settings, dir, null);
        StreamSet.Entry clean = set.entries().get(0);
        assertEquals("clean", clean.labels().condition());
        short[] audio = WavFiles.read(clean.wav());
        List<Corpus.Clip> testKeywords = Corpus.scan(data()).select(split, SpeakerSplit.Part.TEST, Corpus.KEYWORD);
        assertEquals(testKeywords.size(), clean.labels().keywords().size(), "every test keyword clip once");
        double target = StreamBuilder.amplitude(clean.labels().levelDbfs());
        for (StreamLabels.Keyword k : clean.labels().keywords()) {
            String name = Path.of(k.clip()).getFileName().toString();
            assertEquals(SpeakerSplit.Part.TEST, split.partOf(name.substring(0, name.indexOf("_nohash_"))));
            short[] clip = AudioFiles.read(data().resolve(k.clip()));
            ActiveSpeech a = ActiveSpeech.of(clip);
            int at = (int) Math.round(k.start() * 16000);
            assertEquals(a.length(), (int) Math.round(k.end() * 16000) - at, k.clip());
            double gain = target / a.rms();
            for (int i = 0; i < a.length(); i++) {
                double expected = Math.max(-32768, Math.min(32767, clip[a.start() + i] * gain));
                assertEquals(expected, audio[at + i], 0.5 + 1e-3, k.clip() + " sample " + i);
            }
        }
        StreamLabels negative = set.entries().get(set.entries().size() - 1).labels();
        assertEquals("negative", negative.kind());
        assertTrue(negative.durationSeconds() >= 30);
        assertTrue(Files.isRegularFile(dir.resolve(negative.name() + ".json")));
    }

    @Test
    void trainingValidationAndTestCutEachNoiseRecordingWithoutOverlap() {
        assumeTrue(Files.isDirectory(data().resolve("speech_commands")), "shared data absent");
        Path file = data().resolve("speech_commands/_background_noise_/white_noise.flac");
        short[] all = AudioFiles.read(file);
        short[] test = NoiseRegion.forPart(SpeakerSplit.Part.TEST).cut(all);
        short[] validation = NoiseRegion.forPart(SpeakerSplit.Part.VALIDATION).cut(all);
        assertArrayEquals(Arrays.copyOfRange(all, (int) Math.floor(all.length * 0.85), all.length), test);
        assertArrayEquals(Arrays.copyOfRange(all, (int) Math.floor(all.length * 0.70), (int) Math.floor(all.length * 0.85)),
                validation);
        short[] train = NoiseRegion.forPart(SpeakerSplit.Part.TRAIN).cut(all);
        assertArrayEquals(Arrays.copyOfRange(all, 0, (int) Math.floor(all.length * 0.70)), train,
                "training noise ends where validation noise begins");
    }

    @Test
    void aPartsMaterialHoldsItsShareOfTheFilesWithoutSpeakerIdsAndOfTheSyntheticVoices() {
        assumeTrue(Files.isDirectory(data().resolve("wake_words")), "shared data (wake_words/) absent");
        SpeakerSplit split = new SpeakerSplit("v1");
        Path synth = Path.of("../cache/synth");
        SyntheticVoices voices = SyntheticVoices.present(synth) ? SyntheticVoices.read(synth) : null;
        Material m = Material.load(Corpus.scan(data()), split, SpeakerSplit.Part.VALIDATION, data(), voices);
        FileSplit files = new FileSplit(split);
        List<String> wake = Material.flac(data().resolve(Material.WAKE_WORDS)).stream()
                .filter(f -> files.partOf(f) == SpeakerSplit.Part.VALIDATION)
                .map(f -> data().relativize(f).toString()).sorted().toList();
        List<String> coffee = Material.flac(data().resolve(Material.COFFEE)).stream()
                .filter(f -> files.partOf(f) == SpeakerSplit.Part.VALIDATION)
                .map(f -> data().relativize(f).toString()).sorted().toList();
        assertTrue(wake.size() > 30 && coffee.size() > 20, wake.size() + " wake phrases, " + coffee.size() + " coffee orders");
        assertEquals(wake, m.otherWords().stream().filter(r -> r.group().equals(StreamLabels.GROUP_WAKE_PHRASE))
                .map(Material.Recording::id).sorted().toList());
        assertEquals(coffee, m.speech().stream().filter(r -> r.group().equals(StreamLabels.GROUP_COFFEE))
                .map(Material.Recording::id).sorted().toList());
        assertEquals(1, m.noise().stream().filter(r -> r.id().equals("noise/kitchen.flac")).count(), "kitchen noise, once");
        // Each recording enters the streams once: coffee orders and wake phrases are not also "other words".
        List<String> ids = java.util.stream.Stream.of(m.otherWords(), m.speech(), m.noise(), m.keywords())
                .flatMap(List::stream).map(Material.Recording::id).toList();
        assertEquals(ids.size(), new java.util.HashSet<>(ids).size(), "a recording is in the part's material twice");
        assertTrue(m.otherWords().stream().noneMatch(r -> r.group().equals(StreamLabels.GROUP_WORDS)
                && (r.kind().equals(Corpus.CONVERSATION) || r.kind().equals(Corpus.WAKE_PHRASE))));
        if (voices != null) {
            assertEquals(voices.positives(SpeakerSplit.Part.VALIDATION).size(), m.syntheticKeywords().size());
            assertEquals(voices.confusables(SpeakerSplit.Part.VALIDATION).size(),
                    m.otherWords().stream().filter(r -> r.group().equals(StreamLabels.GROUP_SYNTHETIC_WORDS)).count());
            assertTrue(m.syntheticKeywords().stream().allMatch(r -> r.kind().equals("stop")));
        }
    }
}
