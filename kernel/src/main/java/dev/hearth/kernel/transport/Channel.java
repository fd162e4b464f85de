package dev.hearth.kernel.transport;

/** The five Jupyter channels. */
public enum Channel {
    SHELL, CONTROL, STDIN, IOPUB, HEARTBEAT
}
