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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code files.write}: writes a text file under the root, atomically. */
@Extension
public class FilesWriteAction implements Action {

    private static final ActionSpec SPEC = ActionSpec.builder("files.write")
            .description("Writes UTF-8 text to a file under the configured root (files.root), creating folders as "
                    + "needed. The file is replaced atomically: readers see the old or the new content, never half. "
                    + "Refuses to replace an existing file unless overwrite=true.")
            .required("path", ParamType.STRING, "file path relative to the root")
            .required("content", ParamType.STRING, "the text to write")
            .optional("overwrite", ParamType.BOOLEAN, "replace the file if it exists", false)
            .sideEffects()
            .build();

    /** Lines of the new content shown when the user is asked to approve a model's write. */
    static final int PREVIEW_LINES = 5;

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public ActionResult invoke(ActionInput input, ActionContext context) throws IOException {
        context.checkCancelled(SPEC.name());
        Sandbox sandbox = Sandbox.of(context);
        Target target = target(input, sandbox);
        byte[] bytes = input.require("content").getBytes(StandardCharsets.UTF_8);
        sandbox.write(input.require("path"), target.file(), bytes);
        return ActionResult.of((target.existed() ? "replaced " : "wrote ") + target.shown() + " (" + bytes.length + " bytes)",
                Map.of("path", target.shown(), "bytes", bytes.length, "replaced", target.existed()));
    }

    /** The file, whether it exists and will be replaced, the size and the first lines of the new content. */
    @Override
    public List<String> preview(ActionInput input, ActionContext context) {
        Target target = target(input, Sandbox.of(context));
        String content = input.require("content");
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        List<String> lines = lines(content);
        String size = bytes + " bytes, " + lines.size() + (lines.size() == 1 ? " line" : " lines");
        List<String> preview = new ArrayList<>();
        if (target.existed()) {
            long now;
            try {
                now = Files.size(target.file());
            } catch (IOException e) {
                now = -1;
            }
            preview.add("REPLACE the existing file " + target.shown() + (now >= 0 ? " (now " + now + " bytes)" : "")
                    + " with " + size);
        } else {
            preview.add("create the new file " + target.shown() + " with " + size);
        }
        lines.stream().limit(PREVIEW_LINES).forEach(line -> preview.add("| " + line));
        if (lines.size() > PREVIEW_LINES) {
            preview.add("| ... (" + (lines.size() - PREVIEW_LINES) + " more lines)");
        }
        return preview;
    }

    /** The lines split at \n only, so a carriage return stays visible (escaped) in the preview. */
    private static List<String> lines(String content) {
        if (content.isEmpty()) {
            return List.of();
        }
        String body = content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        return List.of(body.split("\n", -1));
    }

    /** The file a call writes, as shown to the user, and whether it exists. */
    private record Target(Path file, String shown, boolean existed) {
    }

    private static Target target(ActionInput input, Sandbox sandbox) {
        String given = input.require("path");
        Path file = sandbox.resolve(given);
        if (Files.isDirectory(file)) {
            throw new ActionException("files.write: '" + given + "' is a directory");
        }
        boolean existed = Files.exists(file);
        if (existed && !input.bool("overwrite", false)) {
            throw new ActionException("files.write: '" + given + "' exists; pass overwrite=true to replace it");
        }
        if (existed) {
            try {
                file = file.toRealPath(); // a link inside the root: write its target, keep the link
            } catch (IOException e) {
                throw new ActionException("files.write: '" + given + "' cannot be resolved: " + e.getMessage());
            }
        }
        return new Target(file, sandbox.relative(file), existed);
    }
}
