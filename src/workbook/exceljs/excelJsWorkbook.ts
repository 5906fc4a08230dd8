/**
 * The workbook port over an .xlsx file, for the command line. It reads the same tables and
 * ranges as the add-in and writes the same report sheets from the same layout. ExcelJS writes no
 * charts: the layout's charts are added to what it writes as DrawingML parts (chartParts.ts).
 * Files are checked by the zip guard before ExcelJS sees them. ExcelJS reads them; a workbook
 * opened from a file is written back surgically (surgicalSave.ts): only the sheets written here
 * and the few shared parts that list them change, every other part is copied byte for byte. The
 * workbook is handed back as bytes (toBuffer), which the command line writes to disk atomically
 * (src/cli/files.ts).
 */

import { promises as fs } from "fs";
import ExcelJS from "exceljs";
import type { Cell, Table } from "../../engine/table";
import { cellText } from "../../engine/table";
import { CellRect, parseAddress, rectAddress, sameName } from "../addresses";
import { cellFromWorkbook, cellNumberFormat, GENERAL_FORMAT } from "../cells";
import { CellLook, FONT, freeTableName, LaidTable, layoutSheet, PRINT, RULE_COLOR, SheetLayout, totalsFormula } from "../layout";
import {
  BUILD_MARK_PREFIX,
  buildSheetName,
  DefinedName,
  freeMarkName,
  ownedMarkName,
  freeSheetName,
  isMarkName,
  markReference,
  Marks,
  ownedMarkOf,
  readMarks,
} from "../ownership";
import {
  DATE_1904_MESSAGE,
  ReadOptions,
  SheetInfo,
  TableInfo,
  TableSource,
  WorkbookError,
  WorkbookPort,
  WriteReport,
} from "../port";
import { CellsPresent, checkReadSize, findHeaderRow, tableFromSheetRows } from "../reading";
import type { Block, SheetSpec } from "../spec";
import { OpcPackage, readableByExcelJs } from "./opcPackage";
import { withCharts } from "./chartParts";
import { surgicalSave } from "./surgicalSave";
import type { ZipPacking } from "./zipWriter";
import { keepTableColumnFormulas } from "./tableColumnFormulas";
import { checkXlsx, DEFAULT_XLSX_LIMITS, readEntryText, XlsxLimits, ZipEntry } from "./zipGuard";

/** ExcelJS's table model, which its typings leave out. */
interface TableModel {
  name: string;
  tableRef: string;
  headerRow: boolean;
  totalsRow: boolean;
}
type SheetWithTables = ExcelJS.Worksheet & { tables: Record<string, { table: TableModel }>; orderNo: number };

const TABLE_STYLE = "TableStyleMedium2";
const MS_PER_DAY = 86_400_000;
const EXCEL_SERIAL_OF_UNIX_EPOCH = 25_569;
const DATE_1904_OFFSET_DAYS = 1_462;
/** ExcelJS's (and the file format's) number for A4 paper. */
const PAPER_SIZES = { A4: 9 } as const;

/** A package ExcelJS has just written, with its entries listed (checked without the limits a user's file is held to). */
async function packageOf(data: Buffer): Promise<OpcPackage> {
  const unlimited = {
    maxFileBytes: Infinity,
    maxEntries: Infinity,
    maxUncompressedBytes: Infinity,
    maxCompressionRatio: Infinity,
    maxSheets: Infinity,
    maxMergedCells: Infinity,
    maxRangeCells: Infinity,
  };
  return new OpcPackage(data, (await checkXlsx(data, "the written sheets", unlimited)).entries);
}

/** An ExcelJS workbook that keeps the formulas of table columns through a load and a save. */
function newBook(): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  keepTableColumnFormulas(book);
  return book;
}

