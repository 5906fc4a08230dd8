/**
 * The workbook port inside Excel, over Office.js. Every context.sync() is a round trip to Excel
 * (slow on the web), so work is queued and sent in a few batches whose number does not grow
 * with the rows of a report: a write is one request to look at the workbook, one to mark the
 * sheet as being written and empty it, the values in as many requests as their size needs under
 * Excel's 5 MB limit (one for any report sheet), and one for tables, totals, the look (fonts,
 * fills, rules, merges, heights, widths), print set-up and the chart — each look one range, so
 * this request does not grow with the rows either — which ends by taking the mark off.
 *
 * A report sheet is rewritten in place, never deleted and re-added: formulas elsewhere that
 * point into it (='LAC Variance'!C12) keep pointing at it, and its tables keep their names. A
 * write that is cut off leaves the sheet marked (LAC_BUILD_<n>, see ownership.ts) and saying so
 * in A1; the next write repairs it.
 */

import type { Cell, Table } from "../../engine/table";
import { cellText } from "../../engine/table";
import { CellRect, cellAddress, columnsAddress, parseAddress, rectAddress, sameName } from "../addresses";
import { cellFromWorkbook, cellNumberFormat, GENERAL_FORMAT } from "../cells";
import { CellLook, fanLineOf, FONT, freeTableName, LaidChart, LaidTable, layoutSheet, LOOKS, PRINT, Region, RULE_COLOR, SheetLayout, totalsFormula } from "../layout";
import { BUILD_MARK_COMMENT, BUILD_MARK_PREFIX, freeMarkName, freeSheetName, MARK_COMMENT, Marks, ownedMarkName, ownedMarkOf, readMarks } from "../ownership";
import {
  DATE_1904_MESSAGE,
  HEADER_SEARCH_ROWS,
  ReadOptions,
  SheetInfo,
  TableInfo,
  TableSource,
  WorkbookError,
  WorkbookPort,
  WriteOptions,
  WriteReport,
} from "../port";
import { findHeaderRow, tableFromSheetRows } from "../reading";
import { DEFAULT_REQUEST_BUDGET_BYTES, DEFAULT_RESPONSE_BUDGET_BYTES, isPayloadTooLarge, planValueRequests, ReadBlockSizer } from "../requests";
import type { SheetSpec } from "../spec";

/** Excel.run, or a stand-in for it in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Office.context.requirements.isSetSupported, or a stand-in for it in tests. */
export type RequirementCheck = (set: string, version: string) => boolean;

export interface OfficeWorkbookOptions {
  /** Bytes of values and formats per write request (4 MB: under Excel's 5 MB with room to spare). */
  requestBudgetBytes?: number;
  /** Bytes of values per read response. */
  responseBudgetBytes?: number;
  /** Whether this Excel has an optional requirement set (1.13 for Table.resize); Office.context.requirements.isSetSupported unless given. */
  supports?: RequirementCheck;
}

// The newest API this adapter uses is ExcelApi 1.9 (Worksheet.pageLayout, RangeFormat.indentLevel):
// manifest.xml requires it, so Excel does not load the add-in where it is missing.
const POINTS_PER_INCH = 72;

function officeSupports(set: string, version: string): boolean {
  return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported(set, version) === true;
}

/**
 * Table.resize, which fits a table to its new rows in place, came with ExcelApi 1.13. Where
 * Excel lacks it, a report's table is turned back into cells and added afresh under the same
 * name: the sheet and its cells stay, but formulas that named the table's columns now name cells.
 */
const EXCEL_API_1_13 = ["ExcelApi", "1.13"] as const;

/** What A1 of a report sheet says while the sheet is written, and after a write that did not complete. */
export const INCOMPLETE_BANNER = "This report is incomplete: refresh again";

