/**
 * `lac refresh --pack`: the committee pack holds the report sheets alone, values only, and no
 * child's data in any part of the file (cells, names, comments, document properties). Every
 * part of the pack is unzipped and searched for each CHILD, UPN, postcode and date of birth of
 * the example workbook's inputs; the same search over the refreshed workbook finds them, so it
 * would see them in the pack.
 */

import * as fs from "fs";
import * as path from "path";
import { lac, removeFolder, temporaryFolder } from "./helpers";
import { ExcelJsWorkbook } from "../../src/workbook/exceljs/excelJsWorkbook";
import { checkXlsx, readEntryText } from "../../src/workbook/exceljs/zipGuard";
import { dayFromExcelSerial, formatIsoDate, formatUkDate } from "../../src/engine/dates";
import { Cell, Table, cellText, normaliseHeader } from "../../src/engine/table";
import { DEFAULT_SHEET_NAMES, REPORT_KEYS } from "../../src/reports/common";
import { ROW_LEVEL_LEFT_OUT } from "../../src/reports/committeePack";
import { sheetOf, workbookContent } from "../examples/workbookContent";

const DATA = ["--children", "120", "--seed", "5", "--end", "2023-11-30"];
/** Columns of the inputs that identify a child. */
const IDENTIFYING = ["CHILD", "UPN", "HOME_POST", "PL_POST"];
const DATES = ["DOB", "MC_DOB"];

let folder: string;
let source: string;
let pack: string;
let output: string;
const file = (name: string) => path.join(folder, name);

beforeAll(async () => {
  folder = temporaryFolder();
  source = file("example.xlsx");
  pack = file("pack.xlsx");
  expect((await lac("example", ...DATA, "--no-reports", "--out", source)).code).toBe(0);
  const run = await lac("refresh", source, "--pack", pack);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  output = run.stdout;
});
afterAll(() => removeFolder(folder));

/** Every text part of an .xlsx file (sheets, shared strings, names, comments, docProps), decompressed, by entry name. */
async function partsOf(xlsx: string): Promise<Map<string, string>> {
  const data = fs.readFileSync(xlsx);
  const { entries } = await checkXlsx(data, xlsx);
  const parts = new Map<string, string>();
  for (const entry of entries) parts.set(entry.name, await readEntryText(data, entry));
  return parts;
}

/** The values of the inputs that identify a child, as text and as the dates' usual spellings. */
async function identifiersOf(xlsx: string): Promise<string[]> {
  const port = await ExcelJsWorkbook.open(xlsx);
  const found = new Set<string>();
  for (const input of ["Episodes", "Children"]) {
    const table: Table = await port.readTable({ table: input });
    table.headers.forEach((header, j) => {
      const name = normaliseHeader(header).toUpperCase().replace(/ /g, "_");
      for (const row of table.rows) {
        const cell: Cell = row[j];
        if (cell === null || cell === "") continue;
        if (IDENTIFYING.includes(name)) found.add(cellText(cell));
        if (DATES.includes(name) && typeof cell === "number") {
          const day = dayFromExcelSerial(cell);
          found.add(formatIsoDate(day));
          found.add(formatUkDate(day));
        }
      }
    });
  }
  return [...found];
}

/** Whole-token occurrences (an id "12" is not found inside "2012"). */
function occurrences(parts: Map<string, string>, values: readonly string[]): string[] {
  const hits: string[] = [];
  for (const [name, text] of parts) {
    for (const value of values) {
      const escaped = value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      if (new RegExp(`(^|[^A-Za-z0-9])${escaped}($|[^A-Za-z0-9])`).test(text)) hits.push(`${value} in ${name}`);
    }
  }
  return hits;
}

describe("lac refresh --pack", () => {
  it("writes the pack and says so", () => {
    expect(fs.existsSync(pack)).toBe(true);
    expect(output).toContain(`Committee pack ${pack}: LAC Costs, LAC Forecast`);
  });

  it("holds only the LAC report sheets", async () => {
    const sheets = (await workbookContent(pack)).map((s) => s.name);
    expect(sheets).toEqual(REPORT_KEYS.map((key) => DEFAULT_SHEET_NAMES[key]));
  });

  it("carries the reports' native charts", async () => {
    const charts = [...(await partsOf(pack)).keys()].filter((name) => /^xl\/charts\/chart\d+\.xml$/.test(name));
    expect(charts.length).toBeGreaterThanOrEqual(1);
  });

  it("holds values only: no formula in any cell, no link to another workbook", async () => {
    const parts = await partsOf(pack);
    const sheetXml = [...parts].filter(([name]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
    expect(sheetXml.length).toBe(REPORT_KEYS.length);
    for (const [name, xml] of sheetXml) expect({ name, formulas: xml.match(/<f[ >]/g) ?? [] }).toEqual({ name, formulas: [] });
    expect([...parts.keys()].filter((name) => /externalLink/i.test(name))).toEqual([]);
    // The totals rows still show their figures.
    const refreshed = await workbookContent(source);
    const costs = Object.values(sheetOf(await workbookContent(pack), "LAC Costs").cells);
    const totals = Object.values(sheetOf(refreshed, "LAC Costs").cells).filter((c): c is { formula: string; result: unknown } => typeof c === "object" && c !== null && "formula" in c);
    expect(totals.length).toBeGreaterThan(0);
    for (const total of totals) if (typeof total.result === "number") expect(costs).toContain(total.result);
  });

  it("has no CHILD, UPN, postcode or date of birth of the inputs in any part", async () => {
    const identifiers = await identifiersOf(source);
    // The example's inputs hold children, and the search finds them where they are.
    expect(identifiers.length).toBeGreaterThan(120);
    expect(occurrences(await partsOf(source), identifiers).length).toBeGreaterThan(0);
    expect(occurrences(await partsOf(pack), identifiers)).toEqual([]);
  });

  it("keeps LAC Data Quality's summary, and its sentence when no row was rejected (test/taskpane/committeePack.test.ts packs rows left out)", async () => {
    const quality = Object.values(sheetOf(await workbookContent(pack), "LAC Data Quality").cells);
    expect(quality).toContain("Inputs: rows in = rows used + rows rejected + rows superseded");
    // The example's inputs are clean: nothing was left out, so the pack says what the sheet says.
    expect(quality).toContain("No row was rejected, corrected or noted.");
    expect(quality).not.toContain(ROW_LEVEL_LEFT_OUT);
    expect(quality).not.toContain("Rows rejected, corrected or noted");
  });

  it("refuses a pack name that is the workbook or exists, without --force", async () => {
    const same = await lac("refresh", source, "--pack", source);
    expect(same.code).not.toBe(0);
    expect(same.stderr).toContain("--pack");
    const exists = await lac("refresh", source, "--out", file("again.xlsx"), "--pack", pack);
    expect(exists.code).not.toBe(0);
    expect(exists.stderr).toContain("already exists");
    expect(fs.existsSync(file("again.xlsx"))).toBe(false);
  });
});