export class ExcelJsWorkbook implements WorkbookPort {
  private readonly styleCache = new Map<string, Partial<ExcelJS.Style>>();
  /** What each shared style is made of, and the style it becomes with a look added. */
  private readonly styleParts = new WeakMap<Partial<ExcelJS.Style>, { numFmt: string; look: CellLook }>();
  private readonly withLooks = new WeakMap<Partial<ExcelJS.Style>, Map<CellLook, Partial<ExcelJS.Style>>>();

  /** The sheets written since the workbook was opened (the last spec of each), for the surgical save. */
  private readonly written: SheetSpec[] = [];
  /** The sheets the add-in owned or was building when the file was opened: the only ones a save may remove. */
  private readonly removable: string[];
  private readonly openedSheets: string[];

  /**
   * `source`: the file as opened, which a save changes only where it must; null for a new workbook.
   * `valuesOnly`: totals rows hold their figures, not formulas (the committee pack).
   * `packing`: how a new workbook's parts are zipped: "stored" needs no zlib, so a workbook
   * built in the browser (the pane's committee pack) has its charts drawn in too.
   */
  private constructor(
    private readonly book: ExcelJS.Workbook,
    private readonly source: OpcPackage | null = null,
    private readonly valuesOnly = false,
    private readonly packing: ZipPacking = "deflated",
  ) {
    const marks = this.marks();
    this.removable = [...marks.owned, ...marks.building].map((m) => m.sheet);
    this.openedSheets = this.sheets().map((s) => s.name);
  }

  /** A new, empty workbook; with `valuesOnly`, every cell it writes holds a value, never a formula; with `packing: "stored"`, its zip needs no zlib. */
  static create(options: { valuesOnly?: boolean; packing?: ZipPacking } = {}): ExcelJsWorkbook {
    return new ExcelJsWorkbook(newBook(), null, options.valuesOnly === true, options.packing);
  }

