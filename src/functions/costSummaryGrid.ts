/**
 * LAC.COSTSUMMARY's spilled table: costs by placement group with a total row, laid out like the
 * Loughborough cost calculator's "Analysis of Costs by Placement Type", followed by a note of
 * anything left out of the totals so a reader is never misled by a silently short total.
 */

import { RowIssue } from "../engine/quality";
import { CostSummaries } from "../engine/summaries";
import { pounds } from "../engine/money";

export const COST_SUMMARY_HEADERS = ["Placement group", "Total £", "Time (weeks)", "Avg cost/week", "Episodes"] as const;
export const ALL_PLACEMENT_TYPES = "All placement types";

export interface RowsNotRead {
  /** e.g. "episode", "child", "unit-cost" */
  what: string;
  rowsRejected: number;
  issues: readonly RowIssue[];
}

type GridCell = string | number;

function note(text: string): GridCell[] {
  return [text, ...COST_SUMMARY_HEADERS.slice(1).map(() => "")];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function costSummaryGrid(summaries: CostSummaries, notRead: readonly RowsNotRead[]): GridCell[][] {
  const grid: GridCell[][] = [[...COST_SUMMARY_HEADERS]];
  // Every group with its weeks; a group none of whose weeks is costed shows a blank total, not £0.
  for (const row of summaries.byGroup) {
    grid.push([row.group, row.costedWeeks === 0 ? "" : row.total, row.weeks, row.avgWeekly ?? "", row.episodes]);
  }
  const episodes = summaries.byGroup.reduce((sum, row) => sum + row.episodes, 0);
  const { total } = summaries;
  grid.push([ALL_PLACEMENT_TYPES, total.total, total.weeks, total.avgWeekly ?? "", episodes]);

  if (total.nationalTotal > 0) {
    grid.push(
      note(
        `Costed from national unit costs (docs/national-unit-costs.md), where neither WEEKLY_COST nor unitCosts gives a cost: ` +
          `${pounds(total.nationalTotal)} of the total, ${total.nationalWeeks.toFixed(1)} weeks`,
      ),
    );
  }
  const { uncosted } = summaries;
  if (uncosted.episodes > 0) {
    grid.push(
      note(
        `Not costed (no weekly cost and no unit cost): ${plural(uncosted.episodes, "episode")}, ` +
          `${uncosted.weeks.toFixed(1)} weeks, in ${uncosted.groups.join(", ")}`,
      ),
    );
  }
  for (const text of rowIssueNotes(notRead)) grid.push(note(text));
  return grid;
}

/**
 * What the reading did to rows of the tables given: how many of each table could not be read and
 * why the first could not; how many were read with a correction (a WEEKLY_COST that is not an
 * amount, read as unknown and costed from the unit costs, say) and the first correction. As
 * LAC Data Quality lists them for the reports, so that a function never gives a figure the
 * reading changed without saying so.
 */
export function rowIssueNotes(notRead: readonly RowsNotRead[]): string[] {
  const notes: string[] = [];
  const rejected = notRead.filter((table) => table.rowsRejected > 0);
  if (rejected.length > 0) notes.push(`Rows not read: ${countsOf(rejected, (table) => table.rowsRejected)}${firstOf(rejected, "rejected")}`);
  const corrected = notRead.filter((table) => correctedRows(table) > 0);
  if (corrected.length > 0) notes.push(`Rows read with a correction: ${countsOf(corrected, correctedRows)}${firstOf(corrected, "corrected")}`);
  return notes;
}

/** Rows of the table with a correction, each counted once. */
function correctedRows(table: RowsNotRead): number {
  return new Set(table.issues.filter((issue) => issue.action === "corrected").map((issue) => issue.row)).size;
}

function countsOf(tables: readonly RowsNotRead[], rows: (table: RowsNotRead) => number): string {
  return tables.map((table) => plural(rows(table), `${table.what} row`)).join(", ");
}

function firstOf(tables: readonly RowsNotRead[], action: RowIssue["action"]): string {
  const first = tables.flatMap((table) => table.issues.filter((issue) => issue.action === action))[0];
  return first ? `; first: ${first.table} row ${first.row}, ${first.reason}` : "";
}
