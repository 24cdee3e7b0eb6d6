package wakeword.daemon;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import wakeword.audio.AlsaCaptureSource;
import wakeword.audio.AudioSource;
import wakeword.audio.StdinSource;
import wakeword.audio.WavFileSource;
import wakeword.config.Config;

/** The audio source a config names, delivering samples at the model's rate. */
public final class AudioInputs {

    /** What {@code input = -} carries: raw signed 16-bit little-endian mono at this rate (arecord -r 16000). */
    public static final int STDIN_RATE = 16000;

    private AudioInputs() {
    }

    public static AudioSource open(Config.Audio audio, int sampleRate) throws IOException {
        return switch (audio.input().kind()) {
            // A daemon waits for its microphone: exiting would only have systemd restart it into the same failure.
            case ALSA -> new AlsaCaptureSource(AlsaCaptureSource.Settings.of(audio.device(), sampleRate,
                    audio.captureBufferMs()).waitingAtStart());
            case STDIN -> new StdinSource(interruptibleStdin(), STDIN_RATE, sampleRate);
            case WAV -> new WavFileSource(audio.input().wavFile(), sampleRate);
        };
    }

    /**
     * Standard input through a FileChannel: closing it wakes a read blocked on a pipe at once. System.in
     * would stay blocked until the writer sends more or ends, so a stop (SIGTERM) with a stalled writer
     * upstream (arecord waiting on a wedged device) would hang until systemd's SIGKILL, with the pin left
     * wherever it was.
     */
    private static InputStream interruptibleStdin() {
        return Channels.newInputStream(new FileInputStream(FileDescriptor.in).getChannel());
    }
}
