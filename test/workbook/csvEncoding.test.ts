import { CsvDecoder, NotUtf8Error, decodeCsv, detectCsvEncoding, parseCsv } from "../../src/workbook/csv";

const TEXT = "CHILD,WEEKLY_COST,NOTE\r\nZoé,£1,Café\r\n";

describe("decodeCsv (the pane's import) and CsvDecoder (the command line's)", () => {
  it.each([
    ["utf-8", Buffer.from(TEXT, "utf8")],
    ["utf-8", Buffer.from(`\ufeff${TEXT}`, "utf8")],
    ["utf-16le", Buffer.from(`\ufeff${TEXT}`, "utf16le")],
    ["utf-16le", Buffer.from(TEXT, "utf16le")],
    ["utf-16be", Buffer.from(Buffer.from(`\ufeff${TEXT}`, "utf16le").swap16())],
    ["utf-16be", Buffer.from(Buffer.from(TEXT, "utf16le").swap16())],
    ["windows-1252", Buffer.from(TEXT, "latin1")],
  ])("reads %s text, with or without its byte-order mark, as the same table", (encoding, bytes) => {
    const decoded = decodeCsv(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(parseCsv(decoded.text).rows).toEqual([["Zoé", "£1", "Café"]]);
    expect(parseCsv(decoded.text).headers).toEqual(["CHILD", "WEEKLY_COST", "NOTE"]);
  });

  it("decodes a character split between two chunks, and says when bytes are not UTF-8", () => {
    const bytes = Buffer.from("£é", "utf8");
    const decoder = new CsvDecoder("utf-8");
    expect(decoder.decode(bytes.subarray(0, 1)) + decoder.decode(bytes.subarray(1, 3)) + decoder.decode(bytes.subarray(3), true)).toBe("£é");
    expect(() => new CsvDecoder("utf-8").decode(Buffer.from("£", "latin1"), true)).toThrow(NotUtf8Error);
  });

  it("refuses UTF-32 by name", () => {
    expect(() => detectCsvEncoding(new Uint8Array([0xff, 0xfe, 0, 0, 0x43, 0, 0, 0]))).toThrow(/UTF-32/);
  });
});
