/**
 * The declarative sheet spec: what a report sheet holds, in reading order, with no cell
 * addresses and no Office or ExcelJS types. src/reports builds these; the workbook adapters
 * place them on a sheet through one shared layout (layout.ts), so Excel and the .xlsx files of
 * the command line cannot drift apart.
 */

import type { Cell } from "../engine/table";

/**
 * How a column's numbers read. The layout turns each kind into one Excel number format
 * (see NUMBER_FORMATS in layout.ts):
 * - text: strings, always written as text (never run as a formula, never turned into a number or date);
 * - number: `#,##0.00`; integer: `#,##0`;
 * - currency: pounds, `£#,##0` (whole pounds unless `decimals` says otherwise);
 * - weeks: a duration in weeks, `#,##0.0 "wks"`;
 * - percent: a fraction shown as a percentage (0.125 → 12.5%);
 * - date: an engine Day (whole days since 1970-01-01, src/engine/dates.ts), shown dd/mm/yyyy.
 */
export type ColumnKind = "text" | "number" | "currency" | "weeks" | "percent" | "date" | "integer";

/**
 * What a table's totals row shows under one column: the column's sum; a label such as "Total";
 * or, for an average column, the ratio of two other columns' totals — Avg cost/week totals as
 * `{ ratioOf: ["Total cost", "Time (weeks)"] }`, i.e. the total cost ÷ the total weeks, blank
 * where the weeks total 0. Both columns named must have a "sum" total.
 */
export type ColumnTotal = "sum" | { label: string } | { ratioOf: [numerator: string, denominator: string] };

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  /** Column width in characters (Excel's own unit); a default per kind when absent. */
  width?: number;
  /** Decimal places, overriding the kind's default (not used for text or date). */
  decimals?: number;
  /** Totals row cell: the column's sum, a label such as "Total", or a ratio of two sums. Blank when absent. */
  total?: ColumnTotal;
  /** A RAG status column: cells reading Red, Amber or Green (totals label included) are filled in that colour. */
  rag?: boolean;
}

/** A titled Excel table: header row, data rows and, when any column has a `total`, a totals row. */
export interface TableBlock {
  kind: "table";
  /**
   * The Excel table's name, unique in the workbook: a letter or underscore first, then letters,
   * digits, underscores or dots, e.g. "LAC_CostsByGroup". Charts refer to the table by it.
   */
  name: string;
  /** A bold line above the table. */
  title?: string;
  columns: ColumnSpec[];
  /** One array per row, one cell per column; dates as Days in date columns. */
  rows: Cell[][];
}

/** One line of text: a heading, a paragraph, or a warning the reader must not miss. */
export interface NoteBlock {
  kind: "note";
  text: string;
  style?: "normal" | "heading" | "warning";
}

export interface KeyValuePair {
  key: string;
  value: Cell;
  /** How the value reads; text unless given. */
  kind?: ColumnKind;
  decimals?: number;
  /** A RAG status: a value reading Red, Amber or Green is filled in that colour. */
  rag?: boolean;
}

/** Label–value lines, e.g. "Period" / "2023-24", "Episodes read" / 12,345. */
export interface KeyValueBlock {
  kind: "keyValues";
  title?: string;
  pairs: KeyValuePair[];
}

export type ChartType = "line" | "column" | "bar" | "pie";

/** A native Excel chart over one table of the same sheet. */
export interface ChartSpec {
  type: ChartType;
  title: string;
  /** The `name` of a table block on the same sheet. */
  table: string;
  /** Header of the column whose cells label the categories (x axis, or pie slices). */
  category: string;
  /** Headers of the columns plotted, one series each (a pie uses the first only). */
  series: string[];
  /**
   * A line chart drawn as a fan: the first series bold (the forecast), then pairs of percentiles from
   * the outside in (5th and 95th, 25th and 75th), each pair one colour, darker towards the middle,
   * and a last series (the median) dashed. docs/method/forecast-band.md.
   */
  fan?: boolean;
  /** Size of the chart's area in rows and columns of the sheet; 18 rows by 8 columns unless given. */
  rows?: number;
  columns?: number;
}

/**
 * A chart takes its own place in the reading order: the layout reserves its rows so nothing is
 * drawn under it. Excel draws it through Office.js; an .xlsx written by the command line holds it
 * as a native chart (src/workbook/exceljs/chartParts.ts).
 */
export interface ChartBlock {
  kind: "chart";
  chart: ChartSpec;
}

export type Block = TableBlock | NoteBlock | KeyValueBlock | ChartBlock;

export interface SheetSpec {
  /** The sheet's name (at most 31 characters, none of : \ / ? * [ ]), e.g. "LAC Costs". */
  name: string;
  /** A large bold title in the first row. */
  title?: string;
  /** Blocks top to bottom, one blank row between each. */
  blocks: Block[];
}