  static async open(path: string, limits: Partial<XlsxLimits> = {}): Promise<ExcelJsWorkbook> {
    const allowed = { ...DEFAULT_XLSX_LIMITS, ...limits };
    let size: number;
    try {
      size = (await fs.stat(path)).size;
    } catch (error) {
      throw new WorkbookError("not-found", `cannot open ${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
    }
    if (size > allowed.maxFileBytes) {
      throw new WorkbookError("too-large", `${path} is ${Math.round(size / 1048576)} MB; the command line reads workbooks up to ${Math.round(allowed.maxFileBytes / 1048576)} MB`);
    }
    return ExcelJsWorkbook.fromBuffer(await fs.readFile(path), allowed, path);
  }

  static async fromBuffer(data: Buffer, limits: Partial<XlsxLimits> = {}, what = "the workbook"): Promise<ExcelJsWorkbook> {
    const checked = await checkXlsx(data, what, { ...DEFAULT_XLSX_LIMITS, ...limits });
    const source = new OpcPackage(data, checked.entries);
    const book = newBook();
    try {
      const readable = (await readableByExcelJs(source)) ?? data;
      await book.xlsx.load(readable as unknown as ExcelJS.Buffer);
    } catch (error) {
      throw new WorkbookError("bad-file", `${what} is a damaged .xlsx file: ${(error as Error).message}`, { cause: error });
    }
    const headerless = await tablesWithoutHeader(data, checked.entries);
    // ExcelJS reads a table whose XML leaves headerRowCount at its default (1, as Excel writes it)
    // as having no header, and would save it so; put back what the file said.
    for (const sheet of book.worksheets) {
      for (const { table } of Object.values((sheet as SheetWithTables).tables)) table.headerRow = !headerless.has(table.name);
    }
    return new ExcelJsWorkbook(book, source);
  }

  /**
   * The workbook as .xlsx bytes. A new workbook is written whole by ExcelJS. One opened from a
   * file is that file with the sheets written here put in: ExcelJS builds them in a workbook of
   * their own, and surgicalSave moves their parts in, leaving every other part as it was.
   */
  async toBuffer(): Promise<Buffer> {
    if (this.source === null) return this.withCharts(Buffer.from(await this.book.xlsx.writeBuffer(this.packing === "stored" ? { zip: { compression: "STORE" } } : undefined)));
    const scratch = ExcelJsWorkbook.create();
    for (const spec of this.written) await scratch.writeSheet(spec);
    const scratchPackage = await packageOf(await scratch.withCharts(Buffer.from(await scratch.book.xlsx.writeBuffer())));
    const now = this.sheets().map((s) => s.name);
    const removed = this.openedSheets.filter((name) => !now.some((n) => sameName(n, name)));
    const notOurs = removed.find((name) => !this.removable.some((r) => sameName(r, name)));
    if (notOurs !== undefined) throw new WorkbookError("write-failed", `the refresh would remove the sheet "${notOurs}", which the add-in does not own; nothing was written`);
    const marks = this.marks().owned.map((m) => ({ name: m.mark, reference: markReference(m.sheet) }));
    try {
      return await surgicalSave(this.source, scratchPackage, { written: this.written.map((s) => s.name), removed, marks, isMark: isMarkName });
    } catch (error) {
      if (error instanceof WorkbookError) throw error;
      throw new WorkbookError("write-failed", `the refreshed workbook could not be put together: ${(error as Error).message}; nothing was written`, { cause: error });
    }
  }

  /** ExcelJS's bytes with the charts of the sheets written here drawn in. */
  private async withCharts(data: Buffer): Promise<Buffer> {
    return withCharts(await packageOf(data), this.written.map(layoutSheet), this.packing);
  }

  async listSheets(): Promise<SheetInfo[]> {
    const marks = this.marks();
    return this.sheets()
      .filter((s) => !marks.building.some((m) => sameName(m.sheet, s.name)))
      .map((s) => ({ name: s.name, owned: ownedMarkOf(marks, s.name) !== undefined, visible: s.state === "visible" }));
  }

  async listTables(): Promise<TableInfo[]> {
    const found: TableInfo[] = [];
    const marks = this.marks();
    // A sheet left half-built by a refresh in Excel that was cut off is nobody's input.
    for (const sheet of this.sheets().filter((s) => !marks.building.some((m) => sameName(m.sheet, s.name)))) {
      for (const { table } of Object.values(sheet.tables)) {
        const { rect, dataRows } = tableRange(table);
        found.push({ name: table.name, sheet: sheet.name, source: "table", headers: this.rowValues(sheet, rect.top, rect).map((c) => cellText(c)), rowCount: dataRows });
      }
      const used = cellsPresent(sheet)?.rect;
      if (sheet.state === "visible" && used) {
        found.push({ name: sheet.name, sheet: sheet.name, source: "sheet", headers: this.rowValues(sheet, used.top, used).map((c) => cellText(c)), rowCount: used.bottom - used.top });
      }
    }
    return found;
  }

  async readTable(source: TableSource, options: ReadOptions = {}): Promise<Table> {
    if (this.book.properties?.date1904 === true) throw new WorkbookError("date-1904", DATE_1904_MESSAGE);
    const tableName = typeof source === "string" ? source : "table" in source ? source.table : null;
    const sheetName = typeof source === "string" ? source : "sheet" in source ? source.sheet : null;
    if (tableName !== null) {
      for (const sheet of this.sheets()) {
        const found = Object.values(sheet.tables).find(({ table }) => sameName(table.name, tableName));
        if (found) {
          const { rect, dataRows } = tableRange(found.table);
          const read = { ...rect, bottom: rect.top + dataRows };
          checkReadSize(read, cellsPresent(sheet, read), `table "${found.table.name}" on sheet "${sheet.name}"`, true);
          const rows = this.rows(sheet, read, options);
          return tableFromSheetRows(rows, 0, rect.top + 1);
        }
      }
    }
    const sheet = sheetName === null ? undefined : this.sheet(sheetName);
    if (!sheet) throw new WorkbookError("not-found", `there is no table or sheet called "${tableName ?? sheetName}"`);
    const present = cellsPresent(sheet);
    const where = `sheet "${sheet.name}"`;
    if (!present) throw new WorkbookError("no-header", `${where} is empty: it needs a header row`);
    const used = present.rect;
    checkReadSize(used, present, where, false);
    const rows = this.rows(sheet, used, options);
    return tableFromSheetRows(rows, findHeaderRow(rows, options.header, where), used.top + 1);
  }

  async isOwned(sheetName: string): Promise<boolean> {
    return ownedMarkOf(this.marks(), sheetName) !== undefined;
  }

  async freeSheetName(wanted: string): Promise<string> {
    return freeSheetName(wanted, this.sheets().map((s) => s.name));
  }

  async writeSheet(wanted: SheetSpec): Promise<WriteReport> {
    let marks = this.marks();
    const existing = this.sheet(wanted.name);
    const spec = this.withFreeTableNames(wanted, existing);
    const layout = layoutSheet(spec);
    const ownedMark = existing ? ownedMarkOf(marks, existing.name) : undefined;
    if (existing && !ownedMark) {
      const suggestedName = freeSheetName(spec.name, this.sheets().map((s) => s.name));
      throw new WorkbookError(
        "not-owned",
        `a sheet called "${existing.name}" is already in the workbook and was not made by the LAC Cost Engine, so it is left alone; write the report as "${suggestedName}" instead`,
        { suggestedName },
      );
    }
    if (!existing && (await this.structureLocked())) {
      throw new WorkbookError(
        "write-failed",
        `the workbook's structure is protected (Review > Protect Workbook), so the sheet "${spec.name}" cannot be added, as Excel would not add it: ` +
          "unprotect the structure and refresh again (the sheets already there are refreshed)",
      );
    }

    // Sheets left half-built by an earlier run, and marks of sheets the user deleted, are ours to clear.
    for (const leftover of marks.building) this.removeSheet(leftover.sheet);
    // A renamed report is the user's now: its mark goes. A mark of an Excel write cut off on this sheet goes with the rewrite.
    const incomplete = marks.incomplete.filter((m) => existing !== undefined && sameName(m.sheet, existing.name));
    this.removeNames([...marks.building.map((m) => m.mark), ...marks.stale, ...marks.kept.map((m) => m.mark), ...incomplete.map((m) => m.mark)]);
    marks = this.marks();

    const names = this.definedNames();
    const buildMark = freeMarkName(BUILD_MARK_PREFIX, names.map((n) => n.name));
    const building = this.book.addWorksheet(buildSheetName(this.sheets().map((s) => s.name)), { state: "hidden" }) as SheetWithTables;
    this.addName(buildMark, building.name);
    try {
      this.place(building, layout);
    } catch (error) {
      this.book.removeWorksheet(building.id);
      this.removeNames([buildMark]);
      throw new WorkbookError("write-failed", `sheet "${spec.name}" could not be written (the previous version of the sheet is unchanged): ${(error as Error).message}`, { cause: error });
    }

    // The swap: the old sheet goes, the new one takes its name, place and mark number.
    const order = existing?.orderNo;
    // A report the user hid stays hidden.
    building.state = existing?.state ?? "visible";
    if (existing) this.book.removeWorksheet(existing.id);
    building.name = spec.name;
    if (order !== undefined) building.orderNo = order;
    const ownedName = ownedMarkName(spec.name, this.definedNames().map((n) => n.name).filter((n) => n !== buildMark), ownedMark?.mark);
    this.removeNames([buildMark, ...(ownedMark ? [ownedMark.mark] : [])]);
    this.addName(ownedName, spec.name);
    const before = this.written.findIndex((s) => sameName(s.name, spec.name));
    if (before !== -1) this.written.splice(before, 1);
    this.written.push(spec);
    return { sheet: spec.name, rows: layout.rowCount, requests: 0, largestRequestBytes: 0, replaced: existing !== undefined };
  }

