/**
 * A read-only workbook of named tables, for sources that are not a workbook: the command line's
 * CSV files. It lets `lac costs`, `lac forecast` and `lac backtest` find and read their inputs
 * through the same port, finding and pipeline as `lac refresh` and the pane (docs/pipeline.md).
 */

import type { Table } from "../../engine/table";
import { SheetInfo, TableInfo, TableSource, WorkbookError, WorkbookPort, WriteReport } from "../port";
import { sameName } from "../addresses";

export class TablesWorkbook implements WorkbookPort {
  /** Each table under its name, e.g. "Episodes" for the file given with --episodes. */
  constructor(private readonly tables: ReadonlyMap<string, Table>) {}

  async listSheets(): Promise<SheetInfo[]> {
    return [...this.tables.keys()].map((name) => ({ name, owned: false, visible: true }));
  }

  async listTables(): Promise<TableInfo[]> {
    return [...this.tables].map(([name, table]) => ({ name, sheet: name, source: "table", headers: [...table.headers], rowCount: table.rows.length }));
  }

  /** The whole table: a file's header is its first line, so there is no header row to search for. */
  async readTable(source: TableSource): Promise<Table> {
    const wanted = typeof source === "string" ? source : "table" in source ? source.table : source.sheet;
    for (const [name, table] of this.tables) if (sameName(name, wanted)) return table;
    throw new WorkbookError("not-found", `there is no table "${wanted}"`);
  }

  async isOwned(): Promise<boolean> {
    return false;
  }

  async writeSheet(): Promise<WriteReport> {
    throw new WorkbookError("write-failed", "a set of files cannot take report sheets");
  }

  async freeSheetName(wanted: string): Promise<string> {
    return wanted;
  }
}
