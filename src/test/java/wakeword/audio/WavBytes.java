package wakeword.audio;

import java.io.ByteArrayOutputStream;

/** Builds WAV files in memory for tests, including deliberately odd ones. */
final class WavBytes {

    private WavBytes() {
    }

    /** A canonical PCM WAV: samples are 16-bit values, widened to {@code bits} by appending {@code lowFill}. */
    static byte[] pcm(short[] interleaved, int rate, int channels, int bits, int lowFill) {
        int width = bits / 8;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (short s : interleaved) {
            for (int i = 0; i < width - 2; i++) {
                data.write(lowFill);
            }
            data.write(s & 0xff);
            data.write((s >> 8) & 0xff);
        }
        return wav(1, channels, rate, bits, data.toByteArray());
    }

    /** A WAV with the given fmt fields and raw sample bytes. */
    static byte[] wav(int formatTag, int channels, int rate, int bits, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ascii(out, "RIFF");
        u32(out, 4 + 8 + 16 + 8 + 8 + data.length + (data.length & 1));
        ascii(out, "WAVE");
        ascii(out, "fmt ");
        u32(out, 16);
        u16(out, formatTag);
        u16(out, channels);
        u32(out, rate);
        u32(out, (long) rate * channels * bits / 8);
        u16(out, channels * bits / 8);
        u16(out, bits);
        // An unrelated chunk between fmt and data, as many editors write, with an odd size and its pad byte.
        ascii(out, "LIST");
        u32(out, 3);
        out.write(1);
        out.write(2);
        out.write(3);
        out.write(0);
        ascii(out, "data");
        u32(out, data.length);
        out.writeBytes(data);
        if ((data.length & 1) != 0) {
            out.write(0);
        }
        return out.toByteArray();
    }

    static short[] samples(byte[] littleEndian16) {
        short[] s = new short[littleEndian16.length / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) ((littleEndian16[2 * i] & 0xff) | (littleEndian16[2 * i + 1] << 8));
        }
        return s;
    }

    static byte[] littleEndian(short[] samples) {
        byte[] b = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            b[2 * i] = (byte) samples[i];
            b[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return b;
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        for (char c : s.toCharArray()) {
            out.write(c);
        }
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write((v >> 8) & 0xff);
    }

    private static void u32(ByteArrayOutputStream out, long v) {
        u16(out, (int) (v & 0xffff));
        u16(out, (int) ((v >> 16) & 0xffff));
    }
}
