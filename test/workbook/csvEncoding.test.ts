import fc from "fast-check";
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

  it("reads the same text with an ASCII reader as without, however the bytes are cut into pieces", () => {
    // As the command line's reader does it (src/cli/files.ts), from bytes.
    const readAscii = (bytes: Uint8Array) => (bytes.every((b) => b < 0x80) ? Buffer.from(bytes).toString("latin1") : null);
    const decodeAll = (decoder: CsvDecoder, bytes: Buffer, cuts: number[]) => {
      const ends = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      let text = "";
      let from = 0;
      for (const end of ends) {
        text += decoder.decode(bytes.subarray(from, end));
        from = end;
      }
      return text + decoder.decode(bytes.subarray(from), true);
    };
    const texts = fc.array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom("CHILD,", "2023-04-01", ",", "\n", "S") }, fc.constantFrom("é", "£", "\ufeff", "Zoë")), { maxLength: 40 });
    fc.assert(
      fc.property(texts, fc.boolean(), fc.constantFrom("utf-8", "windows-1252") as fc.Arbitrary<"utf-8" | "windows-1252">, fc.array(fc.nat(400)), (pieces, bom, encoding, cuts) => {
        const text = (bom && encoding === "utf-8" ? "\ufeff" : "") + pieces.join("").replace(/\ufeff/g, encoding === "utf-8" ? "\ufeff" : "");
        const bytes = Buffer.from(text, encoding === "utf-8" ? "utf8" : "latin1");
        expect(decodeAll(new CsvDecoder(encoding, readAscii), bytes, cuts)).toBe(decodeAll(new CsvDecoder(encoding), bytes, cuts));
      }),
      // U+FEFF opening a later piece is a character, not a byte-order mark, whether that piece is ASCII after it or not.
      { examples: [[["CHILD,", "\ufeff"], false, "utf-8", [6]], [["CHILD,", "\ufeff", "S", "é"], true, "utf-8", [9, 15]]] },
    );
    // Bytes that are not UTF-8 after an ASCII start are still found out.
    expect(() => decodeAll(new CsvDecoder("utf-8", readAscii), Buffer.concat([Buffer.from("CHILD\n"), Buffer.from("£", "latin1")]), [6])).toThrow(NotUtf8Error);
  });

  it("reads Windows-1252's own characters (€, curly quotes, dashes) in a whole file and in pieces, a leading ÿ included", () => {
    // As Excel on Windows saves "CSV (Comma delimited)": € 0x80, ’ 0x92, “ 0x93, ” 0x94, – 0x96; ÿ 0xFF.
    const bytes = Buffer.from([0xff, 0x2c, 0x80, 0x92, 0x93, 0x94, 0x96, 0x0a]);
    const expected = "ÿ,€’“”–\n";
    expect(decodeCsv(bytes)).toEqual({ text: expected, encoding: "windows-1252" });
    expect(new CsvDecoder("windows-1252").decode(bytes, true)).toBe(expected);
    const readAscii = (piece: Uint8Array) => (piece.every((b) => b < 0x80) ? Buffer.from(piece).toString("latin1") : null);
    const inPieces = new CsvDecoder("windows-1252", readAscii);
    expect(inPieces.decode(Buffer.from("CHILD\n")) + inPieces.decode(bytes, true)).toBe(`CHILD\n${expected}`);
  });

  it("refuses UTF-32 by name", () => {
    expect(() => detectCsvEncoding(new Uint8Array([0xff, 0xfe, 0, 0, 0x43, 0, 0, 0]))).toThrow(/UTF-32/);
  });
});
