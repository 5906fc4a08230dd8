/**
 * Spec → absolute cells. Both adapters place a sheet from this one layout, so what Excel shows
 * and what the command line's .xlsx holds cannot drift: the same rows, columns, number formats,
 * tables, totals formulas, widths and chart areas.
 *
 * Reading order: the title in A1, a blank row, then each block from column A with one blank row
 * between blocks.
 */

import type { Cell } from "../engine/table";
import { excelSerialOfDay } from "../engine/dates";
import { CellRect, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, sameName, sheetNameProblem } from "./addresses";
import { GENERAL_FORMAT, writableValue } from "./cells";
import { WorkbookError } from "./port";
import type { Block, ChartSpec, ChartType, ColumnKind, ColumnSpec, KeyValueBlock, SheetSpec, TableBlock } from "./spec";

/** A rectangle of values written as one 2-D block (split by rows when it is large). */
export interface Region {
  top: number;
  left: number;
  /** Values as Excel holds them: dates as serial numbers, non-finite numbers as null. */
  rows: Cell[][];
  /** One number format per column; every string cell is written as Text whatever its column. */
  columnFormats: string[];
}

export type TotalsCell =
  | { kind: "sum"; header: string; result: number; format: string }
  | { kind: "label"; text: string }
  | { kind: "blank" };

export interface LaidTable {
  name: string;
  /** Header row through the last data row (the totals row is below it). */
  rect: CellRect;
  headers: string[];
  /** Row of the totals row, or null when the table has none. */
  totalsRow: number | null;
  totals: TotalsCell[];
}

export interface LaidChart {
  type: ChartType;
  title: string;
  /** The cells the chart covers. */
  area: CellRect;
  /** Category labels: the data cells of the category column. */
  categories: CellRect;
  series: { name: string; values: CellRect }[];
  /** Where a workbook that cannot draw charts says so (the area's first cell). */
  placeholder: { row: number; column: number; text: string };
}

export type TextStyle = "title" | "heading" | "warning";

export interface LaidStyle {
  rect: CellRect;
  style: TextStyle;
}

export interface SheetLayout {
  name: string;
  regions: Region[];
  tables: LaidTable[];
  charts: LaidChart[];
  styles: LaidStyle[];
  /** Width in characters of each column from A. */
  columnWidths: number[];
  /** Rows the sheet uses, charts' areas included. */
  rowCount: number;
}

/** Excel number format codes per column kind; `decimals` changes the places of the numeric ones. */
export function numberFormatOf(kind: ColumnKind, decimals?: number): string {
  const places = (n: number) => (n > 0 ? `.${"0".repeat(n)}` : "");
  switch (kind) {
    case "text":
      return GENERAL_FORMAT;
    case "number":
      return `#,##0${places(decimals ?? 2)}`;
    case "integer":
      return `#,##0${places(decimals ?? 0)}`;
    case "currency":
      return `"£"#,##0${places(decimals ?? 0)}`;
    case "weeks":
      return `#,##0${places(decimals ?? 1)} "wks"`;
    case "percent":
      return `0${places(decimals ?? 1)}%`;
    case "date":
      return "dd/mm/yyyy";
  }
}

const DEFAULT_WIDTH: Record<ColumnKind, number> = {
  text: 12,
  number: 12,
  integer: 10,
  currency: 14,
  weeks: 12,
  percent: 10,
  date: 12,
};
const MAX_AUTO_WIDTH = 50;
/** Rows looked at to size a text column: enough to see typical values, cheap for 200,000 rows. */
const WIDTH_SAMPLE_ROWS = 500;

export const CHART_DEFAULT_ROWS = 18;
export const CHART_DEFAULT_COLUMNS = 8;

/** Excel's totals-row formula for a column sum; SUBTOTAL(109) leaves out rows the user filters away. */
export function totalsFormula(tableName: string, header: string): string {
  return `=SUBTOTAL(109,${tableName}[${header.replace(/['#[\]]/g, "'$&")}])`;
}

export function chartPlaceholderText(title: string): string {
  return `Chart: ${title} — appears when the report is refreshed in Excel`;
}

export function layoutSheet(spec: SheetSpec): SheetLayout {
  checkSpec(spec);
  const builder = new LayoutBuilder(spec.name);
  if (spec.title !== undefined) {
    builder.text(spec.title, "title");
    builder.skip(1);
  }
  spec.blocks.forEach((block, index) => {
    if (index > 0) builder.skip(1);
    builder.block(block, spec);
  });
  return builder.finish();
}

class LayoutBuilder {
  private row = 0;
  private readonly regions: Region[] = [];
  private readonly tables: LaidTable[] = [];
  private readonly charts: LaidChart[] = [];
  private readonly styles: LaidStyle[] = [];
  private readonly widths: number[] = [];

