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
        for (SyntheticVoices.Rendering r : voices.all()) assertEquals(split.partOf(r.speaker()), voices.partOf(r));

        SpeakerSplit.Part slt = split.partOf("slt");
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