const TABLE_STYLE = "TableStyleMedium2";
// String values of Excel's enums, so that loading this module needs no Office.js global.
const CHART_TYPES = { line: "Line", column: "ColumnClustered", bar: "BarClustered", pie: "Pie" } as const;
const HORIZONTAL_ALIGNMENTS = { left: "Left", center: "Center", right: "Right" } as const;
const VISIBLE = "Visible";

/** Excel column widths are set in points; a width of w characters of the default font is 7w+5 pixels. */
export function columnWidthPoints(characters: number): number {
  return Math.round((7 * characters + 5) * 0.75 * 100) / 100;
}

export class OfficeWorkbook implements WorkbookPort {
  /** Round trips and the heaviest request since this object was made, for the pane's log and the benchmark. */
  readonly stats = { syncs: 0, largestRequestBytes: 0 };
  private readonly requestBudget: number;
  private readonly responseBudget: number;
  private readonly supports: RequirementCheck;

  constructor(
    private readonly run: ExcelRun = (batch) => Excel.run(batch),
    options: OfficeWorkbookOptions = {},
  ) {
    this.requestBudget = options.requestBudgetBytes ?? DEFAULT_REQUEST_BUDGET_BYTES;
    this.responseBudget = options.responseBudgetBytes ?? DEFAULT_RESPONSE_BUDGET_BYTES;
    this.supports = options.supports ?? officeSupports;
  }

  /** Runs a batch; a failure that is not already one of ours (a lost connection, Excel refusing) becomes one. */
  private async excel<T>(failing: string | (() => string), code: "read-failed" | "write-failed", batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    try {
      return await this.run(batch);
    } catch (error) {
      if (error instanceof WorkbookError) throw error;
      const what = typeof failing === "string" ? failing : failing();
      throw new WorkbookError(code, `${what}: ${(error as Error).message}`, { cause: error });
    }
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.excel("could not list the workbook's sheets", "read-failed", async (context) => {
      const { sheets, marks } = await this.inspect(context);
      return sheets.items
        .filter((s) => !marks.building.some((m) => sameName(m.sheet, s.name)))
        .map((s) => ({ name: s.name, owned: ownedMarkOf(marks, s.name) !== undefined, visible: s.visibility === VISIBLE }));
    });
  }

  async isOwned(sheetName: string): Promise<boolean> {
    return this.excel("could not look at the workbook's sheets", "read-failed", async (context) => ownedMarkOf((await this.inspect(context)).marks, sheetName) !== undefined);
  }

  async freeSheetName(wanted: string): Promise<string> {
    return this.excel("could not look at the workbook's sheets", "read-failed", async (context) => {
      const { sheets } = await this.inspect(context);
      return freeSheetName(wanted, sheets.items.map((s) => s.name));
    });
  }

  async listTables(): Promise<TableInfo[]> {
    return this.excel("could not list the workbook's tables", "read-failed", async (context) => {
      const { sheets, tables, marks } = await this.inspect(context, true);
      // A sheet left half-built by a refresh that was cut off is nobody's input.
      const building = (sheetName: string) => marks.building.some((m) => sameName(m.sheet, sheetName));
      const tableParts = (tables?.items ?? []).filter((table) => !building(table.worksheet.name)).map((table) => ({
        table,
        header: table.getHeaderRowRange().load("values"),
        body: table.getDataBodyRange().load("rowCount"),
      }));
      const visible = sheets.items.filter((s) => s.visibility === VISIBLE);
      const used = visible.map((sheet) => ({ sheet, range: sheet.getUsedRangeOrNullObject(true).load("address,rowCount") }));
      await this.sync(context);
      const filled = used.filter((u) => !u.range.isNullObject);
      const firstRows = filled.map((u) => u.sheet.getRange(firstRowAddress(u.range.address)).load("values"));
      await this.sync(context);
      return [
        ...tableParts.map(({ table, header, body }) => ({
          name: table.name,
          sheet: table.worksheet.name,
          source: "table" as const,
          headers: (header.values[0] ?? []).map((c: unknown) => cellText(cellFromWorkbook(c))),
          rowCount: body.rowCount,
        })),
        ...filled.map((u, i) => ({
          name: u.sheet.name,
          sheet: u.sheet.name,
          source: "sheet" as const,
          headers: (firstRows[i].values[0] ?? []).map((c: unknown) => cellText(cellFromWorkbook(c))),
          rowCount: u.range.rowCount - 1,
        })),
      ];
    });
  }

