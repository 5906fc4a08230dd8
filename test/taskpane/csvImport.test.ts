import fc from "fast-check";
import { dayFromYmd } from "../../src/engine/dates";
import { generateSample } from "../../src/engine/sample";
import type { Cell } from "../../src/engine/table";
import { readSavedSettings, refreshReports } from "../../src/reports/refresh";
import { CsvError, parseCsv, writeCsv } from "../../src/workbook/csv";
import type { TableBlock } from "../../src/workbook/spec";
import { IMPORT_TARGETS, ImportError, importCsvFiles, importKindOf, importSheetSpec, parseCsvInSlices } from "../../src/taskpane/csvImport";
import { ExcelRun, OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { FakeWorkbook } from "../reports/fakeWorkbook";
import { FakeExcel } from "../workbook/excelMock";

const file = (name: string, text: string) => ({ name, text: () => Promise.resolve(text) });
const tableOf = (spec: { blocks: readonly { kind: string }[] }) => spec.blocks.find((b): b is TableBlock => b.kind === "table") as TableBlock;

const sample = generateSample({ children: 40, seed: 5, end: dayFromYmd(2023, 12, 31) });
const episodesCsv = writeCsv([sample.episodes.headers, ...sample.episodes.rows]);
const childrenCsv = writeCsv([sample.children.headers, ...sample.children.rows]);

describe("parsing a chosen file a slice at a time", () => {
  it("gives the same table and row issues as parsing it whole, however it is sliced", async () => {
    const cell = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(`a,"b"`, "line\nbreak", "cr\r\nlf", "=1+1", "", "00123", "é£"));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 40 }), async (rows, slice) => {
        const text = writeCsv(rows);
        let whole: unknown;
        try {
          whole = parseCsv(text);
        } catch (error) {
          await expect(parseCsvInSlices(text, { sliceCharacters: slice })).rejects.toThrow((error as Error).message);
          return;
        }
        expect(await parseCsvInSlices(text, { sliceCharacters: slice })).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });

  it("reports its progress to the end, and fails on a quote never closed", async () => {
    const seen: number[] = [];
    await parseCsvInSlices(episodesCsv, { sliceCharacters: 1000, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[seen.length - 1]).toBe(1);
    await expect(parseCsvInSlices('CHILD,DECOM\n"1,2023-01-01\n2,2023-02-01\n', { sliceCharacters: 8 })).rejects.toThrow(CsvError);
  });
});

describe("which SSDA903 file it is", () => {
  it("tells episodes, the child header and UASC apart by their columns", () => {
    expect(importKindOf(sample.episodes.headers)).toBe("Episodes");
    expect(importKindOf(sample.children.headers)).toBe("Children");
    expect(importKindOf(sample.uasc.headers)).toBe("UASC");
    expect(importKindOf(["Child ref", "Start date", "Placement type", "End date"])).toBe("Episodes");
  });

  it("says what a file needs when it is none of them", () => {
    expect(() => importKindOf(["Budget line", "Budget"])).toThrow(ImportError);
    expect(() => importKindOf(["Budget line", "Budget"])).toThrow(/episodes need CHILD, DECOM, PLACE and DEC.*found: Budget line, Budget/);
  });
});

describe("the sheet an import is written to", () => {
  const csv =
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,URN,WEEKLY_COST,,CHILD\r\n" +
    '007,01/04/2023,S,C2,N1,U4,PR4,2023-06-30,E11,"=HYPERLINK(""http://x"",""y"")",£850.50,note,dup\r\n' +
    '008,soon,S,C2,N1,U4,PR4,,,,unknown,,\r\n' +
    '009,"2023-05-01,"x"\r\n';

  it("makes dates and weekly costs Excel's, and keeps every other cell as the file had it, as text", async () => {
    const table = await parseCsvInSlices(csv, { tableName: "episodes.csv" });
    const spec = importSheetSpec("Episodes", table, "episodes.csv");
    expect(spec.name).toBe("LAC Episodes");
    const block = tableOf(spec);
    expect(block.name).toBe("LAC_Import_Episodes");
    expect(block.columns.map((c) => c.header)).toEqual([...table.headers.slice(0, 11), "Column 12", "CHILD (2)"]);
    const kinds = Object.fromEntries(block.columns.map((c) => [c.header, c.kind]));
    expect(kinds).toMatchObject({ CHILD: "text", DECOM: "date", DEC: "date", WEEKLY_COST: "currency", URN: "text" });
    expect(block.rows[0].slice(0, 11)).toEqual<Cell[]>(["007", dayFromYmd(2023, 4, 1), "S", "C2", "N1", "U4", "PR4", dayFromYmd(2023, 6, 30), "E11", '=HYPERLINK("http://x","y")', 850.5]);
    // What is not a date or an amount stays as it was, for the readers to report.
    expect(block.rows[1][1]).toBe("soon");
    expect(block.rows[1][10]).toBe("unknown");
    expect(block.rows[1][7]).toBeNull();
  });

  it("leaves out the rows the file could not give, and says which on the sheet", async () => {
    const table = await parseCsvInSlices(csv, { tableName: "episodes.csv" });
    const spec = importSheetSpec("Episodes", table, "episodes.csv");
    expect(tableOf(spec).rows).toHaveLength(2);
    const notes = spec.blocks.filter((b) => b.kind === "note").map((b) => (b as { text: string }).text);
    expect(notes[0]).toMatch(/^Imported by the LAC Cost Engine from episodes\.csv \(SSDA903 episodes\): 2 rows\./);
    expect(notes[1]).toMatch(/^1 row of the file could not be read and are not here: row 4: /);
  });
});

