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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code files.list}: the entries of a directory under the root. */
@Extension
public class FilesListAction implements Action {

    private static final ActionSpec SPEC = ActionSpec.builder("files.list")
            .description("Lists the files and folders in a directory under the configured root (files.root). "
                    + "Returns one line per entry: its path relative to the root, 'dir' or its size in bytes.")
            .optional("path", ParamType.STRING, "directory relative to the root", ".")
            .optional("max_entries", ParamType.INTEGER, "most entries listed (1 to 100000)", 200)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public ActionResult invoke(ActionInput input, ActionContext context) throws IOException {
        context.checkCancelled(SPEC.name());
        Sandbox sandbox = Sandbox.of(context);
        Path dir = sandbox.resolve(input.require("path"));
        if (!Files.isDirectory(dir)) {
            throw new ActionException("files.list: '" + input.require("path") + "' is not a directory");
        }
        long max = Limits.of(input, SPEC.name(), "max_entries", 200, 100_000);
        List<Map<String, Object>> entries = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Path, BasicFileAttributes> child : sandbox.list(input.require("path"), dir).entrySet()) {
            if (entries.size() >= max) {
                text.append("... (more entries; raise max_entries)\n");
                break;
            }
            BasicFileAttributes attrs = child.getValue();
            String kind = attrs.isDirectory() ? "dir" : attrs.isSymbolicLink() ? "link" : "file";
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", sandbox.relative(child.getKey()));
            entry.put("type", kind);
            entry.put("size", attrs.size());
            entries.add(entry);
            text.append(entry.get("path")).append(kind.equals("file") ? "  " + attrs.size() + " bytes" : "  " + kind)
                    .append('\n');
        }
        if (entries.isEmpty()) {
            text.append("(empty directory)\n");
        }
        return ActionResult.of(text.toString(), entries);
    }
}
