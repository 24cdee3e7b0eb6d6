package wakeword.daemon;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * Tells systemd how the daemon is doing (sd_notify): READY once listening, WATCHDOG while
 * alive, STOPPING on the way out. Java 17 cannot send on a Unix datagram socket, so this
 * calls libc through JNA. Without $NOTIFY_SOCKET (not started by systemd, or not
 * Type=notify) every method does nothing.
 */
public final class SystemdNotifier {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    /** sizeof(sun_path) on Linux. */
    private static final int SUN_PATH_MAX = 108;

    /** sockaddr_un for $NOTIFY_SOCKET, or null when there is nobody to notify. */
    private final byte[] address;
    private final Optional<Duration> watchdogInterval;

    /** The notifier for this process, from its real environment. */
    public static SystemdNotifier fromEnvironment() {
        return new SystemdNotifier(System.getenv(), ProcessHandle.current().pid());
    }

    /**
     * @param env the environment to read NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID from
     * @param pid this process's id; the watchdog applies only when WATCHDOG_PID is absent or equal
     */
    public SystemdNotifier(Map<String, String> env, long pid) {
        this.address = socketAddress(env.get("NOTIFY_SOCKET"));
        this.watchdogInterval = watchdog(env.get("WATCHDOG_USEC"), env.get("WATCHDOG_PID"), pid);
    }

    /** Whether there is a systemd socket to notify. */
    public boolean enabled() {
        return address != null;
    }

    /**
     * How long systemd waits for a {@link #watchdog()} before it kills the service
     * (WatchdogSec=); ping at half of it. Empty when no watchdog is set for this process.
     */
    public Optional<Duration> watchdogInterval() {
        return watchdogInterval;
    }

    /** Startup finished: the daemon is listening. */
    public boolean ready() {
        return send("READY=1");
    }

    /** Re-reading the config (SIGHUP); follow with {@link #ready()} when done. */
    public boolean reloading() {
        return send("RELOADING=1");
    }

    public boolean stopping() {
        return send("STOPPING=1");
    }

    /** Still alive; resets systemd's watchdog timer. */
    public boolean watchdog() {
        return send("WATCHDOG=1");
    }

    /** A one-line status that `systemctl status` shows. */
    public boolean status(String text) {
        return send("STATUS=" + text.replaceAll("[\\r\\n]+", " "));
    }

    /** Sends one datagram; returns whether it went out. Failures are logged, never thrown. */
    private boolean send(String message) {
        if (address == null) {
            return false;
        }
        byte[] payload = message.getBytes(StandardCharsets.UTF_8);
        try {
            int fd = LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            try {
                LibC.INSTANCE.sendto(fd, payload, new NativeLong(payload.length), MSG_NOSIGNAL, address, address.length);
            } finally {
                LibC.INSTANCE.close(fd);
            }
            return true;
        } catch (LastErrorException | LinkageError e) {
            Logger.warn("could not notify systemd ({}): {}", message, e.getMessage());
            return false;
        }
    }

    /** Builds a sockaddr_un: '/' is a file path, '@' an abstract name (leading NUL). */
    private static byte[] socketAddress(String socket) {
        if (socket == null || socket.isEmpty()) {
            return null;
        }
        if (socket.charAt(0) != '/' && socket.charAt(0) != '@') {
            Logger.warn("ignoring NOTIFY_SOCKET={}: not a path or an abstract socket name", socket);
            return null;
        }
        byte[] path = socket.getBytes(StandardCharsets.UTF_8);
        boolean isAbstract = path[0] == '@';
        if (isAbstract) {
            path[0] = 0;
        }
        // A file path carries its terminating NUL; an abstract name is exactly its bytes.
        int pathLength = isAbstract ? path.length : path.length + 1;
        if (pathLength > SUN_PATH_MAX) {
            Logger.warn("ignoring NOTIFY_SOCKET={}: longer than {} bytes", socket, SUN_PATH_MAX);
            return null;
        }
        ByteBuffer sockaddr = ByteBuffer.allocate(2 + pathLength).order(ByteOrder.nativeOrder());
        sockaddr.putShort((short) AF_UNIX).put(path);
        return sockaddr.array();
    }

    private static Optional<Duration> watchdog(String usec, String watchdogPid, long pid) {
        if (usec == null) {
            return Optional.empty();
        }
        try {
            if (watchdogPid != null && Long.parseLong(watchdogPid.strip()) != pid) {
                return Optional.empty();
            }
            long micros = Long.parseLong(usec.strip());
            return micros > 0 ? Optional.of(Duration.ofNanos(Math.multiplyExact(micros, 1000L))) : Optional.empty();
        } catch (NumberFormatException | ArithmeticException e) {
            Logger.warn("ignoring WATCHDOG_USEC={} / WATCHDOG_PID={}: not numbers", usec, watchdogPid);
            return Optional.empty();
        }
    }

    /** The libc calls sd_notify makes. Loaded on first use, so a run without systemd never loads JNA. */
    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength)
                throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }
}
