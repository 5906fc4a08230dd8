/**
 * CSV files as tables: a header row, then one row per record, with cells as text (null when
 * empty). Problems with single rows are reported, not thrown, so that one bad line does not
 * stop a monthly run; only a file that cannot be read as CSV at all raises a CsvError.
 */

import Papa, { ParseError } from "papaparse";
import { Cell, CellValues, Table } from "../engine/table";
import { RowIssue, rejectedRows } from "../engine/quality";

export const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

export interface CsvOptions {
  /** Field separator; a comma unless given. */
  delimiter?: string;
  /**
   * The longest line accepted, in characters (1 MB by default). A longer line is almost
   * always a file that is not CSV, or a broken quote, and would otherwise be held in memory whole.
   */
  maxLineLength?: number;
  /** The table's name in row issues, e.g. "Episodes". */
  tableName?: string;
}

export interface ParseReport {
  /** One issue per problem row, numbered as the rows of the file (the header is row 1). */
  issues: RowIssue[];
  /** Rows left out of the table; they stay in `rows` as blank rows so that row numbers still line up. */
  rowsRejected: number;
}

export interface CsvTable extends Table {
  report: ParseReport;
}

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvError";
  }
}

/**
 * The text encodings CSV files arrive in: UTF-8 (what the add-in and most systems write),
 * UTF-16 (Excel's "Unicode Text", with a byte-order mark) and Windows-1252, the Latin-1 that
 * Excel on Windows writes for "CSV (Comma delimited)", where £ and é are single bytes.
 */
export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/** Thrown by a CsvDecoder reading UTF-8 when the bytes are not UTF-8: the file is read again as Windows-1252. */
export class NotUtf8Error extends Error {
  constructor() {
    super("the file is not UTF-8 text");
    this.name = "NotUtf8Error";
  }
}

/**
 * The encoding a file's first bytes show: a byte-order mark, or the zero bytes every other
 * byte that UTF-16 without one has (text in Latin letters); otherwise UTF-8, which the decoder
 * turns into Windows-1252 if the bytes prove not to be UTF-8. UTF-32 is refused by name.
 */
export function detectCsvEncoding(head: Uint8Array): CsvEncoding {
  if ((head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) || (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff)) {
    throw new CsvError("the file is UTF-32 text, which the add-in does not read: save it as UTF-8 (or CSV UTF-8 in Excel)");
  }
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  const pairs = Math.floor(Math.min(head.length, 512) / 2);
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) zeroEven += 1;
    if (head[2 * i + 1] === 0) zeroOdd += 1;
  }
  if (pairs >= 4 && zeroOdd > pairs * 0.6 && zeroEven === 0) return "utf-16le";
  if (pairs >= 4 && zeroEven > pairs * 0.6 && zeroOdd === 0) return "utf-16be";
  return "utf-8";
}

/**
 * Turns a file's bytes into text piece by piece, a character split between two pieces
 * included; a byte-order mark is dropped. Reading "utf-8", bytes that are not UTF-8 throw
 * NotUtf8Error.
 */
export class CsvDecoder {
  private decoder: { decode(bytes: Uint8Array, options: { stream: boolean }): string } | null = null;
  /** Bytes read so far. */
  private bytesRead = 0;
  /** readAscii while every piece so far was ASCII (and the encoding reads ASCII as itself); then null. */
  private asciiReader: ((bytes: Uint8Array) => string | null) | null;

  /**
   * `readAscii` (the command line's, from Node's Buffer) reads a piece of bytes that are all ASCII
   * as text, and gives null for one that is not: ASCII reads the same in UTF-8 and Windows-1252,
   * and a return's file is most often ASCII from end to end, which it reads several times faster
   * than TextDecoder (docs/benchmarks.md, "Large inputs, fifth pass"). The first piece that is not
   * ASCII, and every piece after it, goes to TextDecoder.
   */
  constructor(
    readonly encoding: CsvEncoding,
    readAscii?: (bytes: Uint8Array) => string | null,
  ) {
    this.asciiReader = readAscii !== undefined && (encoding === "utf-8" || encoding === "windows-1252") ? readAscii : null;
  }

  decode(bytes: Uint8Array, last = false): string {
    if (this.asciiReader !== null) {
      // TextDecoder drops a UTF-8 byte-order mark at the start of the text: so is it dropped here.
      const start = this.bytesRead === 0 && this.encoding === "utf-8" && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
      const text = this.asciiReader(start === 0 ? bytes : bytes.subarray(start));
      if (text !== null) {
        this.bytesRead += bytes.length;
        return text;
      }
      this.asciiReader = null;
    }
    this.decoder ??= startedDecoder(this.encoding, this.bytesRead > 0);
    this.bytesRead += bytes.length;
    try {
      return this.decoder.decode(bytes, { stream: !last });
    } catch (error) {
      // A TypeError (ERR_ENCODING_INVALID_ENCODED_DATA), told by name: it may come from another realm.
      if (this.encoding === "utf-8" && (error as Error).name === "TypeError") throw new NotUtf8Error();
      throw error;
    }
  }
}

