/**
 * The CSV reader and writer on random, malformed and hostile text. The reader is held against a
 * model of what it promises (header row, blanks as null, short rows padded and reported, long
 * rows rejected with their row number, blank lines kept so numbers line up, trailing blank lines
 * dropped), it never throws anything but a CsvError, and the streaming reader the command line
 * uses gives the same table as the text reader. The writer never lets a cell reach a spreadsheet
 * as a formula.
 */

import fc from "fast-check";
import fs from "fs";
import os from "os";
import path from "path";
import { CsvError, CsvTable, parseCsv, writeCsv } from "../../src/workbook/csv";
import { readEpisodes } from "../../src/engine/episodes";
import { Cell } from "../../src/engine/table";
import { readCsvFile } from "../../src/cli/files";
import { CliError } from "../../src/cli/io";
import { CaseCounter } from "./cases";
import { wouldRunAsFormula } from "./formulas";

const cases = new CaseCounter("csv");
afterAll(() => cases.write());

let folder: string;
beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "lac-trust-csv-"));
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const cellChar = fc.constantFrom("a", "Z", "1", "0", " ", ",", '"', "\n", "\r", "\r\n", "=", "-", "+", "@", "\t", "é", "🙂", ";", "'");
const cellString = fc.oneof({ arbitrary: fc.string({ unit: cellChar, maxLength: 8 }), weight: 5 }, { arbitrary: fc.string({ maxLength: 6 }), weight: 1 });

