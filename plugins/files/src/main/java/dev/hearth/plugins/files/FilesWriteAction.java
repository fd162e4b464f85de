package dev.hearth.plugins.files;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionInput;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.AtomicFiles;
import dev.hearth.api.ParamType;
import org.pf4j.Extension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        if (Files.isDirectory(file)) {
            throw new ActionException("files.write: '" + given + "' is a directory");
        }
        boolean existed = Files.exists(file);
        if (existed && !input.bool("overwrite", false)) {
            throw new ActionException("files.write: '" + given + "' exists; pass overwrite=true to replace it");
        }
        if (existed) {
            file = file.toRealPath(); // a link inside the root: write its target, keep the link
        }
        byte[] bytes = input.require("content").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, bytes);
        String rel = sandbox.relative(file);
        return ActionResult.of((existed ? "replaced " : "wrote ") + rel + " (" + bytes.length + " bytes)",
                Map.of("path", rel, "bytes", bytes.length, "replaced", existed));
    }
}