  async readTable(source: TableSource, options: ReadOptions = {}): Promise<Table> {
    const tableName = typeof source === "string" ? source : "table" in source ? source.table : null;
    const sheetName = typeof source === "string" ? source : "sheet" in source ? source.sheet : null;
    return this.excel(`could not read "${tableName ?? sheetName}"`, "read-failed", async (context) => {
      const table = tableName === null ? null : context.workbook.tables.getItemOrNullObject(tableName).load("name,showTotals");
      const sheet = sheetName === null ? null : context.workbook.worksheets.getItemOrNullObject(sheetName).load("name");
      // DATE(1904, 1, 1) is serial 0 in a workbook counting from 1904, 1,462 in one counting from 1900: known in the same request.
      const firstOf1904 = context.workbook.functions.date(1904, 1, 1).load("value");
      await this.sync(context);
      if (firstOf1904.value === 0) throw new WorkbookError("date-1904", DATE_1904_MESSAGE);
      if (table && !table.isNullObject) {
        const range = table.getRange().load("address");
        await this.sync(context);
        const rect = parseAddress(range.address).rect;
        if (table.showTotals) rect.bottom -= 1;
        const rows = await this.readRows(context, table.worksheet, rect, options);
        return tableFromSheetRows(rows, 0, rect.top + 1);
      }
      if (!sheet || sheet.isNullObject) throw new WorkbookError("not-found", `there is no table or sheet called "${tableName ?? sheetName}"`);
      const used = sheet.getUsedRangeOrNullObject(true).load("address");
      await this.sync(context);
      const where = `sheet "${sheet.name}"`;
      if (used.isNullObject) throw new WorkbookError("no-header", `${where} is empty: it needs a header row`);
      const rect = parseAddress(used.address).rect;
      const rows = await this.readRows(context, sheet, rect, options);
      return tableFromSheetRows(rows, findHeaderRow(rows, options.header, where), rect.top + 1);
    });
  }

  /** Reads a rectangle in blocks of rows, each one request, sized to keep responses under the limit. */
  private async readRows(context: Excel.RequestContext, sheet: Excel.Worksheet, rect: CellRect, options: ReadOptions): Promise<Cell[][]> {
    const total = rect.bottom - rect.top + 1;
    const sizer = new ReadBlockSizer(this.responseBudget, HEADER_SEARCH_ROWS);
    const rows: Cell[][] = [];
    while (rows.length < total) {
      const top = rect.top + rows.length;
      const count = sizer.nextRows(total - rows.length);
      const block = sheet.getRange(rectAddress({ top, left: rect.left, bottom: top + count - 1, right: rect.right })).load("values");
      try {
        await this.sync(context);
      } catch (error) {
        if (isPayloadTooLarge(error) && sizer.tooLarge(count)) continue;
        throw error;
      }
      const values = block.values.map((row: unknown[]) => row.map(cellFromWorkbook));
      sizer.observe(values);
      for (const row of values) rows.push(row);
      options.onProgress?.({ rowsRead: rows.length, rowsTotal: total });
    }
    return rows;
  }

