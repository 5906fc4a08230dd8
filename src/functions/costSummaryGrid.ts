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
  const rowsNotRead = rowsNotReadNote(notRead);
  if (rowsNotRead !== null) grid.push(note(rowsNotRead));
  return grid;
}

/** How many rows of each table could not be read, and why the first could not; null when all were read. */
export function rowsNotReadNote(notRead: readonly RowsNotRead[]): string | null {
  const rejected = notRead.filter((table) => table.rowsRejected > 0);
  if (rejected.length === 0) return null;
  const counts = rejected.map((table) => plural(table.rowsRejected, `${table.what} row`)).join(", ");
  const first = rejected.flatMap((table) => table.issues.filter((issue) => issue.action === "rejected"))[0];
  const example = first ? `; first: ${first.table} row ${first.row}, ${first.reason}` : "";
  return `Rows not read: ${counts}${example}`;
}
