package wakeword.tools.data;

/**
 * Which part of every background-noise recording a part of the split may use, as fractions of the file's length:
 * training the first 70%, validation 70-85%, test the last 15%, so no noise is heard by two parts. The trainer's
 * windows and the evaluation's streams both cut noise here.
 */
public record NoiseRegion(double from, double to) {

    public NoiseRegion {
        if (!(from >= 0 && from < to && to <= 1)) {
            throw new IllegalArgumentException("noise region must satisfy 0 <= from < to <= 1, got " + from + ".." + to);
        }
    }

    public static NoiseRegion forPart(SpeakerSplit.Part part) {
        return switch (part) {
            case VALIDATION -> new NoiseRegion(0.70, 0.85);
            case TEST -> new NoiseRegion(0.85, 1.00);
            case TRAIN -> new NoiseRegion(0.00, 0.70);
        };
    }

    public short[] cut(short[] recording) {
        int a = (int) Math.floor(recording.length * from);
        int b = (int) Math.floor(recording.length * to);
        return java.util.Arrays.copyOfRange(recording, a, b);
    }
}
