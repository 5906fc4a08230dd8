/** What the readers did to each row they could not use as it was: the Data Quality report's rows. */

export type RowAction = "rejected" | "corrected";

export interface RowIssue {
  table: string;
  /** Row number as the user sees it (sheet row or CSV line). */
  row: number;
  column?: string;
  action: RowAction;
  reason: string;
}

export interface ReadResult<T> {
  records: T[];
  issues: RowIssue[];
  /** Rows read, blank rows excluded; rowsIn = records.length + rejected rows. */
  rowsIn: number;
  rowsRejected: number;
}

export function rejectedRows(issues: readonly RowIssue[]): number {
  return new Set(issues.filter((i) => i.action === "rejected").map((i) => `${i.table}\u0000${i.row}`)).size;
}
