package wakeword.audio;

import java.util.List;
import java.util.Optional;

/**
 * A sound device as Java Sound lists it, for the {@code devices} command: the {@code device} setting takes the
 * name of one that captures, or a part of it.
 *
 * @param formats     what it says it records, one line each, such as "16-bit signed, 1-2 channels, any rate"
 * @param captures    whether it has a capture side at all (the Pi's built-in audio does not)
 * @param openProblem why it could not be opened for capture just now (busy, unplugged), if it could not
 */
public record CaptureDevice(String name, String description, List<String> formats, boolean captures,
                            Optional<String> openProblem) {

    public CaptureDevice {
        formats = List.copyOf(formats);
    }

    /** Whether the daemon could record from it now. */
    public boolean usable() {
        return captures && openProblem.isEmpty();
    }

    @Override
    public String toString() {
        String mark = !captures ? "[no capture]   " : openProblem.isPresent() ? "[capture, busy]" : "[capture ok]   ";
        StringBuilder s = new StringBuilder(mark).append(' ').append(name);
        if (!description.isBlank()) {
            s.append("  (").append(description).append(')');
        }
        openProblem.ifPresent(p -> s.append(System.lineSeparator()).append("    cannot open it now: ").append(p));
        for (String f : formats) {
            s.append(System.lineSeparator()).append("    ").append(f);
        }
        return s.toString();
    }
}
