import fc from "fast-check";
import ExcelJS from "exceljs";
import type { Cell, Table } from "../../src/engine/table";
import { cellAddress } from "../../src/workbook/addresses";
import { cellFromExcelJs, ExcelJsWorkbook } from "../../src/workbook/exceljs/excelJsWorkbook";
import { layoutSheet } from "../../src/workbook/layout";
import { ExcelRun, OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import type { ColumnKind, SheetSpec } from "../../src/workbook/spec";
import { FakeExcel } from "./excelMock";
import { costsSpec, episodesSpec, hostileSpec } from "./fixtures";

type Seen = Record<string, { shown: Cell; format: string }>;

/** The cells Excel would hold after the Office adapter wrote the spec: formula or value, and number format. */
async function throughOffice(spec: SheetSpec): Promise<Seen> {
  const host = new FakeExcel();
  await new OfficeWorkbook(host.run as ExcelRun).writeSheet(spec);
  const seen: Seen = {};
  for (const [address, cell] of host.sheet(spec.name)!.cells) {
    if (cell.value === null && cell.formula === undefined) continue;
    seen[address] = { shown: cell.formula ?? cell.value, format: cell.format };
  }
  return seen;
}

/** The same, from the .xlsx the ExcelJS adapter writes, read back by ExcelJS; chart notes left out. */
async function throughExcelJs(spec: SheetSpec): Promise<Seen> {
  const book = ExcelJsWorkbook.create();
  await book.writeSheet(spec);
  const loaded = new ExcelJS.Workbook();
  await loaded.xlsx.load((await book.toBuffer()) as unknown as ExcelJS.Buffer);
  const placeholders = new Set(layoutSheet(spec).charts.map((c) => cellAddress(c.placeholder.row, c.placeholder.column)));
  const seen: Seen = {};
  loaded.getWorksheet(spec.name)!.eachRow((row) =>
    row.eachCell((cell) => {
      if (placeholders.has(cell.address) || cell.value === null) return;
      const value = cell.value as ExcelJS.CellValue;
      const shown = typeof value === "object" && value !== null && "formula" in value ? `=${value.formula}` : cellFromExcelJs(value, false);
      seen[cell.address] = { shown, format: cell.numFmt ?? "General" };
    }),
  );
  return seen;
}

describe("the same spec through both adapters", () => {
  it.each([
    ["a costs report with key figures, totals and a chart", costsSpec(40)],
    ["text that looks like formulas and numbers", hostileSpec()],
    ["an episodes sheet of 500 rows", episodesSpec(500)],
  ])("gives the same cells, formulas and number formats: %s", async (_, spec) => {
    const office = await throughOffice(spec);
    expect(Object.keys(office).length).toBeGreaterThan(10);
    expect(await throughExcelJs(spec)).toEqual(office);
  });

  it("gives the same cells for any table of text, numbers, dates and blanks (property)", async () => {
    const kinds: ColumnKind[] = ["text", "number", "currency", "weeks", "percent", "date", "integer"];
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("=1+1", "-", "+x", "@a", "007", "TRUE"),
      fc.integer({ min: 0, max: 40000 }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...kinds), { minLength: 1, maxLength: 5 }),
        fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 15 }),
        fc.boolean(),
        async (columnKinds, rows, totals) => {
          const spec: SheetSpec = {
            name: "LAC Parity",
            title: "Parity",
            blocks: [
              { kind: "note", text: "A note" },
              {
                kind: "table",
                name: "LAC_Parity",
                columns: columnKinds.map((kind, j) => ({ header: `Column ${j}`, kind, total: totals ? (j === 0 ? { label: "Total" } : ("sum" as const)) : undefined })),
                rows: rows.map((r) => r.slice(0, columnKinds.length).map((c, j) => (columnKinds[j] === "date" && typeof c === "number" ? Math.abs(Math.round(c)) % 40000 : c))),
              },
            ],
          };
          expect(await throughExcelJs(spec)).toEqual(await throughOffice(spec));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("the same user data read through both adapters", () => {
  const grid: Cell[][] = [
    ["Children in care, March", null, null, null],
    [null, null, null, null],
    ["CHILD", "DOB", "WEEKLY_COST", "UASC"],
    ["00123", 40000, 612.5, true],
    ["C2", 41234.5, null, false],
    [null, null, null, null],
    ["=not a formula", 39000, 1200, null],
  ];

  it("gives the same Table", async () => {
    const host = new FakeExcel(["Children"]);
    const sheet = host.sheet("Children")!;
    grid.forEach((row, r) => row.forEach((value, c) => value !== null && sheet.cells.set(cellAddress(r + 1, c + 1), { value, format: typeof value === "string" ? "@" : "General" })));
    const excelBook = new ExcelJS.Workbook();
    const excelSheet = excelBook.addWorksheet("Children");
    grid.forEach((row, r) => row.forEach((value, c) => value !== null && (excelSheet.getCell(r + 2, c + 2).value = value)));
    const fromFile = await ExcelJsWorkbook.fromBuffer(Buffer.from(await excelBook.xlsx.writeBuffer()));

    const options = { header: (row: readonly Cell[]) => row.includes("CHILD") };
    const viaOffice: Table = await new OfficeWorkbook(host.run as ExcelRun).readTable("Children", options);
    const viaFile: Table = await fromFile.readTable("Children", options);
    expect(viaFile).toEqual(viaOffice);
    expect(viaOffice).toEqual({
      headers: ["CHILD", "DOB", "WEEKLY_COST", "UASC"],
      rows: [
        ["00123", 40000, 612.5, true],
        ["C2", 41234.5, null, false],
        [null, null, null, null],
        ["=not a formula", 39000, 1200, null],
      ],
      firstRowNumber: 5,
    });
  });
});