  /** Whether the file locks its structure (workbookProtection lockStructure), under which Excel adds no sheet. */
  private async structureLocked(): Promise<boolean> {
    if (this.source === null) return false;
    const workbook = await this.source.text(await this.source.workbookPart());
    return /<(?:[\w.-]+:)?workbookProtection\b[^>]*\slockStructure\s*=\s*["'](?:1|true)["']/.test(workbook);
  }

  private place(sheet: SheetWithTables, layout: SheetLayout): void {
    // ExcelJS writes a table's header and data cells itself; they need only their styles here.
    const writtenByTable = new Set(layout.tables.flatMap((table) => [table.rect.top, table.rect.top + 1]));
    for (const table of layout.tables) this.addTable(sheet, table, layout);
    for (const region of layout.regions) {
      const valuesWritten = writtenByTable.has(region.top);
      region.rows.forEach((row, i) => {
        const sheetRow = sheet.getRow(region.top + i + 1);
        region.columnFormats.forEach((columnFormat, j) => {
          const value = row[j] ?? null;
          // A blank cell keeps its column's format, for a figure the user types in; otherwise it needs no style.
          if (value === null && columnFormat === GENERAL_FORMAT) return;
          const cell = sheetRow.getCell(region.left + j + 1);
          if (!valuesWritten) cell.value = value;
          cell.style = this.style(cellNumberFormat(value, columnFormat));
        });
      });
    }
    for (const table of layout.tables) this.writeTotals(sheet, table);
    for (const { rect, look } of layout.looks) {
      for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) this.addLook(sheet.getCell(r + 1, c + 1), look);
    }
    for (const rect of layout.merges) sheet.mergeCells(rect.top + 1, rect.left + 1, rect.bottom + 1, rect.right + 1);
    for (const { row, points } of layout.rowHeights) sheet.getRow(row + 1).height = points;
    layout.columnWidths.forEach((width, j) => (sheet.getColumn(j + 1).width = width));
    sheet.pageSetup = {
      ...sheet.pageSetup,
      orientation: PRINT.orientation,
      paperSize: PAPER_SIZES[PRINT.paperSize],
      fitToPage: true,
      fitToWidth: PRINT.pagesWide,
      // 0: as many pages tall as the rows need.
      fitToHeight: 0,
      margins: { ...PRINT.margins },
      // ExcelJS writes the print titles' name with the sheet name quoted but not escaped: a name with an apostrophe would corrupt it.
      ...(layout.printTitleRow !== null && !layout.name.includes("'") ? { printTitlesRow: `${layout.printTitleRow + 1}:${layout.printTitleRow + 1}` } : {}),
    };
  }

