import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { lac, removeFolder, temporaryFolder } from "../cli/helpers";
import { SheetContent, StoredCell, sheetOf, workbookContent, workbookNames } from "./workbookContent";
import { dayFromExcelSerial } from "../../src/engine/dates";
import { weeksInPeriod } from "../../src/engine/costs";
import { DEFAULT_SHEET_NAMES, REPORT_KEYS } from "../../src/reports/common";
import JSZip from "jszip";
import { XMLParser } from "fast-xml-parser";
import { EXAMPLE_ADDIN, EXAMPLE_SHEETS, EXAMPLE_TABLES, EXCEL_CALC_ID, asExcelSavesExample } from "../../src/cli/exampleWorkbook";

const REPO = path.resolve(__dirname, "../..");
const EXAMPLE = path.join(REPO, "examples", "budget-monitoring.xlsx");
const REGENERATE = "npm run build:node && node dist/node/cli/main.js example --force --out examples/budget-monitoring.xlsx";

/** The custom functions the add-in declares (the JSDoc tags custom-functions-metadata reads). */
const DECLARED = new Set([...fs.readFileSync(path.join(REPO, "src/functions/functions.ts"), "utf8").matchAll(/@customfunction\s+(\w+)/g)].map((m) => m[1]));

let folder: string;
let committed: SheetContent[];
beforeAll(async () => {
  folder = temporaryFolder();
  committed = await workbookContent(EXAMPLE);
});
afterAll(() => removeFolder(folder));

function expectSameContent(actual: readonly SheetContent[], expected: readonly SheetContent[], hint: string): void {
  expect(actual.map((s) => s.name)).toEqual(expected.map((s) => s.name));
  for (const sheet of expected) {
    const other = sheetOf(actual, sheet.name);
    const differing = Object.keys({ ...sheet.cells, ...other.cells }).filter((a) => JSON.stringify(sheet.cells[a]) !== JSON.stringify(other.cells[a]));
    if (differing.length > 0) throw new Error(`${hint}: sheet "${sheet.name}" differs in ${differing.length} cells, e.g. ${differing.slice(0, 3).join(", ")}`);
  }
}

const formulaOf = (cell: StoredCell | undefined) => (cell !== null && typeof cell === "object" ? cell.formula : null);
const resultOf = (cell: StoredCell | undefined) => (cell !== null && typeof cell === "object" ? cell.result : cell);

/** Row numbers and header columns of a sheet's table whose header row is `headerRow`. */
function tableCells(sheet: SheetContent, headerRow: number): { headers: Map<string, string>; rows: number[] } {
  const headers = new Map<string, string>();
  for (const [address, value] of Object.entries(sheet.cells)) {
    const [, column, row] = /^([A-Z]+)(\d+)$/.exec(address) as RegExpExecArray;
    if (Number(row) === headerRow) headers.set(String(value), column);
  }
  const rows = new Set<number>();
  for (const address of Object.keys(sheet.cells)) {
    const row = Number(/\d+$/.exec(address)?.[0]);
    if (row > headerRow) rows.add(row);
  }
  return { headers, rows: [...rows].sort((a, b) => a - b) };
}

