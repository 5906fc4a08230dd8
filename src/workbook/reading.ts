/** Turning the cells of a used range or an Excel table into the engine's Table, for both adapters. */

import { Cell, cellText, isBlankRow, Table } from "../engine/table";
import { HEADER_SEARCH_ROWS, HeaderMatcher, WorkbookError } from "./port";

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