  private addTable(sheet: SheetWithTables, table: LaidTable, layout: SheetLayout): void {
    const region = layout.regions.find((r) => r.top === table.rect.top + 1 && r.left === table.rect.left);
    sheet.addTable({
      name: table.name,
      displayName: table.name,
      ref: rectAddress({ ...table.rect, bottom: table.rect.top, right: table.rect.left }),
      headerRow: true,
      totalsRow: table.totalsRow !== null,
      style: { theme: TABLE_STYLE, showRowStripes: true },
      // No filter buttons: a report reads (and prints) without them, and they would sit over right-aligned headers.
      columns: table.headers.map((name, j) => {
        const total = table.totals[j];
        if (this.valuesOnly && (total.kind === "sum" || total.kind === "ratio")) return { name, filterButton: false, totalsRowFunction: "none" as const };
        if (total.kind === "sum") return { name, filterButton: false, totalsRowFunction: "sum" as const };
        // A totals cell holding a formula of its own is a "custom" totals function; Excel takes the formula from the cell.
        if (total.kind === "ratio") return { name, filterButton: false, totalsRowFunction: "custom" as const, totalsRowFormula: total.formula.slice(1) };
        return { name, filterButton: false, totalsRowFunction: "none" as const, ...(total.kind === "label" || j === 0 ? { totalsRowLabel: total.kind === "label" ? total.text : "" } : {}) };
      }),
      rows: region ? region.rows : [],
    });
  }

