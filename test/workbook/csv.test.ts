import fc from "fast-check";
import Papa from "papaparse";
import { CsvError, CsvTableBuilder, LineLengthGuard, papaConfig, parseCsv, writeCsv } from "../../src/workbook/csv";
import { readEpisodes } from "../../src/engine/episodes";

describe("parseCsv", () => {
  it("reads a header row and rows of text, with blanks as null", () => {
    const table = parseCsv("CHILD,DECOM,DEC\n1,2023-04-01,\n2,2023-05-01,2023-06-01\n");
    expect(table.headers).toEqual(["CHILD", "DECOM", "DEC"]);
    expect(table.rows).toEqual([
      ["1", "2023-04-01", null],
      ["2", "2023-05-01", "2023-06-01"],
    ]);
    expect(table.firstRowNumber).toBe(2);
    expect(table.report).toEqual({ issues: [], rowsRejected: 0 });
  });

  it("strips a UTF-8 byte order mark and reads CRLF line ends", () => {
    const table = parseCsv("\ufeffCHILD,PLACE\r\nA1,U4\r\nA2,K2\r\n");
    expect(table.headers).toEqual(["CHILD", "PLACE"]);
    expect(table.rows).toEqual([
      ["A1", "U4"],
      ["A2", "K2"],
    ]);
  });

  it("reads quoted cells holding commas, quotes and line breaks", () => {
    const table = parseCsv('name,note\n"Smith, J","said ""hello""\nthen left"\n');
    expect(table.rows).toEqual([["Smith, J", 'said "hello"\nthen left']]);
  });

  it("keeps a blank line in the middle as a blank row so that row numbers stay those of the file", () => {
    const table = parseCsv("CHILD,DECOM\n1,2023-04-01\n\n2,2023-05-01\n\n\n");
    expect(table.rows).toEqual([
      ["1", "2023-04-01"],
      [null, null],
      ["2", "2023-05-01"],
    ]);
  });

  it("pads a short row with blanks and reports it as corrected", () => {
    const table = parseCsv("a,b,c\n1,2\n");
    expect(table.rows).toEqual([["1", "2", null]]);
    expect(table.report.issues).toEqual([
      expect.objectContaining({ row: 2, action: "corrected", reason: expect.stringMatching(/2 cells but the header has 3/) }),
    ]);
    expect(table.report.rowsRejected).toBe(0);
  });

  it("ignores trailing empty cells but rejects a row with extra values, leaving it blank", () => {
    const table = parseCsv("a,b\n1,2,,\n3,4,5\n6,7\n", { tableName: "Episodes" });
    expect(table.rows).toEqual([
      ["1", "2"],
      [null, null],
      ["6", "7"],
    ]);
    expect(table.report.rowsRejected).toBe(1);
    expect(table.report.issues).toEqual([
      { table: "Episodes", row: 3, action: "rejected", reason: expect.stringMatching(/3 cells but the header has 2/) },
    ]);
  });

  it("rejects a row with a malformed quote and carries on", () => {
    const table = parseCsv('a,b\n1,"x"y"\n2,3\n');
    expect(table.report.issues.map((i) => [i.row, i.action])).toEqual([[2, "rejected"]]);
    expect(table.rows[1]).toEqual(["2", "3"]);
  });

  it("refuses an unclosed quote, an empty file and a blank header line with a CsvError", () => {
    expect(() => parseCsv('a,b\n1,"never closed\n2,3\n')).toThrow(/row 2: a quoted cell is opened but never closed/);
    expect(() => parseCsv("")).toThrow(CsvError);
    expect(() => parseCsv("\n1,2\n")).toThrow(/first line is blank/);
  });

  it("refuses a line longer than the limit, naming the line", () => {
    const text = `a,b\n1,2\n3,${"x".repeat(200)}\n`;
    expect(() => parseCsv(text, { maxLineLength: 100 })).toThrow(/line 3 is longer than 100 characters/);
    expect(parseCsv(text, { maxLineLength: 202 }).rows).toHaveLength(2);
  });

  it("checks line lengths across pieces of a stream", () => {
    const guard = new LineLengthGuard(10);
    guard.check("a,b\n123");
    guard.check("4567");
    expect(() => guard.check("8901\n")).toThrow(/line 2 is longer than 10 characters/);
    const fresh = new LineLengthGuard(10);
    fresh.check("1234567");
    fresh.check("890\nabc");
    expect(() => fresh.check("defghijk")).toThrow(/line 2/);
  });

  it("uses the default 1 MB limit", () => {
    expect(() => parseCsv(`a\n${"y".repeat(1024 * 1024 + 1)}\n`)).toThrow(/longer than 1 MB/);
  });

  it("gives tables that the episode reader reads with row numbers of the file", () => {
    const table = parseCsv(
      "CHILD,DECOM,RNE,PLACE,DEC\n1,2023-04-01,S,U4,\n\n2,not a date,S,K2,\n",
      { tableName: "Episodes" },
    );
    const result = readEpisodes(table);
    expect(result.records.map((e) => e.row)).toEqual([2]);
    expect(result.issues.map((i) => i.row)).toEqual([4]);
  });
});