describe("the example budget-monitoring workbook", () => {
  it("is what lac example writes with its defaults (the committed file is the project's own output, up to date)", async () => {
    const fresh = path.join(folder, "fresh.xlsx");
    const run = await lac("example", "--out", fresh);
    expect(run.code).toBe(0);
    expectSameContent(await workbookContent(fresh), committed, `examples/budget-monitoring.xlsx is out of date: regenerate it with ${REGENERATE}`);
    expect(fs.statSync(EXAMPLE).size).toBeLessThan(400_000);
  });

  it("holds the user's data tables a refresh finds by name, the key dates by name, and the five report sheets", async () => {
    const { names, tables } = await workbookNames(EXAMPLE);
    expect(tables).toEqual(expect.arrayContaining(Object.values(EXAMPLE_TABLES)));
    expect(names).toEqual(expect.arrayContaining(["AsAt", "YearEnd", "YearStart"]));
    expect(names.filter((n) => n.startsWith("LAC_OWNED_"))).toHaveLength(REPORT_KEYS.length);
    expect(committed.map((s) => s.name)).toEqual([...EXAMPLE_SHEETS, ...REPORT_KEYS.map((k) => DEFAULT_SHEET_NAMES[k])]);
  });

  it("calls only functions the add-in declares, on columns its tables have, stored as Excel stores add-in functions", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(EXAMPLE);
    const columns = new Map<string, Set<string>>();
    for (const sheet of book.worksheets) {
      for (const [name, { table }] of Object.entries((sheet as unknown as { tables: Record<string, { table: { columns: { name: string }[] } }> }).tables)) {
        columns.set(name, new Set(table.columns.map((c) => c.name)));
      }
    }
    const used = new Set<string>();
    let formulas = 0;
    for (const sheet of committed.filter((s) => (EXAMPLE_SHEETS as readonly string[]).includes(s.name))) {
      for (const [address, cell] of Object.entries(sheet.cells)) {
        const formula = formulaOf(cell);
        if (formula === null) continue;
        formulas += 1;
        expect(formula).not.toMatch(/LAC\./); // the file form is _xldudf_LAC_NAME
        for (const [, name] of formula.matchAll(/_xldudf_LAC_(\w+)\(/g)) {
          if (!DECLARED.has(name)) throw new Error(`${sheet.name}!${address}: LAC.${name} is not a declared custom function`);
          used.add(name);
        }
        for (const [, table, header] of formula.matchAll(/(\w+)\[\[#This Row\],\[((?:[^\]']|'.)+)\]\]/g)) {
          const unescaped = header.replace(/'(.)/g, "$1");
          if (!columns.get(table)?.has(unescaped)) throw new Error(`${sheet.name}!${address}: ${table} has no column "${unescaped}"`);
        }
      }
    }
    expect(formulas).toBeGreaterThan(1000);
    expect([...used].sort()).toEqual(["AGE", "COST", "FINYEAR", "FULLYEARSAVING", "INYEARSAVING", "PLACEMENTGROUP", "WEEKS"]);
  });

  it("is stamped with Excel's current calculation engine, so Excel keeps the stored values on open", async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(EXAMPLE));
    const workbook = await zip.file("xl/workbook.xml")!.async("string");
    expect(/<calcPr\b[^>]*\bcalcId="(\d+)"/.exec(workbook)?.[1]).toBe(EXCEL_CALC_ID);
    expect(EXCEL_CALC_ID).toBe("191029");
  });

  it("names the add-in its functions come from, in the web extension parts Excel writes ([MS-OWEXML])", async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(EXAMPLE));
    const text = async (name: string) => {
      const part = zip.file(name);
      if (!part) throw new Error(`the example has no ${name}`);
      return part.async("string");
    };
    const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml);
    const asArray = <T,>(value: T | T[]) => (Array.isArray(value) ? value : [value]);

    // The package's relationships lead from the root to the task pane part, and from there to the web extension.
    const root = asArray(parse(await text("_rels/.rels")).Relationships.Relationship) as { Type: string; Target: string }[];
    expect(root).toContainEqual(expect.objectContaining({ Type: "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes", Target: "xl/webextensions/taskpanes.xml" }));
    const taskpane = parse(await text("xl/webextensions/taskpanes.xml"))["wetp:taskpanes"]["wetp:taskpane"];
    expect(taskpane).toMatchObject({ dockstate: "right", visibility: "0" });
    const link = asArray(parse(await text("xl/webextensions/_rels/taskpanes.xml.rels")).Relationships.Relationship).find(
      (r: { Id: string }) => r.Id === taskpane["wetp:webextensionref"]["r:id"],
    );
    expect(link).toMatchObject({ Type: "http://schemas.microsoft.com/office/2011/relationships/webextension", Target: "webextension1.xml" });

    // The reference is the add-in's manifest Id and Version, sideloaded (store "developer", storeType "Registry").
    const extension = parse(await text("xl/webextensions/webextension1.xml"))["we:webextension"];
    expect(extension.id).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
    expect(extension["we:reference"]).toEqual({ id: EXAMPLE_ADDIN.id, version: EXAMPLE_ADDIN.version, store: "developer", storeType: "Registry" });
    const manifest = parse(fs.readFileSync(path.join(REPO, "manifest.xml"), "utf8")).OfficeApp;
    expect([manifest.Id, manifest.Version]).toEqual([EXAMPLE_ADDIN.id, EXAMPLE_ADDIN.version]);

    const types = await text("[Content_Types].xml");
    expect(types).toContain('<Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/>');
    expect(types).toContain('<Override PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/>');
  });

  it("adds the web extension parts once, with a relationship id the package does not use yet", async () => {
    const bare = await new ExcelJS.Workbook().xlsx.writeBuffer();
    const once = await asExcelSavesExample(Buffer.from(bare));
    const twice = await JSZip.loadAsync(await asExcelSavesExample(once));
    const rels = await twice.file("_rels/.rels")!.async("string");
    const ids = [...rels.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rels.match(/webextensiontaskpanes/g)).toHaveLength(1);
    const types = await twice.file("[Content_Types].xml")!.async("string");
    expect(types.match(/webextensiontaskpanes\+xml/g)).toHaveLength(1);
  });

  it("carries each formula's value: the year's weeks and cost of each episode, the savings of each move", () => {
    const budget = sheetOf(committed, "Budget");
    const yearStart = dayFromExcelSerial(Number(budget.cells.B5));
    const yearEnd = dayFromExcelSerial(Number(budget.cells.B6));
    expect(resultOf(budget.cells.B4)).toBe("2023-24");

    const episodes = sheetOf(committed, "Episodes");
    const { headers, rows } = tableCells(episodes, 4);
    const at = (header: string, row: number) => episodes.cells[`${headers.get(header)}${row}`];
    let costed = 0;
    for (const row of rows) {
      const start = dayFromExcelSerial(Number(at("DECOM", row)));
      const endCell = at("DEC", row);
      const end = endCell === undefined ? null : dayFromExcelSerial(Number(endCell));
      const weeks = weeksInPeriod(start, end, { start: yearStart, end: yearEnd });
      expect(resultOf(at("Weeks this year", row))).toBeCloseTo(weeks, 9);
      const weekly = at("WEEKLY_COST", row);
      if (typeof weekly === "number") {
        expect(resultOf(at("Cost this year", row))).toBeCloseTo(weekly * weeks, 6);
        costed += 1;
      } else {
        // Blank: the engine writes "", which ExcelJS drops from a formula's cached value when it re-saves a workbook.
        expect([null, ""]).toContain(resultOf(at("Cost this year", row)));
      }
    }
    expect(costed).toBeGreaterThan(rows.length / 2);

    const scenarios = sheetOf(committed, "Scenarios");
    const s = tableCells(scenarios, 4);
    const cell = (header: string, row: number) => scenarios.cells[`${s.headers.get(header)}${row}`];
    const moves = s.rows.filter((row) => cell("Kind", row) === "Placement move");
    expect(moves.length).toBe(3);
    for (const row of moves) {
      const weeklySaving = Number(cell("Current weekly cost", row)) - Number(cell("New weekly cost", row));
      expect(resultOf(cell("Full-year saving", row))).toBeCloseTo(Number(cell("Children", row)) * weeklySaving * 52, 6);
    }
    const workforce = s.rows.find((row) => cell("Kind", row) === "Workforce") as number;
    expect(resultOf(cell("Full-year saving", workforce))).toBe(Number(cell("FTE", workforce)) * (Number(cell("Current cost per FTE", workforce)) - Number(cell("New cost per FTE", workforce))));
  });

  it("is refreshed by lac refresh to the same workbook: every report sheet rewritten, the user's sheets untouched", async () => {
    const copy = path.join(folder, "copy.xlsx");
    const out = path.join(folder, "refreshed.xlsx");
    fs.copyFileSync(EXAMPLE, copy);
    const run = await lac("refresh", copy, "--out", out);
    expect(run.stderr).toBe("");
    for (const key of REPORT_KEYS) expect(run.stdout).toContain(`Wrote ${DEFAULT_SHEET_NAMES[key]} (`);
    expectSameContent(await workbookContent(out), committed, `a refresh changes the committed example: regenerate it with ${REGENERATE}`);
  });

  it("is not written over an existing file without --force, nor under a name that is not .xlsx", async () => {
    const existing = path.join(folder, "mine.xlsx");
    fs.writeFileSync(existing, "my own workbook");
    const refused = await lac("example", "--children", "20", "--out", existing);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists.*--force/);
    expect(fs.readFileSync(existing, "utf8")).toBe("my own workbook");
    const csv = await lac("example", "--children", "20", "--out", path.join(folder, "example.csv"));
    expect(csv.code).toBe(2);
    expect(fs.existsSync(path.join(folder, "example.csv"))).toBe(false);
    const forced = await lac("example", "--children", "20", "--no-reports", "--force", "--out", existing);
    expect(forced.code).toBe(0);
    expect((await workbookContent(existing)).map((s) => s.name)).toEqual([...EXAMPLE_SHEETS]);
  });
});
