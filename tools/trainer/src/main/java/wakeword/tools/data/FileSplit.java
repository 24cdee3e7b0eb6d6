package wakeword.tools.data;

import java.nio.file.Path;

/**
 * Puts recordings that carry no speaker id (wake_words/, speech/picovoice_coffee/) into train, validation or test by
 * {@link SpeakerSplit}'s hash of the file name, so they get the same 80/10/10 buckets and every tool agrees on them
 * without a stored list. One person may have said several of these files, so unlike the speaker split this one can
 * put a voice on two sides: the file name is the finest key the data has.
 */
public record FileSplit(SpeakerSplit split) {

    public SpeakerSplit.Part partOf(Path file) {
        return split.partOf(file.getFileName().toString());
    }
}
