import { promises as fs } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../../src/workbook/exceljs/excelJsWorkbook";
import { WorkbookError } from "../../src/workbook/port";
import { costsSpec, HOSTILE_TEXT, hostileSpec } from "./fixtures";
import { buildZip, unzipEntries } from "./zipBuilder";

async function failure(promise: Promise<unknown>): Promise<WorkbookError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbookError);
    return error as WorkbookError;
  }
  throw new Error("expected the call to fail");
}

/**
 * What an .xlsx holds, independent of how ExcelJS happened to number its parts: each sheet in
 * order with its XML and its tables, the defined names, strings and styles.
 */
async function contents(data: Buffer): Promise<unknown> {
  const parts = new Map((await unzipEntries(data)).map((e) => [e.name, e.data.toString("utf8")]));
  const workbookXml = parts.get("xl/workbook.xml") ?? "";
  const rels = parts.get("xl/_rels/workbook.xml.rels") ?? "";
  const target = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? "";
  const sheets = [...workbookXml.matchAll(/<sheet [^>]*name="([^"]*)"[^>]*state="([^"]*)"[^>]*r:id="([^"]*)"/g)].map(([, name, state, id]) => {
    const part = `xl/${target(id)}`;
    const sheetRels = parts.get(part.replace(/worksheets\/(.*)$/, "worksheets/_rels/$1.rels")) ?? "";
    const tables = [...sheetRels.matchAll(/Target="\.\.\/tables\/([^"]+)"/g)].map(([, t]) => (parts.get(`xl/tables/${t}`) ?? "").replace(/ id="\d+"/, ""));
    return { name, state, xml: parts.get(part), tables };
  });
  return {
    sheets,
    definedNames: /<definedNames>.*<\/definedNames>/.exec(workbookXml)?.[0] ?? "",
    strings: parts.get("xl/sharedStrings.xml"),
    styles: parts.get("xl/styles.xml"),
  };
}

async function reopened(book: ExcelJsWorkbook): Promise<ExcelJS.Workbook> {
  const loaded = new ExcelJS.Workbook();
  await loaded.xlsx.load((await book.toBuffer()) as unknown as ExcelJS.Buffer);
  return loaded;
}

