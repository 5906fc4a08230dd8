/**
 * Hostile files through the command line: a 10 MB line, binary garbage, and random CSV files full
 * of malformed and formula-like cells. `lac` answers with one clear line and exit code 1, or runs
 * and accounts for every row (rows in = used + rejected); it never shows "unexpected problem",
 * and no CSV it writes holds a cell a spreadsheet would run as a formula.
 */

import ExcelJS from "exceljs";
import fc from "fast-check";
import fs from "fs";
import path from "path";
import { parseCsv } from "../../src/workbook/csv";
import { lac, removeFolder, temporaryFolder } from "../cli/helpers";
import { CaseCounter } from "./cases";
import { wouldRunAsFormula } from "./formulas";

const cases = new CaseCounter("cli");
afterAll(() => cases.write());

let folder: string;
beforeAll(() => {
  folder = temporaryFolder();
});
afterAll(() => removeFolder(folder));

const file = (name: string) => path.join(folder, name);
const write = (name: string, text: string | Buffer) => {
  fs.writeFileSync(file(name), text);
  return file(name);
};

const CHILDREN = "CHILD,DOB\nA,2010-05-01\nB,2012-01-01\n";
const PERIOD = ["--from", "2023-04-01", "--to", "2024-03-31"];

/** Cells a spreadsheet would run as formulas, as an attacker or a careless export would write them. */
const FORMULAS = ['=HYPERLINK("http://x","click")', "=1+1", "+1+2", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)", "\t=1", "=cmd|x"];

/** Writes records as a careless export would: quoted only where CSV requires it, formulas left as they are. */
function rawCsv(records: readonly (readonly string[])[]): string {
  return records.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\n") + "\n";
}

/** The "Data quality" table of `lac costs`: rows in, used, rejected, superseded and corrected per input. */
function qualityOf(stdout: string): Map<string, [number, number, number, number, number]> {
  const rows = new Map<string, [number, number, number, number, number]>();
  for (const match of stdout.matchAll(/^(Episodes|Children|Unit costs|Placement types)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)$/gm)) {
    rows.set(match[1], match.slice(2).map((n) => Number(n.replace(/,/g, ""))) as [number, number, number, number, number]);
  }
  return rows;
}

/** Cells of a CSV the command wrote that a spreadsheet would run as formulas. */
function formulasIn(csvFile: string): string[] {
  if (!fs.existsSync(csvFile)) return [];
  return parseCsv(fs.readFileSync(csvFile, "utf8")).rows.flatMap((row) => row.filter((c): c is string => typeof c === "string" && wouldRunAsFormula(c)));
}

describe("a line of 10 MB", () => {
  it("stops lac with one line naming the file and the line, and exit code 1", async () => {
    cases.add("10 MB line");
    const episodes = write("long.csv", `CHILD,DECOM,PLACE,DEC\nA,2023-04-01,U4,\nB,${"x".repeat(10 * 1024 * 1024)}\n`);
    const run = await lac("costs", "--episodes", episodes, "--children", write("c.csv", CHILDREN), ...PERIOD);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*long\.csv: line 3 is longer than 1 MB: this does not look like a CSV file \(or a quote is never closed\)\n$/);
    expect(run.stdout).toBe("");
  });
});

describe("binary garbage", () => {
  it("is refused with a reason, never an unexpected problem", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 3000 }), async (bytes) => {
        cases.add("binary file");
        const run = await lac("costs", "--episodes", write("garbage.csv", Buffer.from(bytes)), "--children", write("c.csv", CHILDREN), ...PERIOD);
        expect(run.stderr).not.toMatch(/unexpected problem/);
        expect([0, 1]).toContain(run.code);
        if (run.code === 1) expect(run.stderr.split("\n").filter(Boolean)).toHaveLength(1);
      }),
      { numRuns: 40 },
    );
  });
});

