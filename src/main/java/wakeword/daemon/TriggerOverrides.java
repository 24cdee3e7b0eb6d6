package wakeword.daemon;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Trigger values the config sets; an empty one keeps the model manifest's default. */
public record TriggerOverrides(OptionalDouble threshold, OptionalInt smoothing, OptionalInt refractoryMs,
                               OptionalInt warmupMs) {
    public static final TriggerOverrides NONE = new TriggerOverrides(OptionalDouble.empty(), OptionalInt.empty(),
            OptionalInt.empty(), OptionalInt.empty());
}