  async writeSheet(spec: SheetSpec, options: WriteOptions = {}): Promise<WriteReport> {
    const layout = layoutSheet(spec);
    // A1 says the sheet is incomplete until the last request, which writes what A1 really holds.
    const { regions, firstCell } = withoutFirstCell(layout.regions);
    const requests = planValueRequests(regions, this.requestBudget);
    const requestsTotal = requests.length + 3;
    let requestsDone = 0;
    const progress = () => options.onProgress?.({ requestsDone: ++requestsDone, requestsTotal });
    const syncsBefore = this.stats.syncs;
    let largestRequestBytes = 0;
    let changing = false;
    const failing = () =>
      changing
        ? `sheet "${spec.name}" could not be written completely (until the next refresh it may be incomplete, and says so in A1)`
        : `sheet "${spec.name}" could not be written (nothing was changed)`;

    return this.excel(failing, "write-failed", async (context) => {
      // 1. A look at the workbook: its sheets, marks and tables.
      const { sheets, names, tables, marks } = await this.inspect(context, true);
      progress();
      const existing = sheets.items.find((s) => sameName(s.name, spec.name));
      const ownedMark = existing ? ownedMarkOf(marks, existing.name) : undefined;
      if (existing && !ownedMark) {
        const suggestedName = freeSheetName(spec.name, sheets.items.map((s) => s.name));
        throw new WorkbookError(
          "not-owned",
          `a sheet called "${existing.name}" is already in the workbook and was not made by the LAC Cost Engine, so it is left alone; write the report as "${suggestedName}" instead`,
          { suggestedName },
        );
      }

      // 2. Mark the sheet as being written (first, so that whatever follows is recoverable), empty
      // it and say so in A1. The sheet itself stays, so formulas elsewhere that point into it do too.
      const workbook = context.workbook;
      const namesInUse = names.items.map((n) => n.name);
      const sheet = existing ? workbook.worksheets.getItem(existing.name) : workbook.worksheets.add(spec.name);
      const unfinished = existing ? marks.incomplete.filter((m) => sameName(m.sheet, existing.name)) : [];
      const buildMark = unfinished[0]?.mark ?? freeMarkName(BUILD_MARK_PREFIX, namesInUse);
      if (unfinished.length === 0) workbook.names.add(buildMark, sheet.getRange("A1"), BUILD_MARK_COMMENT);
      const ownedName = ownedMarkName(spec.name, namesInUse, ownedMark?.mark);
      if (ownedMark?.mark !== ownedName) {
        // A mark written without the name's fingerprint (by an older version) gets one.
        if (ownedMark) workbook.names.getItem(ownedMark.mark).delete();
        workbook.names.add(ownedName, sheet.getRange("A1"), MARK_COMMENT);
      }
      // Sheets an older version built aside and left behind, and marks that no longer apply, are ours to clear.
      for (const leftover of marks.building) workbook.worksheets.getItem(leftover.sheet).delete();
      const spent = [...marks.building, ...marks.kept, ...unfinished.slice(1)].map((m) => m.mark);
      for (const mark of [...spent, ...marks.stale]) workbook.names.getItem(mark).delete();
      const whole = sheet.getRange();
      whole.unmerge();
      whole.clear();
      whole.format.useStandardHeight = true;
      whole.format.useStandardWidth = true;
      const a1 = sheet.getRange("A1");
      a1.numberFormat = [["@"]];
      a1.values = [[INCOMPLETE_BANNER]];
      a1.format.font.bold = true;
      a1.format.font.color = LOOKS.warning.color;
      // What the sheet holds besides cells, for step 3.
      const charts = existing ? sheet.charts.load("items/name") : null;
      const ownTables = (existing ? (tables?.items ?? []) : [])
        .filter((t) => sameName(t.worksheet.name, spec.name))
        .map((t) => {
          const table = workbook.tables.getItem(t.name).load("showTotals");
          return { name: t.name, table, header: table.getHeaderRowRange().load("address") };
        });
      changing = true;
      await this.sync(context);
      progress();

      // 3. The values, in requests under the size limit. Ahead of them go the old charts, and the
      // tables are fitted to their new rows, keeping their names, so that formulas naming them
      // still work (or, where Excel cannot fit a table, turned back into cells).
      // Table names share one namespace with the workbook's names: neither may be taken.
      const otherTables = (tables?.items ?? []).filter((t) => !ownTables.some((own) => own.name === t.name)).map((t) => t.name);
      const canResize = ownTables.length > 0 && this.supports(...EXCEL_API_1_13);
      const plan = planTables(layout.tables, ownTables.map((t) => ({ ...t, headerRow: parseAddress(t.header.address).rect.top })), [...otherTables, ...namesInUse], canResize);
      for (const chart of charts?.items ?? []) chart.delete();
      for (const table of plan.dropped) table.convertToRange().clear("Formats");
      for (const { laid, kept } of plan.tables) {
        if (!kept) continue;
        if (kept.table.showTotals) kept.table.showTotals = false;
        kept.table.resize(rectAddress(laid.rect));
      }
      for (const request of requests) {
        for (const write of request.writes) {
          const range = sheet.getRange(rectAddress(write.rect));
          // The formats first: a string lands in a Text cell and stays text (see cells.ts).
          range.numberFormat = write.formats;
          range.values = write.values;
        }
        largestRequestBytes = Math.max(largestRequestBytes, request.bytes);
        await this.sync(context, request.bytes);
        progress();
      }

      // 4. Tables, totals, the look and charts; then A1 and, last, the mark comes off.
      a1.clear("Formats");
      this.queueFormats(sheet, layout, plan.tables);
      a1.numberFormat = [[firstCell.format]];
      a1.values = [[firstCell.value ?? ""]];
      workbook.names.getItem(buildMark).delete();
      await this.sync(context);
      progress();
      return { sheet: spec.name, rows: layout.rowCount, requests: this.stats.syncs - syncsBefore, largestRequestBytes, replaced: existing !== undefined };
    });
  }

