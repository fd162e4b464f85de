package dev.hearth.kernel.cell;

/**
 * Identifies one display in a notebook so it can be updated later ({@code display_id}).
 *
 * @param id the display id
 */
public record DisplayHandle(String id) {
}
