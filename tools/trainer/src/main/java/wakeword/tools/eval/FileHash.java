package wakeword.tools.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over the contents of files and a few strings: the key of a cached run, which any change of input breaks. */
final class FileHash {

    private FileHash() {}

    static String of(String extra, Path... files) throws IOException {
        MessageDigest d = digest();
        d.update(extra.getBytes(StandardCharsets.UTF_8));
        byte[] buf = new byte[1 << 16];
        for (Path f : files) {
            d.update((byte) 0);
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