  /** The totals row's cells as the layout has them (ExcelJS's own formula does not escape headers). */
  private writeTotals(sheet: SheetWithTables, table: LaidTable): void {
    if (table.totalsRow === null) return;
    const row = sheet.getRow(table.totalsRow + 1);
    table.totals.forEach((total, j) => {
      const cell = row.getCell(table.rect.left + j + 1);
      if (this.valuesOnly && (total.kind === "sum" || total.kind === "ratio")) {
        cell.value = total.result;
        cell.style = this.style(total.format);
      } else if (total.kind === "sum") {
        cell.value = { formula: totalsFormula(table.name, total.header).slice(1), result: total.result } as ExcelJS.CellFormulaValue;
        cell.style = this.style(total.format);
      } else if (total.kind === "ratio") {
        cell.value = { formula: total.formula.slice(1), result: total.result ?? "" } as ExcelJS.CellFormulaValue;
        cell.style = this.style(total.format);
      } else if (total.kind === "label") {
        cell.value = total.text;
        cell.style = this.style(cellNumberFormat(total.text, GENERAL_FORMAT));
      } else {
        cell.value = null;
      }
    });
  }

  /**
   * A look added to a cell's style. A column's look covers every row of a table, so the step from
   * one shared style to the next is remembered: a cell costs two lookups, not a new style.
   */
  private addLook(cell: ExcelJS.Cell, look: CellLook): void {
    const current = cell.style;
    let steps = this.withLooks.get(current);
    let next = steps?.get(look);
    if (!next) {
      const parts = this.styleParts.get(current);
      const numFmt = parts?.numFmt ?? cellNumberFormat(cellFromExcelJsCell(cell, false), cell.numFmt ?? GENERAL_FORMAT);
      next = this.style(numFmt, { ...parts?.look, ...look });
      if (!steps) this.withLooks.set(current, (steps = new Map()));
      steps.set(look, next);
    }
    cell.style = next;
  }

