import fc from "fast-check";
import ExcelJS from "exceljs";
import type { Cell, Table } from "../../src/engine/table";
import { cellAddress, parseAddress } from "../../src/workbook/addresses";
import { cellFromExcelJs, ExcelJsWorkbook } from "../../src/workbook/exceljs/excelJsWorkbook";
import { layoutSheet } from "../../src/workbook/layout";
import { ExcelRun, OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import type { ColumnKind, SheetSpec } from "../../src/workbook/spec";
import { FakeExcel } from "./excelMock";
import { costsSpec, episodesSpec, hostileSpec, varianceSpec } from "./fixtures";

type Seen = Record<string, { shown: Cell; format: string }>;

/** What a cell looks like, in the terms both adapters can be read back in. */
interface Look {
  font: unknown;
  size: unknown;
  bold: boolean;
  italic: boolean;
  color: unknown;
  fill: unknown;
  align: unknown;
  indent: unknown;
  wrap: boolean;
  top: boolean;
  ruleTop: boolean;
  ruleBottom: boolean;
}

interface Written {
  cells: Seen;
  looks: Record<string, Look>;
  merges: string[];
  heights: Record<number, number>;
}

/** Cells whose look is compared: every cell holding something, and every cell of the tables' header and totals rows. */
function lookedAt(spec: SheetSpec, cells: Seen): string[] {
  const layout = layoutSheet(spec);
  const addresses = new Set(Object.keys(cells));
  for (const table of layout.tables) {
    for (const row of [table.rect.top, table.totalsRow]) {
      if (row === null) continue;
      for (let c = table.rect.left; c <= table.rect.right; c++) addresses.add(cellAddress(row, c));
    }
  }
  return [...addresses].sort();
}

/** The cells Excel would hold after the Office adapter wrote the spec: formula or value, number format, look, merges, heights. */
async function throughOffice(spec: SheetSpec): Promise<Written> {
  const host = new FakeExcel();
  await new OfficeWorkbook(host.run as ExcelRun).writeSheet(spec);
  const sheet = host.sheet(spec.name)!;
  const cells: Seen = {};
  for (const [address, cell] of sheet.cells) {
    if (cell.value === null && cell.formula === undefined) continue;
    cells[address] = { shown: cell.formula ?? cell.value, format: cell.format };
  }
  const merged = sheet.merges.map((m) => m.split(":")[0]);
  const slaves = new Set(sheet.merges.flatMap((m) => cellsOf(m)).filter((a) => !merged.includes(a)));
  const looks: Record<string, Look> = {};
  for (const address of lookedAt(spec, cells).filter((a) => !slaves.has(a))) {
    const look = sheet.lookAt(address);
    looks[address] = {
      font: look["font.name"],
      size: look["font.size"],
      bold: look["font.bold"] === true,
      italic: look["font.italic"] === true,
      color: look["font.color"] ?? null,
      fill: look["fill.color"] ?? null,
      align: typeof look.horizontalAlignment === "string" ? look.horizontalAlignment.toLowerCase() : null,
      indent: look.indentLevel ?? null,
      wrap: look.wrapText === true,
      top: look.verticalAlignment === "Top",
      ruleTop: look["border.EdgeTop.style"] === "Continuous",
      ruleBottom: look["border.EdgeBottom.style"] === "Continuous",
    };
  }
  return { cells: Object.fromEntries(Object.entries(cells).filter(([a]) => !slaves.has(a))), looks, merges: [...sheet.merges].sort(), heights: Object.fromEntries(sheet.heights) };
}

/** The same, from the .xlsx the ExcelJS adapter writes, read back by ExcelJS. */
async function throughExcelJs(spec: SheetSpec): Promise<Written> {
  const book = ExcelJsWorkbook.create();
  await book.writeSheet(spec);
  const loaded = new ExcelJS.Workbook();
  await loaded.xlsx.load((await book.toBuffer()) as unknown as ExcelJS.Buffer);
  const sheet = loaded.getWorksheet(spec.name)!;
  const cells: Seen = {};
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.value === null || cell.type === ExcelJS.ValueType.Merge) return;
      const value = cell.value as ExcelJS.CellValue;
      const shown = typeof value === "object" && value !== null && "formula" in value ? `=${value.formula}` : cellFromExcelJs(value, false);
      cells[cell.address] = { shown, format: cell.numFmt ?? "General" };
    }),
  );
  const colour = (argb: string | undefined) => (argb === undefined ? null : `#${argb.slice(2)}`);
  const looks: Record<string, Look> = {};
  for (const address of lookedAt(spec, cells)) {
    const cell = sheet.getCell(address);
    if (cell.type === ExcelJS.ValueType.Merge) continue;
    const fill = cell.fill as ExcelJS.FillPattern | undefined;
    looks[address] = {
      font: cell.font?.name,
      size: cell.font?.size,
      bold: cell.font?.bold === true,
      italic: cell.font?.italic === true,
      color: colour(cell.font?.color?.argb),
      fill: fill?.pattern === "solid" ? colour(fill.fgColor?.argb) : null,
      align: cell.alignment?.horizontal ?? null,
      indent: cell.alignment?.indent ?? null,
      wrap: cell.alignment?.wrapText === true,
      top: cell.alignment?.vertical === "top",
      ruleTop: cell.border?.top?.style === "thin",
      ruleBottom: cell.border?.bottom?.style === "thin",
    };
  }
  const merges = ((sheet.model as { merges?: string[] }).merges ?? []).slice().sort();
  const heights: Record<number, number> = {};
  sheet.eachRow({ includeEmpty: true }, (row, n) => row.height !== undefined && row.height !== null && (heights[n - 1] = row.height));
  return { cells, looks, merges, heights };
}