  constructor(private readonly name: string) {}

  skip(rows: number): void {
    this.row += rows;
  }

  text(text: string, style?: TextStyle): void {
    this.regions.push({ top: this.row, left: 0, rows: [[writableValue(text)]], columnFormats: [GENERAL_FORMAT] });
    if (style) this.styles.push({ rect: { top: this.row, left: 0, bottom: this.row, right: 0 }, style });
    this.row += 1;
  }

  block(block: Block, spec: SheetSpec): void {
    switch (block.kind) {
      case "note":
        return this.text(block.text, block.style === "normal" || block.style === undefined ? undefined : block.style);
      case "keyValues":
        return this.keyValues(block);
      case "table":
        return this.table(block);
      case "chart":
        return this.chart(block.chart, spec);
    }
  }

  private keyValues(block: KeyValueBlock): void {
    if (block.title !== undefined) this.text(block.title, "heading");
    const top = this.row;
    // One region per pair: each value has its own number format.
    block.pairs.forEach((pair, i) => {
      const kind = pair.kind ?? "text";
      this.regions.push({
        top: top + i,
        left: 0,
        rows: [[writableValue(pair.key), toExcelValue(pair.value, kind)]],
        columnFormats: [GENERAL_FORMAT, numberFormatOf(kind, pair.decimals)],
      });
    });
    if (block.pairs.length > 0) {
      this.styles.push({ rect: { top, left: 0, bottom: top + block.pairs.length - 1, right: 0 }, style: "heading" });
    }
    for (const pair of block.pairs) {
      this.widen(0, pair.key.length + 2);
      this.widen(1, Math.min(MAX_AUTO_WIDTH, Math.max(DEFAULT_WIDTH[pair.kind ?? "text"], String(pair.value ?? "").length + 2)));
    }
    this.row += block.pairs.length;
  }

  private table(block: TableBlock): void {
    if (block.title !== undefined) this.text(block.title, "heading");
    const columns = block.columns;
    const headerRow = this.row;
    // Excel tables need at least one data row; an empty table shows one blank row.
    const dataRows = block.rows.length > 0 ? block.rows.map((row) => columns.map((c, j) => toExcelValue(row[j] ?? null, c.kind))) : [columns.map(() => null)];
    const formats = columns.map((c) => numberFormatOf(c.kind, c.decimals));
    this.regions.push({ top: headerRow, left: 0, rows: [columns.map((c) => c.header)], columnFormats: formats.map(() => GENERAL_FORMAT) });
    this.regions.push({ top: headerRow + 1, left: 0, rows: dataRows, columnFormats: formats });
    const lastDataRow = headerRow + dataRows.length;
    const hasTotals = columns.some((c) => c.total !== undefined);
    this.tables.push({
      name: block.name,
      rect: { top: headerRow, left: 0, bottom: lastDataRow, right: columns.length - 1 },
      headers: columns.map((c) => c.header),
      totalsRow: hasTotals ? lastDataRow + 1 : null,
      totals: columns.map((c, j) => totalsCell(c, formats[j], dataRows, j)),
    });
    columns.forEach((c, j) => this.widen(j, columnWidth(c, block.rows, j)));
    this.row = lastDataRow + 1 + (hasTotals ? 1 : 0);
  }

  private chart(chart: ChartSpec, spec: SheetSpec): void {
    const table = this.tables.find((t) => sameName(t.name, chart.table));
    if (!table) throw badSpec(spec, `chart "${chart.title}" plots table "${chart.table}", which is not above it on the sheet`);
    const columnOf = (header: string) => {
      const j = table.headers.findIndex((h) => sameName(h, header));
      if (j === -1) throw badSpec(spec, `chart "${chart.title}": table "${table.name}" has no column "${header}"`);
      return table.rect.left + j;
    };
    const dataRect = (column: number): CellRect => ({ top: table.rect.top + 1, left: column, bottom: table.rect.bottom, right: column });
    const seriesHeaders = chart.type === "pie" ? chart.series.slice(0, 1) : chart.series;
    if (seriesHeaders.length === 0) throw badSpec(spec, `chart "${chart.title}" has no series`);
    const rows = chart.rows ?? CHART_DEFAULT_ROWS;
    const columns = chart.columns ?? CHART_DEFAULT_COLUMNS;
    const area = { top: this.row, left: 0, bottom: this.row + rows - 1, right: columns - 1 };
    this.charts.push({
      type: chart.type,
      title: chart.title,
      area,
      categories: dataRect(columnOf(chart.category)),
      series: seriesHeaders.map((h) => ({ name: table.headers[columnOf(h) - table.rect.left], values: dataRect(columnOf(h)) })),
      placeholder: { row: area.top, column: 0, text: chartPlaceholderText(chart.title) },
    });
    this.row += rows;
  }

