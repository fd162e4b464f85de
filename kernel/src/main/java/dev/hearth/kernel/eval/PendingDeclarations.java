package dev.hearth.kernel.eval;

import jdk.jshell.JShell;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the rooms declare in every session ({@code ai}, {@code memory}, {@code display(...)}, ...)
 * and JShell has not compiled yet. Each declaration costs a compile (30–60 ms); made all at start,
 * they held the first cell back by ~0.7 s. So each is made when a cell (or a lookup) first names
 * it, the rest in the background once the session is quiet ({@link JShellEvaluator#prepare}).
 * Names are matched generously: declaring one that was not needed costs a compile, missing one
 * would fail a cell. Not thread-safe: the evaluator calls it under its session lock.
 */
final class PendingDeclarations {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    /** One declaration: the names a cell would use it by, its source (for what it needs), how to make it. */
    private record Item(Set<String> names, String source, Consumer<JShell> declare) {
    }

    private final List<Item> items = new ArrayList<>();

    /** Nothing pending. */
    static PendingDeclarations none() {
        return new PendingDeclarations();
    }

    /** A variable {@code name}, made by {@code declare}. */
    PendingDeclarations variable(String name, Consumer<JShell> declare) {
        items.add(new Item(Set.of(name), "", declare));
        return this;
    }

    /**
     * A snippet of Java (a method, a class, a variable with its initialiser), made by
     * {@code declare}: found by every identifier of its head, before its body or initialiser, but
     * package names ({@code dev.hearth.DisplayHandle display(Object value)} is wanted by
     * {@code display}, and also by {@code value}: harmless).
     */
    PendingDeclarations snippet(String source, Consumer<JShell> declare) {
        int end = source.length();
        for (char stop : new char[] {'{', '=', ';'}) {
            int at = source.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        Set<String> names = new HashSet<>();
        Matcher matcher = IDENTIFIER.matcher(source.substring(0, end));
        while (matcher.find()) {
            if (!source.startsWith(".", matcher.end())) {
                names.add(matcher.group());
            }
        }
        items.add(new Item(names, source, declare));
        return this;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** Makes every pending declaration that {@code code} names (and what those need). */
    void declareNamedIn(JShell jshell, String code) {
        if (items.isEmpty()) {
            return;
        }
        Set<String> words = identifiers(code);
        for (Item item : List.copyOf(items)) {
            if (items.contains(item) && !Collections.disjoint(item.names(), words)) {
                declare(jshell, item);
            }
        }
    }

    /** Makes the next pending declaration; false when none is left. */
    boolean declareNext(JShell jshell) {
        if (items.isEmpty()) {
            return false;
        }
        declare(jshell, items.get(0));
        return true;
    }

    /** Makes every pending declaration. */
    void declareAll(JShell jshell) {
        while (declareNext(jshell)) {
            // one at a time, in the rooms' order
        }
    }

    private void declare(JShell jshell, Item item) {
        items.remove(item);
        declareNamedIn(jshell, item.source()); // what it uses first, e.g. display(...) needs $hearth
        item.declare().accept(jshell);
    }

    private static Set<String> identifiers(String code) {
        Set<String> words = new HashSet<>();
        Matcher matcher = IDENTIFIER.matcher(code);
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }
}