  /**
   * Tables, totals rows, the look (fonts, fills, rules, alignment, merges, heights, widths), the
   * print set-up and charts, queued for one request. Each look is one range, whatever its rows.
   */
  private queueFormats(sheet: Excel.Worksheet, layout: SheetLayout, tables: readonly PlannedTable[]): void {
    for (const planned of tables) this.queueTable(sheet, planned);
    const lastColumn = Math.max(0, layout.columnWidths.length - 1);
    if (layout.rowCount > 0) {
      const font = sheet.getRange(rectAddress({ top: 0, left: 0, bottom: layout.rowCount - 1, right: lastColumn })).format.font;
      font.name = FONT.name;
      font.size = FONT.size;
    }
    for (const { rect, look } of layout.looks) queueLook(sheet.getRange(rectAddress(rect)), look);
    for (const rect of layout.merges) sheet.getRange(rectAddress(rect)).merge(false);
    for (const { row, points } of layout.rowHeights) sheet.getRange(cellAddress(row, 0)).format.rowHeight = points;
    layout.columnWidths.forEach((width, j) => (sheet.getRange(columnsAddress(j)).format.columnWidth = columnWidthPoints(width)));
    this.queuePageLayout(sheet, layout);
    for (const chart of layout.charts) this.queueChart(sheet, chart);
  }

  private queuePageLayout(sheet: Excel.Worksheet, layout: SheetLayout): void {
    const page = sheet.pageLayout;
    page.orientation = "Landscape";
    page.paperSize = PRINT.paperSize;
    // verticalFitToPages 0: as many pages tall as the rows need.
    page.zoom = { horizontalFitToPages: PRINT.pagesWide, verticalFitToPages: 0 };
    const points = (inches: number) => Math.round(inches * POINTS_PER_INCH * 100) / 100;
    const { left, right, top, bottom, header, footer } = PRINT.margins;
    page.leftMargin = points(left);
    page.rightMargin = points(right);
    page.topMargin = points(top);
    page.bottomMargin = points(bottom);
    page.headerMargin = points(header);
    page.footerMargin = points(footer);
    if (layout.printTitleRow !== null) page.setPrintTitleRows(`$${layout.printTitleRow + 1}:$${layout.printTitleRow + 1}`);
  }

