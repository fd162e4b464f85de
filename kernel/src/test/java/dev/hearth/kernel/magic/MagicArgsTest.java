package dev.hearth.kernel.magic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MagicArgsTest {

    private static final MagicSpec SPEC = MagicSpec.builder("ai", MagicSpec.Kind.LINE_AND_CELL)
            .usage("%%ai [MODEL] [--into VAR] [-k N] [--temperature T] [--dry-run]")
            .option("into", MagicParam.Type.STRING, "variable")
            .option("k", "k", MagicParam.Type.INT, "count")
            .option("temperature", MagicParam.Type.DOUBLE, "t")
            .flag("dry-run", "show only")
            .option("memory", MagicParam.Type.OPTIONAL_STRING, "notes")
            .build();

    @Test
    void parsesOptionsFlagsAndQuotedPositionals() {
        MagicArgs args = MagicArgs.parse("ollama:llama3 --into answer -k 5 \"two words\" 'single quoted' --dry-run", SPEC);
        assertEquals("answer", args.string("into").orElseThrow());
        assertEquals(5, args.integer("k", 0));
        assertTrue(args.flag("dry-run"));
        assertEquals(List.of("ollama:llama3", "two words", "single quoted"), args.positionals());
    }

    @Test
    void acceptsEqualsFormAndNegativeNumbers() {
        MagicArgs args = MagicArgs.parse("--temperature=-0.5 -k 3", SPEC);
        assertEquals(-0.5, args.decimal("temperature").orElseThrow());
        assertEquals(3, args.integer("k", 0));
    }

    @Test
    void optionalValueIsGivenOnlyWithEquals() {
        MagicArgs bare = MagicArgs.parse("--memory ollama:llama3", SPEC);
        assertEquals("", bare.string("memory").orElseThrow());
        assertEquals(List.of("ollama:llama3"), bare.positionals(), "the next word is not taken as the value");
        assertEquals("journal", MagicArgs.parse("--memory=journal", SPEC).string("memory").orElseThrow());
        assertFalse(MagicArgs.parse("", SPEC).string("memory").isPresent());
    }

    @Test
    void doubleDashEndsOptions() {
        MagicArgs args = MagicArgs.parse("-- --into is text", SPEC);
        assertFalse(args.string("into").isPresent());
        assertEquals("--into is text", args.rest(0));
    }

    @Test
    void unknownOptionIsNamedWithUsage() {
        MagicUsageException e = assertThrows(MagicUsageException.class, () -> MagicArgs.parse("--temp 1", SPEC));
        assertTrue(e.getMessage().contains("unknown option --temp"), e.getMessage());
        assertTrue(e.userMessage().contains("Usage: %%ai"), e.userMessage());
    }

    @Test
    void badNumberNamesTheOption() {
        MagicUsageException e = assertThrows(MagicUsageException.class, () -> MagicArgs.parse("-k many", SPEC));
        assertTrue(e.getMessage().contains("--k expects a whole number, not 'many'"), e.getMessage());
    }

    @Test
    void missingValueNamesTheOption() {
        MagicUsageException e = assertThrows(MagicUsageException.class, () -> MagicArgs.parse("--into", SPEC));
        assertTrue(e.getMessage().contains("--into needs a value"), e.getMessage());
    }

    @Test
    void aQuotedValueAfterEqualsIsOneWord() {
        assertEquals(List.of("web.fetch", "url=http://x/a b", "note=it's"),
                ArgTokenizer.split("web.fetch url=\"http://x/a b\" note=it's"));
        assertEquals(List.of("title=two words", "n=3"), ArgTokenizer.split("title='two words' n=3"));
    }

    @Test
    void apostrophesAndUnclosedQuotesInProseAreCharacters() {
        assertEquals(List.of("What's", "the", "\"plan?"), MagicArgs.parse("What's the \"plan?", SPEC).positionals());
        assertEquals(List.of("don't", "panic"), MagicArgs.parse("don't panic", SPEC).positionals());
    }

    @Test
    void registryRejectsUnknownMagicAndWrongKind() {
        MagicRegistry registry = new MagicRegistry();
        registry.register(new TimeMagic((code, ctx) -> null));
        registry.register(HelpMagic.lsmagic(registry));
        MagicUsageException unknown = assertThrows(MagicUsageException.class,
                () -> registry.invoke("tim", false, "", "", null));
        assertTrue(unknown.getMessage().contains("Unknown magic %tim"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("Did you mean %time?"), unknown.getMessage());
        MagicUsageException kind = assertThrows(MagicUsageException.class,
                () -> registry.invoke("lsmagic", true, "", "", null));
        assertTrue(kind.getMessage().contains("line magic"), kind.getMessage());
        assertEquals(List.of("%lsmagic", "%time", "%%time"), registry.invocations());
    }
}
