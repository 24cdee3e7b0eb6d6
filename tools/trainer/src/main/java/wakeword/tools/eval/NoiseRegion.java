package wakeword.tools.eval;

import wakeword.tools.data.SpeakerSplit;

/**
 * Which part of every background-noise recording a part of the split may use, as fractions of the file's length.
 * Test streams take the last 15% and validation streams the 70-85% stretch, so neither shares noise with the
 * other; training must stay below 70% (or 85%, if only the test figures must be clean) to keep them honest.
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
            case TRAIN -> throw new IllegalArgumentException("streams are built from held-out speakers only: "
                    + "use the validation or test part");
        };
    }

    public short[] cut(short[] recording) {
        int a = (int) Math.floor(recording.length * from);
        int b = (int) Math.floor(recording.length * to);
        return java.util.Arrays.copyOfRange(recording, a, b);
    }
}
