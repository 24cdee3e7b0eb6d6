package wakeword.tools.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PocketSphinxTest {

    @Test
    void parsesDetectionLinesAndSkipsHypothesisLines() {
        // As printed by pocketsphinx_continuous -time yes: bare hypotheses, then timed lines in any order, and a
        // last hypothesis without a newline.
        String out = "stop\nstop 3.500 3.880 0.827686\nstop stop\nstop 29.330 29.760 0.833417\n"
                + "stop 28.360 28.530 0.827189\n\nstop";
        List<PocketSphinx.Hit> hits = PocketSphinx.parseHits(out);
        assertEquals(3, hits.size());
        assertEquals(new PocketSphinx.Hit(3.5, 3.88, 0.827686), hits.get(0));
        assertEquals(28.53, hits.get(2).end(), 1e-12);
        assertEquals(0, PocketSphinx.parseHits("").size());
    }

    @Test
    void readsTheChildrensCpuTimeFromBashTimes() throws IOException {
        assertEquals(61.362 + 0.029, TimedProcess.childCpu("0m0.002s 0m0.000s\n1m1.362s 0m0.029s\n"), 1e-9);
        assertThrows(IOException.class, () -> TimedProcess.childCpu("no times here"));
    }

    @Test
    void writesThresholdsTheWayTheDecoderReadsThem() {
        assertEquals("1e-20", PocketSphinx.threshold(1e-20));
        assertEquals("1e-05", PocketSphinx.threshold(1e-5));
        assertEquals(List.of(1e-5, 1e-10, 1e-15, 1e-20, 1e-30), PocketSphinxSweeper.standardThresholds());
    }

    @Test
    void runsTheRealDecoderOnSilenceAndMeasuresIt(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pocketsphinx_continuous")), "pocketsphinx not installed");
        Path wav = dir.resolve("silence.wav");
        WavFiles.write(new float[16000 * 3], wav);
        PocketSphinx.Run run = new PocketSphinx("pocketsphinx_continuous", null).run(wav, 1e-20);
        assertEquals(List.of(), run.hits());
        assertTrue(run.cpuSeconds() >= 0);
    }

    @Test
    void aCachedRunIsReusedForTheSameAudioAndThreshold(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pocketsphinx_continuous")), "pocketsphinx not installed");
        Path wav = dir.resolve("silence.wav");
        WavFiles.write(new float[16000], wav);
        Path cache = dir.resolve("cache");
        PocketSphinx decoder = new PocketSphinx("pocketsphinx_continuous", cache);
        decoder.run(wav, 1e-20);
        List<Path> entries;
        try (var s = Files.list(cache)) {
            entries = s.toList();
        }
        assertEquals(1, entries.size());
        // Mark the cached entry: the next run must return the mark, not decode again.
        Files.writeString(entries.get(0), "123.5\nstop 0.25 0.5 0.9\n");
        PocketSphinx.Run again = decoder.run(wav, 1e-20);
        assertEquals(123.5, again.cpuSeconds(), 1e-9);
        assertEquals(List.of(new PocketSphinx.Hit(0.25, 0.5, 0.9)), again.hits());
        assertEquals(0.0, decoder.run(wav, 1e-30).hits().size(), "another threshold decodes again");
    }

    @Test
    void aMissingDecoderIsOneClearError(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("silence.wav");
        WavFiles.write(new float[1600], wav);
        IOException e = assertThrows(IOException.class, () -> new PocketSphinx("no-such-decoder-here", null).run(wav, 1e-20));
        assertTrue(e.getMessage().contains("apt-get install pocketsphinx"), e.getMessage());
    }
}
