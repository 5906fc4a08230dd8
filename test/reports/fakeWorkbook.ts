/**
 * An in-memory WorkbookPort for the refresh tests: user sheets hold Tables (a sheet's used range
 * and/or named Excel tables), report sheets hold the specs written to them. Specs are checked by
 * the shared layout, as both real adapters check them.
 */

import { excelSerialOfDay } from "../../src/engine/dates";
import type { Cell, Table } from "../../src/engine/table";
import { HEADER_SEARCH_ROWS, SheetInfo, TableInfo, TableSource, ReadOptions, WorkbookError, WorkbookPort, WriteReport } from "../../src/workbook/port";
import { layoutSheet } from "../../src/workbook/layout";
import type { SheetSpec, TableBlock } from "../../src/workbook/spec";

interface UserSheet {
  /** The sheet's used range from its first row (title rows included). */
  cells?: Cell[][];
  /** Excel tables on the sheet. */
  tables: { name: string; table: Table }[];
}

export class FakeWorkbook implements WorkbookPort {
  readonly userSheets = new Map<string, UserSheet>();
  readonly reports = new Map<string, SheetSpec>();
  /** Sheets whose next writes fail, as a write that Excel refuses would. */
  readonly failWrites = new Set<string>();
  writes = 0;

  /** A user sheet whose used range is these rows (the first being the header unless there are titles above). */
  addSheet(name: string, cells: Cell[][]): this {
    this.userSheets.set(name, { cells, tables: this.userSheets.get(name)?.tables ?? [] });
    return this;
  }

  addTable(sheet: string, name: string, table: Table): this {
    const entry = this.userSheets.get(sheet) ?? { tables: [] };
    entry.tables.push({ name, table });
    this.userSheets.set(sheet, entry);
    return this;
  }

  async listSheets(): Promise<SheetInfo[]> {
    return [
      ...[...this.userSheets.keys()].map((name) => ({ name, owned: false, visible: true })),
      ...[...this.reports.keys()].map((name) => ({ name, owned: true, visible: true })),
    ];
  }

  async listTables(): Promise<TableInfo[]> {
    const found: TableInfo[] = [];
    for (const [sheet, entry] of this.userSheets) {
      for (const { name, table } of entry.tables) found.push({ name, sheet, source: "table", headers: table.headers, rowCount: table.rows.length });
      if (entry.cells && entry.cells.length > 0) {
        found.push({ name: sheet, sheet, source: "sheet", headers: entry.cells[0].map((c) => (c === null ? "" : String(c))), rowCount: entry.cells.length - 1 });
      }
    }
    for (const [sheet, spec] of this.reports) {
      for (const block of spec.blocks.filter((b): b is TableBlock => b.kind === "table")) {
        found.push({ name: block.name, sheet, source: "table", headers: block.columns.map((c) => c.header), rowCount: block.rows.length });
      }
      found.push({ name: sheet, sheet, source: "sheet", headers: [spec.title ?? ""], rowCount: 0 });
    }
    return found;
  }

  async readTable(source: TableSource, options: ReadOptions = {}): Promise<Table> {
    const tableName = typeof source === "string" ? source : "table" in source ? source.table : null;
    const sheetName = typeof source === "string" ? source : "sheet" in source ? source.sheet : null;
    if (tableName !== null) {
      for (const entry of this.userSheets.values()) {
        const found = entry.tables.find((t) => t.name.toLowerCase() === tableName.toLowerCase());
        if (found) return { headers: [...found.table.headers], rows: found.table.rows.map((r) => [...r]), firstRowNumber: found.table.firstRowNumber ?? 2 };
      }
      for (const spec of this.reports.values()) {
        const block = spec.blocks.find((b): b is TableBlock => b.kind === "table" && b.name.toLowerCase() === tableName.toLowerCase());
        // Read back as a workbook holds it: dates as Excel serials.
        const cell = (value: Cell, j: number): Cell => (block?.columns[j].kind === "date" && typeof value === "number" ? excelSerialOfDay(value) : value);
        if (block) return { headers: block.columns.map((c) => c.header), rows: block.rows.map((r) => r.map(cell)), firstRowNumber: 2 };
      }
    }
    const entry = sheetName === null ? undefined : this.userSheets.get(sheetName);
    if (!entry?.cells) throw new WorkbookError("not-found", `there is no table or sheet called "${tableName ?? sheetName}"`);
    const cells = entry.cells;
    const isHeader = options.header ?? ((row: readonly Cell[]) => row.some((c) => c !== null && c !== ""));
    const header = cells.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => isHeader(row));
    if (header === -1) throw new WorkbookError("no-header", `sheet "${sheetName}" has no header row`);
    return { headers: cells[header].map((c) => (c === null ? "" : String(c))), rows: cells.slice(header + 1).map((r) => [...r]), firstRowNumber: header + 2 };
  }

  async isOwned(sheetName: string): Promise<boolean> {
    return this.reports.has(sheetName);
  }

  async writeSheet(spec: SheetSpec): Promise<WriteReport> {
    const layout = layoutSheet(spec);
    if (this.userSheets.has(spec.name)) {
      throw new WorkbookError("not-owned", `the sheet "${spec.name}" is yours, not the add-in's`, { suggestedName: `${spec.name} (2)` });
    }
    if (this.failWrites.has(spec.name)) throw new WorkbookError("write-failed", `could not write "${spec.name}": Excel refused the request`);
    const replaced = this.reports.has(spec.name);
    this.reports.set(spec.name, structuredClone(spec));
    this.writes += 1;
    return { sheet: spec.name, rows: layout.rowCount, requests: 0, largestRequestBytes: 0, replaced };
  }

  async freeSheetName(wanted: string): Promise<string> {
    let name = wanted;
    for (let n = 2; this.userSheets.has(name) || this.reports.has(name); n++) name = `${wanted} (${n})`;
    return name;
  }
}

/** A table block of a written report, by its name. */
export function tableOf(spec: SheetSpec | undefined, name: string): TableBlock {
  const block = spec?.blocks.find((b): b is TableBlock => b.kind === "table" && b.name === name);
  if (!block) throw new Error(`no table ${name} on ${spec?.name}`);
  return block;
}

/** The cells of one column of a table block, by header. */
export function columnOf(block: TableBlock, header: string): Cell[] {
  const j = block.columns.findIndex((c) => c.header === header);
  if (j === -1) throw new Error(`no column ${header} in ${block.name}`);
  return block.rows.map((r) => r[j]);
}