/** Writes a record as RFC 4180 does, quoting what must be quoted (and, at random, what need not be). */
function encodeRecord(record: readonly string[], quoteAll: boolean): string {
  return record.map((cell) => (quoteAll || /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(",");
}

interface CsvFile {
  text: string;
  header: string[];
  records: string[][];
}

/** A header and records of any widths (blank, short, exact, long), written with either line end. */
const csvFile: fc.Arbitrary<CsvFile> = fc
  .record({
    header: fc.array(fc.string({ unit: fc.constantFrom("A", "b", "_", " ", "1", "é"), minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
    records: fc.array(
      fc.oneof(
        { arbitrary: fc.array(cellString, { minLength: 1, maxLength: 7 }), weight: 6 },
        { arbitrary: fc.constant<string[]>([""]), weight: 1 },
        { arbitrary: fc.array(fc.constantFrom<string>("", " "), { minLength: 2, maxLength: 7 }), weight: 1 },
      ),
      { maxLength: 15 },
    ),
    lineEnd: fc.constantFrom("\n", "\r\n"),
    bom: fc.boolean(),
    trailing: fc.constantFrom("", "\n", "\n\n\n"),
    quoteAll: fc.boolean(),
  })
  .filter(({ header }) => header.some((h) => h.trim() !== ""))
  .map(({ header, records, lineEnd, bom, trailing, quoteAll }) => {
    const lines = [header, ...records].map((r) => encodeRecord(r, quoteAll));
    const end = trailing === "" ? "" : trailing.replace(/\n/g, lineEnd);
    return { text: `${bom ? "\ufeff" : ""}${lines.join(lineEnd)}${end}`, header, records };
  });

/** The table parseCsv promises for records written cleanly. */
function modelTable(file: CsvFile): { headers: string[]; rows: Cell[][]; issues: [number, string][] } {
  const headers = file.header.map((h) => h.trim());
  const width = headers.length;
  const rows: Cell[][] = [];
  const issues: [number, string][] = [];
  let trailingBlank = 0;
  file.records.forEach((record, index) => {
    const row = index + 2;
    const blankRow = () => new Array<Cell>(width).fill(null);
    if (record.length === 1 && record[0] === "") {
      rows.push(blankRow());
      trailingBlank += 1;
      return;
    }
    trailingBlank = 0;
    if (record.length > width && record.slice(width).some((c) => c.trim() !== "")) {
      issues.push([row, "rejected"]);
      rows.push(blankRow());
      return;
    }
    if (record.length < width && record.some((c) => c.trim() !== "")) issues.push([row, "corrected"]);
    rows.push(Array.from({ length: width }, (_, i) => (record[i] === undefined || record[i] === "" ? null : record[i])));
  });
  rows.length -= trailingBlank;
  return { headers, rows, issues };
}

/** Parses, or returns the CsvError — failing on any other exception. */
function parseOrCsvError(text: string): CsvTable | CsvError {
  try {
    return parseCsv(text, { tableName: "Episodes" });
  } catch (error) {
    if (error instanceof CsvError) return error;
    throw error;
  }
}

/** What every table parseCsv gives must satisfy, whatever the text. */
function expectWellFormed(table: CsvTable): void {
  const width = table.headers.length;
  expect(width).toBeGreaterThan(0);
  for (const row of table.rows) {
    expect(row).toHaveLength(width);
    for (const cell of row) expect(cell === null || (typeof cell === "string" && cell !== "")).toBe(true);
  }
  const rejected = new Set<number>();
  for (const issue of table.report.issues) {
    expect(issue.row).toBeGreaterThanOrEqual(2);
    expect(issue.reason.length).toBeGreaterThan(10);
    if (issue.action === "rejected") {
      rejected.add(issue.row);
      // A rejected row stays as a blank row, so that the rows after it keep their numbers.
      expect(table.rows[issue.row - 2]?.every((c) => c === null) ?? true).toBe(true);
    }
  }
  expect(table.report.rowsRejected).toBe(rejected.size);
}

describe("parseCsv", () => {
  it("reads cleanly written files exactly as its model says, reporting each problem row by number", () => {
    fc.assert(
      fc.property(csvFile, (file) => {
        cases.add("model");
        const table = parseOrCsvError(file.text);
        if (table instanceof CsvError) throw new Error(`a cleanly written file was refused: ${table.message}`);
        const model = modelTable(file);
        expect(table.headers).toEqual(model.headers);
        expect(table.rows).toEqual(model.rows);
        expect(table.report.issues.map((i) => [i.row, i.action])).toEqual(model.issues);
        expectWellFormed(table);
      }),
      { numRuns: 1200 },
    );
  });

  it("gives a table or a CsvError for any text at all", () => {
    const anyText = fc.oneof(fc.string({ unit: fc.constantFrom("a", "1", ",", '"', "\n", "\r", " ", "\ufeff", "\u0000", ";", "é"), maxLength: 80 }), fc.string({ unit: "binary", maxLength: 80 }));
    fc.assert(
      fc.property(anyText, (text) => {
        cases.add("any text");
        const table = parseOrCsvError(text);
        if (table instanceof CsvError) expect(table.message.length).toBeGreaterThan(10);
        else expectWellFormed(table);
      }),
      { numRuns: 2000 },
    );
  });

  it("accounts for every row of an episode file: rows in = used + rejected by the reader + rejected as CSV", () => {
    const episodeCell = fc.constantFrom("A", "B", "2023-04-01", "01/05/2023", "45000", "1900-02-29", "9999-12-31", "U4", "", " ", "x,y", '"', "=1+1", "2023-03-01");
    const episodeFile = fc
      .array(fc.oneof(fc.array(episodeCell, { minLength: 1, maxLength: 6 }), fc.constant([""])), { maxLength: 20 })
      .map((records) => ({ header: ["CHILD", "DECOM", "DEC", "PLACE"], records, text: [["CHILD", "DECOM", "DEC", "PLACE"], ...records].map((r) => encodeRecord(r, false)).join("\n") }));
    fc.assert(
      fc.property(episodeFile, (file) => {
        cases.add("episode file accounting");
        const table = parseCsv(file.text, { tableName: "Episodes" });
        const episodes = readEpisodes(table);
        const nonBlank = file.records.filter((r) => r.some((c) => c.trim() !== "")).length;
        expect(episodes.records.length + episodes.rowsRejected + table.report.rowsRejected).toBe(nonBlank);
        const rowsNamed = new Set([...episodes.issues, ...table.report.issues].filter((i) => i.action === "rejected").map((i) => i.row));
        expect(rowsNamed.size).toBe(episodes.rowsRejected + table.report.rowsRejected);
      }),
      { numRuns: 1000 },
    );
  });

  it("reads a file of a million blank lines as no rows, and numbers a row after them as the file does", () => {
    const header = "CHILD,DECOM,DEC,PLACE\n";
    cases.add("a million blank lines", 3);
    expect(parseCsv(header + "\n".repeat(1_000_000)).rows).toEqual([]);
    expect(parseCsv(header.replace("\n", "\r\n") + "\r\n".repeat(1_000_000)).rows).toEqual([]);
    const table = parseCsv(`${header}${"\n".repeat(1_000_000)}A,2023-04-01,2023-03-01,U4\n`);
    const episodes = readEpisodes(table);
    expect(episodes.rowsIn).toBe(1);
    expect(episodes.issues).toEqual([expect.objectContaining({ row: 1_000_002, action: "rejected" })]);
  });

  it("reads a one-column file, and refuses an empty one or a blank header with a reason", () => {
    cases.add("edge files", 4);
    expect(parseCsv("CHILD\nA\n\nB\n").rows).toEqual([["A"], [null], ["B"]]);
    expect(() => parseCsv("")).toThrow(/the file is empty/);
    expect(() => parseCsv("\ufeff")).toThrow(CsvError);
    expect(() => parseCsv(",,\n1,2,3\n")).toThrow(/first line is blank/);
  });
});

describe("a line of 10 MB", () => {
  const TEN_MB = 10 * 1024 * 1024;

  it("is refused with the line's number, from text", () => {
    cases.add("10 MB line", 2);
    const text = `CHILD,DECOM,DEC,PLACE\nA,2023-04-01,,U4\nB,${"x".repeat(TEN_MB)}\n`;
    expect(() => parseCsv(text)).toThrow(/^line 3 is longer than 1 MB: this does not look like a CSV file/);
    // An unclosed quote is the usual way a file turns into one long line.
    expect(() => parseCsv(`CHILD,DECOM\nA,"${"y".repeat(TEN_MB)}`)).toThrow(/line 2 is longer than 1 MB/);
  });

  it("is refused from a file after reading little more than the limit, naming the file", async () => {
    cases.add("10 MB line", 1);
    const file = path.join(folder, "long-line.csv");
    fs.writeFileSync(file, `CHILD,DECOM,DEC,PLACE\nB,${"x".repeat(TEN_MB)}\nC,2023-04-01,,U4\n`);
    const streams: fs.ReadStream[] = [];
    const createReadStream = fs.createReadStream;
    const spy = jest.spyOn(fs, "createReadStream").mockImplementation(((...args: Parameters<typeof createReadStream>) => {
      const stream = createReadStream(...args);
      streams.push(stream);
      return stream;
    }) as typeof createReadStream);
    const heapBefore = process.memoryUsage().heapUsed;
    try {
      await expect(readCsvFile(file)).rejects.toThrow(CliError);
      await expect(readCsvFile(file)).rejects.toThrow(/long-line\.csv: line 2 is longer than 1 MB/);
    } finally {
      spy.mockRestore();
    }
    const heapDelta = process.memoryUsage().heapUsed - heapBefore;
    expect(streams).toHaveLength(2);
    // The reader stops within a chunk or two of the limit instead of holding the whole line.
    for (const stream of streams) expect(stream.bytesRead).toBeLessThanOrEqual(3 * 1024 * 1024);
    console.log(
      `10 MB line: read ${(streams[0].bytesRead / 1024 / 1024).toFixed(1)} MB of ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB; ` +
        `heapUsed delta ${(heapDelta / 1024 / 1024).toFixed(1)} MB (two reads, no forced GC: a figure, not a bound)`,
    );
  });
});

describe("the streaming reader", () => {
  it("gives the same table as the text reader, for files that span many chunks", async () => {
    // Multi-byte characters and quoted line breaks fall across the 1 MB chunk boundaries.
    const record = fc.tuple(fc.string({ unit: fc.constantFrom("a", "é", "🙂", ",", '"', "\n", " ", "1"), maxLength: 40 }), fc.integer(), fc.constantFrom("", "U4", "=1"));
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 30 }), async (sample) => {
        cases.add("stream equals text");
        const lines = ["A,B,C"];
        for (let i = 0, length = 0; length < 2.5 * 1024 * 1024; i++) {
          lines.push(encodeRecord(sample[i % sample.length].map(String), i % 3 === 0));
          length += lines[lines.length - 1].length + 2;
        }
        const text = `${lines.join("\r\n")}\r\n`;
        const file = path.join(folder, "big.csv");
        fs.writeFileSync(file, text);
        const streamed = await readCsvFile(file);
        const whole = parseCsv(text);
        expect(streamed.rows.length).toBe(whole.rows.length);
        expect(streamed).toEqual(whole);
      }),
      { numRuns: 2 },
    );
  });
});

describe("writeCsv", () => {
  it("never writes a cell that a spreadsheet would run as a formula, and loses nothing else", () => {
    const anyCell: fc.Arbitrary<Cell> = fc.oneof(
      { arbitrary: fc.string({ unit: cellChar, maxLength: 10 }), weight: 4 },
      { arbitrary: fc.string({ maxLength: 10 }), weight: 2 },
      { arbitrary: fc.constantFrom('=HYPERLINK("http://x","y")', "+44 1632 960000", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1", "-12.5", "+3", "-", "=", "'=1"), weight: 2 },
      { arbitrary: fc.double(), weight: 1 },
      { arbitrary: fc.oneof(fc.boolean(), fc.constant(null)), weight: 1 },
    );
    fc.assert(
      fc.property(fc.array(fc.array(anyCell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 10 }), (rows) => {
        cases.add("formula-safe writing");
        const written = parseCsv(writeCsv([["x", "y", "z"], ...rows]));
        expect(written.report.issues).toEqual([]);
        written.rows.forEach((row, r) =>
          row.forEach((cell, c) => {
            // parseCsv gives text or null (expectWellFormed holds it to that).
            if (typeof cell !== "string") return;
            if (wouldRunAsFormula(cell)) throw new Error(`${JSON.stringify(cell)} would run as a formula`);
            const original = rows[r][c];
            const kept = typeof original === "string" ? cell === original || cell === `'${original}` : typeof original === "number" ? Number(cell) === original : true;
            if (!kept) throw new Error(`${JSON.stringify(original)} was written as ${JSON.stringify(cell)}`);
          }),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
