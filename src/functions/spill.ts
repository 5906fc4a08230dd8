/**
 * Cell-by-cell functions over single cells or whole columns, as Excel's own functions behave
 * when given ranges: the result spills in the shape of the ranges, each result cell computed
 * from the same cell of every range (a single-cell argument applies to every row), and a bad
 * row gives an error value in that row only.
 */

import { Grid, describeShape, gridOf, isBlank, isSingleCell } from "./coerce";
import { InputError, toExcelError } from "./errors";

export type ResultCell = number | string | boolean | CustomFunctions.Error;

export interface Argument {
  /** The parameter's name as Excel's function wizard shows it. */
  label: string;
  value: unknown;
}

/** A result Excel can show: a finite number (NaN and Infinity reach Excel as a bare #NUM!). */
function checkResult(value: number | string): number | string {
  if (typeof value === "number" && !Number.isFinite(value)) throw new InputError("the result is not a finite number");
  return value;
}

/**
 * Computes `compute(cells)` for each row (and column) of the ranges given. Omitted arguments
 * reach `compute` as null. Rows where every range is blank give a blank, so a formula over a
 * column with empty rows at the bottom stays quiet there.
 */
export function elementwise(args: readonly Argument[], compute: (cells: unknown[]) => number | string): ResultCell[][] {
  const grids = args.map((arg) => gridOf(arg.value, arg.label));
  let shape: Grid = [[null]];
  let shapeLabel: string | null = null;
  grids.forEach((grid, index) => {
    if (grid === null || isSingleCell(grid)) return;
    if (shapeLabel === null) {
      shape = grid;
      shapeLabel = args[index].label;
    } else if (grid.length !== shape.length || grid[0].length !== shape[0].length) {
      throw new InputError(
        `${args[index].label} is ${describeShape(grid)} but ${shapeLabel} is ${describeShape(shape)}: ` +
          "give ranges of the same size, or single cells",
      );
    }
  });
  const ranged = grids.map((grid) => grid !== null && !isSingleCell(grid));
  const decidesBlank = ranged.some(Boolean) ? ranged : grids.map((grid) => grid !== null);
  return shape.map((row, r) =>
    row.map((_, c) => {
      const cells = grids.map((grid) => (grid === null ? null : isSingleCell(grid) ? grid[0][0] : grid[r][c]));
      if (cells.every((cell, index) => !decidesBlank[index] || isBlank(cell))) return "";
      try {
        return checkResult(compute(cells));
      } catch (error) {
        return toExcelError(error);
      }
    }),
  );
}

/** Runs a spilling function's body; an error about the whole call comes back as a single error cell. */
export function guardGrid(body: () => ResultCell[][]): ResultCell[][] {
  try {
    return body();
  } catch (error) {
    return [[toExcelError(error)]];
  }
}
