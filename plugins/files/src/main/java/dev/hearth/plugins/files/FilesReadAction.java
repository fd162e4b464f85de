package dev.hearth.plugins.files;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionInput;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.ParamType;
import org.pf4j.Extension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code files.read}: the text of a file under the root. */
@Extension
public class FilesReadAction implements Action {

    private static final ActionSpec SPEC = ActionSpec.builder("files.read")
            .description("Reads a UTF-8 text file under the configured root (files.root) and returns its content, "
                    + "cut after max_chars characters.")
            .required("path", ParamType.STRING, "file path relative to the root")
            .optional("max_chars", ParamType.INTEGER, "most characters returned (1 to 10000000)", 100_000)
            .build();

    /** The most characters one read may return (about 40 MB of UTF-8 read at most). */
    static final long MAX_CHARS = 10_000_000;

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public ActionResult invoke(ActionInput input, ActionContext context) throws IOException {
        context.checkCancelled(SPEC.name());
        Sandbox sandbox = Sandbox.of(context);
        String given = input.require("path");
        Path file = sandbox.resolve(given);
        if (!Files.isRegularFile(file)) {
            throw new ActionException("files.read: no file '" + given + "' under files.root");
        }
        long maxChars = Limits.of(input, SPEC.name(), "max_chars", 100_000, MAX_CHARS);
        byte[] bytes;
        long size;
        try (SeekableByteChannel channel = sandbox.openForReading(given, file);
             InputStream in = Channels.newInputStream(channel)) {
            size = channel.size();
            bytes = in.readNBytes((int) (maxChars * 4));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            if (bytes.length < maxChars * 4) {
                throw new ActionException("files.read: '" + given + "' is not UTF-8 text");
            }
            text = new String(bytes, StandardCharsets.UTF_8); // the cut may split a character
        }
        boolean cut = text.length() > maxChars || size > bytes.length;
        if (text.length() > maxChars) {
            text = text.substring(0, (int) maxChars);
        }
        String shown = cut ? text + "\n... (cut at " + maxChars + " characters)" : text;
        return ActionResult.of(shown, Map.of("path", sandbox.relative(file), "content", text, "truncated", cut));
    }
}
