package wakeword.tools.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Assigns every speaker to train, validation or test by a hash of the speaker id, so the split is
 * the same in every tool and every run, needs no stored list, and never puts one person on two sides.
 * Buckets 0-7 of 10 train, 8 validates, 9 tests (80/10/10 by speaker).
 */
public final class SpeakerSplit {

    public enum Part { TRAIN, VALIDATION, TEST }

    private final String salt;

    /** The salt picks one of many equally valid splits; it is recorded in the model's manifest. */
    public SpeakerSplit(String salt) {
        this.salt = salt;
    }

    public Part partOf(String speakerId) {
        int bucket = Math.floorMod(hash(salt + ":" + speakerId), 10);
        if (bucket <= 7) return Part.TRAIN;
        return bucket == 8 ? Part.VALIDATION : Part.TEST;
    }

    public String salt() {
        return salt;
    }

    private static int hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