  /**
   * One style object per look, shared by every cell that has it: ExcelJS would otherwise hold
   * a style object per cell, which for 200,000 rows is most of the memory it uses. Every style
   * names the sheet's font.
   */
  private style(numFmt: string, look: CellLook = {}): Partial<ExcelJS.Style> {
    const key = `${numFmt}\u0000${JSON.stringify(look)}`;
    let style = this.styleCache.get(key);
    if (!style) {
      style = {
        font: {
          name: FONT.name,
          family: 2,
          size: look.size ?? FONT.size,
          ...(look.bold ? { bold: true } : {}),
          ...(look.italic ? { italic: true } : {}),
          ...(look.color ? { color: { argb: argb(look.color) } } : {}),
        },
      };
      if (numFmt !== GENERAL_FORMAT) style.numFmt = numFmt;
      if (look.fill) style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(look.fill) } };
      if (look.align || look.wrap || look.vertical) {
        style.alignment = {
          ...(look.align ? { horizontal: look.align } : {}),
          ...(look.indent ? { indent: look.indent } : {}),
          ...(look.wrap ? { wrapText: true } : {}),
          ...(look.vertical ? { vertical: look.vertical } : {}),
        };
      }
      if (look.rule) style.border = { [look.rule]: { style: "thin", color: { argb: argb(RULE_COLOR) } } };
      this.styleCache.set(key, style);
      this.styleParts.set(style, { numFmt, look });
    }
    return style;
  }

  /**
   * The spec with each table named as it asks, or, where a table on another sheet or a defined
   * name already has that name (a report the user renamed and kept, a name of the user's), the
   * first free name freeTableName gives: table names share one namespace with each other and with
   * the workbook's names. Charts follow their table.
   */
  private withFreeTableNames(spec: SheetSpec, replacing: ExcelJS.Worksheet | undefined): SheetSpec {
    const namesInUse = [
      ...this.sheets()
        .filter((sheet) => !(replacing && sheet.id === replacing.id))
        .flatMap((sheet) => Object.values(sheet.tables).map(({ table }) => table.name)),
      ...this.definedNames().map((n) => n.name),
    ];
    const renamed = new Map<string, string>();
    for (const block of spec.blocks) {
      if (block.kind !== "table") continue;
      const otherBlocks = spec.blocks.flatMap((b) => (b.kind === "table" && b !== block ? [b.name] : []));
      const name = freeTableName(block.name, [...namesInUse, ...otherBlocks, ...renamed.values()]);
      if (name !== block.name) renamed.set(block.name, name);
    }
    if (renamed.size === 0) return spec;
    const blocks = spec.blocks.map((block): Block => {
      if (block.kind === "table") return { ...block, name: renamed.get(block.name) ?? block.name };
      if (block.kind === "chart") return { ...block, chart: { ...block.chart, table: renamed.get(block.chart.table) ?? block.chart.table } };
      return block;
    });
    return { ...spec, blocks };
  }

  private rows(sheet: ExcelJS.Worksheet, rect: CellRect, options: ReadOptions): Cell[][] {
    const rows: Cell[][] = [];
    const total = rect.bottom - rect.top + 1;
    const progressEvery = Math.max(1, Math.ceil(total / 20));
    const date1904 = this.book.properties?.date1904 === true;
    for (let r = rect.top; r <= rect.bottom; r++) {
      rows.push(this.rowValues(sheet, r, rect, date1904));
      const read = r - rect.top + 1;
      if (options.onProgress && (read % progressEvery === 0 || read === total)) options.onProgress({ rowsRead: read, rowsTotal: total });
    }
    return rows;
  }

  /** One row's cells; reading creates no row or cell the file does not have (ExcelJS's getRow and getCell would). */
  private rowValues(sheet: ExcelJS.Worksheet, row: number, rect: CellRect, date1904 = this.book.properties?.date1904 === true): Cell[] {
    const sheetRow = sheet.findRow(row + 1);
    const cells: Cell[] = new Array<Cell>(rect.right - rect.left + 1).fill(null);
    if (!sheetRow) return cells;
    for (let c = rect.left; c <= rect.right; c++) {
      const cell = sheetRow.findCell(c + 1);
      if (cell) cells[c - rect.left] = cellFromExcelJsCell(cell, date1904);
    }
    return cells;
  }

  private sheets(): SheetWithTables[] {
    return this.book.worksheets as SheetWithTables[];
  }

  private sheet(name: string): SheetWithTables | undefined {
    return this.sheets().find((s) => sameName(s.name, name));
  }

  private removeSheet(name: string): void {
    const sheet = this.sheet(name);
    if (sheet) this.book.removeWorksheet(sheet.id);
  }

  private definedNames(): DefinedName[] {
    return this.nameModel().map((n) => ({ name: n.name, reference: n.ranges.join(",") }));
  }

  private marks(): Marks {
    return readMarks(this.definedNames(), this.sheets().map((s) => s.name));
  }

  /** Names are kept in name order, as Excel writes them, so that the same writes give the same file. */
  private addName(name: string, sheetName: string): void {
    this.setNames([...this.nameModel(), { name, ranges: [markReference(sheetName)] }]);
  }

  private removeNames(names: readonly string[]): void {
    if (names.length === 0) return;
    this.setNames(this.nameModel().filter((n) => !names.some((gone) => sameName(gone, n.name))));
  }

  private nameModel(): { name: string; ranges: string[] }[] {
    return this.book.definedNames.model as { name: string; ranges: string[] }[];
  }

  private setNames(model: { name: string; ranges: string[] }[]): void {
    this.book.definedNames.model = [...model].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

/** Header row to last data row of a table, and its number of data rows (the totals row left out). */
function tableRange(table: TableModel): { rect: CellRect; dataRows: number } {
  const rect = parseAddress(table.tableRef).rect;
  const dataRows = rect.bottom - rect.top - (table.totalsRow ? 1 : 0);
  return { rect, dataRows: Math.max(0, dataRows) };
}

/**
 * The cells holding a value (within `within`, if given), found by walking the rows and cells the
 * file has: the used range comes from them, never from the dimension the file claims.
 */
function cellsPresent(sheet: ExcelJS.Worksheet, within?: CellRect): CellsPresent | null {
  let present: CellsPresent | null = null;
  const columns = new Set<number>();
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    if (within && (r < within.top || r > within.bottom)) return;
    let rowCounted = false;
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      const c = columnNumber - 1;
      if (within && (c < within.left || c > within.right)) return;
      if (cell.value === null || cell.value === undefined || cell.value === "") return;
      columns.add(c);
      if (present === null) {
        present = { rect: { top: r, left: c, bottom: r, right: c }, count: 0, rows: 0, columns: 0, lastRowCell: { row: r, column: c }, lastColumnCell: { row: r, column: c } };
      }
      const p: CellsPresent = present;
      p.count += 1;
      if (!rowCounted) p.rows += 1;
      rowCounted = true;
      if (r > p.rect.bottom) p.lastRowCell = { row: r, column: c };
      if (c > p.rect.right) p.lastColumnCell = { row: r, column: c };
      // Rows come in order, so the top is the first row's.
      if (c < p.rect.left) p.rect.left = c;
      if (r > p.rect.bottom) p.rect.bottom = r;
      if (c > p.rect.right) p.rect.right = c;
    });
  });
  if (present !== null) (present as CellsPresent).columns = columns.size;
  return present;
}

