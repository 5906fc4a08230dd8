/**
 * Tables as every source gives them (an Excel range, an Excel table, a CSV file): a header row
 * and rows of cells. Columns are found by their SSDA903 name or a common synonym, or by a
 * mapping the user saved.
 */

import type { RowIssue } from "./quality";

export type Cell = string | number | boolean | null;

export interface Table {
  headers: string[];
  rows: Cell[][];
  /** Row number (as the user sees it: sheet row or CSV line) of `rows[0]`; 2 under a single header row. */
  firstRowNumber?: number;
  /** Rows the source itself could not hand over (a CSV line the parser could not split), blanked and reported here. */
  report?: { issues: readonly RowIssue[]; rowsRejected: number };
}

/**
 * A table a source hands over in batches of rows as it reads them (a CSV file of millions of
 * episodes), so that its rows are never all held: the pipeline reads each batch as it comes.
 */
export interface TableBatches {
  /**
   * Reads the table, handing `take` each batch in order: a Table with the table's headers whose
   * firstRowNumber places its rows. `restart` is called when the source begins again from its
   * first row (a file that proved not to be UTF-8 part way through): what came before is void.
   */
  read(take: (batch: Table) => void, restart: () => void): Promise<void>;
}

/** A saved mapping from a field name (e.g. "DECOM") to the user's column header (e.g. "Start date"). */
export type ColumnMapping = Readonly<Record<string, string>>;

export interface FieldSpec {
  /** The field's code, as SSDA903 (or the add-in's own tables) name it: DECOM, PLACE, LINE. */
  name: string;
  /** What a reader calls it, e.g. "Start date" for DECOM; absent where the name is already plain (Scenarios' "Effective date"). */
  label?: string;
  required: boolean;
  synonyms: readonly string[];
}

/** The field as the pane shows it: its plain label with the code after it, "Start date (DECOM)", or its name alone when that is plain. */
export function fieldLabel(field: FieldSpec): string {
  return field.label === undefined ? field.name : `${field.label} (${field.name})`;
}

export class TableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TableError";
  }
}

export function normaliseHeader(header: unknown): string {
  return String(header ?? "")
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

/**
 * Finds the column index of each field: the saved mapping first, then the field's own name,
 * then its synonyms. Throws a TableError naming every required field it cannot find.
 */
export function resolveColumns(
  headers: readonly unknown[],
  fields: readonly FieldSpec[],
  mapping: ColumnMapping = {},
): Record<string, number> {
  const byName = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = normaliseHeader(header);
    if (key !== "" && !byName.has(key)) byName.set(key, index);
  });
  const found: Record<string, number> = {};
  const missing: string[] = [];
  for (const field of fields) {
    const candidates = [mapping[field.name], field.name, ...field.synonyms].filter((c): c is string => !!c);
    const index = candidates.map((c) => byName.get(normaliseHeader(c))).find((i) => i !== undefined);
    if (index !== undefined) found[field.name] = index;
    else if (field.required) missing.push(field.name);
  }
  if (missing.length > 0) {
    const seen = headers.map((h) => String(h ?? "")).filter((h) => h !== "");
    throw new TableError(
      `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (found: ${seen.slice(0, 20).join(", ") || "no headers"})`,
    );
  }
  return found;
}

/** The text of a cell: trimmed, with numbers written plainly; blank for null. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isInteger(cell) ? String(cell) : String(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return String(cell).trim();
}

/** Texts read afresh, once a CellValues is full, before it judges whether looking up still pays. */
const STOP_LOOKING_AFTER = 1000;

/**
 * What each distinct text of a column reads as, worked out once and then shared by every row
 * that has it: a return of a million episodes holds a few hundred distinct codes and a few
 * thousand dates, so its records hold one string (or day) for each rather than one per row, and
 * the reading is done once per text. A reader that throws (a date that is no date) is not
 * remembered, so every row that has it is reported. At most `limit` texts are remembered; past
 * that, a text is read afresh, and once texts met afresh outnumber those found (a column of ids
 * or free text), nothing more is looked up, so such a column costs little more than without.
 */
export class CellValues<T> {
  private readonly known = new Map<string, T>();
  private blank: { value: T } | null = null;
  /** Texts found, and texts read afresh, since `limit` texts were remembered. */
  private foundWhenFull = 0;
  private freshWhenFull = 0;
  private lookingUp = true;
  /** The last text read and what it read as: a column's cell is often the row before's (a child's episodes), and then no lookup is needed. */
  private lastText: string | null = null;
  private lastValue: T | undefined = undefined;

  constructor(
    private readonly read: (cell: Cell) => T,
    private readonly limit = 10_000,
  ) {}

