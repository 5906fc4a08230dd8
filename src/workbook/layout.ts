/**
 * Spec → absolute cells and how they look. Both adapters place a sheet from this one layout, so
 * what Excel shows and what the command line's .xlsx holds cannot drift: the same rows, columns,
 * number formats, tables, totals formulas, fonts, fills, rules, widths, merges, row heights, print
 * set-up and chart areas.
 *
 * Reading order: the title in A1, a blank row, then each block from column A with one blank row
 * between blocks.
 *
 * The look is set on the cells themselves (fonts named, header fills and rules drawn), not left to
 * Excel's table style, which LibreOffice and other viewers do not draw; the Excel table stays for
 * sorting, structured references and the totals' SUBTOTAL. Looks are given per rectangle (a
 * header row, a run of columns), never cell by cell, so the Office adapter's one request of
 * formats stays small whatever the row count.
 */

import type { Cell } from "../engine/table";
import { excelSerialOfDay } from "../engine/dates";
import { groupedNumber } from "../engine/numberText";
import { CellRect, cellAddress, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, sameName, sheetNameProblem } from "./addresses";
import { GENERAL_FORMAT, writableValue } from "./cells";
import { WorkbookError } from "./port";
import type { Block, ChartSpec, ChartType, ColumnKind, ColumnSpec, KeyValueBlock, NoteBlock, SheetSpec, TableBlock } from "./spec";

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
  /** `formula` divides two totals cells of the same row (A1 references); `result` is its value, null for "". */
  | { kind: "ratio"; formula: string; result: number | null; format: string }
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
  /** Drawn as a fan (ChartSpec.fan). */
  fan: boolean;
}

/**
 * How a rectangle of cells looks beyond its number format; what is not given is left as it is.
 * Colours are "#RRGGBB". Every font is the sheet's FONT (Calibri: a font without a name is drawn
 * in a serif face by LibreOffice), in `size` points when given.
 */
export interface CellLook {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  /** A solid fill. */
  fill?: string;
  align?: "left" | "center" | "right";
  /** Left indent in Excel's indent steps (about a character each), for left-aligned text. */
  indent?: number;
  /** A thin rule along the top or bottom edge of a one-row rectangle. */
  rule?: "top" | "bottom";
  /** Text wraps within the cell (or merged cells). */
  wrap?: boolean;
  /** Text sits at the top of a tall row rather than at the bottom. */
  vertical?: "top";
}

export interface LaidLook {
  rect: CellRect;
  look: CellLook;
}

export interface SheetLayout {
  name: string;
  regions: Region[];
  tables: LaidTable[];
  charts: LaidChart[];
  /** Applied in order after the sheet's FONT; where two set the same property, the later wins. */
  looks: LaidLook[];
  /** Cells merged into one: notes and long key–value texts wrapping across the sheet's width. */
  merges: CellRect[];
  /** Rows whose height is set: the title, headings, and rows of wrapped text. */
  rowHeights: { row: number; points: number }[];
  /** Width in characters of each column from A. */
  columnWidths: number[];
  /** Rows the sheet uses, charts' areas included. */
  rowCount: number;
  /** The row printed at the top of every page (the header of a table that ends the sheet), or null. */
  printTitleRow: number | null;
}

/** The font of every cell of a report sheet. */
export const FONT = { name: "Calibri", size: 11 } as const;

/** The colour of the rules under a header row and over a totals row. */
export const RULE_COLOR = "#4472C4";

/** The looks a report sheet is made of, the same in Excel and in the command line's files. */
export const LOOKS = {
  title: { bold: true, size: 16 },
  heading: { bold: true, size: 12 },
  warning: { bold: true, color: "#C00000" },
  /** Key–value values sit against their keys, numbers and text alike. */
  value: { align: "left" },
  /** A note or long key–value text merged across the sheet: it reads from the top of its row. */
  wrapped: { wrap: true, vertical: "top" },
  header: { bold: true, color: "#000000", fill: "#DDEBF7", rule: "bottom", wrap: true },
  /** Headers of number columns stand over their figures. */
  numberHeader: { align: "right" },
  /** A table's first column labels its rows, figures (ages, dates) included: it reads from the left. */
  rowLabel: { align: "left" },
  /** Text just right of a column of figures is set in a little, so that the two do not run together. */
  afterFigures: { align: "left", indent: 1 },
  totals: { bold: true, rule: "top" },
  /** A RAG status reads as a badge, centred in its column. */
  status: { align: "center" },
} as const satisfies Record<string, CellLook>;