  /** A table fitted to its rows in step 3 is set up again; a new one is added under the name planned for it. */
  private queueTable(sheet: Excel.Worksheet, { laid, name, kept }: PlannedTable): void {
    const table = kept?.table ?? sheet.tables.add(rectAddress(laid.rect), true);
    if (!kept) table.name = name;
    table.style = TABLE_STYLE;
    table.showBandedRows = true;
    // No filter buttons: a report reads (and prints) without them, and they would sit over right-aligned headers.
    table.showFilterButton = false;
    if (laid.totalsRow !== null) {
      table.showTotals = true;
      // Written after showTotals, which claims the row below the data.
      const row = sheet.getRange(rectAddress({ top: laid.totalsRow, left: laid.rect.left, bottom: laid.totalsRow, right: laid.rect.right }));
      row.numberFormat = [laid.totals.map((t) => (t.kind === "sum" || t.kind === "ratio" ? t.format : cellNumberFormat(t.kind === "label" ? t.text : null, GENERAL_FORMAT)))];
      row.formulas = [laid.totals.map((t) => (t.kind === "sum" ? totalsFormula(name, t.header) : t.kind === "ratio" ? t.formula : t.kind === "label" ? t.text : ""))];
    }
  }

  private queueChart(sheet: Excel.Worksheet, laid: LaidChart): void {
    const [first, ...others] = laid.series;
    const categories = sheet.getRange(rectAddress(laid.categories));
    const chart = sheet.charts.add(CHART_TYPES[laid.type], sheet.getRange(rectAddress(first.values)), "Columns");
    chart.title.text = laid.title;
    chart.legend.visible = laid.series.length > 1;
    chart.setPosition(cellAddress(laid.area.top, laid.area.left), cellAddress(laid.area.bottom, laid.area.right));
    const firstSeries = chart.series.getItemAt(0);
    firstSeries.name = first.name;
    firstSeries.setXAxisValues(categories);
    for (const other of others) {
      const series = chart.series.add(other.name);
      series.setValues(sheet.getRange(rectAddress(other.values)));
      series.setXAxisValues(categories);
    }
    if (laid.fan) {
      laid.series.forEach((_, index) => {
        const line = fanLineOf(index, laid.series.length);
        const format = chart.series.getItemAt(index).format.line;
        format.color = line.color;
        format.weight = line.points;
        format.lineStyle = line.dashed ? "Dash" : "Continuous";
      });
    }
  }

  /** One request: the sheets, the defined names (ownership marks) and, when asked, the tables. */
  private async inspect(context: Excel.RequestContext, withTables = false) {
    const sheets = context.workbook.worksheets.load("items/name,items/visibility");
    const names = context.workbook.names.load("items/name,items/type,items/value");
    const tables = withTables ? context.workbook.tables.load("items/name,items/worksheet/name") : undefined;
    await this.sync(context);
    const marks: Marks = readMarks(
      names.items.map((n) => ({ name: n.name, reference: String(n.value ?? "") })),
      sheets.items.map((s) => s.name),
    );
    return { sheets, names, tables, marks };
  }

  private async sync(context: Excel.RequestContext, bytes = 0): Promise<void> {
    this.stats.syncs += 1;
    this.stats.largestRequestBytes = Math.max(this.stats.largestRequestBytes, bytes);
    await context.sync();
  }
}

