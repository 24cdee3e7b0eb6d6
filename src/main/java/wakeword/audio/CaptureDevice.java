package wakeword.audio;

import java.util.List;

/**
 * A capture mixer as Java Sound lists it, for the {@code devices} command: the {@code device} setting takes
 * its name or a part of it.
 *
 * @param formats what the mixer says it records, one line each, such as "16-bit signed, 1-2 channels, any rate"
 */
public record CaptureDevice(String name, String description, List<String> formats) {

    public CaptureDevice {
        formats = List.copyOf(formats);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name);
        if (!description.isBlank()) {
            s.append("  (").append(description).append(')');
        }
        for (String f : formats) {
            s.append(System.lineSeparator()).append("    ").append(f);
        }
        return s.toString();
    }
}