/** Excel's own "light fill with dark text" colours for a RAG status. */
export const RAG_LOOKS = {
  Red: { fill: "#FFC7CE", color: "#9C0006" },
  Amber: { fill: "#FFEB9C", color: "#9C5700" },
  Green: { fill: "#C6EFCE", color: "#006100" },
} as const satisfies Record<string, CellLook>;

export type RagStatus = keyof typeof RAG_LOOKS;

/** Printed as a budget report is: A4 landscape, one page wide, Excel's Normal margins (inches). */
export const PRINT = {
  orientation: "landscape",
  paperSize: "A4",
  pagesWide: 1,
  margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
} as const;

/** The status a cell reads, when it is one of Red, Amber or Green (any case). */
export function ragStatus(value: Cell): RagStatus | null {
  if (typeof value !== "string") return null;
  const word = value.trim().toLowerCase();
  return word === "red" ? "Red" : word === "amber" ? "Amber" : word === "green" ? "Green" : null;
}

const DEFAULT_DECIMALS: Record<ColumnKind, number> = { text: 0, number: 2, integer: 0, currency: 0, weeks: 1, percent: 1, date: 0 };

/** Excel number format codes per column kind; `decimals` changes the places of the numeric ones. */
export function numberFormatOf(kind: ColumnKind, decimals?: number): string {
  const places = decimals ?? DEFAULT_DECIMALS[kind];
  const fraction = places > 0 ? `.${"0".repeat(places)}` : "";
  switch (kind) {
    case "text":
      return GENERAL_FORMAT;
    case "number":
    case "integer":
      return `#,##0${fraction}`;
    case "currency":
      return `"£"#,##0${fraction}`;
    case "weeks":
      return `#,##0${fraction} "wks"`;
    case "percent":
      return `0${fraction}%`;
    case "date":
      return "dd/mm/yyyy";
  }
}

/** A value as its number format shows it, near enough to size its column. */
function shownText(value: Cell, kind: ColumnKind, decimals?: number): string {
  if (typeof value !== "number") return value === null ? "" : String(value);
  const places = decimals ?? DEFAULT_DECIMALS[kind];
  const grouped = (n: number) => groupedNumber(n, places, places);
  switch (kind) {
    case "text":
      return String(value);
    case "number":
    case "integer":
      return grouped(value);
    case "currency":
      return `${value < 0 ? "-" : ""}£${grouped(Math.abs(value))}`;
    case "weeks":
      return `${grouped(value)} wks`;
    case "percent":
      return `${(value * 100).toFixed(places)}%`;
    case "date":
      return "00/00/0000";
  }
}

/**
 * Advance widths of Calibri's printable ASCII characters, space to "~", in widths of its digit —
 * Excel's unit of column width (measured from Carlito, which has Calibri's metrics).
 */
const ASCII_WIDTHS = [
  0.45, 0.64, 0.79, 0.98, 1, 1.41, 1.35, 0.44, 0.6, 0.6, 0.98, 0.98, 0.49, 0.6, 0.5, 0.76, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.53, 0.53, 0.98, 0.98, 0.98, 0.91,
  1.76, 1.14, 1.07, 1.05, 1.21, 0.96, 0.91, 1.24, 1.23, 0.5, 0.63, 1.03, 0.83, 1.69, 1.27, 1.31, 1.02, 1.33, 1.07, 0.91, 0.96, 1.27, 1.12, 1.76, 1.02, 0.96, 0.92,
  0.61, 0.76, 0.61, 0.98, 0.98, 0.57, 0.95, 1.04, 0.83, 1.04, 0.98, 0.6, 0.93, 1.04, 0.45, 0.47, 0.9, 0.45, 1.58, 1.04, 1.04, 1.04, 1.04, 0.69, 0.77, 0.66, 1.04,
  0.89, 1.41, 0.85, 0.89, 0.78, 0.62, 0.91, 0.62, 0.98,
];
/** Wider characters outside ASCII that reports use; any other counts as a digit's width. */
const OTHER_WIDTHS: Readonly<Record<string, number>> = { "—": 1.79, "…": 1.36, "’": 0.49, "‘": 0.49 };
/** Calibri Bold runs about 3% wider than the regular face. */
const BOLD_WIDTH = 1.03;
/**
 * On screen Excel rounds each letter to whole pixels, which widens text by a few per cent over
 * its printed width: columns are sized, and wrapped lines counted, at the wider measure so that
 * nothing is cut off on screen.
 */