/** A look's properties on a range; what the look does not give is left as it is. */
function queueLook(range: Excel.Range, look: CellLook): void {
  const format = range.format;
  if (look.bold !== undefined) format.font.bold = look.bold;
  if (look.italic !== undefined) format.font.italic = look.italic;
  if (look.size !== undefined) format.font.size = look.size;
  if (look.color !== undefined) format.font.color = look.color;
  if (look.fill !== undefined) format.fill.color = look.fill;
  if (look.align !== undefined) format.horizontalAlignment = HORIZONTAL_ALIGNMENTS[look.align];
  if (look.indent !== undefined) format.indentLevel = look.indent;
  if (look.wrap !== undefined) format.wrapText = look.wrap;
  if (look.vertical === "top") format.verticalAlignment = "Top";
  if (look.rule !== undefined) {
    const edge = format.borders.getItem(look.rule === "top" ? "EdgeTop" : "EdgeBottom");
    edge.style = "Continuous";
    edge.weight = "Thin";
    edge.color = RULE_COLOR;
  }
}

/** The first row of a range's address ("Sheet1!B3:F200" → "B3:F3"). */
function firstRowAddress(address: string): string {
  const { rect } = parseAddress(address);
  return rectAddress({ ...rect, bottom: rect.top });
}

/** A1's value as the layout has it, and the regions without that cell. */
function withoutFirstCell(regions: readonly Region[]): { regions: Region[]; firstCell: { value: Cell; format: string } } {
  let firstCell: { value: Cell; format: string } = { value: null, format: GENERAL_FORMAT };
  const rest: Region[] = [];
  for (const region of regions) {
    if (region.top !== 0 || region.left !== 0 || region.rows.length === 0) {
      rest.push(region);
      continue;
    }
    const value = region.rows[0][0] ?? null;
    firstCell = { value, format: cellNumberFormat(value, region.columnFormats[0]) };
    if (region.columnFormats.length > 1) rest.push({ top: 0, left: 1, rows: [region.rows[0].slice(1)], columnFormats: region.columnFormats.slice(1) });
    if (region.rows.length > 1) rest.push({ ...region, top: 1, rows: region.rows.slice(1) });
  }
  return { regions: rest, firstCell };
}

/** A table of the sheet as step 2 found it. */
interface OwnTable {
  name: string;
  table: Excel.Table;
  headerRow: number;
}

interface PlannedTable {
  laid: LaidTable;
  /** The name the table has after the write. */
  name: string;
  /** The sheet's table that becomes this one, fitted to its rows; absent for a table added afresh. */
  kept?: OwnTable;
}

/**
 * Which of the sheet's tables each of the report's tables becomes, and under what name. A
 * report's table keeps the name it had on this sheet — its own, or the free one it was given
 * ("LAC_Variance_2") when another sheet held its own — so that names stay the same from one
 * refresh to the next. Tables Excel can fit to their new rows (resize needs ExcelApi 1.13 and the
 * header in the same row) are kept; the others go back to cells and are added afresh.
 */
function planTables(laidTables: readonly LaidTable[], own: readonly OwnTable[], namesTaken: readonly string[], canResize: boolean): { tables: PlannedTable[]; dropped: Excel.Table[] } {
  const namesInUse = [...namesTaken];
  const matched = new Set<OwnTable>();
  const tables = laidTables.map((laid): PlannedTable => {
    const free = own.filter((t) => !matched.has(t));
    const previous = free.find((t) => sameName(t.name, laid.name)) ?? free.find((t) => isNumberedName(t.name, laid.name));
    const name = previous?.name ?? freeTableName(laid.name, namesInUse);
    namesInUse.push(name);
    if (previous) matched.add(previous);
    const kept = previous && canResize && previous.headerRow === laid.rect.top ? previous : undefined;
    return kept ? { laid, name, kept } : { laid, name };
  });
  const keptTables = new Set(tables.map((t) => t.kept));
  return { tables, dropped: own.filter((t) => !keptTables.has(t)).map((t) => t.table) };
}

/** "LAC_Variance_2" for "LAC_Variance": a free name freeTableName gave the table. */
function isNumberedName(name: string, wanted: string): boolean {
  return sameName(name.slice(0, wanted.length + 1), `${wanted}_`) && /^\d+$/.test(name.slice(wanted.length + 1));
}
