package wakeword.tools.data;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpeakerSplitTest {

    private static Path data() {
        return Path.of(System.getProperty("wakeword.data", "../../../shared/data"));
    }

    @Test
    void everySpeakerLandsOnExactlyOneSideForEveryWord() {
        assumeTrue(Files.isDirectory(data()), "shared data absent");
        SpeakerSplit split = new SpeakerSplit("v1");
        Corpus corpus = Corpus.scan(data());
        Map<String, SpeakerSplit.Part> seen = new HashMap<>();
        for (Corpus.Clip c : corpus.clips()) {
            SpeakerSplit.Part p = split.partOf(c.speaker());
            SpeakerSplit.Part before = seen.putIfAbsent(c.speaker(), p);
            if (before != null) assertEquals(before, p, c.speaker());
        }
        long stopSpeakers = corpus.clips().stream().filter(Corpus.Clip::isKeyword).map(Corpus.Clip::speaker).distinct().count();
        assertEquals(131, stopSpeakers, "the data README lists 131 speakers of 'stop'");
        for (SpeakerSplit.Part part : SpeakerSplit.Part.values()) {
            assertFalse(corpus.select(split, part, Corpus.KEYWORD).isEmpty(), part + " has keyword clips");
        }
    }
}