  private widen(column: number, width: number): void {
    this.widths[column] = Math.max(this.widths[column] ?? 0, width);
  }

  finish(): SheetLayout {
    if (this.row > EXCEL_MAX_ROWS) {
      throw new WorkbookError("too-large", `sheet "${this.name}" would need ${this.row.toLocaleString("en-GB")} rows; Excel has ${EXCEL_MAX_ROWS.toLocaleString("en-GB")}`);
    }
    const columnWidths = Array.from(this.widths, (w) => w ?? DEFAULT_WIDTH.text);
    return { name: this.name, regions: this.regions, tables: this.tables, charts: this.charts, styles: this.styles, columnWidths, rowCount: this.row };
  }
}

function toExcelValue(value: Cell, kind: ColumnKind): Cell {
  const cell = writableValue(value);
  return kind === "date" && typeof cell === "number" ? excelSerialOfDay(Math.floor(cell)) : cell;
}

function totalsCell(column: ColumnSpec, format: string, rows: readonly Cell[][], j: number): TotalsCell {
  const total = column.total;
  if (total === undefined) return { kind: "blank" };
  if (total === "sum") {
    let result = 0;
    for (const row of rows) if (typeof row[j] === "number") result += row[j] as number;
    return { kind: "sum", header: column.header, result, format };
  }
  return total.label === "" ? { kind: "blank" } : { kind: "label", text: total.label };
}

function columnWidth(column: ColumnSpec, rows: readonly Cell[][], j: number): number {
  if (column.width !== undefined) return column.width;
  let widest = column.header.length + 2;
  if (column.kind === "text") {
    const n = Math.min(rows.length, WIDTH_SAMPLE_ROWS);
    for (let i = 0; i < n; i++) widest = Math.max(widest, String(rows[i][j] ?? "").length + 2);
  }
  return Math.min(MAX_AUTO_WIDTH, Math.max(DEFAULT_WIDTH[column.kind], widest));
}

const TABLE_NAME = /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/;
const LOOKS_LIKE_CELL = /^([A-Za-z]{1,3}[1-9]\d*|[Rr]\d*[Cc]\d*|[RrCc])$/;

/** Why Excel would refuse this table name, or null when it is fine. */
export function tableNameProblem(name: string): string | null {
  if (!TABLE_NAME.test(name)) return `table name "${name}" must start with a letter or underscore and hold only letters, digits, underscores and dots`;
  if (LOOKS_LIKE_CELL.test(name)) return `table name "${name}" looks like a cell reference`;
  if (name.length > 255) return `table name "${name.slice(0, 20)}…" is longer than 255 characters`;
  return null;
}

function badSpec(spec: SheetSpec, message: string): WorkbookError {
  return new WorkbookError("bad-spec", `sheet "${spec.name}": ${message}`);
}

function checkSpec(spec: SheetSpec): void {
  const nameProblem = sheetNameProblem(spec.name);
  if (nameProblem) throw new WorkbookError("bad-spec", nameProblem);
  const tableNames: string[] = [];
  for (const block of spec.blocks) {
    if (block.kind !== "table") continue;
    const problem = tableNameProblem(block.name);
    if (problem) throw badSpec(spec, problem);
    if (tableNames.some((n) => sameName(n, block.name))) throw badSpec(spec, `two tables are named "${block.name}"`);
    tableNames.push(block.name);
    if (block.columns.length === 0) throw badSpec(spec, `table "${block.name}" has no columns`);
    if (block.columns.length > EXCEL_MAX_COLUMNS) throw new WorkbookError("too-large", `table "${block.name}" has more columns than Excel allows`);
    const headers: string[] = [];
    for (const column of block.columns) {
      if (column.header.trim() === "") throw badSpec(spec, `table "${block.name}" has a column without a header`);
      if (headers.some((h) => sameName(h, column.header))) throw badSpec(spec, `table "${block.name}" has two columns headed "${column.header}"`);
      headers.push(column.header);
    }
    // Excel's totals row puts a label in the first column (ExcelJS writes it no other way).
    if (block.columns[0].total === "sum") throw badSpec(spec, `table "${block.name}": the first column's total must be a label, not a sum`);
    const wide = block.rows.findIndex((r) => r.length > block.columns.length);
    if (wide !== -1) throw badSpec(spec, `table "${block.name}": row ${wide + 1} has ${block.rows[wide].length} cells for ${block.columns.length} columns`);
  }
}
