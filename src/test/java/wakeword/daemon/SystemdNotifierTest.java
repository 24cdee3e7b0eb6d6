package wakeword.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sends to a real AF_UNIX datagram socket bound here, as systemd's would be. */
class SystemdNotifierTest {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int MSG_DONTWAIT = 0x40;

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, byte[] address, int addressLength) throws LastErrorException;

        NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    /** A bound receiving socket; the name starts with '@' for the abstract namespace. */
    private static final class Receiver implements AutoCloseable {
        final int fd;

        Receiver(String name) {
            byte[] path = name.getBytes(StandardCharsets.UTF_8);
            boolean isAbstract = path[0] == '@';
            if (isAbstract) {
                path[0] = 0;
            }
            ByteBuffer addr = ByteBuffer.allocate(2 + path.length + (isAbstract ? 0 : 1)).order(ByteOrder.nativeOrder());
            addr.putShort((short) AF_UNIX).put(path);
            fd = LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM, 0);
            LibC.INSTANCE.bind(fd, addr.array(), addr.capacity());
        }

        /** The next datagram; the sender has already returned, so it is queued (or absent: null). */
        String next() {
            byte[] buffer = new byte[4096];
            try {
                int n = LibC.INSTANCE.recv(fd, buffer, new NativeLong(buffer.length), MSG_DONTWAIT).intValue();
                return new String(buffer, 0, n, StandardCharsets.UTF_8);
            } catch (LastErrorException e) {
                return null;
            }
        }

        @Override
        public void close() {
            LibC.INSTANCE.close(fd);
        }
    }

    @Test
    void sendsEachMessageToAFileSystemSocket(@TempDir Path dir) {
        String path = dir.resolve("notify").toString();
        try (Receiver systemd = new Receiver(path)) {
            SystemdNotifier notifier = new SystemdNotifier(Map.of("NOTIFY_SOCKET", path), 1);
            assertTrue(notifier.enabled());
            assertTrue(notifier.ready());
            assertTrue(notifier.watchdog());
            assertTrue(notifier.status("listening on\ndefault"));
            assertTrue(notifier.reloading());
            assertTrue(notifier.stopping());
            assertEquals("READY=1", systemd.next());
            assertEquals("WATCHDOG=1", systemd.next());
            assertEquals("STATUS=listening on default", systemd.next());
            assertEquals("RELOADING=1", systemd.next());
            assertEquals("STOPPING=1", systemd.next());
            assertEquals(null, systemd.next());
        }
    }

    @Test
    void anAtSignMeansTheAbstractNamespace() {
        String name = "@wakeword-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (Receiver systemd = new Receiver(name)) {
            SystemdNotifier notifier = new SystemdNotifier(Map.of("NOTIFY_SOCKET", name), 1);
            assertTrue(notifier.ready());
            assertTrue(notifier.watchdog());
            assertEquals("READY=1", systemd.next());
            assertEquals("WATCHDOG=1", systemd.next());
        }
    }

    @Test
    void aSocketNobodyListensOnIsReportedNotThrown(@TempDir Path dir) {
        SystemdNotifier notifier = new SystemdNotifier(Map.of("NOTIFY_SOCKET", dir.resolve("gone").toString()), 1);
        assertTrue(notifier.enabled());
        assertFalse(notifier.ready());
    }

    @Test
    void withoutNotifySocketNothingIsSent() {
        SystemdNotifier notifier = new SystemdNotifier(Map.of(), 1);
        assertFalse(notifier.enabled());
        assertFalse(notifier.ready());
        assertFalse(notifier.watchdog());
        assertFalse(new SystemdNotifier(Map.of("NOTIFY_SOCKET", "relative/name"), 1).enabled());
        assertFalse(new SystemdNotifier(Map.of("NOTIFY_SOCKET", "/" + "x".repeat(200)), 1).enabled());
    }

    @Test
    void watchdogIntervalComesFromWatchdogUsecForThisProcessOnly() {
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                new SystemdNotifier(Map.of("WATCHDOG_USEC", "30000000"), 42).watchdogInterval());
        assertEquals(Optional.of(Duration.ofMillis(1500)),
                new SystemdNotifier(Map.of("WATCHDOG_USEC", "1500000", "WATCHDOG_PID", "42"), 42).watchdogInterval());
        assertEquals(Optional.empty(),
                new SystemdNotifier(Map.of("WATCHDOG_USEC", "1500000", "WATCHDOG_PID", "41"), 42).watchdogInterval());
        assertEquals(Optional.empty(), new SystemdNotifier(Map.of("WATCHDOG_USEC", "soon"), 42).watchdogInterval());
        assertEquals(Optional.empty(), new SystemdNotifier(Map.of("WATCHDOG_USEC", "0"), 42).watchdogInterval());
        assertEquals(Optional.empty(), new SystemdNotifier(Map.of(), 42).watchdogInterval());
    }

    /** A hung audio loop starves the watchdog; waiting for a missing microphone must not (no restart loop). */
    @Test
    void theWatchdogIsFedWhileTheDeviceIsAwaitedButNotWhenTheLoopIsStuck(@TempDir Path dir) throws Exception {
        String path = dir.resolve("notify").toString();
        try (Receiver systemd = new Receiver(path)) {
            SystemdNotifier notifier = new SystemdNotifier(Map.of("NOTIFY_SOCKET", path, "WATCHDOG_USEC", "100000"), 1);
            java.util.concurrent.atomic.AtomicBoolean waiting = new java.util.concurrent.atomic.AtomicBoolean();
            try (Watchdog watchdog = new Watchdog(notifier, () -> 7, waiting::get)) {
                Thread.sleep(300);
                assertEquals(null, systemd.next(), "no audio and no device wait: no ping");
                waiting.set(true);
                Thread.sleep(300);
                assertEquals("WATCHDOG=1", systemd.next());
            }
        }
    }
}
