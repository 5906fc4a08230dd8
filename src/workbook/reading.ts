/** Turning the cells of a used range or an Excel table into the engine's Table, for both adapters. */

import { Cell, cellText, isBlankRow, Table } from "../engine/table";
import { groupedNumber } from "../engine/numberText";
import { CellRect, cellAddress, rectAddress } from "./addresses";
import { HEADER_SEARCH_ROWS, HeaderMatcher, WorkbookError } from "./port";

/**
 * The cells of a range that hold a value, as the adapter found them by walking the cells the
 * file has (never by the dimension it claims): their bounding rectangle, how many there are, in
 * how many rows and columns, and the outermost one each way (0-based row and column).
 */
export interface CellsPresent {
  rect: CellRect;
  count: number;
  rows: number;
  columns: number;
  /** A cell holding a value in the last row, and one in the last column. */
  lastRowCell: { row: number; column: number };
  lastColumnCell: { row: number; column: number };
}

/**
 * How many blank cells a read may fill in beyond the cells that hold values (or as many as
 * those, if more): enough for any real table with gaps, far below what a stray value in
 * XFD1048576 would cost (17 billion cells, which no computer holds).
 */
export const MAX_BLANK_CELLS = 1_000_000;

/**
 * Refuses to read `rect` when it is almost all blank: a value far from the rest of the data (a
 * stray entry in XFD1048576), or a table stretched far beyond its rows, would otherwise make the
 * read fill in every empty cell between. The reason names the far cell and how to fix it.
 */
export function checkReadSize(rect: CellRect, present: CellsPresent | null, where: string, isTable: boolean): void {
  const area = (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
  const count = present?.count ?? 0;
  if (area - count <= Math.max(MAX_BLANK_CELLS, count)) return;
  const held = `${groupedNumber(area)} cells, of which ${groupedNumber(count)} hold a value`;
  if (isTable || present === null) {
    throw new WorkbookError(
      "too-large",
      `${where} spans ${rectAddress(rect)}, ${held}: resize the table to its data in Excel (Table Design > Resize Table) and try again`,
    );
  }
  const rowStretch = (present.rect.bottom - present.rect.top + 1) / present.rows;
  const columnStretch = (present.rect.right - present.rect.left + 1) / present.columns;
  const far = rowStretch >= columnStretch ? present.lastRowCell : present.lastColumnCell;
  const address = cellAddress(far.row, far.column);
  throw new WorkbookError(
    "too-large",
    `${where} has a value in ${address}, far from the rest of its data: read as a table the sheet would be ${held}. ` +
      "Clear that cell (in Excel, Ctrl+End goes to the sheet's last cell), or make the data an Excel table, and try again",
  );
}

/** The index among `rows` of the header row: the first the matcher accepts, or the first that is not blank. */
export function findHeaderRow(rows: readonly (readonly Cell[])[], matcher: HeaderMatcher | undefined, where: string): number {
  const searched = rows.slice(0, HEADER_SEARCH_ROWS);
  const index = searched.findIndex((row) => (matcher ? matcher(row) : !isBlankRow(row)));
  if (index === -1) {
    throw new WorkbookError(
      "no-header",
      matcher
        ? `${where}: none of its first ${HEADER_SEARCH_ROWS} rows has the columns needed`
        : `${where} is empty: it needs a header row`,
    );
  }
  return index;
}

/**
 * A Table from rows that start at sheet row `firstSheetRow` (1-based), with the header at
 * `headerIndex`; rows above the header are left out, and so are blank rows at the end.
 */
export function tableFromSheetRows(rows: Cell[][], headerIndex: number, firstSheetRow: number): Table {
  const data = rows.slice(headerIndex + 1);
  let end = data.length;
  while (end > 0 && isBlankRow(data[end - 1])) end -= 1;
  data.length = end;
  return {
    headers: rows[headerIndex].map((h) => cellText(h)),
    rows: data,
    firstRowNumber: firstSheetRow + headerIndex + 1,
  };
}