/**
 * A cell as Excel's Range.values gives it. A formula cell is read from its cached result: ExcelJS
 * leaves a result of 0, "" or FALSE out of the cell's value object, so reading the value would
 * give a blank where Excel shows 0 or FALSE.
 */
export function cellFromExcelJsCell(cell: ExcelJS.Cell, date1904: boolean): Cell {
  return cell.type === ExcelJS.ValueType.Formula ? cellFromExcelJs(cell.result as ExcelJS.CellValue, date1904) : cellFromExcelJs(cell.value, date1904);
}

/** An ExcelJS cell value as Excel's Range.values gives it, so both adapters read the same. */
export function cellFromExcelJs(value: ExcelJS.CellValue | undefined, date1904: boolean): Cell {
  if (value instanceof Date) {
    const serial = value.getTime() / MS_PER_DAY + EXCEL_SERIAL_OF_UNIX_EPOCH - (date1904 ? DATE_1904_OFFSET_DAYS : 0);
    return Math.round(serial * MS_PER_DAY) / MS_PER_DAY;
  }
  if (value !== null && typeof value === "object") {
    if ("result" in value || "formula" in value || "sharedFormula" in value) {
      return cellFromExcelJs((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue, date1904);
    }
    if ("richText" in value) return cellFromWorkbook(value.richText.map((run) => run.text).join(""));
    if ("hyperlink" in value) return cellFromExcelJs((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue, date1904);
    if ("error" in value) return (value as ExcelJS.CellErrorValue).error;
    return null;
  }
  return cellFromWorkbook(value);
}

/** "#RRGGBB" as ExcelJS's ARGB, "FFRRGGBB". */
function argb(color: string): string {
  return `FF${color.slice(1).toUpperCase()}`;
}

/** Names of the tables whose XML says they have no header row (headerRowCount="0"). */
async function tablesWithoutHeader(data: Buffer, entries: readonly ZipEntry[]): Promise<Set<string>> {
  const headerless = new Set<string>();
  for (const entry of entries) {
    if (!/^xl\/tables\/[^/]+\.xml$/i.test(entry.name)) continue;
    const xml = await readEntryText(data, entry);
    const open = /<(?:[A-Za-z0-9_]+:)?table\s[^>]*>/.exec(xml)?.[0] ?? "";
    const name = /\sname="([^"]*)"/.exec(open)?.[1];
    if (name && /\sheaderRowCount="0"/.test(open)) headerless.add(name);
  }
  return headerless;
}