async function userWorkbook(build: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  build(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe("ExcelJsWorkbook.writeSheet", () => {
  it("writes values, number formats, the table with its totals row, widths, and leaves the chart's rows to the chart", async () => {
    const book = ExcelJsWorkbook.create();
    await book.writeSheet(costsSpec(5));
    const sheet = (await reopened(book)).getWorksheet("LAC Costs")!;
    expect(sheet.getCell("A1").value).toBe("Placement costs 2023-24");
    expect(sheet.getCell("A1").font).toMatchObject({ name: "Calibri", bold: true, size: 16 });
    expect(sheet.getCell("B10").value).toBe(5000);
    expect(sheet.getCell("B10").numFmt).toBe('"£"#,##0');
    expect(sheet.getCell("C10").numFmt).toBe('#,##0.0 "wks"');
    expect(sheet.getCell("D10").numFmt).toBe('"£"#,##0.00');
    expect(sheet.getCell("E10").numFmt).toBe("dd/mm/yyyy");
    expect(sheet.getCell("A15").value).toBe("Total");
    expect(sheet.getCell("B15").value).toEqual({ formula: "SUBTOTAL(109,LAC_Costs_ByGroup[Total £])", result: 5000 + 10727 + 18288 + 27683 + 38912 });
    // The average's total: total £ over total weeks, its value cached for programs that do not calculate.
    const weeks = [10, 17, 24, 31, 38].reduce((sum, w) => sum + w, 0);
    expect(sheet.getCell("D15").value).toEqual({ formula: 'IFERROR(B15/C15,"")', result: (5000 + 10727 + 18288 + 27683 + 38912) / weeks });
    const table = (sheet as unknown as { tables: Record<string, { table: { tableRef: string; totalsRow: boolean; columns: { totalsRowFunction?: string }[] } }> }).tables.LAC_Costs_ByGroup.table;
    expect(table).toMatchObject({ tableRef: "A9:E15", totalsRow: true });
    expect(table.columns.map((c) => c.totalsRowFunction)).toEqual(["none", "sum", "sum", "custom", "none"]);
    expect(sheet.getColumn(1).width).toBe(26);
    expect(sheet.getCell("A9").style).toMatchObject({
      font: { name: "Calibri", bold: true, color: { argb: "FF000000" } },
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } },
      border: { bottom: { style: "thin" } },
    });
    expect(sheet.getCell("B9").alignment).toMatchObject({ horizontal: "right" });
    expect(sheet.getCell("E15").style).toMatchObject({ font: { bold: true }, border: { top: { style: "thin" } } });
    expect(sheet.getCell("A17").value).toBeNull();
    expect(sheet.getCell("A36").font).toMatchObject({ name: "Calibri", bold: true, color: { argb: "FFC00000" } });
    expect((sheet.model as { merges: string[] }).merges).toEqual([]);
    expect(sheet.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75 } });
  });

  it("writes text from the data as text: no formula in the file but the totals", async () => {
    const book = ExcelJsWorkbook.create();
    await book.writeSheet(hostileSpec());
    const sheet = (await reopened(book)).getWorksheet("LAC Data Quality")!;
    HOSTILE_TEXT.forEach((text, i) => {
      const cell = sheet.getCell(`B${4 + i}`);
      expect(cell.value).toBe(text);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe("@");
    });
    const [sheet1] = (await contents(await book.toBuffer()) as { sheets: { xml: string }[] }).sheets;
    expect(sheet1.xml).not.toMatch(/<f>/);
  });

  it("marks the sheets it writes, recognises them in a reopened file, and leaves a second write without effect", async () => {
    const book = ExcelJsWorkbook.create();
    await book.writeSheet(costsSpec(12));
    await book.writeSheet(hostileSpec());
    const first = await book.toBuffer();
    const again = await ExcelJsWorkbook.fromBuffer(first);
    expect(await again.listSheets()).toEqual([
      { name: "LAC Costs", owned: true, visible: true },
      { name: "LAC Data Quality", owned: true, visible: true },
    ]);
    const report = await again.writeSheet(costsSpec(12));
    expect(report.replaced).toBe(true);
    await again.writeSheet(hostileSpec());
    // A file opened and written again changes only the sheets written, so a further write of the same gives the same file.
    const second = await again.toBuffer();
    const third = await ExcelJsWorkbook.fromBuffer(second);
    await third.writeSheet(costsSpec(12));
    await third.writeSheet(hostileSpec());
    expect(await third.toBuffer()).toEqual(second);
    // The data quality sheet ends with its only table, whose header row prints on every page; the print titles are no mark.
    const reopenedBook = await reopened(again);
    expect(reopenedBook.getWorksheet("LAC Data Quality")!.pageSetup.printTitlesRow).toBe("3:3");
    expect(reopenedBook.getWorksheet("LAC Costs")!.pageSetup.printTitlesRow).toBeUndefined();
    expect((await again.listSheets()).map((s) => s.name)).toEqual(["LAC Costs", "LAC Data Quality"]);
  });

  it("never writes to a sheet of the user's with the same name, and suggests another name", async () => {
    const original = await userWorkbook((b) => (b.addWorksheet("LAC Costs").getCell("A1").value = "my own notes"));
    const book = await ExcelJsWorkbook.fromBuffer(original);
    const before = await contents(await book.toBuffer());
    const error = await failure(book.writeSheet(costsSpec(3)));
    expect(error.code).toBe("not-owned");
    expect(error.suggestedName).toBe("LAC Costs (2)");
    expect(await contents(await book.toBuffer())).toEqual(before);
    await book.writeSheet({ ...costsSpec(3), name: error.suggestedName! });
    const sheets = (await reopened(book)).worksheets;
    expect(sheets.map((s) => s.name)).toEqual(["LAC Costs", "LAC Costs (2)"]);
    expect(sheets[0].getCell("A1").value).toBe("my own notes");
  });

  it("reads the marks as Excel writes them: with a comment, a renamed sheet (then the user's), #REF! once the sheet is deleted", async () => {
    const book = ExcelJsWorkbook.create();
    await book.writeSheet(costsSpec(3));
    await book.writeSheet(hostileSpec());
    // What Excel saves after the user renames "LAC Costs" to "Costs March", adds a sheet under
    // the old name and deletes "LAC Data Quality".
    const entries = await unzipEntries(await book.toBuffer());
    const workbookXml = entries.find((e) => e.name === "xl/workbook.xml")!;
    const xml = workbookXml.data
      .toString("utf8")
      .replace(/name="LAC Costs"/, 'name="Costs March"')
      .replace(/<definedName name="(LAC_OWNED_1_[0-9A-F]{8})">[^<]*/, '<definedName name="$1" comment="Marks a sheet">&apos;Costs March&apos;!$A$1')
      .replace(/<definedName name="(LAC_OWNED_2_[0-9A-F]{8})">[^<]*/, '<definedName name="$1">#REF!$A$1');
    workbookXml.data = Buffer.from(xml, "utf8");
    const edited = await ExcelJsWorkbook.fromBuffer(buildZip(entries));
    // The mark carries the fingerprint of the name the add-in gave: renamed, the report is the user's to keep.
    expect(xml).toContain('comment="Marks a sheet"');
    expect(await edited.isOwned("Costs March")).toBe(false);
    expect(await edited.isOwned("LAC Data Quality")).toBe(false);
    expect(await edited.isOwned("LAC Costs")).toBe(false);
  });

  it("keeps a report the user hid hidden, in its place among the sheets", async () => {
    const original = await userWorkbook((b) => b.addWorksheet("Budget"));
    const book = await ExcelJsWorkbook.fromBuffer(original);
    await book.writeSheet(costsSpec(3));
    const hidden = await reopened(book);
    hidden.getWorksheet("LAC Costs")!.state = "hidden";
    hidden.addWorksheet("Notes");
    const again = await ExcelJsWorkbook.fromBuffer(Buffer.from(await hidden.xlsx.writeBuffer()));
    await again.writeSheet(costsSpec(6));
    expect(await again.listSheets()).toEqual([
      { name: "Budget", owned: false, visible: true },
      { name: "LAC Costs", owned: true, visible: false },
      { name: "Notes", owned: false, visible: true },
    ]);
  });

  it("gives a table whose name another sheet's table has the first free name, its totals and charts following", async () => {
    const book = ExcelJsWorkbook.create();
    await book.writeSheet(costsSpec(3));
    await book.writeSheet({ ...costsSpec(3), name: "Other" });
    await book.writeSheet({ ...costsSpec(3), name: "Third" });
    const names = async (sheet: string) => (await book.listTables()).filter((t) => t.sheet === sheet && t.source === "table").map((t) => t.name);
    const [first] = await names("LAC Costs");
    expect(await names("Other")).toEqual([`${first}_2`]);
    expect(await names("Third")).toEqual([`${first}_3`]);
    const other = (await reopened(book)).getWorksheet("Other")!;
    const totals = [] as string[];
    other.eachRow((row) => row.eachCell((cell) => cell.formula && totals.push(cell.formula)));
    expect(totals.some((f) => f.includes(`${first}_2[`))).toBe(true);
    expect(totals.some((f) => f.includes(`${first}[`))).toBe(false);
    // Rewriting a sheet keeps the names its own tables had.
    await book.writeSheet(costsSpec(4));
    expect(await names("LAC Costs")).toEqual([first]);
    expect(await names("Other")).toEqual([`${first}_2`]);
  });
});