describe("writeCsv", () => {
  it("quotes cells holding the delimiter, quotes or line breaks", () => {
    expect(writeCsv([["a,b", 'say "hi"', "two\nlines", "plain"]])).toBe('"a,b","say ""hi""","two\nlines",plain\r\n');
  });

  it("writes numbers, booleans and blanks plainly", () => {
    expect(writeCsv([[1, -12.5, 0.25, true, false, null, Number.NaN]])).toBe("1,-12.5,0.25,TRUE,FALSE,,\r\n");
  });

  it("puts an apostrophe before text a spreadsheet would run as a formula", () => {
    const line = writeCsv([["=SUM(A1:A2)", "+1+2", "-2+3", "@cmd", "\tx", "\r=1", "a=b"]]);
    expect(line).toBe("'=SUM(A1:A2),'+1+2,'-2+3,'@cmd,'\tx,\"'\r=1\",a=b\r\n");
  });

  it("leaves numbers written as text alone", () => {
    expect(writeCsv([["-12.5", "+3", "-1e5", "-.5"]])).toBe("-12.5,+3,-1e5,-.5\r\n");
  });

  it("round-trips through parseCsv: what is written is what is read, formula guards aside", () => {
    const cellText = fc.string({ unit: fc.constantFrom("a", "1", ",", '"', "\n", "\r", " ", "=", "-", "@", "\t", "é", ".") });
    fc.assert(
      fc.property(fc.array(fc.tuple(cellText, cellText, cellText), { minLength: 1, maxLength: 8 }), (rows) => {
        const parsed = parseCsv(writeCsv([["x", "y", "z"], ...rows]));
        const guarded = (s: string) => (/^[=+\-@\t\r]/.test(s) && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s) ? `'${s}` : s);
        expect(parsed.report.issues).toEqual([]);
        expect(parsed.rows).toEqual(rows.map((row) => row.map((cell) => (cell === "" ? null : guarded(cell)))));
      }),
      { numRuns: 300 },
    );
  });
});

describe("CsvTableBuilder sharing repeated texts", () => {
  test("a table whose repeated texts are shared holds the same cells, row issues and numbers as one whose are not", () => {
    const text = "CHILD,DOB,ETHNIC,NOTE\r\nC1,2010-01-01,WBRI,\r\nC2,2010-01-01,WBRI,a\r\nC3,2011-05-05, WBRI ,b,c\r\n\r\nC4,2010-01-01\r\n";
    const tableOf = (share: boolean) => {
      const builder = new CsvTableBuilder({ tableName: "Children" }, share);
      const parsed = Papa.parse<string[]>(text, papaConfig({}));
      builder.add(parsed.data, parsed.errors);
      return builder.finish();
    };
    const shared = tableOf(true);
    expect(shared).toEqual(tableOf(false));
    expect(shared.rows[1]).toEqual(["C2", "2010-01-01", "WBRI", "a"]);
    expect(shared.report.issues.map((issue) => issue.row)).toEqual([4, 6]);
  });
});
