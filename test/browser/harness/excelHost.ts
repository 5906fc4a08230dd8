/**
 * The Excel host the browser test stands in for, bundled for the page and injected before any of
 * its scripts. Office.js is the real one (served locally); outside Office it reports no host and
 * loads no Excel object model, so this defines `Excel.run` over the fake Excel object model the
 * Office adapter's own tests use (test/workbook/excelMock.ts), holding the workbook in memory.
 * The pane's real OfficeWorkbook adapter runs against it unchanged. `window.lacTest` lets the
 * test read what was written.
 */

import { FakeExcel } from "../../workbook/excelMock";
import type { ExcelRun } from "../../../src/workbook/office/officeWorkbook";
import { RowCells } from "./rowCells";
import { SeedSheet, largeSheets, seedSheets, seedWorkbook } from "./workbookData";

/**
 * The large workbook's cells are put straight into the fake, as the rows they are (typed values:
 * they hold no formulas or numbers as text), since writing millions of cells through Excel.run
 * would take minutes, and a Map of one object a cell would burden the page's garbage collector
 * as no real Excel does (harness/rowCells.ts).
 */
function fill(host: FakeExcel, sheets: readonly SeedSheet[]): Promise<void> {
  for (const sheet of sheets) {
    const fake = host.sheet(sheet.name);
    if (fake) Object.assign(fake, { cells: new RowCells(sheet.rows) });
  }
  return Promise.resolve();
}

/**
 * Playwright runs a page's init scripts in each of its frames, Office.js's telemetry frame too
 * (its error page, once the policy refuses it): the fake Excel is the pane's page's alone. Built
 * again in that frame, the large workbook held the page's thread for more than a second and
 * doubled the heap the page's garbage collector walks (docs/task-pane-worker.md).
 */
if (window.top === window) installExcelHost();

function installExcelHost(): void {
  /** Set by the test before this script runs: "large" opens the pane on largeSheets() instead of the usual workbook. */
  const large = (globalThis as { lacTestWorkbook?: string }).lacTestWorkbook === "large";

  const sheets = large ? largeSheets() : seedSheets();
  const host = new FakeExcel(sheets.map((s) => s.name));
  const ready = large ? fill(host, sheets) : seedWorkbook(host.run as ExcelRun, sheets);

  /** The workbooks the pane asked Excel to open (Excel.createWorkbook), as base64: the committee packs. */
  const opened: string[] = [];

  Object.assign(globalThis, {
    Excel: {
      // Excel.run(batch), or Excel.run(an object of an earlier batch, batch) to go on in its session (removing an event handler).
      run: async <T>(first: unknown, batch?: (context: never) => Promise<T>): Promise<T> =>
        ready.then(() => host.run((typeof first === "function" ? first : batch) as (context: never) => Promise<T>)),
      createWorkbook: async (base64: string): Promise<void> => {
        opened.push(base64);
      },
    },
    lacTest: {
      ready,
      opened: () => [...opened],
      /** Sheet names in order, with whether the add-in owns each (an LAC_OWNED_ name points at it). */
      sheets: () =>
        host.sheets.map((s) => ({ name: s.name, visible: s.visibility === "Visible", owned: host.names.some((n) => n.name.startsWith("LAC_OWNED_") && n.sheet === s) })),
      /** A sheet's cells as address → { value, formula?, format }. */
      cells: (sheet: string) => Object.fromEntries(host.sheet(sheet)?.cells ?? []),
      tables: () => host.tables.map((t) => ({ name: t.name, sheet: t.sheet.name, rows: t.rect.bottom - t.rect.top })),
      snapshot: () => JSON.stringify(host.snapshot()),
      syncs: () => host.syncs,
      /** Types a value into a cell as the user would: the sheet's onChanged handlers are called. */
      type: (sheet: string, address: string, value: string | number) => host.typeByUser(sheet, address, value),
    },
  });
}
