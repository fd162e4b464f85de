package dev.hearth.kernel.memory;

/**
 * The version of how notes are cut and dressed into chunks (syntax clean-up, context header,
 * keyword fields). The manifest records it per file; a file ingested under another version is
 * embedded again on the next ingest, so a collection never mixes the old format with the new.
 */
final class ChunkFormat {

    /**
     * 2: Obsidian/Logseq syntax cleaned (comments, callouts, block ids, link aliases, embeds),
     * context header "Title > Heading" with aliases, keyword fields, relative path and folder.
     * 3: keyword index with English stemming and stop words.
     */
    static final int VERSION = 3;

    private ChunkFormat() {
    }
}