const SCREEN_ROUNDING = 1.08;

/** Printed width of a text in the body font's digit widths (Excel's column unit), at the look's size and weight. */
function printedWidth(text: string, look: CellLook = {}): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    width += code >= 32 && code <= 126 ? ASCII_WIDTHS[code - 32] : (OTHER_WIDTHS[ch] ?? 1);
  }
  return width * ((look.size ?? FONT.size) / FONT.size) * (look.bold ? BOLD_WIDTH : 1);
}

/** Width of a text on screen, where it is widest. */
function textWidth(text: string, look: CellLook = {}): number {
  return printedWidth(text, look) * SCREEN_ROUNDING;
}

/** Lines a text takes when wrapped into `width` characters, breaking at spaces. */
function wrappedLines(text: string, width: number, look: CellLook): number {
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let used = 0;
    lines += 1;
    for (const word of paragraph.split(" ")) {
      const w = textWidth(word, look);
      if (used > 0 && used + textWidth(" ", look) + w > width) {
        lines += 1;
        used = w;
      } else used += (used > 0 ? textWidth(" ", look) : 0) + w;
    }
  }
  return lines;
}

/** Height in points of one line of text in the body font at `size` points (Excel's own row heights). */
function lineHeight(size: number = FONT.size): number {
  if (size <= 11) return 15;
  if (size <= 12) return 15.75;
  return Math.round(size * 1.3125 * 4) / 4;
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
/** Header text wider than this wraps onto more lines instead of widening a column of short figures. */
const MAX_HEADER_WIDTH = 18;
/** Notes wrap across the tables' width, or at least this many characters. */
const MIN_NOTE_WIDTH = 80;
/** Room left beside a cell's text, in digit widths. */
const CELL_PADDING = 1;
/** Rows looked at to size a column: enough to see typical values, cheap for 200,000 rows. */
const WIDTH_SAMPLE_ROWS = 500;

/** How one line of a fan chart (ChartSpec.fan) is drawn, in both adapters. */
export interface FanLine {
  color: string;
  points: number;
  dashed: boolean;
}

/**
 * The first series is the forecast (bold, the rule colour); the last the median (dashed); between
 * them pairs of percentiles from the outside in, each pair one shade, darker towards the middle.
 */
export function fanLineOf(index: number, seriesCount: number): FanLine {
  if (index === 0) return { color: RULE_COLOR, points: 2.25, dashed: false };
  if (index === seriesCount - 1) return { color: "#1F3864", points: 1, dashed: true };
  const pairs = Math.max(1, Math.floor((seriesCount - 2) / 2));
  const pair = Math.min(pairs - 1, Math.floor((index - 1) / 2));
  const shades = ["#BDD7EE", "#8EB4E3", "#5B9BD5"];
  return { color: shades[Math.min(shades.length - 1, pair + (shades.length - pairs))], points: 1.5, dashed: false };
}

export const CHART_DEFAULT_ROWS = 18;
export const CHART_DEFAULT_COLUMNS = 8;

/** Excel's totals-row formula for a column sum; SUBTOTAL(109) leaves out rows the user filters away. */
export function totalsFormula(tableName: string, header: string): string {
  return `=SUBTOTAL(109,${tableName}[${header.replace(/['#[\]]/g, "'$&")}])`;
}

/** An average's total: one totals cell over another, blank where the division fails (0 weeks). */
export function ratioFormula(row: number, numerator: number, denominator: number): string {
  return `=IFERROR(${cellAddress(row, numerator)}/${cellAddress(row, denominator)},"")`;
}

export function layoutSheet(spec: SheetSpec): SheetLayout {
  checkSpec(spec);
  const builder = new LayoutBuilder(spec.name);
  if (spec.title !== undefined) {
    builder.text(spec.title, LOOKS.title);
    builder.skip(1);
  }
  spec.blocks.forEach((block, index) => {
    if (index > 0) builder.skip(1);
    builder.block(block, spec);
  });
  return builder.finish();
}

/** A text that wraps across the sheet's width when it is wider than its own cell. */
interface Wrapping {
  row: number;
  left: number;
  text: string;
  look: CellLook;
}

class LayoutBuilder {
  private row = 0;
  private readonly regions: Region[] = [];
  private readonly tables: LaidTable[] = [];
  private readonly charts: LaidChart[] = [];
  private readonly looks: LaidLook[] = [];
  private readonly rowHeights = new Map<number, number>();
  private readonly wrappings: Wrapping[] = [];
  private readonly widths: number[] = [];
  /** Header rows of tables, with each column's header, for wrapping once widths are known. */
  private readonly headerRows: { row: number; headers: string[] }[] = [];
  /**
   * The first table's header row while nothing but notes follows that table: each printed page of
   * a long table then starts with its header, and no header is repeated over other tables.
   */
  private printTitleRow: number | null = null;

  constructor(private readonly name: string) {}

  skip(rows: number): void {
    this.row += rows;
  }

  text(text: string, look?: CellLook): number {
    const row = this.row;
    this.regions.push({ top: row, left: 0, rows: [[writableValue(text)]], columnFormats: [GENERAL_FORMAT] });
    if (look) this.look({ top: row, left: 0, bottom: row, right: 0 }, look);
    if (look?.size !== undefined) this.rowHeights.set(row, lineHeight(look.size));
    this.row += 1;
    return row;
  }

  block(block: Block, spec: SheetSpec): void {
    if (block.kind === "table" && this.tables.length === 0) this.printTitleRow = this.row + (block.title !== undefined ? 1 : 0);
    else if (block.kind !== "note" && this.tables.length > 0) this.printTitleRow = null;
    switch (block.kind) {
      case "note":
        return this.note(block);
      case "keyValues":
        return this.keyValues(block);
      case "table":
        return this.table(block);
      case "chart":
        return this.chart(block.chart, spec);
    }
  }

  private look(rect: CellRect, look: CellLook): void {
    this.looks.push({ rect, look });
  }

  private note(block: NoteBlock): void {
    const look = block.style === "warning" ? LOOKS.warning : block.style === "heading" ? LOOKS.heading : undefined;
    const row = this.text(block.text, look);
    this.wrappings.push({ row, left: 0, text: block.text, look: look ?? {} });
  }

  private keyValues(block: KeyValueBlock): void {
    if (block.title !== undefined) this.text(block.title, LOOKS.heading);
    const top = this.row;
    if (block.pairs.length > 0) this.look({ top, left: 1, bottom: top + block.pairs.length - 1, right: 1 }, LOOKS.value);
    // One region per pair: each value has its own number format.
    block.pairs.forEach((pair, i) => {
      const kind = pair.kind ?? "text";
      const value = toExcelValue(pair.value, kind);
      this.regions.push({
        top: top + i,
        left: 0,
        rows: [[writableValue(pair.key), value]],
        columnFormats: [GENERAL_FORMAT, numberFormatOf(kind, pair.decimals)],
      });
      this.widen(0, Math.min(MAX_AUTO_WIDTH, textWidth(pair.key) + CELL_PADDING));
      // Text runs on to the right (wrapping across the sheet when long); figures need their width.
      if (typeof value === "string") this.wrappings.push({ row: top + i, left: 1, text: value, look: LOOKS.value });
      else this.widen(1, Math.max(DEFAULT_WIDTH[kind], textWidth(shownText(pair.value, kind, pair.decimals)) + CELL_PADDING));
      const status = pair.rag ? ragStatus(value) : null;
      if (status) this.look({ top: top + i, left: 1, bottom: top + i, right: 1 }, RAG_LOOKS[status]);
    });
    this.row += block.pairs.length;
  }

  private table(block: TableBlock): void {
    if (block.title !== undefined) this.text(block.title, LOOKS.heading);
    const columns = block.columns;
    const headerRow = this.row;
    // Excel tables need at least one data row; an empty table shows one blank row.
    const dataRows = block.rows.length > 0 ? block.rows.map((row) => columns.map((c, j) => toExcelValue(row[j] ?? null, c.kind))) : [columns.map(() => null)];
    const formats = columns.map((c) => numberFormatOf(c.kind, c.decimals));
    this.regions.push({ top: headerRow, left: 0, rows: [columns.map((c) => c.header)], columnFormats: formats.map(() => GENERAL_FORMAT) });
    this.regions.push({ top: headerRow + 1, left: 0, rows: dataRows, columnFormats: formats });
    const lastDataRow = headerRow + dataRows.length;
    const hasTotals = columns.some((c) => c.total !== undefined);
    const totalsRow = hasTotals ? lastDataRow + 1 : null;
    const totals = formats.map((format, j) => totalsCell(block, j, format, dataRows, totalsRow ?? 0));
    this.tables.push({
      name: block.name,
      rect: { top: headerRow, left: 0, bottom: lastDataRow, right: columns.length - 1 },
      headers: columns.map((c) => c.header),
      totalsRow,
      totals,
    });

    const right = columns.length - 1;
    this.look({ top: headerRow, left: 0, bottom: headerRow, right }, LOOKS.header);
    const figures = columns.map((c, j) => j > 0 && c.kind !== "text");
    const bottom = totalsRow ?? lastDataRow;
    for (const run of runs(figures)) this.look({ top: headerRow, left: run.from, bottom: headerRow, right: run.to }, LOOKS.numberHeader);
    this.look({ top: headerRow, left: 0, bottom, right: 0 }, LOOKS.rowLabel);
    const setIn = columns.map((c, j) => j > 0 && c.kind === "text" && !c.rag && figures[j - 1]);
    for (const run of runs(setIn)) this.look({ top: headerRow, left: run.from, bottom, right: run.to }, LOOKS.afterFigures);
    if (totalsRow !== null) this.look({ top: totalsRow, left: 0, bottom: totalsRow, right }, LOOKS.totals);
    columns.forEach((c, j) => {
      if (!c.rag) return;
      this.look({ top: headerRow, left: j, bottom, right: j }, LOOKS.status);
      for (const run of runs(dataRows.map((row) => ragStatus(row[j])))) {
        this.look({ top: headerRow + 1 + run.from, left: j, bottom: headerRow + 1 + run.to, right: j }, RAG_LOOKS[run.value]);
      }
      const total = totals[j];
      const status = total.kind === "label" ? ragStatus(total.text) : null;
      if (status && totalsRow !== null) this.look({ top: totalsRow, left: j, bottom: totalsRow, right: j }, RAG_LOOKS[status]);
    });

    columns.forEach((c, j) => this.widen(j, columnWidth(c, dataRows, j, totals[j])));
    this.headerRows.push({ row: headerRow, headers: columns.map((c) => c.header) });
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
      fan: chart.fan === true && chart.type === "line",
    });
    this.row += rows;
  }

  private widen(column: number, width: number): void {
    this.widths[column] = Math.max(this.widths[column] ?? 0, Math.ceil(width));
  }

  finish(): SheetLayout {
    if (this.row > EXCEL_MAX_ROWS) {
      throw new WorkbookError("too-large", `sheet "${this.name}" would need ${groupedNumber(this.row)} rows; Excel has ${groupedNumber(EXCEL_MAX_ROWS)}`);
    }
    const widths = Array.from(this.widths, (w) => w ?? DEFAULT_WIDTH.text);
    // Wrapped text spans the widest table (at least MIN_NOTE_WIDTH characters, adding columns if need be).
    let spanRight = Math.max(0, ...this.tables.map((t) => t.rect.right));
    const widthOf = (left: number, right: number) => widths.slice(left, right + 1).reduce((sum, w) => sum + w, 0);
    if (this.wrappings.length > 0) {
      while (widthOf(0, spanRight) < MIN_NOTE_WIDTH) {
        spanRight += 1;
        widths[spanRight] ??= DEFAULT_WIDTH.text;
      }
    }
    const merges: CellRect[] = [];
    for (const { row, left, text, look } of this.wrappings) {
      // A text that fits its cell, or runs on over the empty cells to its right within the span
      // when printed, is left as one line: running on never cuts text off, a wrapped row's height can.
      if (spanRight <= left || printedWidth(text, look) + CELL_PADDING <= widthOf(left, spanRight)) continue;
      const rect = { top: row, left, bottom: row, right: spanRight };
      merges.push(rect);
      this.look(rect, LOOKS.wrapped);
      const lines = wrappedLines(text, widthOf(left, spanRight) - CELL_PADDING, look);
      if (lines > 1) this.rowHeights.set(row, lines * lineHeight(look.size));
    }
    for (const { row, headers } of this.headerRows) {
      const lines = Math.max(...headers.map((h, j) => wrappedLines(h, widths[j] - CELL_PADDING, LOOKS.header)));
      if (lines > 1) this.rowHeights.set(row, lines * lineHeight());
    }
    return {
      name: this.name,
      regions: this.regions,
      tables: this.tables,
      charts: this.charts,
      looks: this.looks,
      merges,
      rowHeights: [...this.rowHeights].sort(([a], [b]) => a - b).map(([row, points]) => ({ row, points })),
      columnWidths: widths,
      rowCount: this.row,
      printTitleRow: this.printTitleRow,
    };
  }
}