/** The A1 addresses of every cell of "B3:D4". */
function cellsOf(range: string): string[] {
  const [from, to = from] = range.split(":");
  const top = parseAddress(from).rect;
  const bottom = parseAddress(to).rect;
  const found: string[] = [];
  for (let r = top.top; r <= bottom.top; r++) for (let c = top.left; c <= bottom.left; c++) found.push(cellAddress(r, c));
  return found;
}

describe("the same spec through both adapters", () => {
  it.each([
    ["a costs report with key figures, totals, an average's total and a chart", costsSpec(40)],
    ["a variance report with RAG statuses and long texts", varianceSpec()],
    ["text that looks like formulas and numbers", hostileSpec()],
    ["an episodes sheet of 500 rows", episodesSpec(500)],
  ])("gives the same cells, formulas, number formats, fonts, fills, rules, merges and heights: %s", async (_, spec) => {
    const office = await throughOffice(spec);
    expect(Object.keys(office.cells).length).toBeGreaterThan(10);
    expect(await throughExcelJs(spec)).toEqual(office);
  });

  it("draws header and totals rows on the cells themselves, in a named font, RAG cells in their colours", async () => {
    const { looks, merges } = await throughOffice(varianceSpec());
    // Title, heading, then the key figures from row 4; the table's header is row 12, its totals row 18.
    expect(looks.A1).toMatchObject({ font: "Calibri", size: 16, bold: true });
    expect(looks.A3).toMatchObject({ font: "Calibri", size: 12, bold: true });
    expect(looks.A12).toMatchObject({ font: "Calibri", size: 11, bold: true, fill: "#DDEBF7", color: "#000000", ruleBottom: true, align: "left" });
    expect(looks.B12).toMatchObject({ bold: true, fill: "#DDEBF7", align: "right" });
    expect(looks.E12).toMatchObject({ align: "center" });
    expect(looks.A18).toMatchObject({ bold: true, ruleTop: true, fill: null });
    expect(looks.D18).toMatchObject({ bold: true, ruleTop: true });
    expect(looks.B5).toMatchObject({ fill: "#FFEB9C", color: "#9C5700", align: "left" });
    expect([looks.E13.fill, looks.E14.fill, looks.E15.fill, looks.E16.fill, looks.E17.fill, looks.E18.fill]).toEqual(["#FFC7CE", "#FFC7CE", "#FFEB9C", "#C6EFCE", null, "#FFEB9C"]);
    expect(looks.A13).toMatchObject({ font: "Calibri", size: 11, bold: false, fill: null });
    // The long key figure and the note wrap across the table's width, widened to 80 characters.
    expect(merges).toEqual(["A9:F9", "B7:F7"]);
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
