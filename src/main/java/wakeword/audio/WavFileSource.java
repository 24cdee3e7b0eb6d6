package wakeword.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.tinylog.Logger;

/**
 * A WAV recording as mono samples at the target rate: integer PCM of 16, 24 or 32 bits, mono or stereo,
 * at any rate from 1 to 384 kHz. A file cut short inside its samples is read up to the cut, with a warning.
 */
public final class WavFileSource implements AudioSource {

    private final String name;
    private final int targetRate;
    private final PcmFormat format;
    private final long dataBytes;
    private final PcmStreamReader reader;
    private boolean endChecked;

    /**
     * Opens the file and reads its header.
     *
     * @throws AudioException the file is missing, unreadable, not a WAV file, in an unsupported format or
     *                        holds no samples
     */
    public WavFileSource(Path file, int targetRate) throws AudioException {
        this(open(file), file.toString(), targetRate);
    }

    /**
     * Reads a WAV stream, such as a pipe.
     *
     * @param name how the user knows the input, for messages
     */
    public WavFileSource(InputStream in, String name, int targetRate) throws AudioException {
        this.name = name;
        this.targetRate = targetRate;
        boolean done = false;
        try {
            WavReader.Header header = WavReader.readHeader(in, name);
            this.format = header.format();
            this.dataBytes = header.dataBytes();
            try {
                this.reader = new PcmStreamReader(in, format, targetRate, dataBytes);
            } catch (IllegalArgumentException e) {
                throw new AudioException(name + ": unsupported WAV format: cannot resample " + format.sampleRate()
                        + " Hz to " + targetRate + " Hz; " + WavReader.CONVERT_HINT);
            }
            if (!fillChecked()) {
                throw new AudioException(name + ": the WAV file contains no samples (it ends inside the first frame)");
            }
            done = true;
        } finally {
            if (!done) {
                closeQuietly(in);
            }
        }
    }

    /** The format of the samples in the file, before conversion. */
    public PcmFormat fileFormat() {
        return format;
    }

    @Override
    public int sampleRate() {
        return targetRate;
    }

    @Override
    public int read(short[] buffer, int offset, int length) throws IOException {
        if (length > 0 && !fillChecked()) {
            return -1;
        }
        return reader.read(buffer, offset, length);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private boolean fillChecked() throws AudioException {
        boolean more;
        try {
            more = reader.fill();
        } catch (IOException e) {
            throw new AudioException(name + ": cannot read the samples (" + e.getMessage() + ")", e);
        }
        if (!more && !endChecked) {
            endChecked = true;
            long expected = dataBytes / format.frameBytes();
            if (dataBytes >= 0 && reader.framesRead() < expected) {
                Logger.warn("{}: the file is cut short: {} of {} frames present; read what is there", name,
                        reader.framesRead(), expected);
            }
        }
        return more;
    }

    private static InputStream open(Path file) throws AudioException {
        if (Files.isDirectory(file)) {
            throw new AudioException(file + ": is a folder, not a WAV file; give the path of a .wav file");
        }
        try {
            return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new AudioException(file + ": no such file; check the path");
        } catch (IOException e) {
            throw new AudioException(file + ": cannot open the file (" + e.getMessage() + "); check the path and "
                    + "its permissions", e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            Logger.debug(e, "closing after a failed open");
        }
    }
}
