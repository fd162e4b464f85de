package dev.hearth.kernel.config;

import java.util.Objects;

/**
 * A setting a room reads from {@link HearthConfig}.
 *
 * @param name         dotted key, e.g. {@code ollama.url}
 * @param description  one line for {@code %config}
 * @param defaultValue the value when nothing sets it, or {@code null}
 * @param secret       whether the value must never be shown (API keys)
 */
public record ConfigKey(String name, String description, String defaultValue, boolean secret) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
    }

    /** A non-secret key. */
    public static ConfigKey of(String name, String description, String defaultValue) {
        return new ConfigKey(name, description, defaultValue, false);
    }

    /** A secret key with no default. */
    public static ConfigKey secret(String name, String description) {
        return new ConfigKey(name, description, null, true);
    }
}
