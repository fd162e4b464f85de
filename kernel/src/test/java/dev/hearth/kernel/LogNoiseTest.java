package dev.hearth.kernel;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogNoiseTest {

    @Test
    void nonActionableLibraryWarningsAreDebugOnly() {
        LogNoise atWarning = new LogNoise(() -> Level.WARNING);
        for (String noise : new String[]{"No '[]' root", "Failed to detect GPU count: CUDA driver version is insufficient",
                "maxLength is not explicitly specified, use modelMaxLength: 512"}) {
            LogRecord record = new LogRecord(Level.WARNING, noise);
            assertFalse(atWarning.isLoggable(record), noise);
            assertEquals(Level.FINE, record.getLevel());
            assertTrue(new LogNoise(() -> Level.FINE).isLoggable(new LogRecord(Level.WARNING, noise)), "shown at DEBUG");
        }
    }

    @Test
    void otherWarningsAndAllErrorsStay() {
        LogNoise atWarning = new LogNoise(() -> Level.WARNING);
        assertTrue(atWarning.isLoggable(new LogRecord(Level.WARNING, "No plugin found in /x.jar")));
        assertTrue(atWarning.isLoggable(new LogRecord(Level.WARNING, "dropped a message on SHELL: bad signature")));
        LogRecord error = new LogRecord(Level.SEVERE, "Failed to detect GPU count: broken");
        assertTrue(atWarning.isLoggable(error));
        assertEquals(Level.SEVERE, error.getLevel());
    }
}