/** Runs of equal, non-null values in a list: { from, to, value } with both ends inclusive. */
function runs<T>(values: readonly (T | null | false)[]): { from: number; to: number; value: T }[] {
  const found: { from: number; to: number; value: T }[] = [];
  values.forEach((value, i) => {
    if (value === null || value === false) return;
    const last = found[found.length - 1];
    if (last && last.to === i - 1 && last.value === value) last.to = i;
    else found.push({ from: i, to: i, value: value as T });
  });
  return found;
}

function toExcelValue(value: Cell, kind: ColumnKind): Cell {
  const cell = writableValue(value);
  return kind === "date" && typeof cell === "number" ? excelSerialOfDay(Math.floor(cell)) : cell;
}

function columnSum(rows: readonly Cell[][], j: number): number {
  let sum = 0;
  for (const row of rows) if (typeof row[j] === "number") sum += row[j] as number;
  return sum;
}

function totalsCell(block: TableBlock, j: number, format: string, rows: readonly Cell[][], totalsRow: number): TotalsCell {
  const column = block.columns[j];
  const total = column.total;
  if (total === undefined) return { kind: "blank" };
  if (total === "sum") return { kind: "sum", header: column.header, result: columnSum(rows, j), format };
  if ("ratioOf" in total) {
    const [numerator, denominator] = total.ratioOf.map((h) => block.columns.findIndex((c) => sameName(c.header, h)));
    const divisor = columnSum(rows, denominator);
    const result = divisor === 0 ? null : columnSum(rows, numerator) / divisor;
    return { kind: "ratio", formula: ratioFormula(totalsRow, numerator, denominator), result: result !== null && Number.isFinite(result) ? result : null, format };
  }
  return total.label === "" ? { kind: "blank" } : { kind: "label", text: total.label };
}

