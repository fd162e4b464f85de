/**
 * What every room that produces cell output shares: {@link dev.hearth.kernel.cell.CellContext}
 * and its small value types. No protocol types live here.
 */
package dev.hearth.kernel.cell;
