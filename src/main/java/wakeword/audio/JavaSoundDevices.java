package wakeword.audio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * Capture devices through Java Sound, which on Linux is ALSA: listing them and opening one in the best
 * format it accepts. Java Sound opens the ALSA {@code default} PCM and the hardware cards, never other named
 * PCMs from an asoundrc.
 */
final class JavaSoundDevices {

    /** The name that selects ALSA's default PCM rather than a mixer by name. */
    static final String DEFAULT = "default";

    /**
     * The smallest line buffer. Java Sound's TargetDataLine.read polls ALSA: it reads what is there, then
     * sleeps a quarter of the line's buffer before trying again, or only 1 ms when that quarter is under
     * 10 ms, which would wake the capture thread a thousand times a second.
     */
    private static final int MIN_LINE_BUFFER_MS = 40;

    /** Rates tried after the target rate, best first: common hardware rates that resample cleanly. */
    private static final int[] FALLBACK_RATES = {16000, 48000, 44100, 32000, 22050, 96000, 8000};

    private JavaSoundDevices() {
    }

    /**
     * Every sound device, playback-only ones too (so that the Pi's built-in audio shows as what it is), each
     * capture device tried: opened at {@code targetRate} and closed again.
     */
    static List<CaptureDevice> list(int targetRate) {
        List<CaptureDevice> devices = new ArrayList<>();
        Line.Info capture = new Line.Info(TargetDataLine.class);
        Line.Info playback = new Line.Info(SourceDataLine.class);
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            Mixer mixer = AudioSystem.getMixer(info);
            boolean captures = mixer.getTargetLineInfo(capture).length > 0;
            if (!captures && mixer.getSourceLineInfo(playback).length == 0) {
                continue; // a Port mixer (volume controls), not a device
            }
            Optional<String> problem = Optional.empty();
            if (captures) {
                try {
                    open(info.getName(), targetRate, 100).close();
                } catch (AudioException | RuntimeException e) {
                    problem = Optional.ofNullable(e.getMessage());
                }
            }
            devices.add(new CaptureDevice(info.getName(), info.getDescription(), captures ? summarize(mixer) : List.of(),
                    captures, problem));
        }
        return devices;
    }

    /**
     * The formats to try, best first: 16-bit at the target rate, then at common hardware rates; mono before
     * stereo at each rate.
     */
    static List<AudioFormat> candidates(int targetRate) {
        Set<Integer> rates = new LinkedHashSet<>();
        rates.add(targetRate);
        for (int r : FALLBACK_RATES) {
            if (r >= targetRate) {
                rates.add(r);
            }
        }
        for (int r : FALLBACK_RATES) {
            rates.add(r); // rates below the target only as a last resort: upsampling adds no information
        }
        List<AudioFormat> formats = new ArrayList<>();
        for (int rate : rates) {
            for (int channels = 1; channels <= 2; channels++) {
                formats.add(new AudioFormat(rate, 16, channels, true, false));
            }
        }
        return formats;
    }

    /** The buffer a line opened for {@code bufferMs} gets. */
    static int lineBufferMs(int bufferMs) {
        return Math.max(bufferMs, MIN_LINE_BUFFER_MS);
    }

    /** How long Java Sound sleeps between its polls of a line opened for {@code bufferMs}. */
    static int pollMs(int bufferMs) {
        return lineBufferMs(bufferMs) / 4;
    }

    /**
     * Opens the device in the first candidate format it accepts.
     *
     * @param device    {@value #DEFAULT}, a mixer name, or a unique part of one (case-insensitive)
     * @param bufferMs  the line's own buffer
     * @throws AudioException no such device, or it takes none of the candidate formats
     */
    static TargetDataLine open(String device, int targetRate, int bufferMs) throws AudioException {
        Mixer mixer = DEFAULT.equalsIgnoreCase(device) ? null : AudioSystem.getMixer(find(device));
        String last = "no format tried";
        for (AudioFormat format : candidates(targetRate)) {
            DataLine.Info info = new DataLine.Info(TargetDataLine.class, format);
            try {
                TargetDataLine line = mixer == null ? AudioSystem.getTargetDataLine(format)
                        : (TargetDataLine) mixer.getLine(info);
                int frames = Math.max(1, Math.round(format.getSampleRate() * lineBufferMs(bufferMs) / 1000f));
                line.open(format, frames * format.getFrameSize());
                return line;
            } catch (IllegalArgumentException | LineUnavailableException | SecurityException e) {
                last = e.getMessage();
            }
        }
        if (mixer == null && captureMixers().isEmpty()) {
            throw new AudioException(noDevice());
        }
        throw new AudioException("capture device '" + device + "' opens in none of the 16-bit formats at "
                + candidateRates(targetRate) + " Hz, mono or stereo (last error: " + last + "); check that no other "
                + "program holds it (fuser -v /dev/snd/*) and what 'wakeword devices' lists");
    }

    /** The capture mixer whose name is {@code device} or, failing that, contains it. */
    private static Mixer.Info find(String device) throws AudioException {
        List<Mixer.Info> mixers = captureMixers();
        if (mixers.isEmpty()) {
            throw new AudioException(noDevice());
        }
        String wanted = device.toLowerCase(Locale.ROOT);
        for (Mixer.Info info : mixers) {
            if (info.getName().toLowerCase(Locale.ROOT).equals(wanted)) {
                return info;
            }
        }
        List<Mixer.Info> matches = mixers.stream()
                .filter(m -> m.getName().toLowerCase(Locale.ROOT).contains(wanted)).toList();
        String names = mixers.stream().map(m -> "'" + m.getName() + "'").collect(Collectors.joining(", "));
        if (matches.isEmpty()) {
            throw new AudioException("no capture device matches '" + device + "'; set device to 'default' or to one "
                    + "of " + names + " (wakeword devices lists them)");
        }
        if (matches.size() > 1) {
            throw new AudioException("capture device '" + device + "' matches " + matches.size() + " devices: "
                    + matches.stream().map(m -> "'" + m.getName() + "'").collect(Collectors.joining(", "))
                    + "; give more of the name");
        }
        return matches.get(0);
    }

    private static List<Mixer.Info> captureMixers() {
        Line.Info capture = new Line.Info(TargetDataLine.class);
        List<Mixer.Info> mixers = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (AudioSystem.getMixer(info).getTargetLineInfo(capture).length > 0) {
                mixers.add(info);
            }
        }
        return mixers;
    }

    private static String noDevice() {
        return "no capture device: Java Sound finds no ALSA capture device; plug in a microphone, check that "
                + "'arecord -l' lists it and that this user is in group 'audio'";
    }

    private static String candidateRates(int targetRate) {
        return candidates(targetRate).stream().map(f -> String.valueOf((int) f.getSampleRate())).distinct()
                .collect(Collectors.joining("/"));
    }

    /** One line per sample encoding and width, with the channel counts and rates Java Sound reports. */
    private static List<String> summarize(Mixer mixer) {
        Map<String, Set<Integer>> channels = new LinkedHashMap<>();
        Map<String, Set<Integer>> rates = new LinkedHashMap<>();
        for (Line.Info li : mixer.getTargetLineInfo(new Line.Info(TargetDataLine.class))) {
            if (!(li instanceof DataLine.Info info)) {
                continue;
            }
            for (AudioFormat f : info.getFormats()) {
                if (f.getSampleSizeInBits() <= 0) {
                    continue;
                }
                String key = f.getSampleSizeInBits() + "-bit " + f.getEncoding().toString()
                        .toLowerCase(Locale.ROOT).replace("pcm_", "");
                channels.computeIfAbsent(key, k -> new TreeSet<>());
                rates.computeIfAbsent(key, k -> new TreeSet<>());
                if (f.getChannels() > 0) {
                    channels.get(key).add(f.getChannels());
                }
                rates.get(key).add(f.getSampleRate() > 0 ? Math.round(f.getSampleRate()) : -1);
            }
        }
        List<String> lines = new ArrayList<>();
        for (String key : channels.keySet()) {
            lines.add(key + ", " + describeChannels(channels.get(key)) + ", " + describeRates(rates.get(key)));
        }
        return lines;
    }

    private static String describeChannels(Set<Integer> counts) {
        if (counts.isEmpty()) {
            return "any channels";
        }
        int min = counts.stream().min(Integer::compare).orElseThrow();
        int max = counts.stream().max(Integer::compare).orElseThrow();
        if (max > 64) {
            return min + " or more channels"; // ALSA's "no upper limit" comes through as a huge count
        }
        return min == max ? min + (min == 1 ? " channel" : " channels") : min + "-" + max + " channels";
    }

    private static String describeRates(Set<Integer> rates) {
        if (rates.contains(-1) || rates.isEmpty()) {
            return "any rate"; // ALSA reports no rates; it converts on open
        }
        return rates.stream().map(String::valueOf).collect(Collectors.joining("/")) + " Hz";
    }
}
