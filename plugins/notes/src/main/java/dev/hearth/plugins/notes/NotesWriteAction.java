package dev.hearth.plugins.notes;

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
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code notes.write}: an answer saved as a Markdown note in the user's vault, with its provenance. */
@Extension
public class NotesWriteAction implements Action {

    private static final ActionSpec SPEC = ActionSpec.builder("notes.write")
            .description("Saves a text (e.g. an answer) as a Markdown note in the user's vault (setting notes.vault), "
                    + "with front matter recording the date, the model, the notebook and the sources as [[wikilinks]]. "
                    + "Never overwrites a note the user wrote or edited: it writes 'Title 2.md' instead, or refuses. "
                    + "Returns the note's path.")
            .required("title", ParamType.STRING, "the note's title, also its file name")
            .required("content", ParamType.STRING, "the note's text (Markdown)")
            .optional("sources", ParamType.STRING, "the notes it drew on, comma separated (names or paths)", "")
            .optional("model", ParamType.STRING, "the model that wrote it", "")
            .optional("notebook", ParamType.STRING, "the notebook it came from", "")
            .optional("folder", ParamType.STRING, "the folder inside the vault", "Hearth")
            .param(dev.hearth.api.ActionParam.optional("if_exists", ParamType.STRING,
                    "when the note exists: new (write 'Title 2.md'), refuse, or replace (only a note Hearth wrote and nobody edited)",
                    "new").oneOf("new", "refuse", "replace"))
            .sideEffects()
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public ActionResult invoke(ActionInput input, ActionContext context) {
        context.checkCancelled(SPEC.name());
        Path vault = context.settings().getPath("vault").orElseThrow(() -> new ActionException(
                "notes.write: no vault set; set notes.vault to your notes folder, e.g. %config notes.vault=~/Obsidian/Vault"))
                .toAbsolutePath().normalize();
        if (!Files.isDirectory(vault)) {
            throw new ActionException("notes.write: the vault " + vault + " (notes.vault) is not a folder");
        }
        String title = input.require("title").strip();
        String fileName = title.replaceAll("[\\\\/:*?\"<>|#^\\[\\]]", " ").replaceAll("\\s+", " ").strip();
        if (fileName.isEmpty() || fileName.startsWith(".")) {
            throw new ActionException("notes.write: the title '" + title + "' gives no usable file name");
        }
        fileName = fileName.length() > 120 ? fileName.substring(0, 120).strip() : fileName;
        Path folder = vault.resolve(input.string("folder").orElse("Hearth")).normalize();
        if (!folder.startsWith(vault)) {
            throw new ActionException("notes.write: folder must stay inside the vault " + vault);
        }
        List<String> sources = Arrays.stream(input.string("sources").orElse("").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        String text = NoteFile.render(new NoteFile.Note(title, input.require("content"), LocalDate.now().toString(),
                input.string("model").orElse(""), input.string("notebook").orElse(""), sources));
        Path target = target(folder, fileName, input.string("if_exists").orElse("new"));
        try {
            AtomicFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ActionException("notes.write: cannot write " + target + ": " + e.getMessage());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", target.toString());
        data.put("title", title);
        data.put("sources", sources.stream().map(NoteFile::wikilink).toList());
        return ActionResult.of("saved the note " + vault.relativize(target), data);
    }

    private static Path target(Path folder, String fileName, String ifExists) {
        Path plain = folder.resolve(fileName + ".md");
        if (!Files.exists(plain)) {
            return plain;
        }
        boolean untouched;
        try {
            untouched = NoteFile.untouched(Files.readString(plain, StandardCharsets.UTF_8));
        } catch (IOException e) {
            untouched = false;
        }
        switch (ifExists) {
            case "refuse" -> throw new ActionException("notes.write: " + plain + " exists; nothing written (if_exists=new writes '"
                    + fileName + " 2.md')");
            case "replace" -> {
                if (untouched) {
                    return plain;
                }
                throw new ActionException("notes.write: " + plain + " was written or edited by you; it is never replaced "
                        + "(if_exists=new writes '" + fileName + " 2.md')");
            }
            default -> {
                for (int n = 2; ; n++) {
                    Path next = folder.resolve(fileName + " " + n + ".md");
                    if (!Files.exists(next)) {
                        return next;
                    }
                }
            }
        }
    }
}