describe("ExcelJsWorkbook table names", () => {
  it("never gives a table a name one of the workbook's defined names holds: they share one namespace in Excel", async () => {
    const seed = new ExcelJS.Workbook();
    seed.addWorksheet("Budget").getCell("A1").value = 1;
    seed.definedNames.add("Budget!$A$1", "LAC_Costs_ByGroup");
    const book = await ExcelJsWorkbook.fromBuffer(Buffer.from(await seed.xlsx.writeBuffer()));
    await book.writeSheet(costsSpec(3));
    const tables = (await book.listTables()).filter((t) => t.sheet === "LAC Costs" && t.source === "table").map((t) => t.name);
    expect(tables).toEqual(["LAC_Costs_ByGroup_2"]);
    // The name the next refresh gives is the same.
    const again = await ExcelJsWorkbook.fromBuffer(await book.toBuffer());
    await again.writeSheet(costsSpec(4));
    expect((await again.listTables()).filter((t) => t.sheet === "LAC Costs" && t.source === "table").map((t) => t.name)).toEqual(["LAC_Costs_ByGroup_2"]);
  });
});

describe("ExcelJsWorkbook in a workbook whose structure is protected", () => {
  it("refreshes the reports already there and refuses, with the reason, to add a sheet, as Excel would", async () => {
    const first = ExcelJsWorkbook.create();
    await first.writeSheet(costsSpec(3));
    const entries = (await unzipEntries(await first.toBuffer())).map((e) =>
      e.name === "xl/workbook.xml" ? { name: e.name, data: Buffer.from(e.data.toString("utf8").replace("<sheets>", '<workbookProtection lockStructure="1"/><sheets>'), "utf8") } : e,
    );
    const book = await ExcelJsWorkbook.fromBuffer(buildZip(entries));
    expect((await book.writeSheet(costsSpec(5))).replaced).toBe(true);
    const error = await book.writeSheet({ ...costsSpec(3), name: "LAC Other" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookError);
    expect((error as WorkbookError).message).toMatch(/structure is protected .* "LAC Other" cannot be added/);
    expect((await book.listSheets()).map((s) => s.name)).toEqual(["LAC Costs"]);
  });
});

describe("ExcelJsWorkbook atomic refresh", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "lac-workbook-"));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function savedReport(): Promise<{ file: string; before: Buffer }> {
    const file = path.join(dir, "report.xlsx");
    const book = ExcelJsWorkbook.create();
    await book.writeSheet(costsSpec(4));
    await fs.writeFile(file, await book.toBuffer());
    return { file, before: await fs.readFile(file) };
  }

  it("leaves the workbook as it was when building the new sheet fails", async () => {
    const { before } = await savedReport();
    const book = await ExcelJsWorkbook.fromBuffer(before);
    const expected = await contents(await book.toBuffer());
    const worksheetPrototype = Object.getPrototypeOf(new ExcelJS.Workbook().addWorksheet("x"));
    jest.spyOn(worksheetPrototype as { addTable: () => void }, "addTable").mockImplementationOnce(() => {
      throw new Error("out of memory");
    });
    const error = await failure(book.writeSheet(costsSpec(9)));
    expect(error.message).toBe('sheet "LAC Costs" could not be written (the previous version of the sheet is unchanged): out of memory');
    expect(await contents(await book.toBuffer())).toEqual(expected);
  });

  it("says clearly that a file is missing", async () => {
    const error = await failure(ExcelJsWorkbook.open(path.join(dir, "nope.xlsx")));
    expect(error.code).toBe("not-found");
    expect(error.message).toMatch(/no such file/);
  });
});

