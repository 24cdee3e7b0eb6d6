package wakeword.daemon;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.tinylog.Logger;
import sun.misc.Signal;

/**
 * The daemon's signal handlers. The JVM silently installs no handler for HUP, INT or TERM when the process
 * started with that signal ignored, and {@code nohup} starts it with HUP ignored: a reload would then do
 * nothing at all. So a HUP or TERM the parent ignored is set back to its default first. INT is left as it
 * came: a shell ignores it for background jobs on purpose, so that Ctrl-C reaches only the foreground.
 */
public final class Signals {

    private static final long SIG_IGN = 1;
    /** Larger than struct sigaction on Linux (152 bytes on x86_64 and arm64); only its first field is read. */
    private static final int SIGACTION_BYTES = 256;

    private Signals() {
    }

    /** Runs {@code action} on each {@code name} signal ("HUP", "TERM", "INT"). */
    public static void handle(String name, Runnable action) {
        Signal signal = new Signal(name);
        if (!name.equals("INT") && ignored(signal.getNumber())) {
            LibC.INSTANCE.signal(signal.getNumber(), null);
            Logger.debug("SIG{} was ignored by the parent (nohup?): handling it again", name);
        }
        Signal.handle(signal, s -> action.run());
    }

    /** Whether the signal's disposition is SIG_IGN: sa_handler is the first field of struct sigaction. */
    private static boolean ignored(int number) {
        try {
            Memory old = new Memory(SIGACTION_BYTES);
            old.clear();
            return LibC.INSTANCE.sigaction(number, null, old) == 0 && Pointer.nativeValue(old.getPointer(0)) == SIG_IGN;
        } catch (UnsatisfiedLinkError e) {
            Logger.debug("cannot query SIG{} through libc: {}", number, e.getMessage());
            return false;
        }
    }

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int sigaction(int signum, Pointer act, Pointer oldact);

        Pointer signal(int signum, Pointer handler);
    }
}
