package wakeword.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigEditorTest {

    private static Map<String, String> values(String threshold, String smoothing) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("threshold", threshold);
        m.put("smoothing", smoothing);
        return m;
    }

    @Test
    void replacesASetKeyInPlaceAndPutsAnUnsetOneUnderItsExample() {
        String text = "# top\nthreshold = 0.5\n\n# smoothing = 3\n# end\n";
        assertEquals("# top\nthreshold = 0.8\n\n# smoothing = 3\nsmoothing = 4\n# end\n",
                ConfigEditor.set(text, values("0.8", "4"), "x.conf"));
    }

    @Test
    void appendsAKeyWithNoExampleAndKeepsWindowsLineEnds() {
        assertEquals("log.level = info\r\nthreshold = 0.7\r\nsmoothing = 2\r\n",
                ConfigEditor.set("log.level = info\r\n", values("0.7", "2"), "x.conf"));
    }

    @Test
    void refusesAValueTheParserWouldRefuse() {
        assertThrows(ConfigException.class, () -> ConfigEditor.set("", values("1.5", "2"), "x.conf"));
    }
}
