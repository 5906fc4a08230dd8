/**
 * CSV files as tables: a header row, then one row per record, with cells as text (null when
 * empty). Problems with single rows are reported, not thrown, so that one bad line does not
 * stop a monthly run; only a file that cannot be read as CSV at all raises a CsvError.
 */

import Papa, { ParseError } from "papaparse";
import { Cell, Table } from "../engine/table";
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

/** Reads CSV text (a UTF-8 BOM and CRLF line ends are fine) into a table. Throws CsvError only for an unreadable file. */
export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const guard = new LineLengthGuard(options.maxLineLength);
  guard.check(text);
  const builder = new CsvTableBuilder(options);
  const result = Papa.parse<string[]>(text, papaConfig(options));
  builder.add(result.data, result.errors);
  return builder.finish();
}

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
 */
export class CsvTableBuilder {
  private readonly tableName: string;
  private headers: string[] | null = null;
  private readonly rows: Cell[][] = [];
  private readonly issues: RowIssue[] = [];
  private recordNumber = 0;
  private trailingBlankLines = 0;

  constructor(options: CsvOptions = {}) {
    this.tableName = options.tableName ?? "CSV";
  }

  /** Adds parsed records; `errors[i].row` indexes `records`, as Papa Parse gives them. */
  add(records: readonly string[][], errors: readonly ParseError[]): void {
    const errorsByRecord = new Map<number, ParseError[]>();
    for (const error of errors) {
      if (error.row === undefined) continue;
      const list = errorsByRecord.get(error.row) ?? [];
      list.push(error);
      errorsByRecord.set(error.row, list);
    }
    records.forEach((record, index) => this.addRecord(record, errorsByRecord.get(index) ?? []));
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

  private addRecord(record: readonly string[], errors: readonly ParseError[]): void {
    this.recordNumber += 1;
    const rowNumber = this.recordNumber;
    if (errors.some((e) => e.code === "MissingQuotes")) {
      throw new CsvError(`row ${rowNumber}: a quoted cell is opened but never closed, so the rest of the file cannot be read`);
    }
    if (this.headers === null) {
      this.headers = this.readHeaders(record);
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
    const row = new Array<Cell>(width);
    for (let i = 0; i < width; i++) {
      const cell = record[i];
      row[i] = cell === undefined || cell === "" ? null : cell;
    }
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
