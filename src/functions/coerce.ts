/**
 * Turning what Excel passes to a custom function into engine values. A range argument arrives
 * as rows of cells (any[][]), a single cell as a 1×1 array, an omitted optional argument as null;
 * blank cells inside a range arrive as "" (or null). Each reader names the argument in its error,
 * e.g. `start: "31/02/2024" is not a real date`.
 */

import { DateError, Day, parseDate } from "../engine/dates";
import { Setting } from "../engine/settings";
import { Cell, cellNumber, cellText } from "../engine/table";
import { InputError, missingInput } from "./errors";

/** Rows of cells as Excel passed them. */
export type Grid = readonly (readonly unknown[])[];

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/**
 * A cell as the engine reads it. Excel passes numbers, text and booleans. Because functions.json
 * sets allowCustomDataForDataTypeAny (CustomFunctionsRuntime 1.4, declared in manifest.xml), a
 * cell holding a data type arrives as its cell value object, e.g. a formatted number as
 * { type: "FormattedNumber", basicValue: 5, numberFormat: "£#,##0" }: it is read by its basic
 * value, the value Excel itself calculates with. An entity's basic value is the error #VALUE!.
 */
export function toCell(value: unknown, label: string): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  const data = value as { type?: unknown; basicType?: unknown; basicValue?: unknown };
  if (typeof data === "object" && typeof data.type === "string") {
    const basic = data.basicValue;
    if (data.type === "Error" || data.basicType === "Error") {
      throw new InputError(`${label} holds ${data.type === "Error" ? "an error" : `a data type (${data.type})`} whose value is ${String(basic ?? "#VALUE!")}, not a number, date or text`);
    }
    if (typeof basic === "number" || typeof basic === "string" || typeof basic === "boolean") return basic;
  }
  throw new InputError(`${label} holds an error or a data type, not a value`);
}

/** The argument as rows of cells; null when it was omitted. A bare value counts as one cell. */
export function gridOf(value: unknown, label: string): Grid | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) return [[value]];
  if (value.length === 0) throw new InputError(`${label} is an empty range`);
  const rows = value.every(Array.isArray) ? (value as unknown[][]) : [value];
  const width = rows[0].length;
  if (width === 0 || rows.some((row) => row.length !== width)) throw new InputError(`${label} is not a rectangular range`);
  return rows;
}

export function isSingleCell(grid: Grid): boolean {
  return grid.length === 1 && grid[0].length === 1;
}

export function describeShape(grid: Grid): string {
  const rows = grid.length;
  const columns = grid[0]?.length ?? 0;
  return `${rows} row${rows === 1 ? "" : "s"} × ${columns} column${columns === 1 ? "" : "s"}`;
}

/** An argument that must be one cell (or omitted: undefined). */
export function singleCellOf(value: unknown, label: string): unknown {
  const grid = gridOf(value, label);
  if (grid === null) return undefined;
  if (!isSingleCell(grid)) throw new InputError(`${label} must be a single cell, not a range of ${describeShape(grid)}`);
  return grid[0][0];
}

/** Rows of engine cells, for tables passed with their header row. */
export function cellsOf(value: unknown, label: string): Cell[][] {
  const grid = gridOf(value, label);
  if (grid === null) throw missingInput(`${label} is missing`);
  return grid.map((row, r) => row.map((cell, c) => toCell(cell, `${label} (row ${r + 1}, column ${c + 1})`)));
}

export function optionalDate(value: unknown, label: string): Day | null {
  try {
    return parseDate(toCell(value, label));
  } catch (error) {
    if (error instanceof DateError) throw new InputError(`${label}: ${error.message}`);
    throw error;
  }
}

export function requiredDate(value: unknown, label: string): Day {
  const day = optionalDate(value, label);
  if (day === null) throw missingInput(`${label} is blank`);
  return day;
}

export function optionalNumber(value: unknown, label: string): number | null {
  const cell = toCell(value, label);
  const number = cellNumber(cell);
  if (number === "invalid") throw new InputError(`${label}: "${cellText(cell)}" is not a number`);
  return number;
}

export function requiredNumber(value: unknown, label: string): number {
  const number = optionalNumber(value, label);
  if (number === null) throw missingInput(`${label} is blank`);
  return number;
}

export function textOf(value: unknown, label: string): string {
  return cellText(toCell(value, label));
}

/**
 * A one-cell argument that gives a setting, read by the setting's one definition
 * (src/engine/settings.ts) so that it means what it means in LAC Settings, the pane and the
 * command line: a cell formatted 3% (0.03), 3% typed as text and 3 are all 3%. Undefined when blank.
 */
export function settingOf<T>(setting: Setting<T>, value: unknown, label: string): T | undefined {
  const read = setting.parse(toCell(singleCellOf(value, label), label));
  if (!read.ok) throw new InputError(`${label}: ${read.message}`);
  return read.value;
}
