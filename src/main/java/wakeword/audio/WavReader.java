package wakeword.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a RIFF/WAVE header up to the start of the samples. Accepts integer PCM of 16, 24 or 32 bits in one or
 * two channels (plain or WAVE_FORMAT_EXTENSIBLE); everything else is refused with a message that says how to
 * convert the file.
 */
final class WavReader {

    /** The conversion every "unsupported" message suggests. */
    static final String CONVERT_HINT = "convert it with: sox in.wav -r 16000 -c 1 -b 16 out.wav";

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** Streaming writers (sox, ffmpeg to a pipe) put these in place of a length they did not know yet. */
    private static final long UNKNOWN_LENGTH = 0xFFFFFFFFL;

    /**
     * The header of a WAV stream.
     *
     * @param dataBytes    the length of the sample data, or -1 when the header leaves it open
     * @param headerBytes  the bytes before the first sample
     */
    record Header(PcmFormat format, long dataBytes, long headerBytes) {
    }

    private final InputStream in;
    private final String name;
    private long position;

    private WavReader(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    /**
     * Reads the header and leaves {@code in} at the first sample.
     *
     * @param name how the user knows the input, for messages
     */
    static Header readHeader(InputStream in, String name) throws AudioException {
        try {
            return new WavReader(in, name).header();
        } catch (EOFException e) {
            throw new AudioException(name + ": truncated WAV header (the file ends before its sample data); "
                    + "re-record or re-export it");
        } catch (AudioException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioException(name + ": cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    private Header header() throws IOException {
        byte[] riff = in.readNBytes(12);
        position = riff.length;
        if (riff.length == 0) {
            throw new AudioException(name + ": the file is empty (0 bytes); give a WAV recording");
        }
        if (riff.length < 12 || !ascii(riff, 0, "RIFF") || !ascii(riff, 8, "WAVE")) {
            throw new AudioException(name + ": not a WAV file (no RIFF/WAVE header); " + CONVERT_HINT);
        }
        PcmFormat format = null;
        while (true) {
            String id = fourCC();
            long size = u32();
            if (id.equals("fmt ")) {
                format = readFormat(size);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw malformed("the data chunk comes before the fmt chunk");
                }
                long dataBytes = size == UNKNOWN_LENGTH ? -1 : size;
                if (dataBytes == 0) {
                    throw new AudioException(name + ": the WAV file contains no samples (empty data chunk)");
                }
                return new Header(format, dataBytes, position);
            } else {
                skip(size + (size & 1));
            }
        }
    }

    private PcmFormat readFormat(long size) throws IOException {
        if (size < 16) {
            throw malformed("the fmt chunk has " + size + " bytes, fewer than 16");
        }
        int tag = u16();
        int channels = u16();
        long rate = u32();
        u32(); // byte rate: derived, and often wrong in files from sloppy writers
        int blockAlign = u16();
        int bits = u16();
        long rest = size - 16;
        if (tag == FORMAT_EXTENSIBLE && rest >= 24) {
            u16(); // extension size
            u16(); // valid bits: the container width is what is stored
            u32(); // channel mask
            tag = u16(); // the sub-format GUID starts with the plain format tag
            skip(14);
            rest -= 24;
        }
        skip(rest + (size & 1));

        if (channels == 0 || rate == 0 || bits == 0) {
            throw malformed("the fmt chunk says " + channels + " channels, " + rate + " Hz, " + bits + " bits");
        }
        if (tag == FORMAT_FLOAT) {
            throw unsupported("floating-point samples");
        }
        if (tag != FORMAT_PCM) {
            throw unsupported(String.format("encoding 0x%04X (only integer PCM is read)", tag));
        }
        if (bits != 16 && bits != 24 && bits != 32) {
            throw unsupported(bits + "-bit samples (16, 24 or 32 bits are read)");
        }
        if (channels > 2) {
            throw unsupported(channels + " channels (mono or stereo are read)");
        }
        if (blockAlign != channels * bits / 8) {
            throw malformed("block align " + blockAlign + " does not match " + channels + " x " + bits + " bits");
        }
        if (rate < 1000 || rate > 384_000) {
            throw unsupported("a sample rate of " + rate + " Hz");
        }
        return new PcmFormat((int) rate, channels, bits, false);
    }

    private AudioException malformed(String what) {
        return new AudioException(name + ": malformed WAV header: " + what + "; re-export the file or " + CONVERT_HINT);
    }

    private AudioException unsupported(String what) {
        return new AudioException(name + ": unsupported WAV format: " + what + "; " + CONVERT_HINT);
    }

    private String fourCC() throws IOException {
        byte[] b = exactly(4);
        StringBuilder s = new StringBuilder(4);
        for (byte c : b) {
            s.append((char) (c & 0xff));
        }
        return s.toString();
    }

    private int u16() throws IOException {
        byte[] b = exactly(2);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8;
    }

    private long u32() throws IOException {
        byte[] b = exactly(4);
        return (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24;
    }

    private byte[] exactly(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        position += b.length;
        if (b.length < n) {
            throw new EOFException();
        }
        return b;
    }

    /** Skips {@code n} bytes; a chunk that claims more than the file holds means a truncated file. */
    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                skipped = 1;
            }
            left -= skipped;
            position += skipped;
        }
    }

    private static boolean ascii(byte[] b, int offset, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[offset + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