/**
 * A TextDecoder for the encoding, already started on a stream. Node 20's first call without
 * `stream` takes a shortcut for "windows-1252" that reads it as Latin-1, so that € and the curly
 * quotes (bytes 0x80–0x9F, as Excel on Windows writes them) come out as control characters, and
 * with `ignoreBOM` a leading ÿ is dropped (nodejs/node#56542); a decoder started on a stream
 * never takes it. Part way through a file (`midFile`), U+FEFF is the character it is, not a
 * byte-order mark.
 */
function startedDecoder(encoding: CsvEncoding, midFile: boolean): { decode(bytes: Uint8Array, options: { stream: boolean }): string } {
  const decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8", ignoreBOM: midFile });
  decoder.decode(new Uint8Array(0), { stream: true });
  return decoder;
}

/** A whole file's bytes as text, in the encoding they show (see detectCsvEncoding); for the pane's import. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const encoding = detectCsvEncoding(bytes.subarray(0, 512));
  try {
    return { text: new CsvDecoder(encoding).decode(bytes, true), encoding };
  } catch (error) {
    if (!(error instanceof NotUtf8Error)) throw error;
    return { text: new CsvDecoder("windows-1252").decode(bytes, true), encoding: "windows-1252" };
  }
}

/** Reads CSV text (a UTF-8 BOM and CRLF line ends are fine) into a table. Throws CsvError only for an unreadable file. */
export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const guard = new LineLengthGuard(options.maxLineLength);
  guard.check(text);
  const builder = new CsvTableBuilder(options);
  const result = Papa.parse<string[]>(text, papaConfig(options));
  builder.add(result.data, result.errors);
  return builder.finish();
}

const NO_ERRORS: readonly ParseError[] = [];

/** Papa Parse settings shared by the text and the stream readers. */
export function papaConfig(options: CsvOptions): Papa.ParseConfig<string[]> {
  return { delimiter: options.delimiter ?? ",", header: false, dynamicTyping: false, skipEmptyLines: false };
}

/**
 * Refuses a line longer than the limit. Fed the text in pieces, it carries the length of the
 * unfinished last line from one piece to the next, so a stream is checked as it arrives.
 */
export class LineLengthGuard {
  private readonly limit: number;
  private line = 1;
  private lengthSoFar = 0;

  constructor(limit: number = DEFAULT_MAX_LINE_LENGTH) {
    this.limit = limit;
  }

  check(piece: string): void {
    let from = 0;
    for (;;) {
      const newline = piece.indexOf("\n", from);
      const length = this.lengthSoFar + (newline === -1 ? piece.length : newline) - from;
      if (length > this.limit) {
        throw new CsvError(
          `line ${this.line} is longer than ${describeLength(this.limit)}: this does not look like a CSV file ` +
            `(or a quote is never closed)`,
        );
      }
      if (newline === -1) {
        this.lengthSoFar = length;
        return;
      }
      this.line += 1;
      this.lengthSoFar = 0;
      from = newline + 1;
    }
  }
}

function describeLength(characters: number): string {
  if (characters >= 1024 * 1024 && characters % (1024 * 1024) === 0) return `${characters / (1024 * 1024)} MB`;
  if (characters >= 1024 && characters % 1024 === 0) return `${characters / 1024} KB`;
  return `${characters} characters`;
}

/**
 * Turns parsed records into a table, fed in batches (all at once for text, chunk by chunk for
 * a stream). Row numbers count records, as a spreadsheet opening the file numbers its rows.
 * A large file can also be handed on in batches as it is read (takeBatch), so that its rows are
 * never all held.
 */
export class CsvTableBuilder {
  private readonly tableName: string;
  private headers: string[] | null = null;
  private rows: Cell[][] = [];
  private issues: RowIssue[] = [];
  private recordNumber = 0;
  private trailingBlankLines = 0;
  /** The row number of rows[0]: 2 until takeBatch hands rows on. */
  private firstRowNumber = 2;
  /** Each column's repeated texts, one string for all its rows (see CellValues); null when not shared. */
  private columnTexts: CellValues<Cell>[] | null = null;

  /**
   * `shareRepeatedTexts`: a table held whole (the children of a large return) holds one string
   * for each distinct text of a column (a date of birth, an ethnicity code) rather than one per
   * row. A table handed on in batches is read by a reader that shares what it keeps.
   */
  constructor(
    options: CsvOptions = {},
    private readonly shareRepeatedTexts = true,
  ) {
    this.tableName = options.tableName ?? "CSV";
  }

