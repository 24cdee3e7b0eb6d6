package wakeword.tools.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceAttributionTest {

    private static StreamLabels.Source src(double start, double end, String kind, String group) {
        return new StreamLabels.Source(start, end, kind, group, "clip/" + kind);
    }

    private static StreamLabels labels(String name, String kind, double duration, List<StreamLabels.Keyword> k,
                                       List<StreamLabels.Source> sources) {
        return new StreamLabels(name, "test", kind, "snr10", 10.0, 1, 1, duration, StreamLabels.keywordFree(duration, k),
                -30, 0, k, sources, StreamLabels.DEFINITION);
    }

    private static final List<StreamLabels.Source> NEGATIVE = List.of(
            src(20, 30, StreamLabels.GROUP_COFFEE, StreamLabels.GROUP_COFFEE),
            src(2, 2.4, "top", StreamLabels.GROUP_SYNTHETIC_WORDS),
            src(2.6, 3.4, "down", StreamLabels.GROUP_WORDS),
            src(5, 8, StreamLabels.GROUP_WAKE_PHRASE, StreamLabels.GROUP_WAKE_PHRASE));

    @Test
    void aFalseAlarmGoesToTheSourceThatFillsMostOfTheSecondBeforeIt() {
        SourceAttribution a = new SourceAttribution(List.of(labels("neg", "negative", 40, List.of(), NEGATIVE)));
        // [1.5, 2.5]: only "top" (0.4 s).
        assertEquals(new SourceAttribution.Kind(StreamLabels.GROUP_SYNTHETIC_WORDS, "top"), a.at("neg", 2.5));
        // [2.0, 3.0]: "top" 0.4 s, "down" 0.4 s: the later one on a tie; at 3.1 "down" has 0.5 s against 0.3 s.
        assertEquals("down", a.at("neg", 3.0).kind());
        assertEquals("down", a.at("neg", 3.1).kind());
        // [2.3, 3.3]: "top" 0.1 s, "down" 0.7 s.
        assertEquals("down", a.at("neg", 3.3).kind());
        // 0.5 s after "down" ended it still fills half the window; 1.1 s after, nothing does.
        assertEquals("down", a.at("neg", 3.9).kind());
        assertEquals(StreamLabels.GROUP_NOISE, a.at("neg", 4.5).kind());
        assertEquals(StreamLabels.GROUP_WAKE_PHRASE, a.at("neg", 8.9).kind());
        assertEquals(StreamLabels.GROUP_COFFEE, a.at("neg", 25).kind());
        assertEquals(StreamLabels.GROUP_NOISE, a.at("neg", 15).kind());
        assertEquals(StreamLabels.GROUP_NOISE, a.at("unknown stream", 25).kind());
    }

    @Test
    void countsCoverTheHeadlineStreamsOnlyAndAddUpToTheirFalseAlarms() {
        StreamLabels neg = labels("neg", "negative", 40, List.of(), NEGATIVE);
        List<StreamLabels.Keyword> k = List.of(new StreamLabels.Keyword(10, 10.5, "stop/a"));
        StreamLabels synth = labels("synth", StreamLabels.KIND_SYNTHETIC_KEYWORDS, 20, k,
                List.of(src(10, 10.5, "stop", StreamLabels.GROUP_SYNTHETIC_KEYWORD), src(12, 13, "shop", StreamLabels.GROUP_SYNTHETIC_WORDS)));
        SourceAttribution a = new SourceAttribution(List.of(neg, synth));
        List<StreamOutcome> outcomes = List.of(Matcher.match(neg, List.of(2.5, 3.1, 3.3, 25.0, 15.0)),
                Matcher.match(synth, List.of(10.2, 13.0)));
        List<SourceAttribution.KindCount> counts = a.count(outcomes);
        SourceAttribution.KindCount first = counts.get(0);
        assertEquals(List.of(StreamLabels.GROUP_WORDS, "down", 2), List.of(first.group(), first.kind(), first.falseAlarms()));
        assertEquals(0.8, first.audioSeconds(), 1e-9);
        assertEquals(5, counts.stream().mapToInt(SourceAttribution.KindCount::falseAlarms).sum(),
                "the synthetic-keyword stream's false alarm on 'shop' is not counted");
        Map<String, Integer> groups = SourceAttribution.byGroup(counts);
        assertEquals(Map.of(StreamLabels.GROUP_WORDS, 2, StreamLabels.GROUP_SYNTHETIC_WORDS, 1, StreamLabels.GROUP_COFFEE, 1,
                StreamLabels.GROUP_NOISE, 1, StreamLabels.GROUP_WAKE_PHRASE, 0), groups);
        Map<String, Double> audio = a.audioSecondsByGroup();
        assertEquals(10.0, audio.get(StreamLabels.GROUP_COFFEE), 1e-9);
        assertEquals(40 - 10 - 0.4 - 0.8 - 3, audio.get(StreamLabels.GROUP_NOISE), 1e-9);
        assertEquals(null, audio.get(StreamLabels.GROUP_SYNTHETIC_KEYWORD), "synthetic-keyword streams hold no headline audio");
    }
}
