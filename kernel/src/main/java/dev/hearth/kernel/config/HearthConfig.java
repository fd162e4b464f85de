package dev.hearth.kernel.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel's settings, in three layers, later ones winning: the config file
 * ({@code HEARTH_HOME/config.properties}), {@code HEARTH_*} environment variables (key
 * {@code ollama.url} is {@code HEARTH_OLLAMA_URL}), and session overrides set with {@code %config}.
 *
 * <p>Rooms declare the keys they read with {@link #declare(ConfigKey)} so {@code %config} can list
 * them with their help. Keys declared secret are never shown in full.
 */
public final class HearthConfig {

    /** Name of the settings file inside the Hearth home. */
    public static final String FILE_NAME = "config.properties";
    /** Settings that magics save for later sessions ({@code %ai alias}), beside the settings file. */
    public static final String SAVED_FILE_NAME = "saved.properties";

    private final Path home;
    private final Map<String, String> fileValues;
    private final Map<String, String> savedValues = new ConcurrentHashMap<>();
    private final Map<String, String> envValues;
    private final Map<String, String> foreignEnv;
    private final Map<String, String> sessionValues = new ConcurrentHashMap<>();
    private final Map<String, ConfigKey> declared = new ConcurrentHashMap<>();

    /** Variables of other tools that Hearth honours, e.g. Ollama's own {@code OLLAMA_HOST}. */
    private static final java.util.Set<String> FOREIGN_VARIABLES = java.util.Set.of("OLLAMA_HOST");

    private HearthConfig(Path home, Map<String, String> fileValues, Map<String, String> envValues,
                         Map<String, String> foreignEnv) {
        this.home = home;
        this.fileValues = Collections.unmodifiableMap(fileValues);
        this.envValues = Collections.unmodifiableMap(envValues);
        this.foreignEnv = Map.copyOf(foreignEnv);
        this.savedValues.putAll(readProperties(home.resolve(SAVED_FILE_NAME)));
    }

    private static Map<String, String> readProperties(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
            }
            properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).strip()));
        }
        return values;
    }

    /** Reads the configuration for the real environment of this process. */
    public static HearthConfig load() {
        return load(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Reads the configuration from {@code env} (a copy of the environment) and the config file in
     * the Hearth home ({@code HEARTH_HOME}, else {@code userHome/.hearth}).
     *
     * @throws IllegalStateException when the config file exists but cannot be read
     */
    public static HearthConfig load(Map<String, String> env, Path userHome) {
        String homeSetting = env.get("HEARTH_HOME");
        Path home = homeSetting != null && !homeSetting.isBlank()
                ? Path.of(homeSetting).toAbsolutePath() : userHome.resolve(".hearth");
        Map<String, String> fileValues = readProperties(home.resolve(FILE_NAME));
        Map<String, String> envValues = new LinkedHashMap<>();
        Map<String, String> foreignEnv = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("HEARTH_") && !name.equals("HEARTH_HOME")) {
                envValues.put(keyForEnv(name), value);
            } else if (FOREIGN_VARIABLES.contains(name) && value != null) {
                foreignEnv.put(name, value);
            }
        });
        return new HearthConfig(home, fileValues, envValues, foreignEnv);
    }

    /** {@code HEARTH_OLLAMA_URL} to {@code ollama.url}. */
    public static String keyForEnv(String envName) {
        return envName.substring("HEARTH_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** {@code ollama.url} to {@code HEARTH_OLLAMA_URL}. */
    public static String envForKey(String key) {
        return "HEARTH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The Hearth home directory (may not exist yet). */
    public Path home() {
        return home;
    }

    /** Makes {@code key} known, with its help and default, so {@code %config} can show it. */
    public HearthConfig declare(ConfigKey key) {
        declared.put(key.name(), key);
        return this;
    }

    /** The declared keys, sorted by name. */
    public Map<String, ConfigKey> declaredKeys() {
        return Collections.unmodifiableMap(new TreeMap<>(declared));
    }

    /** The effective value of {@code key}: session, then environment, then file, then the declared default. */
    public Optional<String> get(String key) {
        String value = sessionValues.get(key);
        if (value == null) {
            value = envValues.get(key);
        }
        if (value == null) {
            value = savedValues.get(key);
        }
        if (value == null) {
            value = fileValues.get(key);
        }
        if (value == null) {
            ConfigKey declaredKey = declared.get(key);
            value = declaredKey == null ? null : declaredKey.defaultValue();
        }
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }

    /**
     * An environment variable of another tool that Hearth honours ({@code OLLAMA_HOST}), as it was
     * when the configuration was loaded.
     */
    public Optional<String> foreignVariable(String name) {
        return Optional.ofNullable(foreignEnv.get(name)).filter(v -> !v.isBlank());
    }

    /** The effective value of {@code key}, falling back to its declared default; {@code null} when neither. */
    public String value(ConfigKey key) {
        return get(key.name()).orElse(key.defaultValue());
    }

    /** {@link #value(ConfigKey)} as an int; a bad number is an error naming the key. */
    public int intValue(ConfigKey key) {
        return parse(key.name(), value(key), Integer::valueOf);
    }

    /** {@link #value(ConfigKey)} as a long; a bad number is an error naming the key. */
    public long longValue(ConfigKey key) {
        return parse(key.name(), value(key), Long::valueOf);
    }

    /** The keys with a value in any layer that start with {@code prefix}, sorted, with their effective values. */
    public Map<String, String> withPrefix(String prefix) {
        TreeMap<String, String> found = new TreeMap<>();
        for (Map<String, String> layer : java.util.List.of(fileValues, savedValues, envValues, sessionValues)) {
            layer.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(k -> get(k).ifPresent(v -> found.put(k, v)));
        }
        return found;
    }

    /** The effective value of {@code key}, or {@code fallback}. */
    public String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    /** The effective value of {@code key} as an int, or {@code fallback}; a bad number is an error naming the key. */
    public int getInt(String key, int fallback) {
        return get(key).map(v -> parse(key, v, Integer::valueOf)).orElse(fallback);
    }

    /** The effective value of {@code key} as a long, or {@code fallback}. */
    public long getLong(String key, long fallback) {
        return get(key).map(v -> parse(key, v, Long::valueOf)).orElse(fallback);
    }

    /** The effective value of {@code key} as a double, or {@code fallback}. */
    public double getDouble(String key, double fallback) {
        return get(key).map(v -> parse(key, v, Double::valueOf)).orElse(fallback);
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
        if (value == null) {
            throw new IllegalArgumentException("Setting " + key + " is not set (check %config, " + envForKey(key)
                    + " and " + FILE_NAME + ")");
        }
        try {
            return parser.apply(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting " + key + " must be a number, not '" + value
                    + "' (check %config, " + envForKey(key) + " and " + FILE_NAME + ")");
        }
    }

    /** Where the effective value of {@code key} comes from: session, environment, file, default or unset. */
    public String sourceOf(String key) {
        if (sessionValues.containsKey(key)) {
            return "session";
        }
        if (envValues.containsKey(key)) {
            return "environment (" + envForKey(key) + ")";
        }
        if (savedValues.containsKey(key)) {
            return "saved (" + SAVED_FILE_NAME + ")";
        }
        if (fileValues.containsKey(key)) {
            return "file";
        }
        return declared.containsKey(key) && declared.get(key).defaultValue() != null ? "default" : "unset";
    }

    /** Sets a session override (what {@code %config KEY=VALUE} does). */
    public void set(String key, String value) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("A setting needs a name, e.g. %config ollama.url=http://localhost:11434");
        }
        sessionValues.put(key.strip(), value == null ? "" : value.strip());
    }

    /**
     * Saves {@code key=value} for this and later sessions in {@value #SAVED_FILE_NAME} (written
     * atomically); a session override of the key is dropped so the saved value shows.
     */
    public synchronized void save(String key, String value) {
        savedValues.put(key, value.strip());
        sessionValues.remove(key);
        writeSaved();
    }

    /** Forgets a saved setting (and its session override); true when there was one. */
    public synchronized boolean forget(String key) {
        boolean had = savedValues.remove(key) != null | sessionValues.remove(key) != null;
        writeSaved();
        return had;
    }

    private void writeSaved() {
        Properties properties = new Properties();
        properties.putAll(savedValues);
        try {
            dev.hearth.api.AtomicFiles.write(home.resolve(SAVED_FILE_NAME), out ->
                    properties.store(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8),
                            "Saved by Hearth's magics (%ai alias); edit or delete freely"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot save settings in " + home.resolve(SAVED_FILE_NAME)
                    + ": " + e.getMessage(), e);
        }
    }

    /** Removes a session override. */
    public void unset(String key) {
        sessionValues.remove(key);
    }

    /** Whether the value of {@code key} must never be shown. */
    public boolean isSecret(String key) {
        ConfigKey declaredKey = declared.get(key);
        if (declaredKey != null && declaredKey.secret()) {
            return true;
        }
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("key") || lower.contains("token") || lower.contains("secret")
                || lower.contains("password");
    }

    /** The values of every secret key set in any layer (file, environment, session), for redacting them from text. */
    public java.util.Set<String> secretValues() {
        java.util.Set<String> values = new java.util.HashSet<>();
        for (Map<String, String> layer : java.util.List.of(fileValues, envValues, sessionValues)) {
            layer.forEach((k, v) -> {
                if (isSecret(k) && v != null && !v.isBlank()) {
                    values.add(v);
                }
            });
        }
        return values;
    }

    /** The value of {@code key} as it may be shown: secrets masked. */
    public String display(String key) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return "(unset)";
        }
        return isSecret(key) ? "******** (set)" : value.get();
    }

    /** Every key that has a value or is declared, sorted. */
    public Map<String, String> effectiveForDisplay() {
        TreeMap<String, String> all = new TreeMap<>();
        for (Map<String, String> layer : java.util.List.of(fileValues, savedValues, envValues, sessionValues)) {
            layer.keySet().forEach(k -> all.put(k, display(k)));
        }
        declared.keySet().forEach(k -> all.put(k, display(k)));
        return all;
    }
}