  of(cell: Cell | undefined): T {
    if (cell === null || cell === undefined) return (this.blank ??= { value: this.read(null) }).value;
    if (typeof cell !== "string" || !this.lookingUp) return this.read(cell);
    if (cell === this.lastText) return this.lastValue as T;
    let value = this.known.get(cell);
    const full = this.known.size >= this.limit;
    if (value !== undefined || this.known.has(cell)) {
      if (full) this.foundWhenFull += 1;
    } else {
      value = this.read(cell);
      if (!full) this.known.set(cell, value);
      else if (++this.freshWhenFull >= STOP_LOOKING_AFTER && this.freshWhenFull > this.foundWhenFull) this.lookingUp = false;
    }
    this.lastText = cell;
    this.lastValue = value;
    return value as T;
  }

  /** What the row's cell in `column` reads as; a column the table lacks (-1) reads as blank. */
  ofColumn(cells: readonly Cell[], column: number): T {
    return this.of(column < 0 ? null : cells[column]);
  }
}

/** A decimal number as a person types one; Number() alone would also read "0x10" as 16. */
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Thousands separated by commas (or spaces) in groups of three, as people write amounts:
 * "1,234.50", "12,345,678", "1 000". Any other comma is not a thousands separator: "850,50" may
 * be 850.50 written the continental way, and reading it as 85,050 would cost a placement a
 * hundred times over.
 */
const GROUPED_THOUSANDS = /^\d{1,3}([, ])\d{3}(\1\d{3})*(\.\d*)?$/;

/**
 * A number from a cell: numbers as they are; text read as people write amounts (a £ sign,
 * thousands in groups of three, accounting brackets for a negative); null for blank. Anything
 * else, a comma out of place included, is "invalid".
 */
export function cellNumber(cell: Cell | undefined): number | null | "invalid" {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : "invalid";
  if (typeof cell === "boolean") return "invalid";
  const plain = plainDecimal(cell);
  if (plain !== null) return plain;
  // The pound sign before or after the sign, or outside or inside brackets: "£-5", "-£5", "£(5)", "(£5)".
  const withoutPound = (t: string) => t.replace(/^([+-]?)\s*£\s*/, "$1");
  let text = withoutPound(cell.trim());
  if (text === "") return null;
  const negative = /^\(.*\)$/.test(text);
  if (negative) text = withoutPound(text.slice(1, -1).trim());
  const sign = /^[+-]/.test(text) ? text[0] : "";
  let digits = text.slice(sign.length);
  if (/[, ]/.test(digits)) {
    if (!GROUPED_THOUSANDS.test(digits)) return "invalid";
    digits = digits.replace(/[, ]/g, "");
  }
  // Accounting brackets hold an unsigned amount: "(-5)" would otherwise turn into +5.
  if (!DECIMAL_TEXT.test(digits) || (negative && sign !== "")) return "invalid";
  const n = Number(sign + digits);
  if (!Number.isFinite(n)) return "invalid";
  return negative ? -n : n;
}

/**
 * A number written plainly (digits with at most one point, nothing around them), read without a
 * regular expression: a return holds a weekly cost on most of a million rows. Null for any other
 * text, which cellNumber then reads in full, and for a number too large to be finite.
 *
 * Up to 15 digits are read as a whole number and divided by the power of ten the point stands
 * for: both are exact doubles, and one division rounds once, so the result is the decimal
 * correctly rounded, as Number() gives it (Clinger's fast path), at a fraction of its cost.
 */
function plainDecimal(text: string): number | null {
  let digits = 0;
  let points = 0;
  let decimals = 0;
  let whole = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      digits += 1;
      whole = whole * 10 + (code - 48);
      decimals += points;
    } else if (code === 46 && points === 0) points += 1;
    else return null;
  }
  if (digits === 0) return null;
  if (digits <= 15) return decimals === 0 ? whole : whole / POWERS_OF_TEN[decimals];
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** 10⁰ … 10¹⁵, each an exact double. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** Why a cell cellNumber calls invalid is not a number, where a common slip explains it; "" otherwise. */
export function numberHint(cell: Cell | undefined): string {
  const text = typeof cell === "string" ? cell.trim() : "";
  if (/\d,\d{1,2}$/.test(text)) return " (a comma is read only between thousands, as in 1,234.50; pence follow a point, as in 850.50)";
  if (/,/.test(text)) return " (a comma is read only between thousands, in groups of three, as in 1,234.50)";
  return "";
}

export function rowNumberOf(table: Table, index: number): number {
  return (table.firstRowNumber ?? 2) + index;
}

export function isBlankRow(row: readonly Cell[]): boolean {
  // A loop rather than every(): asked of each of a million rows, whose first cell mostly answers.
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    if (cell !== null && cell !== undefined && !(typeof cell === "string" && cell.trim() === "")) return false;
  }
  return true;
}

/** Builds a table from a 2-D block whose first row holds the headers (as a range's values arrive from Excel). */
export function tableFromBlock(block: readonly (readonly Cell[])[], firstRowNumber = 1): Table {
  if (block.length === 0) throw new TableError("the range is empty: it needs a header row");
  return {
    headers: block[0].map((h) => cellText(h)),
    rows: block.slice(1).map((r) => [...r]),
    firstRowNumber: firstRowNumber + 1,
  };
}