  /** Adds parsed records, taking their arrays over as rows; `errors[i].row` indexes `records`, as Papa Parse gives them. */
  add(records: readonly string[][], errors: readonly ParseError[]): void {
    const errorsByRecord = new Map<number, ParseError[]>();
    for (const error of errors) {
      if (error.row === undefined) continue;
      const list = errorsByRecord.get(error.row) ?? [];
      list.push(error);
      errorsByRecord.set(error.row, list);
    }
    // Most pieces of a file have no error at all: their records are added with no lookup.
    records.forEach((record, index) => this.addRecord(record, errorsByRecord.size === 0 ? NO_ERRORS : (errorsByRecord.get(index) ?? NO_ERRORS)));
  }

  finish(): CsvTable {
    if (this.headers === null) throw new CsvError("the file is empty: its first line should hold the column headers");
    // A file's final line break reads as one blank record; blank lines at the very end mean nothing.
    this.rows.length -= this.trailingBlankLines;
    return {
      headers: this.headers,
      rows: this.rows,
      firstRowNumber: 2,
      report: { issues: this.issues, rowsRejected: rejectedRows(this.issues) },
    };
  }

  /**
   * The rows and row issues added since the last batch, as a table of the file's headers whose
   * firstRowNumber places them in the file; null before the header line. Those rows are then
   * dropped here, so finish() is not for a builder whose batches were taken.
   */
  takeBatch(): CsvTable | null {
    if (this.headers === null) return null;
    const batch: CsvTable = {
      headers: this.headers,
      rows: this.rows,
      firstRowNumber: this.firstRowNumber,
      report: { issues: this.issues, rowsRejected: rejectedRows(this.issues) },
    };
    this.firstRowNumber += this.rows.length;
    this.rows = [];
    this.issues = [];
    return batch;
  }

  private addRecord(record: string[], errors: readonly ParseError[]): void {
    this.recordNumber += 1;
    const rowNumber = this.recordNumber;
    if (errors.some((e) => e.code === "MissingQuotes")) {
      throw new CsvError(`row ${rowNumber}: a quoted cell is opened but never closed, so the rest of the file cannot be read`);
    }
    if (this.headers === null) {
      this.headers = this.readHeaders(record);
      if (this.shareRepeatedTexts) this.columnTexts = this.headers.map(() => new CellValues<Cell>((cell) => cell));
      return;
    }
    const width = this.headers.length;
    if (record.length === 1 && record[0] === "") {
      this.rows.push(new Array<Cell>(width).fill(null));
      this.trailingBlankLines += 1;
      return;
    }
    this.trailingBlankLines = 0;
    const reject = (reason: string) => {
      this.issues.push({ table: this.tableName, row: rowNumber, action: "rejected", reason });
      this.rows.push(new Array<Cell>(width).fill(null));
    };
    if (errors.some((e) => e.code === "InvalidQuotes")) {
      return reject('a quote inside a quoted cell is not doubled ("" is how CSV writes a quote), so the cells cannot be told apart');
    }
    if (record.length > width && record.slice(width).some((cell) => cell.trim() !== "")) {
      return reject(`the row has ${record.length} cells but the header has ${width}: a comma inside a cell that is not quoted?`);
    }
    // A short line of nothing but commas is a blank row, which the readers skip: nothing to correct.
    if (record.length < width && record.some((cell) => cell.trim() !== "")) {
      this.issues.push({
        table: this.tableName,
        row: rowNumber,
        action: "corrected",
        reason: `the row has ${record.length} cells but the header has ${width}: the missing cells are read as blank`,
      });
    }
    // The parser's own array becomes the row, blanks made null and cut or padded to the header's
    // width: a file of millions of rows is not copied row by row.
    const row: Cell[] = record;
    if (row.length > width) row.length = width;
    const texts = this.columnTexts;
    for (let i = 0; i < row.length; i++) {
      if (row[i] === "") row[i] = null;
      else if (texts !== null) row[i] = texts[i].of(row[i]);
    }
    while (row.length < width) row.push(null);
    this.rows.push(row);
  }

  private readHeaders(record: readonly string[]): string[] {
    const headers = record.map((h) => h.trim());
    if (headers.length > 0 && headers[0].charCodeAt(0) === 0xfeff) headers[0] = headers[0].slice(1).trim();
    if (headers.every((h) => h === "")) throw new CsvError("the first line is blank: it should hold the column headers");
    return headers;
  }
}

/**
 * Writes rows as CSV (RFC 4180, CRLF line ends). A text cell that a spreadsheet would run as a
 * formula (starting =, +, -, @, tab or CR) gets a leading apostrophe, as OWASP advises against
 * CSV injection; numbers, and text that is a plain number such as "-12.5", are written as they are.
 */
export function writeCsv(rows: readonly (readonly Cell[])[], delimiter = ","): string {
  let out = "";
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (i > 0) out += delimiter;
      out += csvField(row[i], delimiter);
    }
    out += "\r\n";
  }
  return out;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function csvField(cell: Cell | undefined, delimiter: string): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  const text = FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
  const needsQuotes = text.includes(delimiter) || text.includes('"') || text.includes("\n") || text.includes("\r");
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}
