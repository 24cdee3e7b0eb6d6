package wakeword.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build stages the installed config (target/deb/wakeword.conf: the Debian package's conffile, with the
 * installed model path); tools/install.sh installs that same file. It must be exactly the defaults.
 */
class InstalledConfigTest {

    @Test
    void theConfigInstallShLaysOutParsesToTheDefaults(@TempDir Path tmp) throws IOException, InterruptedException {
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "needs bash");
        Path repo = ConfigParserTest.repo();
        Path copy = tmp.resolve("repo");
        for (String f : new String[] {"tools/install.sh", "target/deb/wakeword.conf", "systemd/wakeword.service"}) {
            Files.createDirectories(copy.resolve(f).getParent());
            Files.copy(repo.resolve(f), copy.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
        }
        // Stand-ins: only the config is under test here, not the jar or the model.
        for (String f : new String[] {"target/wakeword.jar", "models/stop.tflite", "models/stop.json"}) {
            Files.createDirectories(copy.resolve(f).getParent());
            Files.writeString(copy.resolve(f), "stand-in");
        }
        Path root = tmp.resolve("root");
        ProcessBuilder pb = new ProcessBuilder(bash.toString(), copy.resolve("tools/install.sh").toString())
                .redirectErrorStream(true);
        pb.environment().put("DESTDIR", root.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);

        Config packaged = ConfigParser.parse(repo.resolve("target/deb/wakeword.conf"));
        assertEquals(Config.defaults(), packaged);
        assertEquals(Files.readString(repo.resolve("target/deb/wakeword.conf")),
                Files.readString(root.resolve("etc/wakeword/wakeword.conf")));
        assertEquals(Files.readString(repo.resolve("systemd/wakeword.service")),
                Files.readString(root.resolve("etc/systemd/system/wakeword.service")));
    }
}
