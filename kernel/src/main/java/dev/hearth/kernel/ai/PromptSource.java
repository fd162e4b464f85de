package dev.hearth.kernel.ai;

/**
 * A step of prompt assembly that may add to the messages before they are sent, e.g. the memory
 * room adding retrieved notes for {@code --memory}. Sources run in registration order.
 */
@FunctionalInterface
public interface PromptSource {

    /** Adds context to {@code draft} for {@code request}; does nothing when the request does not ask for it. */
    void contribute(AiRequest request, PromptDraft draft);
}
