package wakeword.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs tools/check-systemd.sh (verify without findings, exposure at most 2.5) where systemd-analyze exists. */
class SystemdUnitTest {

    @Test
    void unitVerifiesCleanlyAndIsHardened() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "needs systemd-analyze");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/java")), "verify needs the unit's ExecStart binary /usr/bin/java");
        Path repo = Path.of(System.getProperty("wakeword.repo", "."));
        Process p = new ProcessBuilder("/bin/bash", repo.resolve("tools/check-systemd.sh").toString(),
                repo.resolve("systemd/wakeword.service").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
        assertTrue(output.contains("verify: no findings"), output);
    }
}