describe("importing files into the workbook", () => {
  it("writes each file on its own sheet, records it in LAC Settings, and the refresh then reads it", async () => {
    const workbook = new FakeWorkbook();
    const progress: number[] = [];
    const result = await importCsvFiles(workbook, [file("episodes.csv", episodesCsv), file("header.csv", childrenCsv)], (p) => progress.push(p.fraction));
    expect(result.settingsProblem).toBeNull();
    expect(result.outcomes).toEqual([
      expect.objectContaining({ ok: true, kind: "Episodes", sheet: "LAC Episodes", rows: sample.episodes.rows.length, rejected: [] }),
      expect.objectContaining({ ok: true, kind: "Children", sheet: "LAC Children", rows: sample.children.rows.length }),
    ]);
    expect(progress[progress.length - 1]).toBe(1);
    expect((await readSavedSettings(workbook)).settings.sources).toEqual({ Episodes: IMPORT_TARGETS.Episodes.table, Children: IMPORT_TARGETS.Children.table });

    const summary = await refreshReports(workbook);
    const read = Object.fromEntries(summary.inputs.map((i) => [i.table, i]));
    expect(read.Episodes).toMatchObject({ rowsIn: sample.episodes.rows.length, status: "Read" });
    expect(read.Children).toMatchObject({ rowsIn: sample.children.rows.length, status: "Read" });
    expect(summary.totals.costs).toBeGreaterThan(0);
  });

  it("replaces last month's import, and keeps other settings", async () => {
    const workbook = new FakeWorkbook();
    await importCsvFiles(workbook, [file("april.csv", episodesCsv)]);
    const fewer = writeCsv([sample.episodes.headers, ...sample.episodes.rows.slice(0, 10)]);
    const again = await importCsvFiles(workbook, [file("may.csv", fewer)]);
    expect(again.outcomes).toEqual([expect.objectContaining({ ok: true, sheet: "LAC Episodes", rows: 10 })]);
    expect(tableOf(workbook.reports.get("LAC Episodes")!).rows).toHaveLength(10);
  });

  it("never writes over a sheet of the user's: it offers a free name, and imports under it when asked", async () => {
    const workbook = new FakeWorkbook().addSheet("LAC Episodes", [["my own notes"]]);
    const first = await importCsvFiles(workbook, [file("episodes.csv", episodesCsv)]);
    expect(first.outcomes).toEqual([expect.objectContaining({ ok: false, kind: "Episodes", suggestedName: "LAC Episodes (2)" })]);
    expect(workbook.userSheets.get("LAC Episodes")?.cells).toEqual([["my own notes"]]);
    expect(workbook.reports.has("LAC Settings")).toBe(false);

    const second = await importCsvFiles(workbook, [{ ...file("episodes.csv", episodesCsv), sheetName: "LAC Episodes (2)" }]);
    expect(second.outcomes).toEqual([expect.objectContaining({ ok: true, sheet: "LAC Episodes (2)" })]);
    // Next month's import finds the sheet it wrote, under its new name.
    const third = await importCsvFiles(workbook, [file("episodes.csv", episodesCsv)]);
    expect(third.outcomes).toEqual([expect.objectContaining({ ok: true, sheet: "LAC Episodes (2)" })]);
  });

  it("leaves an import the user renamed to keep as it is, and records the new import's table, which takes a free name", async () => {
    const host = new FakeExcel(["Budget"]);
    const workbook = new OfficeWorkbook(host.run as ExcelRun);
    await importCsvFiles(workbook, [file("april.csv", episodesCsv)]);
    host.sheet("LAC Episodes")!.name = "Episodes April";
    const kept = JSON.stringify([...host.sheet("Episodes April")!.cells]);
    const fewer = writeCsv([sample.episodes.headers, ...sample.episodes.rows.slice(0, 10)]);
    const may = await importCsvFiles(workbook, [file("may.csv", fewer)]);
    expect(may.outcomes).toEqual([expect.objectContaining({ ok: true, sheet: "LAC Episodes", rows: 10 })]);
    expect(JSON.stringify([...host.sheet("Episodes April")!.cells])).toBe(kept);
    expect((await readSavedSettings(workbook)).settings.sources).toEqual({ Episodes: `${IMPORT_TARGETS.Episodes.table}_2` });
    expect((await workbook.readTable(`${IMPORT_TARGETS.Episodes.table}_2`)).rows).toHaveLength(10);
  });

  it("imports the files it can and says why the others failed", async () => {
    const workbook = new FakeWorkbook();
    const result = await importCsvFiles(workbook, [file("budget.csv", "Budget line,Budget\nPlacements,100\n"), file("empty.csv", ""), file("episodes.csv", episodesCsv)]);
    expect(result.outcomes.map((o) => (o.ok ? o.sheet : o.message))).toEqual([
      expect.stringMatching(/^This is not an SSDA903 episodes, header or UASC file/),
      "The file is empty: its first line should hold the column headers",
      "LAC Episodes",
    ]);
  });
});
