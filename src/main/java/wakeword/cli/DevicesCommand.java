package wakeword.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import wakeword.audio.AlsaCaptureSource;
import wakeword.audio.CaptureDevice;
import wakeword.daemon.AudioInputs;

/** Lists what Java Sound (ALSA) offers, marking what can capture, so the config's {@code device} can be chosen. */
@Command(name = "devices", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Lists the sound devices, marks which can capture (and could be opened just now), with"
                + " their formats, as the 'device' key sees them."})
final class DevicesCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Logging.configure("warn", true);
        List<CaptureDevice> devices = AlsaCaptureSource.listDevices(AudioInputs.STDIN_RATE);
        devices.forEach(System.out::println);
        if (devices.stream().noneMatch(CaptureDevice::captures)) {
            System.out.println("no capture device: plug in a microphone, check that 'arecord -l' lists it and that this"
                    + " user is in group 'audio'");
        } else if (devices.stream().noneMatch(CaptureDevice::usable)) {
            System.out.println("no capture device can be opened now: another program holds it (fuser -v /dev/snd/*;"
                    + " the wakeword service: sudo systemctl stop wakeword)");
        } else {
            System.out.println("set 'device' in the config to a unique part of a [capture ok] name (or default for"
                    + " ALSA's default device)");
        }
        return ExitStatus.OK;
    }
}
