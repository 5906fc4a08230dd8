/**
 * A workbook's claims about its size are not trusted. The used range comes from the cells that
 * hold values, and a read that would be almost all blank (a stray value in XFD1048576, a table
 * stretched to the last row) is refused naming the cell; ranges ExcelJS would expand cell by
 * cell as it loads (merged cells, data validations, defined names) are refused before it loads.
 * Times and memory are measured in scripts/bench/hostile-xlsx.js, not here.
 */

import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../../src/workbook/exceljs/excelJsWorkbook";
import { MAX_BLANK_CELLS } from "../../src/workbook/reading";
import { WorkbookError } from "../../src/workbook/port";
import { buildZip, unzipEntries } from "./zipBuilder";

const HEADERS = ["CHILD", "DECOM", "PLACE", "DEC"];

async function episodesWorkbook(extra: (sheet: ExcelJS.Worksheet) => void, asTable = false): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Episodes");
  const rows = [["A", "2023-04-01", "U4", ""], ["B", "2023-05-01", "K2", "2023-06-01"]];
  if (asTable) sheet.addTable({ name: "EpisodesTable", ref: "A1", columns: HEADERS.map((name) => ({ name })), rows });
  else for (const row of [HEADERS, ...rows]) sheet.addRow(row);
  extra(sheet);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The same workbook with one part's XML changed, as a hand-edited or hostile file would have it. */
async function edited(data: Buffer, part: RegExp, edit: (xml: string) => string): Promise<Buffer> {
  const entries = await unzipEntries(data);
  return buildZip(entries.map((e) => (part.test(e.name) ? { ...e, data: Buffer.from(edit(e.data.toString("utf8")), "utf8") } : e)));
}

async function refusal(promise: Promise<unknown>): Promise<WorkbookError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbookError);
    return error as WorkbookError;
  }
  throw new Error("expected a refusal");
}

describe("the used range of a sheet", () => {
  it("is refused, naming the cell, when one value sits in XFD1048576", async () => {
    const book = await ExcelJsWorkbook.fromBuffer(await episodesWorkbook((sheet) => (sheet.getCell("XFD1048576").value = 1)));
    // Listing is cheap whatever the range: the sheet is still offered as an input.
    expect((await book.listTables()).map((t) => t.name)).toEqual(["Episodes"]);
    const error = await refusal(book.readTable("Episodes"));
    expect(error.code).toBe("too-large");
    expect(error.message).toMatch(/^sheet "Episodes" has a value in XFD1048576, far from the rest of its data: read as a table the sheet would be 17,179,869,184 cells, of which 12 hold a value\. Clear that cell/);
  });

  it("is refused, naming the cell, when a stray value sits at the foot of a narrow sheet (A1048576)", async () => {
    const book = await ExcelJsWorkbook.fromBuffer(await episodesWorkbook((sheet) => (sheet.getCell("A1048576").value = "x")));
    expect((await refusal(book.readTable("Episodes"))).message).toMatch(/has a value in A1048576, far from the rest/);
  });

  it("takes the cells present, not the dimension the file claims", async () => {
    const claimed = await edited(await episodesWorkbook(() => undefined), /worksheets\/sheet1\.xml$/, (xml) => xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'));
    const table = await (await ExcelJsWorkbook.fromBuffer(claimed)).readTable("Episodes");
    expect(table.headers).toEqual(HEADERS);
    expect(table.rows).toHaveLength(2);
  });

  it("reads data with gaps: blank rows up to the limit cost nothing but the rows", async () => {
    const rowsBelow = Math.floor(MAX_BLANK_CELLS / HEADERS.length) - 10;
    const book = await ExcelJsWorkbook.fromBuffer(await episodesWorkbook((sheet) => (sheet.getCell(`A${rowsBelow}`).value = "C")));
    const table = await book.readTable("Episodes");
    expect(table.rows).toHaveLength(rowsBelow - 1);
    expect(table.rows[rowsBelow - 2]).toEqual(["C", null, null, null]);
  });
});

describe("a table stretched far beyond its rows", () => {
  it("is refused, naming the table and its range", async () => {
    const stretched = await edited(await episodesWorkbook(() => undefined, true), /tables\/table\d+\.xml$/, (xml) => xml.replace(/ref="A1:D3"/g, 'ref="A1:D1048576"'));
    const error = await refusal((await ExcelJsWorkbook.fromBuffer(stretched)).readTable({ table: "EpisodesTable" }));
    expect(error.message).toMatch(/^table "EpisodesTable" on sheet "Episodes" spans A1:D1048576, 4,194,304 cells, of which 11 hold a value: resize the table/);
  });
});

describe("ranges ExcelJS would expand cell by cell", () => {
  const sheetXml = /worksheets\/sheet1\.xml$/;
  it.each([
    [
      "merged cells over E1:XFD1048576",
      sheetXml,
      (xml: string) => xml.replace("</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="E1:XFD1048576"/></mergeCells>'),
      /sheet "Episodes" has merged cells over E1:XFD1048576 \(17,175,674,880 cells\)/,
    ],
    [
      "a data validation over A1:XFD1048576",
      sheetXml,
      (xml: string) => xml.replace("</sheetData>", '</sheetData><dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>1</formula1></dataValidation></dataValidations>'),
      /sheet "Episodes" has a data validation over A1:XFD1048576/,
    ],
    [
      "a defined name over the whole sheet",
      /xl\/workbook\.xml$/,
      (xml: string) => xml.replace("<calcPr", '<definedNames><definedName name="Everything">Episodes!$A$1:$XFD$1048576</definedName></definedNames><calcPr'),
      /the name "Everything" has a defined name over A1:XFD1048576/,
    ],
  ])("refuses %s before ExcelJS loads it", async (_, part, edit, message) => {
    const hostile = await edited(await episodesWorkbook(() => undefined), part, edit);
    const error = await refusal(ExcelJsWorkbook.fromBuffer(hostile, {}, "hostile.xlsx"));
    expect(error.code).toBe("too-large");
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^hostile\.xlsx: /);
  });

  it("lets through a validation of a column's 100,000 rows and merged headings", async () => {
    const ordinary = await edited(await episodesWorkbook(() => undefined), sheetXml, (xml) =>
      xml.replace("</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="F1:H1"/></mergeCells><dataValidations count="1"><dataValidation type="list" sqref="C2:C100001"><formula1>"U4,K2"</formula1></dataValidation></dataValidations>'),
    );
    expect((await (await ExcelJsWorkbook.fromBuffer(ordinary)).readTable("Episodes")).rows).toHaveLength(2);
  });
});
