package wakeword.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tools/pick-mic.sh (run by tools/install.sh) against a stand-in arecord that lists given cards and "records"
 * a given signal: it picks the one microphone, leaves a choice among several to the user with the names to
 * choose from, and reports the level it recorded.
 */
class PickMicTest {

    private static final String USB = "card 1: Device [USB PnP Sound Device], device 0: USB Audio [USB Audio]";
    private static final String HAT = "card 2: seeed2micvoicec [seeed-2mic-voicecard], device 0: bcm2835-i2s-wm8960-hifi wm8960-hifi-0 []";

    @TempDir
    Path dir;

    private Path conf;

    @BeforeEach
    void standIns() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path arecord = Files.writeString(bin.resolve("arecord"), """
                #!/bin/sh
                if [ "$1" = "-l" ]; then cat "$STUB_LIST"; exit 0; fi
                echo "$@" >> "$STUB_ARGS"
                cat "$STUB_RAW"
                """);
        Files.setPosixFilePermissions(arecord, PosixFilePermissions.fromString("rwxr-xr-x"));
        conf = Files.writeString(dir.resolve("wakeword.conf"), "# device: ...\ndevice = default\ngpio.pin = 17\n");
    }

    @Test
    void theOneMicrophoneIsChosenAndItsLevelReported() throws Exception {
        String out = run(USB, tone(3277));
        assertEquals("# device: ...\ndevice = Device\ngpio.pin = 17\n", Files.readString(conf));
        assertTrue(out.contains("using the one capture device: card 1 'USB PnP Sound Device' (device = Device"), out);
        assertTrue(out.contains("level over that second: peak -20 dBFS"), out);
        assertTrue(Files.readString(dir.resolve("args")).contains("-D plughw:CARD=Device,DEV=0"));
        assertEquals("Device", ConfigParser.parse(conf).audio().device());
    }

    @Test
    void amongSeveralTheUserChoosesFromTheirNames() throws Exception {
        String out = run(USB + "\n" + HAT, tone(3277));
        assertEquals("# device: ...\ndevice = default\ngpio.pin = 17\n", Files.readString(conf));
        assertTrue(out.contains("-> device = Device") && out.contains("-> device = seeed2micvoicec"), out);
        assertTrue(out.contains("sudo systemctl restart wakeword"), out);
    }

    @Test
    void noMicrophoneAndSilenceAreSaid() throws Exception {
        assertTrue(run("", tone(0)).contains("no capture device found"));
        String silent = run(USB, tone(0));
        assertTrue(silent.contains("that is silence: is the microphone muted? raise its capture level with: alsamixer -c Device"),
                silent);
    }

    private String run(String list, byte[] raw) throws Exception {
        Path repo = Path.of(System.getProperty("wakeword.repo", ".")).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", repo.resolve("tools/pick-mic.sh").toString(), conf.toString())
                .redirectErrorStream(true);
        pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("STUB_LIST", Files.writeString(dir.resolve("list"), list.isEmpty() ? "" : list + "\n").toString());
        pb.environment().put("STUB_RAW", Files.write(dir.resolve("raw"), raw).toString());
        pb.environment().put("STUB_ARGS", dir.resolve("args").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    /** One second of a 440 Hz tone at 16 kHz with this peak. */
    private static byte[] tone(int peak) {
        ByteBuffer b = ByteBuffer.allocate(32000).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16000; i++) b.putShort((short) Math.round(peak * Math.sin(2 * Math.PI * 440 * i / 16000.0)));
        return b.array();
    }
}
