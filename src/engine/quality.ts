/** What the readers did to each row they could not use as it was: the Data Quality report's rows. */

import { Cell, Table, isBlankRow, rowNumberOf } from "./table";

/** Rejected: the row is left out. Corrected: a value was replaced in a row that is used. Noted: the row is used as it is, with something to know. */
export type RowAction = "rejected" | "corrected" | "noted";

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

/** The row a reader is reading, as readRows hands it over: its number, and where to report what is wrong with it. */
export interface RowContext {
  /** Row number as the user sees it (sheet row or CSV line). */
  readonly number: number;
  /** True once reject has been called for this row. */
  readonly rejected: boolean;
  /**
   * Reports why the row cannot be used. The row is then rejected whatever the reader returns;
   * the result is undefined, so `return row.reject(...)` ends a row there.
   */
  readonly reject: (column: string, reason: string) => undefined;
  /** Reports a value the reader replaced in a row it keeps. */
  readonly correct: (column: string, reason: string) => void;
}

/** Reads one non-blank row: its record, or undefined when the row is rejected. */
export type RowReader<T> = (cells: readonly Cell[], row: RowContext) => T | undefined;

/**
 * A key two rows may not share. The later row is used; the earlier one is rejected with
 * "<name(key)> appears again on row N: the later row is used".
 */
export interface KeepLatest<T> {
  key: (record: T) => string;
  /** The column the earlier row's issue names. */
  column: string;
  /** How the issue names the repeated key ("child C1", "PLACE U1"). */
  name: (key: string) => string;
  /** Where the record kept sits among the records: at the key's first row, or at its latest. */
  position: "first" | "latest";
}

/**
 * The loop every table reader shares: blank rows are skipped, the rest counted and handed to
 * `readRow` one by one with their row number; what it reports becomes the table's issues, in
 * the order reported, and each row it rejects is counted once. With `latest`, a record whose
 * key an earlier record has replaces it, and the earlier row is counted as rejected.
 */
export function readRows<T>(table: Table, tableName: string, readRow: RowReader<T>): ReadResult<T>;
export function readRows<T extends { row: number }>(
  table: Table,
  tableName: string,
  readRow: RowReader<T>,
  latest: KeepLatest<T>,
): ReadResult<T>;
export function readRows<T extends { row: number }>(
  table: Table,
  tableName: string,
  readRow: RowReader<T>,
  latest?: KeepLatest<T>,
): ReadResult<T> {
  const reading = new RowReading<T>(tableName, latest);
  reading.read(table, readRow);
  return reading.result();
}

/** A table's reader run over the whole table, or over its batches in order, then the whole table's result. */
export interface TableReading<R> {
  read(table: Table): void;
  result(): R;
}

/**
 * readRows over a table handed over in batches (docs/pipeline.md): each batch's rows are read
 * as the whole table's would be, a key repeated from an earlier batch included, so that the
 * result is the whole table's.
 */
export class RowReading<T extends { row: number }> {
  private readonly records: T[] = [];
  private readonly issues: RowIssue[] = [];
  private rowsIn = 0;
  private rowsRejected = 0;
  // Keys in strictly ascending order (as text) cannot repeat: no map of them is needed until one
  // does not follow the one before. A children file listed in order of CHILD, as extracts often
  // are, needs none when its ids sort as text too (ids of one length, say).
  private byKey: Map<string, T> | null = null;
  private lastKey: string | null = null;
  // One context for every row, moved from row to row: reading a row allocates nothing for it.
  private readonly row: RowContext & { number: number; rejected: boolean };

  constructor(
    private readonly tableName: string,
    private readonly latest?: KeepLatest<T>,
  ) {
    const issues = this.issues;
    const row = {
      number: 0,
      rejected: false,
      reject: (column: string, reason: string): undefined => {
        issues.push({ table: tableName, row: row.number, column, action: "rejected", reason });
        row.rejected = true;
        return undefined;
      },
      correct: (column: string, reason: string): void => {
        issues.push({ table: tableName, row: row.number, column, action: "corrected", reason });
      },
    };
    this.row = row;
  }

  /** Reads a table's rows, or the next batch of them. */
  read(table: Table, readRow: RowReader<T>): void {
    const { row, latest, records } = this;
    // A loop rather than forEach(): a million rows' worth on the command line. A hole, as forEach would, is skipped.
    const rows = table.rows;
    for (let index = 0; index < rows.length; index++) {
      const cells = rows[index];
      if (cells === undefined || isBlankRow(cells)) continue;
      this.rowsIn += 1;
      row.number = rowNumberOf(table, index);
      row.rejected = false;
      const record = readRow(cells, row);
      if (record === undefined || row.rejected) {
        this.rowsRejected += 1;
        continue;
      }
      if (latest === undefined) {
        records.push(record);
        continue;
      }
      const key = latest.key(record);
      if (this.byKey === null) {
        if (this.lastKey === null || key > this.lastKey) {
          records.push(record);
          this.lastKey = key;
          continue;
        }
        this.byKey = new Map(records.map((kept) => [latest.key(kept), kept]));
      }
      const previous = this.byKey.get(key);
      if (previous !== undefined) {
        this.issues.push({
          table: this.tableName,
          row: previous.row,
          column: latest.column,
          action: "rejected",
          reason: `${latest.name(key)} appears again on row ${row.number}: the later row is used`,
        });
        this.rowsRejected += 1;
        if (latest.position === "latest") this.byKey.delete(key);
      }
      this.byKey.set(key, record);
    }
  }

  /** What the rows read so far give, as one table's. */
  result(): ReadResult<T> {
    const keyed = this.byKey;
    return { records: keyed === null ? this.records : [...keyed.values()], issues: this.issues, rowsIn: this.rowsIn, rowsRejected: this.rowsRejected };
  }
}
