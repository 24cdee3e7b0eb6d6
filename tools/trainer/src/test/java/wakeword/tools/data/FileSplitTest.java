package wakeword.tools.data;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FileSplitTest {

    private static Path data() {
        return Path.of(System.getProperty("wakeword.data", "../../../shared/data"));
    }

    @Test
    void aFileGoesWhereSpeakerSplitPutsItsNameWhateverTheFolder() {
        SpeakerSplit split = new SpeakerSplit("v1");
        FileSplit files = new FileSplit(split);
        for (int i = 0; i < 200; i++) {
            String name = "clip-" + i + ".flac";
            assertEquals(split.partOf(name), files.partOf(Path.of("wake_words/smart_mirror", name)));
            assertEquals(files.partOf(Path.of("a", name)), files.partOf(Path.of("b/c", name)));
        }
        FileSplit other = new FileSplit(new SpeakerSplit("v2"));
        long moved = java.util.stream.IntStream.range(0, 200)
                .filter(i -> other.partOf(Path.of("f" + i)) != files.partOf(Path.of("f" + i))).count();
        assertTrue(moved > 20, "another salt is another split: " + moved + " of 200 moved");
    }

    @Test
    void theSharedFilesWithoutSpeakerIdsSplitAboutEightyTenTen() throws Exception {
        assumeTrue(Files.isDirectory(data().resolve("wake_words")), "shared data (wake_words/) absent");
        FileSplit files = new FileSplit(new SpeakerSplit("v1"));
        List<Path> all;
        try (Stream<Path> s = Stream.concat(Files.walk(data().resolve("wake_words")),
                Files.walk(data().resolve("speech/picovoice_coffee")))) {
            all = s.filter(p -> p.toString().endsWith(".flac")).toList();
        }
        assertEquals(768 + 499, all.size(), "the data README lists 768 wake phrases and 499 coffee orders");
        Map<SpeakerSplit.Part, Integer> n = new EnumMap<>(SpeakerSplit.Part.class);
        for (Path p : all) n.merge(files.partOf(p), 1, Integer::sum);
        // Binomial(1267, 0.1): mean 127, sd 11; five sd either side.
        for (SpeakerSplit.Part held : List.of(SpeakerSplit.Part.VALIDATION, SpeakerSplit.Part.TEST)) {
            assertTrue(n.get(held) > 72 && n.get(held) < 182, held + ": " + n.get(held));
        }
    }
}