describe("random hostile CSV files", () => {
  const cell = fc.oneof(
    { arbitrary: fc.constantFrom("A", "B", "C", "2023-04-01", "01/06/2023", "2023-02-01", "45200", "U4", "K2", "R1", "PR4", "PR1", "IN", "OUT", "700", "£1,200", "Foster care", "Agency"), weight: 6 },
    { arbitrary: fc.constantFrom(...FORMULAS), weight: 2 },
    { arbitrary: fc.constantFrom("", " ", "1900-02-29", "9999-12-31", "31/02/2024", "-50", "abc", "0x10", "(50)", '"', "x,y", "é"), weight: 2 },
  );
  const records = (header: string[]) =>
    fc.array(fc.oneof({ arbitrary: fc.array(cell, { minLength: header.length - 1, maxLength: header.length + 1 }), weight: 8 }, { arbitrary: fc.constant([""]), weight: 1 }), { maxLength: 15 });
  const EPISODE_HEADER = ["CHILD", "DECOM", "DEC", "PLACE", "PLACE_PROVIDER", "WEEKLY_COST", "LOCATION"];
  const CHILD_HEADER = ["CHILD", "DOB"];
  const UNIT_COST_HEADER = ["TYPE", "PROVIDED", "LOCATION", "WEEKLY_COST"];
  const TYPE_HEADER = ["PLACE", "TYPE"];

  it("are costed with every row accounted for, and nothing written that would run as a formula", async () => {
    await fc.assert(
      fc.asyncProperty(records(EPISODE_HEADER), records(CHILD_HEADER), records(UNIT_COST_HEADER), records(TYPE_HEADER), async (episodes, children, unitCosts, types) => {
        cases.add("lac costs on hostile files");
        for (const name of ["out.csv", "issues.csv"]) fs.rmSync(file(name), { force: true });
        const run = await lac(
          "costs",
          "--episodes", write("e.csv", rawCsv([EPISODE_HEADER, ...episodes])),
          "--children", write("c.csv", rawCsv([CHILD_HEADER, ...children])),
          "--unit-costs", write("u.csv", rawCsv([UNIT_COST_HEADER, ...unitCosts])),
          "--placement-types", write("t.csv", rawCsv([TYPE_HEADER, ...types])),
          ...PERIOD, "--out", file("out.csv"), "--issues-out", file("issues.csv"),
        );
        expect(run.stderr).toBe("");
        expect(run.code).toBe(0);
        const quality = qualityOf(run.stdout);
        expect([...quality.keys()]).toEqual(["Episodes", "Children", "Unit costs", "Placement types"]);
        for (const [table, [rowsIn, used, rejected, superseded, corrected]] of quality) {
          expect({ table, accounted: used + rejected + superseded, corrected: corrected <= used }).toEqual({ table, accounted: rowsIn, corrected: true });
        }
        const nonBlank = episodes.filter((r) => r.some((c) => c.trim() !== "")).length;
        expect(quality.get("Episodes")![0]).toBe(nonBlank);
        expect(formulasIn(file("out.csv"))).toEqual([]);
        expect(formulasIn(file("issues.csv"))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it("are forecast, or refused with one line saying why", async () => {
    // Mostly readable rows, so that most runs get as far as the model, with hostile cells among them.
    const hostile = fc.constantFrom(...FORMULAS, "", "1900-02-29", "9999-12-31", "abc", "x,y", '"');
    const column = (...valid: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 6 }, { arbitrary: hostile, weight: 1 });
    const date = fc.integer({ min: 0, max: 2500 }).map((d) => new Date(Date.UTC(2017, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const episodeRecord = fc.tuple(
      column("A", "B", "C", "D", "E", "F"), fc.oneof({ arbitrary: date, weight: 6 }, { arbitrary: hostile, weight: 1 }),
      fc.oneof({ arbitrary: date, weight: 3 }, { arbitrary: fc.constant(""), weight: 2 }, { arbitrary: hostile, weight: 1 }),
      column("U4", "U1", "K2", "R1", "H5", "P2", "Z1"), column("PR1", "PR4"), column("700", "3000", ""), column("IN", "OUT"),
      column("S", "P", "L", "B"), column("E11", "E4A", "E13", "X1", ""),
    );
    const childRecord = fc.tuple(column("A", "B", "C", "D", "E", "F"), column("2005-05-01", "2009-11-30", "2012-02-29", "2016-07-01"));
    const outcomes = { forecast: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(episodeRecord, { maxLength: 25 }), fc.array(childRecord, { maxLength: 8 }), fc.constantFrom("reference", "default"), async (episodes, children, mode) => {
        cases.add("lac forecast on hostile files");
        fs.rmSync(file("forecast.csv"), { force: true });
        const run = await lac(
          "forecast", "--episodes", write("e.csv", rawCsv([[...EPISODE_HEADER, "RNE", "REC"], ...episodes])),
          "--children", write("c.csv", rawCsv([CHILD_HEADER, ...children])), "--mode", mode, "--months", "6", "--out", file("forecast.csv"),
        );
        expect(run.stderr).not.toMatch(/unexpected problem/);
        expect([0, 1]).toContain(run.code);
        if (run.code === 1) expect(run.stderr).toMatch(/^error: [^\n]+\n$/);
        expect(formulasIn(file("forecast.csv"))).toEqual([]);
        outcomes[run.code === 0 ? "forecast" : "refused"] += 1;
      }),
      { numRuns: 80 },
    );
    console.log(`lac forecast on hostile files: ${outcomes.forecast} forecast, ${outcomes.refused} refused`);
    expect(outcomes.forecast).toBeGreaterThan(0);
  });

  it("escape text that would run as a formula in the CSV lac costs writes, and keep it readable", async () => {
    cases.add("formula cells escaped");
    const types = rawCsv([TYPE_HEADER, ...FORMULAS.map((formula, i) => [["U4", "K2", "R1", "P2", "H5", "S1", "Z1"][i], formula])]);
    const episodes = rawCsv([
      EPISODE_HEADER,
      ...["U4", "K2", "R1", "P2", "H5", "S1", "Z1"].map((place, i) => [`=C${i}`, "2023-04-01", "", place, "PR4", "700", "OUT"]),
    ]);
    const run = await lac(
      "costs", "--episodes", write("e.csv", episodes), "--children", write("c.csv", CHILDREN),
      "--placement-types", write("t.csv", types), ...PERIOD, "--out", file("out.csv"), "--force",
    );
    expect(run.code).toBe(0);
    const written = parseCsv(fs.readFileSync(file("out.csv"), "utf8"));
    const typeColumn = written.headers.indexOf("type");
    const writtenTypes = written.rows.map((row) => row[typeColumn]);
    for (const formula of FORMULAS) expect(writtenTypes).toContain(`'${formula.trim()}`);
    expect(formulasIn(file("out.csv"))).toEqual([]);
  });
});

describe("a workbook whose data cells look like formulas", () => {
  it("is refreshed with that text as text: no report cell holds a formula made from the data", async () => {
    cases.add("hostile workbook refresh");
    const source = file("hostile.xlsx");
    expect((await lac("example", "--out", source, "--children", "40", "--force")).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(source);
    // Each payload carries a marker, so that any trace of it in a formula can be found.
    const payloads = new Map<string, string>([
      ["Budget!B10", '=HYPERLINK("http://x","LACTRUST1")'],
      ["Scenarios!B5", "@SUM(A1)LACTRUST2"],
      ["Episodes!B5", "=cmd|' /C calc'!LACTRUST3"],
      ["Episodes!C6", "=LACTRUST4()"],
      ["Episodes!G7", "+LACTRUST5"],
    ]);
    for (const [address, text] of payloads) {
      const [sheet, cell] = address.split("!");
      book.getWorksheet(sheet)!.getCell(cell).value = text;
    }
    await book.xlsx.writeFile(source);

    const run = await lac("refresh", source, "--out", file("hostile-refreshed.xlsx"));
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    const refreshed = new ExcelJS.Workbook();
    await refreshed.xlsx.readFile(file("hostile-refreshed.xlsx"));

    const formulasFromData: string[] = [];
    let payloadTextInReports = 0;
    for (const sheet of refreshed.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.formula && /LACTRUST/.test(cell.formula)) formulasFromData.push(`${sheet.name}!${cell.address}: ${cell.formula}`);
          if (sheet.name.startsWith("LAC ") && typeof cell.value === "string" && /LACTRUST/.test(cell.value)) payloadTextInReports += 1;
        }),
      );
    }
    expect(formulasFromData).toEqual([]);
    // The payloads did reach the reports (as text), so the check above had something to find.
    expect(payloadTextInReports).toBeGreaterThan(0);
    for (const [address, text] of payloads) {
      const [sheet, cell] = address.split("!");
      expect({ address, value: refreshed.getWorksheet(sheet)!.getCell(cell).value }).toEqual({ address, value: text });
    }
  });
});
