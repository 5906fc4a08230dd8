import * as fs from "fs";
import * as path from "path";
import { CsvFileWriter, readCsvFile } from "../../src/cli/files";
import { CliError } from "../../src/cli/io";
import { decodeCsv, parseCsv } from "../../src/workbook/csv";
import { removeFolder, temporaryFolder } from "./helpers";

let folder: string;
beforeEach(() => {
  folder = temporaryFolder();
});
afterEach(() => removeFolder(folder));

describe("readCsvFile", () => {
  it("reads a file of many chunks the same as parseCsv reads its text, quoted line breaks across chunk ends included", async () => {
    const lines = ["\ufeffCHILD,NOTE,DECOM"];
    for (let i = 0; i < 30_000; i++) lines.push(i % 7 === 0 ? `${i},"a note, with ""quotes""\r\nand a second line",2023-04-01` : `${i},${"n".repeat(60)},2023-04-${String((i % 28) + 1).padStart(2, "0")}`);
    lines.push("bad,row,with,extra");
    const text = `${lines.join("\r\n")}\r\n`;
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const file = path.join(folder, "big.csv");
    fs.writeFileSync(file, text);
    const streamed = await readCsvFile(file, { tableName: "Episodes" });
    const whole = parseCsv(text, { tableName: "Episodes" });
    expect(streamed.headers).toEqual(["CHILD", "NOTE", "DECOM"]);
    expect(streamed.rows).toHaveLength(30_001);
    expect(streamed).toEqual(whole);
    expect(streamed.report.issues).toEqual([expect.objectContaining({ table: "Episodes", row: 30_002, action: "rejected" })]);
  });

  it.each([
    ["UTF-8, with its byte-order mark", "utf8", true],
    ["UTF-8", "utf8", false],
    ["Windows-1252", "latin1", false],
  ] as const)(
    "reads %s the same as the pane's import does when the text stops being ASCII part way through, in a later piece than the first",
    async (_name, encoding, bom) => {
      // The command line reads ASCII pieces itself (CsvDecoder's readAscii) and hands the rest to TextDecoder.
      const chunk = 256 * 1024;
      const lines: string[] = [];
      let bytes = 0;
      const add = (line: string) => {
        lines.push(line);
        bytes += Buffer.byteLength(line, encoding) + 1;
      };
      add(`${bom ? "\ufeff" : ""}CHILD,NOTE`);
      for (let i = 0; bytes < chunk - 40; i++) add(`${i},plain note ${i}`);
      // Padded so that U+FEFF (a character here, not a byte-order mark) is the first thing of the second piece, in UTF-8.
      add("x,".padEnd(chunk - bytes - 1, "y"));
      if (encoding === "utf8") add("\ufeffzero width,after");
      for (let i = 0; bytes < 1.5 * 1024 * 1024; i++) add(`${i},café £${i} Zoë`);
      const text = `${lines.join("\n")}\n`;
      const file = path.join(folder, "mixed.csv");
      fs.writeFileSync(file, Buffer.from(text, encoding));
      expect(Buffer.from(text, encoding).indexOf(Buffer.from("\ufeffzero", "utf8"))).toBe(encoding === "utf8" ? chunk : -1);
      const streamed = await readCsvFile(file);
      expect(streamed).toEqual(parseCsv(decodeCsv(Buffer.from(text, encoding)).text));
      expect(streamed.headers).toEqual(["CHILD", "NOTE"]);
      if (encoding === "utf8") expect(streamed.rows).toContainEqual(["\ufeffzero width", "after"]);
      expect(streamed.rows[streamed.rows.length - 2]).toEqual([expect.any(String), expect.stringMatching(/^café £\d+ Zoë$/)]);
    },
  );

  it("reads a small Windows-1252 file, as Excel on Windows saves CSV, with its €, curly quotes and dashes", async () => {
    const file = path.join(folder, "excel.csv");
    // "PROVIDER,NOTE" then "O’Brien Care,£1,200 – €50 “extra”" in Windows-1252 bytes.
    const line = Buffer.concat([Buffer.from("O"), Buffer.from([0x92]), Buffer.from('Brien Care,"\xa31,200 ', "latin1"), Buffer.from([0x96, 0x20, 0x80]), Buffer.from("50 "), Buffer.from([0x93]), Buffer.from("extra"), Buffer.from([0x94]), Buffer.from('"\r\n')]);
    fs.writeFileSync(file, Buffer.concat([Buffer.from("PROVIDER,NOTE\r\n"), line]));
    const table = await readCsvFile(file);
    expect(table.rows).toEqual([["O’Brien Care", "£1,200 – €50 “extra”"]]);
  });

  it("refuses a line longer than the limit, naming the file and the line", async () => {
    const file = path.join(folder, "long.csv");
    fs.writeFileSync(file, `a,b\n1,${"x".repeat(3 * 1024 * 1024)}\n2,3\n`);
    await expect(readCsvFile(file)).rejects.toThrow(/long\.csv: line 2 is longer than 1 MB/);
    await expect(readCsvFile(file, { maxLineLength: 10 })).rejects.toThrow(CliError);
  });

  it("names the file in errors: missing, a folder, empty, an unclosed quote", async () => {
    await expect(readCsvFile(path.join(folder, "none.csv"))).rejects.toThrow(/none\.csv: no such file$/);
    await expect(readCsvFile(folder)).rejects.toThrow(/is a folder, not a file$/);
    fs.writeFileSync(path.join(folder, "empty.csv"), "");
    await expect(readCsvFile(path.join(folder, "empty.csv"))).rejects.toThrow(/empty\.csv: the file is empty/);
    fs.writeFileSync(path.join(folder, "quote.csv"), 'a,b\n1,2\n3,"open\n4,5\n');
    await expect(readCsvFile(path.join(folder, "quote.csv"))).rejects.toThrow(/quote\.csv: row 3: a quoted cell is opened but never closed/);
  });
});

describe("CsvFileWriter", () => {
  it("writes the header and rows in batches, escaped as writeCsv escapes them", () => {
    const file = path.join(folder, "out.csv");
    const writer = new CsvFileWriter(file, ["name", "value"]);
    for (let i = 0; i < 12_345; i++) writer.rows([[`=row ${i}`, i]]);
    writer.close();
    const table = parseCsv(fs.readFileSync(file, "utf8"));
    expect(table.headers).toEqual(["name", "value"]);
    expect(table.rows).toHaveLength(12_345);
    expect(table.rows[12_344]).toEqual(["'=row 12344", "12344"]);
  });

  it("says when it cannot create the file", () => {
    expect(() => new CsvFileWriter(path.join(folder, "missing", "out.csv"), ["a"])).toThrow(/out\.csv: no such file/);
  });
});
