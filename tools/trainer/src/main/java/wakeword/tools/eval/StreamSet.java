package wakeword.tools.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tinylog.Logger;
import wakeword.tools.data.Corpus;
import wakeword.tools.data.SpeakerSplit;
import wakeword.tools.data.SyntheticVoices;

/** The streams of one held-out part, written as WAV + label JSON pairs into one folder. */
public record StreamSet(SpeakerSplit.Part part, List<Entry> entries) {

    public record Entry(StreamLabels labels, Path wav) {
    }

    /** @param voices the rendered synthetic voices, or null to build without them */
    public static StreamSet build(Path dataDir, SpeakerSplit split, SpeakerSplit.Part part, StreamSettings settings,
                                  Path outDir, SyntheticVoices voices) throws IOException {
        Material m = Material.load(Corpus.scan(dataDir), split, part, dataDir, voices);
        Logger.info("{}: {} keyword clips, {} synthetic keywords, {} other words and phrases, {} long utterances,"
                + " {} noise regions", part, m.keywords().size(), m.syntheticKeywords().size(), m.otherWords().size(),
                m.speech().size(), m.noise().size());
        StreamBuilder builder = new StreamBuilder(m, settings);
        List<StreamBuilder.Built> streams = new ArrayList<>(builder.keywordStreams());
        streams.addAll(builder.syntheticKeywordStreams());
        streams.add(builder.negativeStream());
        List<Entry> entries = new ArrayList<>();
        for (StreamBuilder.Built b : streams) {
            Path wav = outDir.resolve(b.labels().name() + ".wav");
            WavFiles.write(b.samples(), wav);
            b.labels().write(outDir.resolve(b.labels().name() + ".json"));
            entries.add(new Entry(b.labels(), wav));
            Logger.info("wrote {} ({} s, {} keywords, {} clipped samples)", wav,
                    String.format(java.util.Locale.ROOT, "%.1f", b.labels().durationSeconds()),
                    b.labels().keywords().size(), b.labels().clippedSamples());
        }
        return new StreamSet(part, List.copyOf(entries));
    }
}
