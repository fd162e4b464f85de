package dev.hearth.plugins.files;

import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real directory tree for the files actions: {@code base/root} (the sandbox) with notes and a
 * sub-folder, {@code base/outside/secret.txt}, {@code base/root-sibling/secret.txt} (shares the
 * root's name as a prefix), and links inside the root that point in and out.
 */
final class FilesFixture {

    final Path root;
    final Path outside;

    FilesFixture(Path base) {
        try {
            root = Files.createDirectories(base.resolve("root"));
            outside = Files.createDirectories(base.resolve("outside"));
            Files.writeString(outside.resolve("secret.txt"), "the secret password\n");
            Files.createDirectories(base.resolve("root-sibling"));
            Files.writeString(base.resolve("root-sibling/secret.txt"), "sibling secret\n");
            Files.writeString(root.resolve("todo.md"), "# Todo\n- buy milk\n- call Ada about the garden\n");
            Files.createDirectories(root.resolve("notes"));
            Files.writeString(root.resolve("notes/garden.txt"), "Plant tulips in October.\nThe Garden needs water.\n");
            Files.write(root.resolve("notes/photo.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
            Files.createSymbolicLink(root.resolve("escape"), outside);
            Files.createSymbolicLink(root.resolve("secret-link.txt"), outside.resolve("secret.txt"));
            Files.createSymbolicLink(root.resolve("dangling.txt"), outside.resolve("new.txt"));
            Files.createSymbolicLink(root.resolve("todo-link.md"), root.resolve("todo.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ActionContext context() {
        return ActionContext.builder().settings(ActionSettings.of(Map.of("root", root.toString()))).build();
    }
}
