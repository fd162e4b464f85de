package dev.hearth.kernel.config;

import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps configured secrets out of text that leaves the session: the history file, the progress
 * line of {@code hearth run}, error messages shown in a cell. It follows the rule {@code %config}
 * uses for display ({@link HearthConfig#isSecret}): in {@code %config KEY=VALUE} (or
 * {@code %config KEY VALUE}) for a secret key the value becomes {@value #MASK}, and every secret
 * value set in any layer (file, environment, session) is replaced wherever it appears, such as a
 * model server's error that echoes the {@code Authorization} header.
 */
public final class SecretRedactor implements UnaryOperator<String> {

    /** What a secret is replaced with. */
    public static final String MASK = "********";
    /** Shorter values are not searched for in text: they would match ordinary words. */
    static final int MIN_SECRET_LENGTH = 4;

    private static final Pattern CONFIG_SET = Pattern.compile(
            "^(\\s*%config\\s+)(?!--)([^\\s=]+)(\\s*=\\s*|\\s+)(\\S.*)$", Pattern.MULTILINE);

    private final HearthConfig config;

    public SecretRedactor(HearthConfig config) {
        this.config = config;
    }

    /** {@code text} with secrets masked; {@code null} stays {@code null}. */
    @Override
    public String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher line = CONFIG_SET.matcher(text);
        StringBuilder masked = new StringBuilder();
        while (line.find()) {
            String replacement = config.isSecret(line.group(2))
                    ? line.group(1) + line.group(2) + line.group(3) + MASK : line.group();
            line.appendReplacement(masked, Matcher.quoteReplacement(replacement));
        }
        line.appendTail(masked);
        String out = masked.toString();
        // longest first, so a secret that contains another is masked whole
        List<String> secrets = config.secretValues().stream().filter(v -> v.strip().length() >= MIN_SECRET_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}