describe("ExcelJsWorkbook reading", () => {
  it("reads a user's sheet from the header row the matcher finds, cells as Excel's values give them", async () => {
    const data = await userWorkbook((b) => {
      const s = b.addWorksheet("Episodes");
      s.getCell("B1").value = "Extract for March";
      s.getRow(3).values = [undefined, "CHILD", "DECOM", "WEEKLY_COST", "Note", "Flag"] as ExcelJS.CellValue[];
      s.getCell("B4").value = "00123";
      s.getCell("C4").value = new Date(Date.UTC(2023, 3, 1));
      s.getCell("D4").value = { formula: "100*7", result: 700 } as ExcelJS.CellFormulaValue;
      s.getCell("E4").value = { richText: [{ text: "rich " }, { text: "text" }] };
      s.getCell("F4").value = true;
      s.getCell("B5").value = { text: "C2", hyperlink: "http://example.org" };
      s.getCell("C5").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
      s.getCell("D5").value = 612.5;
    });
    const book = await ExcelJsWorkbook.fromBuffer(data);
    const progress: number[] = [];
    const table = await book.readTable({ sheet: "episodes" }, { header: (row) => row.includes("CHILD"), onProgress: (p) => progress.push(p.rowsRead) });
    expect(table).toEqual({
      headers: ["CHILD", "DECOM", "WEEKLY_COST", "Note", "Flag"],
      rows: [
        ["00123", 45017, 700, "rich text", true],
        ["C2", "#N/A", 612.5, null, null],
      ],
      firstRowNumber: 4,
    });
    expect(progress[progress.length - 1]).toBe(5);
  });

  it("reads a formula cell as its cached result, even a result of 0, FALSE or an empty string", async () => {
    const data = await userWorkbook((b) => {
      const s = b.addWorksheet("F");
      s.getRow(1).values = ["Zero", "False", "Empty", "Two"];
      s.getCell("A2").value = { formula: "1-1", result: 0 } as ExcelJS.CellFormulaValue;
      s.getCell("B2").value = { formula: "1=2", result: false } as ExcelJS.CellFormulaValue;
      s.getCell("C2").value = { formula: '""&""', result: "" } as ExcelJS.CellFormulaValue;
      s.getCell("D2").value = { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue;
    });
    // ExcelJS leaves a falsy result out of the value it gives for the cell: reading the value would give blanks.
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.load(data as unknown as ExcelJS.Buffer);
    expect(plain.getWorksheet("F")!.getCell("A2").value).toEqual({ formula: "1-1" });
    const table = await (await ExcelJsWorkbook.fromBuffer(data)).readTable("F");
    expect(table.rows).toEqual([[0, false, null, 2]]);
  });

  it("reads and keeps tables whose columns carry formulas of their own, as Excel saves them", async () => {
    // Excel writes a calculated column and a totals cell holding a formula as elements inside the
    // table column, which ExcelJS alone cannot load.
    const data = await userWorkbook((b) => {
      const s = b.addWorksheet("Data");
      s.addTable({
        name: "Costs",
        ref: "A1",
        totalsRow: true,
        columns: [{ name: "Group", totalsRowLabel: "Total" }, { name: "Cost", totalsRowFunction: "sum" }, { name: "Weeks", totalsRowFunction: "sum" }, { name: "Weekly" }, { name: "Note" }],
        rows: [
          ["IFA", 9000, 10, { formula: "Costs[[#This Row],[Cost]]/Costs[[#This Row],[Weeks]]", result: 900 }, "a"],
          ["Residential", 45000, 10, { formula: "Costs[[#This Row],[Cost]]/Costs[[#This Row],[Weeks]]", result: 4500 }, "b"],
        ],
      });
      s.getCell("D4").value = { formula: "IFERROR(B4/C4,\"\")", result: 2700 } as ExcelJS.CellFormulaValue;
    });
    const entries = await unzipEntries(data);
    const tableXml = entries.find((e) => e.name.startsWith("xl/tables/"))!;
    const calculated = "<calculatedColumnFormula>Costs[[#This Row],[Cost]]/Costs[[#This Row],[Weeks]]</calculatedColumnFormula>";
    const totals = '<totalsRowFormula>IFERROR(Costs[[#Totals],[Cost]]/Costs[[#Totals],[Weeks]],&quot;&quot;)</totalsRowFormula>';
    tableXml.data = Buffer.from(
      tableXml.data.toString("utf8").replace(/<tableColumn id="4" name="Weekly"[^>]*\/>/, `<tableColumn id="4" name="Weekly" totalsRowFunction="custom">${calculated}${totals}</tableColumn>`),
      "utf8",
    );
    expect(tableXml.data.toString("utf8")).toContain(totals);
    const excelSaved = buildZip(entries);
    await expect(new ExcelJS.Workbook().xlsx.load(excelSaved as unknown as ExcelJS.Buffer)).rejects.toThrow();

    const book = await ExcelJsWorkbook.fromBuffer(excelSaved);
    expect(await book.readTable("Costs")).toEqual({
      headers: ["Group", "Cost", "Weeks", "Weekly", "Note"],
      rows: [
        ["IFA", 9000, 10, 900, "a"],
        ["Residential", 45000, 10, 4500, "b"],
      ],
      firstRowNumber: 2,
    });
    await book.writeSheet(costsSpec(3));
    const saved = (await contents(await book.toBuffer())) as { sheets: { name: string; tables: string[] }[] };
    expect(saved.sheets.find((sheet) => sheet.name === "Data")!.tables[0]).toContain(`totalsRowFunction="custom">${calculated}${totals}</tableColumn>`);
    // And the saved file reads again, tables and all.
    expect((await (await ExcelJsWorkbook.fromBuffer(await book.toBuffer())).listTables()).map((t) => t.name)).toEqual(["Costs", "Data", "LAC_Costs_ByGroup", "LAC Costs"]);
  });

  it("refuses to read a workbook that counts its dates from 1904, saying why, rather than read its dates four years early", async () => {
    const data = await userWorkbook((b) => {
      b.properties.date1904 = true;
      const s = b.addWorksheet("D");
      s.getCell("A1").value = "When";
      s.getCell("A2").value = new Date(Date.UTC(2023, 3, 1));
    });
    const error = await (await ExcelJsWorkbook.fromBuffer(data)).readTable("D").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookError);
    expect((error as WorkbookError).code).toBe("date-1904");
    expect((error as WorkbookError).message).toMatch(/1904 date system/);
  });

  it("reads a workbook whose parts name their own namespace with a prefix, as the Open XML SDK writes them, and keeps the prefix in the file", async () => {
    const data = await userWorkbook((b) => {
      const s = b.addWorksheet("D");
      s.getCell("A1").value = "Group";
      s.getCell("A2").value = "IFA";
    });
    const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    // Every element of the SpreadsheetML namespace prefixed "x:", as `<x:workbook xmlns:x="…">`.
    const prefixed = (xml: string) =>
      xml.replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`).replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s/>])/g, (tag, slash: string, name: string) => (name.includes(":") ? tag : `<${slash}x:${name}`));
    const entries = (await unzipEntries(data)).map((e) => (/^xl\/(workbook|worksheets\/sheet1)\.xml$/.test(e.name) ? { name: e.name, data: Buffer.from(prefixed(e.data.toString("utf8")), "utf8") } : e));
    const book = await ExcelJsWorkbook.fromBuffer(buildZip(entries));
    expect((await book.readTable("D")).rows).toEqual([["IFA"]]);
    await book.writeSheet(costsSpec(3));
    const saved = new Map((await unzipEntries(await book.toBuffer())).map((e) => [e.name, e.data.toString("utf8")]));
    expect(saved.get("xl/workbook.xml")).toMatch(/^<\?xml[^>]*\?>\s*<x:workbook /);
    expect(saved.get("xl/worksheets/sheet1.xml")).toBe(prefixed(new Map((await unzipEntries(data)).map((e) => [e.name, e.data.toString("utf8")])).get("xl/worksheets/sheet1.xml")!));
  });

  it("reads an Excel table by name without its totals row, even when the file leaves headerRowCount out as Excel does", async () => {
    const data = await userWorkbook((b) => {
      const s = b.addWorksheet("Data");
      s.addTable({
        name: "Costs",
        ref: "B2",
        totalsRow: true,
        columns: [{ name: "Group", totalsRowLabel: "Total" }, { name: "Weekly", totalsRowFunction: "sum" }],
        rows: [["IFA", 900], ["Residential", 4500]],
      });
    });
    const entries = await unzipEntries(data);
    const tableXml = entries.find((e) => e.name.startsWith("xl/tables/"))!;
    tableXml.data = Buffer.from(tableXml.data.toString("utf8").replace(' headerRowCount="1"', ""), "utf8");
    const book = await ExcelJsWorkbook.fromBuffer(buildZip(entries));
    expect(await book.readTable("costs")).toEqual({ headers: ["Group", "Weekly"], rows: [["IFA", 900], ["Residential", 4500]], firstRowNumber: 3 });
    expect(await book.listTables()).toContainEqual({ name: "Costs", sheet: "Data", source: "table", headers: ["Group", "Weekly"], rowCount: 2 });
    // Saved, the user's table is as the file had it: a save copies every part it does not write.
    const saved = (await unzipEntries(await book.toBuffer())).find((e) => e.name === tableXml.name)!;
    expect(saved.data.equals(tableXml.data)).toBe(true);
  });

  it("says clearly when the table or sheet is missing or empty", async () => {
    const book = await ExcelJsWorkbook.fromBuffer(await userWorkbook((b) => b.addWorksheet("Empty")));
    expect((await failure(book.readTable("Nowhere"))).message).toBe('there is no table or sheet called "Nowhere"');
    expect((await failure(book.readTable("Empty"))).code).toBe("no-header");
  });
});

describe("hostile files", () => {
  const small = { maxUncompressedBytes: 10 * 1024 * 1024 };

  it.each([
    ["an empty file", Buffer.alloc(0), /is empty/],
    ["random bytes", Buffer.from("this is not a workbook at all, just some words"), /not an \.xlsx workbook/],
    ["an old .xls", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), /old-format \.xls .* or a password-protected/],
    ["a CSV file", Buffer.from("CHILD,DECOM\n1,2023-04-01\n"), /looks like a CSV/],
    // Binary bytes with commas and line ends among them, but no zero byte: not text, so not called a CSV.
    ["binary bytes", Buffer.from(Array.from({ length: 512 }, (_, i) => (i % 97 === 0 ? 10 : i % 31 === 0 ? 44 : 128 + (i % 120)))), /is not an \.xlsx workbook \(an \.xlsx file is a zip/],
  ])("refuses %s with a clear error", async (_, data, message) => {
    const error = await failure(ExcelJsWorkbook.fromBuffer(data, {}, "episodes.xlsx"));
    expect(error.code).toBe("bad-file");
    expect(error.message).toMatch(/^episodes\.xlsx /);
    expect(error.message).toMatch(message);
  });

  it("refuses a truncated file and a zip that is not a workbook", async () => {
    const real = await userWorkbook((b) => (b.addWorksheet("S").getCell("A1").value = 1));
    expect((await failure(ExcelJsWorkbook.fromBuffer(real.subarray(0, real.length - 30)))).message).toMatch(/damaged/);
    expect((await failure(ExcelJsWorkbook.fromBuffer(buildZip([{ name: "word/document.xml", data: Buffer.from("<w/>") }])))).message).toMatch(/not an Excel workbook/);
  });

  it("refuses a zip bomb from its index, before unpacking anything", async () => {
    const bomb = buildZip([
      { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") },
      { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(20 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    const error = await failure(ExcelJsWorkbook.fromBuffer(bomb));
    expect(error.code).toBe("too-large");
    expect(error.message).toMatch(/zip bomb: "xl\/worksheets\/sheet1\.xml" claims to unpack \d+ times larger/);
  });

  it("refuses a zip whose index understates what an entry unpacks to, stopping as soon as it overflows", async () => {
    const lying = buildZip([
      { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") },
      { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(50 * 1024 * 1024, 32), declaredSize: 40_000 },
    ]);
    const heapBefore = process.memoryUsage().rss;
    const error = await failure(ExcelJsWorkbook.fromBuffer(lying));
    expect(error.message).toMatch(/zip bomb: "xl\/worksheets\/sheet1\.xml" unpacks to more than its declared/);
    expect(process.memoryUsage().rss - heapBefore).toBeLessThan(40 * 1024 * 1024);
  });

  it("refuses more unpacked bytes, entries or file bytes than the limits allow", async () => {
    const real = await userWorkbook((b) => (b.addWorksheet("S").getCell("A1").value = "x".repeat(30_000)));
    expect((await failure(ExcelJsWorkbook.fromBuffer(real, { maxUncompressedBytes: 10_000 }))).message).toMatch(/unpacks to .* more than the/);
    expect((await failure(ExcelJsWorkbook.fromBuffer(real, { maxEntries: 3 }))).message).toMatch(/holds \d+ files/);
    expect((await failure(ExcelJsWorkbook.fromBuffer(real, { maxFileBytes: 1000 }))).code).toBe("too-large");
    await expect(ExcelJsWorkbook.fromBuffer(real, small)).resolves.toBeInstanceOf(ExcelJsWorkbook);
  });

  it("reads a workbook of 1,000 sheets and refuses one of 1,001", async () => {
    const many = (n: number) =>
      userWorkbook((b) => {
        for (let i = 0; i < n; i++) b.addWorksheet(`S${i}`).getCell("A1").value = i;
      });
    const book = await ExcelJsWorkbook.fromBuffer(await many(1000));
    expect(await book.listSheets()).toHaveLength(1000);
    await book.writeSheet(hostileSpec());
    expect(await book.isOwned("LAC Data Quality")).toBe(true);
    const error = await failure(ExcelJsWorkbook.fromBuffer(await many(1001)));
    expect(error.message).toMatch(/has 1,001 sheets; the command line reads workbooks of up to 1,000/);
  });

  it("reads a workbook whose zip index is in the zip64 form", async () => {
    const entries = await unzipEntries(await userWorkbook((b) => (b.addWorksheet("S").getCell("A1").value = "zip64")));
    const book = await ExcelJsWorkbook.fromBuffer(buildZip(entries, { zip64: true }));
    expect((await book.listTables())[0].headers).toEqual(["zip64"]);
  });
});

describe("ExcelJsWorkbook saving a workbook opened from a file", () => {
  const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
  const TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  /** The smallest package a tool may write: one sheet, an absolute target, and no styles part at all. */
  function minimalWorkbook(): Buffer {
    const text = (name: string, xml: string) => ({ name, data: Buffer.from(xml, "utf8") });
    return buildZip([
      text(
        "[Content_Types].xml",
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
      text("_rels/.rels", `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${TYPE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
      text("xl/workbook.xml", `<workbook xmlns="${MAIN}" xmlns:r="${TYPE}"><sheets><sheet name="Notes" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      text("xl/_rels/workbook.xml.rels", `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${TYPE}/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>`),
      text("xl/worksheets/sheet1.xml", `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>My notes</t></is></c></row></sheetData></worksheet>`),
    ]);
  }

  it("adds a report to a package without styles, with absolute targets, and leaves the user's sheet as it was", async () => {
    const original = minimalWorkbook();
    const book = await ExcelJsWorkbook.fromBuffer(original);
    await book.writeSheet(costsSpec(3));
    const saved = await book.toBuffer();
    const before = new Map((await unzipEntries(original)).map((e) => [e.name, e.data]));
    const after = new Map((await unzipEntries(saved)).map((e) => [e.name, e.data]));
    expect(after.get("xl/worksheets/sheet1.xml")!.equals(before.get("xl/worksheets/sheet1.xml")!)).toBe(true);
    expect(after.get("xl/workbook.xml")!.toString("utf8")).toMatch(/<sheet name="LAC Costs" sheetId="2" r:id="rId\d+"\/><\/sheets><definedNames><definedName name="LAC_OWNED_1_[0-9A-F]{8}">'LAC Costs'!\$A\$1<\/definedName><\/definedNames><\/workbook>/);
    const reread = await ExcelJsWorkbook.fromBuffer(saved);
    expect(await reread.listSheets()).toEqual([
      { name: "Notes", owned: false, visible: true },
      { name: "LAC Costs", owned: true, visible: true },
    ]);
    // The report's looks came with it: a styles part of its own, bold headers included.
    expect([...after.keys()].some((name) => /styles\d*\.xml$/.test(name))).toBe(true);
    const refreshed = await ExcelJsWorkbook.fromBuffer(saved);
    await refreshed.writeSheet(costsSpec(3));
    expect((await refreshed.toBuffer()).equals(saved)).toBe(true);
  });

  it("keeps the user's sheet, and a report's place and hidden state when it replaces the report", async () => {
    const book = await ExcelJsWorkbook.fromBuffer(minimalWorkbook());
    await book.writeSheet(costsSpec(3));
    await book.writeSheet({ ...costsSpec(2), name: "LAC Forecast" });
    const first = await book.toBuffer();
    const hidden = await ExcelJsWorkbook.fromBuffer(
      buildZip(
        (await unzipEntries(first)).map((e) =>
          e.name === "xl/workbook.xml" ? { name: e.name, data: Buffer.from(e.data.toString("utf8").replace('<sheet name="LAC Costs"', '<sheet state="hidden" name="LAC Costs"'), "utf8") } : e,
        ),
      ),
    );
    await hidden.writeSheet(costsSpec(5));
    const again = await ExcelJsWorkbook.fromBuffer(await hidden.toBuffer());
    expect(await again.listSheets()).toEqual([
      { name: "Notes", owned: false, visible: true },
      { name: "LAC Costs", owned: true, visible: false },
      { name: "LAC Forecast", owned: true, visible: true },
    ]);
    expect((await again.readTable({ sheet: "Notes" })).headers).toEqual(["My notes"]);
  });
});
