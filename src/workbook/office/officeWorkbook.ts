/**
 * The workbook port inside Excel, over Office.js. Every context.sync() is a round trip to Excel
 * (slow on the web), so work is queued and sent in a few batches whose number does not grow
 * with the rows of a report: a write is one request to look at the workbook, the values in as
 * many requests as their size needs under Excel's 5 MB limit (one for any report sheet), one
 * for tables, totals, the look (fonts, fills, rules, merges, heights, widths), print set-up and
 * the chart — each look one range, so this request does not grow with the rows either — and
 * one to swap the finished sheet in.
 */

import type { Cell, Table } from "../../engine/table";
import { cellText } from "../../engine/table";
import { CellRect, cellAddress, columnsAddress, parseAddress, rectAddress, sameName } from "../addresses";
import { cellFromWorkbook, cellNumberFormat, GENERAL_FORMAT } from "../cells";
import { CellLook, FONT, LaidChart, LaidTable, layoutSheet, PRINT, RULE_COLOR, SheetLayout, totalsFormula } from "../layout";
import {
  BUILD_MARK_PREFIX,
  buildSheetName,
  freeMarkName,
  freeSheetName,
  MARK_COMMENT,
  Marks,
  OWNED_MARK_PREFIX,
  ownedMarkOf,
  readMarks,
} from "../ownership";
import {
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

export interface OfficeWorkbookOptions {
  /** Bytes of values and formats per write request (4 MB: under Excel's 5 MB with room to spare). */
  requestBudgetBytes?: number;
  /** Bytes of values per read response. */
  responseBudgetBytes?: number;
}

// The newest API this adapter uses is ExcelApi 1.9 (Worksheet.pageLayout, RangeFormat.indentLevel):
// manifest.xml requires it, so Excel does not load the add-in where it is missing.
const POINTS_PER_INCH = 72;

const TABLE_STYLE = "TableStyleMedium2";
/** Tables are built under a name of their own while the old sheet still holds the real one. */
const BUILD_TABLE_SUFFIX = "_lacbuild";
// String values of Excel's enums, so that loading this module needs no Office.js global.
const CHART_TYPES = { line: "Line", column: "ColumnClustered", bar: "BarClustered", pie: "Pie" } as const;
const HORIZONTAL_ALIGNMENTS = { left: "Left", center: "Center", right: "Right" } as const;
const VISIBLE = "Visible";
const HIDDEN = "Hidden";

/** Excel column widths are set in points; a width of w characters of the default font is 7w+5 pixels. */
export function columnWidthPoints(characters: number): number {
  return Math.round((7 * characters + 5) * 0.75 * 100) / 100;
}

export class OfficeWorkbook implements WorkbookPort {
  /** Round trips and the heaviest request since this object was made, for the pane's log and the benchmark. */
  readonly stats = { syncs: 0, largestRequestBytes: 0 };
  private readonly requestBudget: number;
  private readonly responseBudget: number;

  constructor(
    private readonly run: ExcelRun = (batch) => Excel.run(batch),
    options: OfficeWorkbookOptions = {},
  ) {
    this.requestBudget = options.requestBudgetBytes ?? DEFAULT_REQUEST_BUDGET_BYTES;
    this.responseBudget = options.responseBudgetBytes ?? DEFAULT_RESPONSE_BUDGET_BYTES;
  }

  /** Runs a batch; a failure that is not already one of ours (a lost connection, Excel refusing) becomes one. */
  private async excel<T>(failing: string, code: "read-failed" | "write-failed", batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    try {
      return await this.run(batch);
    } catch (error) {
      if (error instanceof WorkbookError) throw error;
      throw new WorkbookError(code, `${failing}: ${(error as Error).message}`, { cause: error });
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
      await this.sync(context);
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
    const requests = planValueRequests(layout.regions, this.requestBudget);
    const requestsTotal = requests.length + 3;
    let requestsDone = 0;
    const progress = () => options.onProgress?.({ requestsDone: ++requestsDone, requestsTotal });
    const syncsBefore = this.stats.syncs;
    let largestRequestBytes = 0;

    const failing = `sheet "${spec.name}" could not be written (the previous version of the sheet is unchanged)`;
    return this.excel(failing, "write-failed", async (context) => {
      const { sheets, names, tables, marks, activeName } = await this.inspect(context, true);
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
      for (const table of tables?.items ?? []) {
        if (existing && sameName(table.worksheet.name, existing.name)) continue;
        const clash = layout.tables.find((t) => sameName(t.name, table.name) || sameName(t.name + BUILD_TABLE_SUFFIX, table.name));
        if (clash && !marks.building.some((m) => sameName(m.sheet, table.worksheet.name))) {
          throw new WorkbookError("bad-spec", `sheet "${spec.name}": table name "${clash.name}" is already used by a table on sheet "${table.worksheet.name}"`);
        }
      }

      // Sheets left half-built by a refresh that was cut off, and marks of sheets the user deleted, are ours to clear.
      for (const leftover of marks.building) context.workbook.worksheets.getItem(leftover.sheet).delete();
      for (const mark of [...marks.building.map((m) => m.mark), ...marks.stale]) context.workbook.names.getItem(mark).delete();
      const namesInUse = names.items.map((n) => n.name);
      const buildMark = freeMarkName(BUILD_MARK_PREFIX, namesInUse);
      const building = context.workbook.worksheets.add(buildSheetName(sheets.items.map((s) => s.name)));
      building.visibility = HIDDEN;
      context.workbook.names.add(buildMark, building.getRange("A1"), MARK_COMMENT);

      let swapping = false;
      try {
        for (const request of requests) {
          for (const write of request.writes) {
            const range = building.getRange(rectAddress(write.rect));
            // The formats first: a string lands in a Text cell and stays text (see cells.ts).
            range.numberFormat = write.formats;
            range.values = write.values;
          }
          largestRequestBytes = Math.max(largestRequestBytes, request.bytes);
          await this.sync(context, request.bytes);
          progress();
        }

        const builtTables = this.queueFormats(building, layout);
        await this.sync(context);
        progress();

        // The swap, in one request: it reaches Excel whole or not at all.
        swapping = true;
        // A report the user hid stays hidden.
        building.visibility = existing?.visibility ?? VISIBLE;
        const position = existing?.position;
        if (existing) existing.delete();
        if (ownedMark) context.workbook.names.getItem(ownedMark.mark).delete();
        context.workbook.names.getItem(buildMark).delete();
        building.name = spec.name;
        if (position !== undefined) building.position = position;
        const ownedName = ownedMark?.mark ?? freeMarkName(OWNED_MARK_PREFIX, namesInUse);
        context.workbook.names.add(ownedName, building.getRange("A1"), MARK_COMMENT);
        builtTables.forEach((table, i) => (table.name = layout.tables[i].name));
        if (existing && activeName !== undefined && sameName(activeName, existing.name)) building.activate();
        await this.sync(context);
        progress();
      } catch (error) {
        // Before the swap the old sheet is untouched: remove what was built. If the swap itself
        // was cut off, what was built stays hidden and marked, and the next write clears it.
        if (!swapping) await this.discard(context, building, buildMark);
        throw error;
      }
      return { sheet: spec.name, rows: layout.rowCount, requests: this.stats.syncs - syncsBefore, largestRequestBytes, replaced: existing !== undefined };
    });
  }

  /**
   * Tables, totals rows, the look (fonts, fills, rules, alignment, merges, heights, widths), the
   * print set-up and charts, queued for one request. Each look is one range, whatever its rows.
   */
  private queueFormats(sheet: Excel.Worksheet, layout: SheetLayout): Excel.Table[] {
    const built = layout.tables.map((laid) => this.queueTable(sheet, laid));
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
    return built;
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

  private queueTable(sheet: Excel.Worksheet, laid: LaidTable): Excel.Table {
    const table = sheet.tables.add(rectAddress(laid.rect), true);
    const buildName = laid.name + BUILD_TABLE_SUFFIX;
    table.name = buildName;
    table.style = TABLE_STYLE;
    table.showBandedRows = true;
    // No filter buttons: a report reads (and prints) without them, and they would sit over right-aligned headers.
    table.showFilterButton = false;
    if (laid.totalsRow !== null) {
      table.showTotals = true;
      // Written after showTotals, which claims the row below the data; formulas name the table
      // as it is now, and Excel rewrites them when the swap gives the table its real name.
      const row = sheet.getRange(rectAddress({ top: laid.totalsRow, left: laid.rect.left, bottom: laid.totalsRow, right: laid.rect.right }));
      row.numberFormat = [laid.totals.map((t) => (t.kind === "sum" || t.kind === "ratio" ? t.format : cellNumberFormat(t.kind === "label" ? t.text : null, GENERAL_FORMAT)))];
      row.formulas = [laid.totals.map((t) => (t.kind === "sum" ? totalsFormula(buildName, t.header) : t.kind === "ratio" ? t.formula : t.kind === "label" ? t.text : ""))];
    }
    return table;
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
  }

  /** Removes a sheet under construction; if Excel cannot be reached, the next write clears it. */
  private async discard(context: Excel.RequestContext, building: Excel.Worksheet, buildMark: string): Promise<void> {
    try {
      building.delete();
      context.workbook.names.getItem(buildMark).delete();
      await this.sync(context);
    } catch {
      // Left hidden and marked LAC_BUILD_<n>: the next write deletes it.
    }
  }

  /** One request: the sheets, the defined names (ownership marks) and, when asked, the tables and the active sheet. */
  private async inspect(context: Excel.RequestContext, withTables = false) {
    const sheets = context.workbook.worksheets.load("items/name,items/visibility,items/position");
    const names = context.workbook.names.load("items/name,items/type,items/value");
    const tables = withTables ? context.workbook.tables.load("items/name,items/worksheet/name") : undefined;
    const active = withTables ? context.workbook.worksheets.getActiveWorksheet().load("name") : undefined;
    await this.sync(context);
    const marks: Marks = readMarks(
      names.items.map((n) => ({ name: n.name, reference: String(n.value ?? "") })),
      sheets.items.map((s) => s.name),
    );
    return { sheets, names, tables, marks, activeName: active?.name };
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
