package wakeword.tools.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatcherTest {

    private static StreamLabels labels(String name, double duration, StreamLabels.Keyword... keywords) {
        List<StreamLabels.Keyword> k = List.of(keywords);
        return new StreamLabels(name, "test", k.isEmpty() ? "negative" : "keywords", "snr10", 10.0, 1, 1, duration,
                StreamLabels.keywordFree(duration, k), -30, 0, k, List.of(), StreamLabels.DEFINITION);
    }

    private static StreamLabels.Keyword kw(double start, double end) {
        return new StreamLabels.Keyword(start, end, "stop/x.flac");
    }

    @Test
    void detectionsInsideTheWindowAreHitsAndTheRestFalseAlarms() {
        StreamLabels l = labels("s", 100, kw(10, 10.5), kw(20, 20.4), kw(30, 30.6));
        // 10.2: inside the first keyword; 21.4: exactly at end + 1.0 of the second; 31.7: 0.1 s too late for the third;
        // 50: nowhere near a keyword.
        StreamOutcome o = Matcher.match(l, List.of(50.0, 31.7, 21.4, 10.2));
        assertEquals(3, o.keywords());
        assertEquals(2, o.hits());
        assertEquals(2, o.falseAlarms());
        assertEquals(0, o.repeats());
        assertEquals(List.of(31.7, 50.0), o.falseAlarmTimes());
        assertEquals(-0.3, o.latencies().get(0), 1e-9);
        assertEquals(1.0, o.latencies().get(1), 1e-9);
    }

    @Test
    void aSecondDetectionOfOneKeywordIsARepeatedFalseAlarm() {
        StreamLabels l = labels("s", 60, kw(10, 10.5));
        StreamOutcome o = Matcher.match(l, List.of(10.3, 10.9));
        assertEquals(1, o.hits());
        assertEquals(1, o.falseAlarms());
        assertEquals(1, o.repeats());
    }

    @Test
    void overlappingWindowsGiveEachDetectionToTheEarliestUnheardKeyword() {
        // The first keyword's window reaches 11.5, past the second one's start at 11.2.
        StreamLabels l = labels("s", 60, kw(10, 10.5), kw(11.2, 11.6));
        StreamOutcome both = Matcher.match(l, List.of(11.3, 11.4));
        assertEquals(2, both.hits());
        assertEquals(0, both.falseAlarms());
        StreamOutcome one = Matcher.match(l, List.of(11.3));
        assertEquals(1, one.hits());
        assertEquals(0.8, one.latencies().get(0), 1e-9, "credited to the first keyword");
    }

    @Test
    void keywordFreeTimeLeavesOutEveryMatchingWindowOnce() {
        // Windows [10, 11.5] and [11.2, 12.6] overlap: together 2.6 s; [59.5, 60] is cut at the end of the stream.
        assertEquals(60 - 2.6 - 0.5, StreamLabels.keywordFree(60, List.of(kw(10, 10.5), kw(11.2, 11.6), kw(59.5, 59.8))), 1e-9);
        assertEquals(60, StreamLabels.keywordFree(60, List.of()), 1e-9);
    }

    @Test
    void pooledFiguresAddCountsAndTimeOverStreams() {
        StreamLabels a = labels("a", 3600 + 3, kw(1, 1.5), kw(3, 3.5));
        StreamLabels b = labels("b", 3600);
        StreamOutcome oa = Matcher.match(a, List.of(1.4, 100.0));
        StreamOutcome ob = Matcher.match(b, List.of(5.0, 6.0, 7.0));
        StreamOutcome.Summary s = StreamOutcome.pool(List.of(oa, ob));
        assertEquals(2, s.keywords());
        assertEquals(1, s.hits());
        assertEquals(0.5, s.frr(), 1e-12);
        assertEquals(4, s.falseAlarms());
        // a: 3603 s minus windows [1, 2.5] and [3, 4.5] = 3600 s; b: 3600 s.
        assertEquals(2.0, s.keywordFreeHours(), 1e-12);
        assertEquals(2.0, s.faPerHour(), 1e-12);
        assertEquals(-0.1, s.latencyMedian(), 1e-9);
    }

    @Test
    void quantilesInterpolateAndAreNullWithoutValues() {
        assertEquals(2.5, StreamOutcome.quantile(List.of(4.0, 1.0, 3.0, 2.0), 0.5), 1e-12);
        assertEquals(3.7, StreamOutcome.quantile(List.of(4.0, 1.0, 3.0, 2.0), 0.9), 1e-12);
        assertNull(StreamOutcome.quantile(List.of(), 0.5));
        assertEquals(Double.NaN, StreamOutcome.pool(List.of()).frr());
    }

    @Test
    void theChoiceIsTheQuietestSettingWithinTheMissLimitTiesByFewerMisses() {
        StreamLabels l = labels("s", 7300, kw(10, 10.5), kw(20, 20.5), kw(30, 30.5), kw(40, 40.5));
        // Misses 3 of 4, no false alarm.
        OperatingPoint strict = OperatingPoint.of("0.9", 0.9, 3, List.of(Matcher.match(l, List.of(10.2))));
        // Misses 1 of 4 with 1 false alarm; at smoothing 1 the same misses with 2 false alarms.
        OperatingPoint mid = OperatingPoint.of("0.8", 0.8, 3, List.of(Matcher.match(l, List.of(10.2, 20.2, 30.2, 500.0))));
        OperatingPoint midNoisier = OperatingPoint.of("0.8", 0.8, 1,
                List.of(Matcher.match(l, List.of(10.2, 20.2, 30.2, 500.0, 900.0))));
        // Misses nothing, 2 false alarms; the same figures at a looser threshold come later and lose the tie.
        OperatingPoint loose = OperatingPoint.of("0.5", 0.5, 3,
                List.of(Matcher.match(l, List.of(10.2, 20.2, 30.2, 40.2, 500.0, 600.0))));
        OperatingPoint looseSame = OperatingPoint.of("0.4", 0.4, 3,
                List.of(Matcher.match(l, List.of(10.2, 20.2, 30.2, 40.2, 500.0, 600.0))));
        List<OperatingPoint> all = List.of(midNoisier, strict, mid, loose, looseSame);
        assertEquals(mid, OperatingPoint.choose(all, 0.25).orElseThrow(), "FRR 25% allowed: 1 FA beats 2");
        assertEquals(loose, OperatingPoint.choose(all, 0.0).orElseThrow(), "no miss allowed: the first of the equals");
        assertEquals(strict, OperatingPoint.choose(all, 0.75).orElseThrow(), "75% allowed: the silent one");
        OperatingPoint silent = OperatingPoint.of("0.999", 0.999, 3, List.of(Matcher.match(l, List.of())));
        assertEquals(true, OperatingPoint.choose(List.of(silent), 1.0).isEmpty(), "never firing is no choice");
        assertEquals(true, OperatingPoint.choose(List.of(strict, mid), 0.1).isEmpty());
        // Within a false-alarm budget the rule turns round: the point that misses least.
        assertEquals(loose, new ChoiceRule(0.08, 10).choose(all).orElseThrow(), "10 FA/h allowed: the one that misses least");
        // About 2.03 keyword-free hours: 1 false alarm is 0.49 FA/h, 2 are 0.99.
        assertEquals(mid, new ChoiceRule(0.08, 0.6).choose(all).orElseThrow(), "0.6 FA/h allowed: 1 false alarm");
        assertEquals(strict, new ChoiceRule(0.08, 0.3).choose(all).orElseThrow(), "0.3 FA/h allowed: the silent one");
        assertEquals(true, new ChoiceRule(0.08, 0.3).choose(List.of(loose, mid)).isEmpty(), "nothing that detects within 0.3 FA/h");
        assertEquals(mid, OperatingPoint.closest(List.of(silent, strict, midNoisier, mid)).orElseThrow(),
                "nothing within the limit: the fewest misses, then the fewest false alarms");
    }

    @Test
    void syntheticKeywordStreamsStayOutOfTheHeadlineFigures() {
        StreamLabels real = labels("real", 100, kw(10, 10.5));
        StreamLabels l = labels("synth", 100, kw(10, 10.5), kw(20, 20.5));
        StreamLabels synth = new StreamLabels("synth", "test", StreamLabels.KIND_SYNTHETIC_KEYWORDS, "snr10", 10.0, 1, 1,
                100, l.keywordFreeSeconds(), -30, 0, l.keywords(), List.of(), StreamLabels.DEFINITION);
        OperatingPoint p = OperatingPoint.of("0.5", 0.5, 1,
                List.of(Matcher.match(real, List.of(10.2)), Matcher.match(synth, List.of(10.2, 50.0))));
        assertEquals(1, p.pooled().keywords());
        assertEquals(0, p.pooled().falseAlarms());
        assertEquals(2, p.synthetic().keywords());
        assertEquals(0.5, p.synthetic().frr(), 1e-12);
    }
}
