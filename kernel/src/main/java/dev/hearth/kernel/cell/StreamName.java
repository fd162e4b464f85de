package dev.hearth.kernel.cell;

/** The two text streams of a cell, named as in Jupyter's {@code stream} message. */
public enum StreamName {
    STDOUT("stdout"),
    STDERR("stderr");

    private final String wireName;

    StreamName(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the protocol. */
    public String wireName() {
        return wireName;
    }
}