function columnWidth(column: ColumnSpec, rows: readonly Cell[][], j: number, total: TotalsCell): number {
  if (column.width !== undefined) return column.width;
  let widest = Math.min(textWidth(column.header, LOOKS.header) + CELL_PADDING, MAX_HEADER_WIDTH);
  const shown = (value: Cell) => textWidth(shownText(value, column.kind, column.decimals)) + CELL_PADDING;
  const n = Math.min(rows.length, WIDTH_SAMPLE_ROWS);
  for (let i = 0; i < n; i++) widest = Math.max(widest, shown(rows[i][j]));
  if (total.kind === "sum" || total.kind === "ratio") widest = Math.max(widest, textWidth(shownText(total.result, column.kind, column.decimals), LOOKS.totals) + CELL_PADDING);
  if (total.kind === "label") widest = Math.max(widest, textWidth(total.text, LOOKS.totals) + CELL_PADDING);
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

/**
 * `wanted` if no table in the workbook has that name, else "wanted_2", "wanted_3"…: Excel's table
 * names are unique in the workbook, and a report the user renamed to keep holds on to its own.
 */
export function freeTableName(wanted: string, namesInUse: readonly string[]): string {
  const taken = (name: string) => namesInUse.some((used) => sameName(used, name));
  if (!taken(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${wanted.slice(0, 255 - suffix.length)}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
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
    const first = block.columns[0].total;
    if (first !== undefined && (first === "sum" || "ratioOf" in first)) throw badSpec(spec, `table "${block.name}": the first column's total must be a label, not a figure`);
    for (const column of block.columns) {
      if (column.total === undefined || column.total === "sum" || !("ratioOf" in column.total)) continue;
      for (const header of column.total.ratioOf) {
        const summed = block.columns.find((c) => sameName(c.header, header));
        if (!summed) throw badSpec(spec, `table "${block.name}": the total of "${column.header}" is a ratio of column "${header}", which the table does not have`);
        if (summed.total !== "sum") throw badSpec(spec, `table "${block.name}": the total of "${column.header}" is a ratio of column "${header}", which has no sum total`);
      }
    }
    const wide = block.rows.findIndex((r) => r.length > block.columns.length);
    if (wide !== -1) throw badSpec(spec, `table "${block.name}": row ${wide + 1} has ${block.rows[wide].length} cells for ${block.columns.length} columns`);
  }
}
