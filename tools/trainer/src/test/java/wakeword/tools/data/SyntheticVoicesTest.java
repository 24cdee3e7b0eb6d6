package wakeword.tools.data;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticVoicesTest {

    /** tools/cache/synth as tools/synth writes it, seen from tools/trainer. */
    private static Path cache() {
        return Path.of(System.getProperty("wakeword.synth", "../cache/synth"));
    }

    @Test
    void aPersonBehindSeveralEnginesLandsInOnePartAndStopIsNeverAConfusable(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("index.csv"), String.join("\n",
                "voice,engine,word,variant,path,speaker",
                "rhvoice-slt,rhvoice,stop,normal,rhvoice-slt/stop_normal.wav,slt",
                "flite-slt,flite,stop,fast,flite-slt/stop_fast.wav,slt",
                "flite-slt,flite,bus stop,slow,flite-slt/bus_stop_slow.wav,slt",
                "flite-awb,flite,top,normal,flite-awb/top_normal.wav,awb") + "\n");
        SpeakerSplit split = new SpeakerSplit(SyntheticVoices.SALT);
        SyntheticVoices voices = SyntheticVoices.read(dir, split);
        assertEquals(4, voices.all().size());
        assertEquals(dir.resolve("flite-slt/bus_stop_slow.wav"), voices.all().get(2).path());
        assertEquals(voices.partOf(voices.all().get(0)), voices.partOf(voices.all().get(1)), "slt is one person");

        SpeakerSplit.Part slt = voices.partOf(voices.all().get(0));
        assertEquals(List.of("rhvoice-slt", "flite-slt"), voices.positives(slt).stream().map(SyntheticVoices.Rendering::voice).toList());
        assertTrue(voices.confusables(slt).stream().anyMatch(r -> r.word().equals("bus stop")));
        int total = 0;
        for (SpeakerSplit.Part part : SpeakerSplit.Part.values()) {
            assertTrue(voices.positives(part).stream().allMatch(r -> r.word().equals("stop")));
            assertTrue(voices.confusables(part).stream().noneMatch(r -> r.word().equals("stop")));
            total += voices.positives(part).size() + voices.confusables(part).size();
        }
        assertEquals(4, total, "the parts cover every rendering once");
    }

    /**
     * The hash decides, except that an engine with no validation speaker lends validation its first training speaker
     * by name while it keeps another; a person moved for one engine moves with all of their voices.
     */
    @Test
    void everyEngineWithTwoTrainingSpeakersHasAValidationSpeaker(@TempDir Path dir) throws Exception {
        SpeakerSplit split = new SpeakerSplit(SyntheticVoices.SALT);
        List<String> lines = new java.util.ArrayList<>(List.of("voice,engine,word,variant,path,speaker"));
        List<String> names = new java.util.ArrayList<>();
        // Enough made-up speakers that the hash puts some in each part.
        for (int i = 0; names.size() < 12; i++) {
            String s = "p" + i;
            if (split.partOf(s) == SpeakerSplit.Part.TRAIN || names.size() >= 8) names.add(s);
        }
        for (String s : names) lines.add("a-" + s + ",a," + "top,normal,a-" + s + "/top.wav," + s);
        String onlyTraining = names.stream().filter(s -> split.partOf(s) == SpeakerSplit.Part.TRAIN).findFirst().orElseThrow();
        lines.add("b-" + onlyTraining + ",b,stop,normal,b-x/stop.wav," + onlyTraining);
        Files.writeString(dir.resolve("index.csv"), String.join("\n", lines) + "\n");
        SyntheticVoices voices = SyntheticVoices.read(dir, split);

        List<String> trainingA = names.stream().filter(s -> split.partOf(s) == SpeakerSplit.Part.TRAIN).sorted().toList();
        boolean hashGaveOne = names.stream().anyMatch(s -> split.partOf(s) == SpeakerSplit.Part.VALIDATION);
        for (SyntheticVoices.Rendering r : voices.all()) {
            SpeakerSplit.Part expected = !hashGaveOne && r.speaker().equals(trainingA.get(0))
                    ? SpeakerSplit.Part.VALIDATION : split.partOf(r.speaker());
            assertEquals(expected, voices.partOf(r), r.voice());
        }
        assertTrue(voices.all().stream().anyMatch(r -> r.engine().equals("a") && voices.partOf(r) == SpeakerSplit.Part.VALIDATION));
        assertTrue(voices.all().stream().anyMatch(r -> r.engine().equals("a") && voices.partOf(r) == SpeakerSplit.Part.TRAIN));
    }

    @Test
    void aMissingIndexOrABadLineIsOneClearError(@TempDir Path dir) throws Exception {
        assertFalse(SyntheticVoices.present(dir));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> SyntheticVoices.read(dir));
        assertTrue(missing.getMessage().contains("tools/synth"), missing.getMessage());
        Files.writeString(dir.resolve("index.csv"), "voice,engine,word,variant,path,speaker\nflite-awb,flite,top,normal,,awb\n");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> SyntheticVoices.read(dir));
        assertTrue(bad.getMessage().contains("index.csv:2"), bad.getMessage());
    }

    @Test
    void theRenderedCacheHasStopInEveryVoiceAndEveryFileOnDisk() {
        assumeTrue(SyntheticVoices.present(cache()), "synthetic voices not rendered (tools/synth)");
        SyntheticVoices voices = SyntheticVoices.read(cache());
        Set<String> all = new HashSet<>(), withStop = new HashSet<>();
        for (SyntheticVoices.Rendering r : voices.all()) {
            assertTrue(Files.isRegularFile(r.path()), r.path().toString());
            all.add(r.voice());
            if (r.isKeyword()) withStop.add(r.voice());
        }
        assertEquals(all, withStop, "every voice also says the keyword");
    }
}
