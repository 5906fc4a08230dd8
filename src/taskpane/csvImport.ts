/**
 * Importing SSDA903 CSV files chosen from disk (episodes, the child header, UASC) into the
 * workbook.
 *
 * An imported file lands on a sheet the add-in owns — "LAC Episodes", "LAC Children",
 * "LAC UASC" — written through the workbook port like a report sheet, and the LAC Settings
 * sheet records it as that input's source, so every refresh (pane, ribbon or command line)
 * reads it. Owning the sheet is what lets next month's import replace last month's whole; a
 * sheet of the user's with that name is never touched (the port refuses, and the pane offers
 * another name). Cells are written as the port writes every string, as text: an episode file's
 * `=HYPERLINK(…)` or `00123` arrives exactly as it was in the file. Only the columns the engine
 * knows to be dates (DECOM, DEC, DOB, …) and amounts (WEEKLY_COST) become Excel dates and
 * numbers, and only where the cell reads as one; anything else stays as the file had it.
 *
 * The file is parsed in slices with a turn for the browser between them, so a 200,000-row file
 * shows progress and leaves the pane responsive.
 */

import Papa from "papaparse";
import { DateError, parseDate } from "../engine/dates";
import { CHILD_FIELDS, EPISODE_FIELDS, UASC_FIELDS } from "../engine/episodes";
import type { RowIssue } from "../engine/quality";
import { Cell, FieldSpec, TableError, cellNumber, isBlankRow, resolveColumns } from "../engine/table";
import { groupedNumber } from "../engine/numberText";
import { CsvOptions, CsvTable, CsvTableBuilder, LineLengthGuard, papaConfig } from "../workbook/csv";
import { sameName } from "../workbook/addresses";
import { WorkbookError, WorkbookPort } from "../workbook/port";
import type { ColumnKind, ColumnSpec, SheetSpec } from "../workbook/spec";
import { userMessage } from "./errors";
import { updateSettings } from "./settingsStore";

export type ImportKind = "Episodes" | "Children" | "UASC";

interface ImportTarget {
  /** The owned sheet and the Excel table an import of this kind is written to. */
  sheet: string;
  table: string;
  /** What the file is, in words. */
  described: string;
}

export const IMPORT_TARGETS: Readonly<Record<ImportKind, ImportTarget>> = {
  Episodes: { sheet: "LAC Episodes", table: "LAC_Import_Episodes", described: "SSDA903 episodes" },
  Children: { sheet: "LAC Children", table: "LAC_Import_Children", described: "SSDA903 header (children)" },
  UASC: { sheet: "LAC UASC", table: "LAC_Import_UASC", described: "SSDA903 UASC" },
};

/** Every column the readers know, by its SSDA903 name or a synonym, to find the date and amount columns of any of the files. */
const KNOWN_FIELDS: readonly FieldSpec[] = [...EPISODE_FIELDS, ...CHILD_FIELDS, ...UASC_FIELDS].map((f) => ({ ...f, required: false }));
const DATE_FIELDS = ["DECOM", "DEC", "DOB", "DUC"];
const AMOUNT_FIELDS = ["WEEKLY_COST"];

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}

function fits(headers: readonly string[], fields: readonly FieldSpec[]): boolean {
  try {
    resolveColumns(headers, fields);
    return true;
  } catch (error) {
    if (error instanceof TableError) return false;
    throw error;
  }
}

/**
 * Which SSDA903 file a header row is: episodes (CHILD, DECOM, PLACE, DEC…), UASC (CHILD and
 * DUC) or the child header (CHILD, DOB). Throws an ImportError naming what is missing.
 */
export function importKindOf(headers: readonly string[]): ImportKind {
  if (fits(headers, EPISODE_FIELDS)) return "Episodes";
  if (fits(headers, UASC_FIELDS) && resolveColumns(headers, UASC_FIELDS).DUC !== undefined) return "UASC";
  if (fits(headers, CHILD_FIELDS)) return "Children";
  const seen = headers.filter((h) => h !== "").slice(0, 12).join(", ");
  throw new ImportError(
    `this is not an SSDA903 episodes, header or UASC file: episodes need CHILD, DECOM, PLACE and DEC, the header CHILD and DOB ` +
      `(found: ${seen || "no headers"})`,
  );
}

/** How many characters are parsed between two turns for the browser. */
const SLICE_CHARACTERS = 512 * 1024;

/** A pause that lets the browser paint and handle clicks. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * parseCsv's table (same rules, same row issues), parsed a slice at a time. `onProgress` gets
 * the fraction of the text read after each slice.
 */
export function parseCsvInSlices(
  text: string,
  options: CsvOptions & { onProgress?: (fraction: number) => void; sliceCharacters?: number } = {},
): Promise<CsvTable> {
  new LineLengthGuard(options.maxLineLength).check(text);
  const builder = new CsvTableBuilder(options);
  // Papa Parse guesses the line ending from the first slice it sees; a slice that ends inside the
  // first line would guess wrong, so the ending is taken as parsing the text whole would take it.
  const newline = Papa.parse<string[]>(text, { ...papaConfig(options), preview: 1 }).meta.linebreak;
  return new Promise<CsvTable>((resolve, reject) => {
    let failed = false;
    Papa.parse<string[]>(text, {
      ...papaConfig(options),
      newline: newline as Papa.ParseConfig["newline"],
      chunkSize: options.sliceCharacters ?? SLICE_CHARACTERS,
      chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        try {
          builder.add(results.data, results.errors);
        } catch (error) {
          failed = true;
          parser.abort();
          reject(error);
          return;
        }
        options.onProgress?.(text.length === 0 ? 1 : Math.min(1, results.meta.cursor / text.length));
        parser.pause();
        void nextTurn().then(() => parser.resume());
      },
      complete: () => {
        if (failed) return;
        try {
          resolve(builder.finish());
        } catch (error) {
          reject(error);
        }
      },
    });
  });
}

/**
 * A date column's cell as an engine Day where it reads as a date; otherwise the text as it was.
 * A file repeats the same few thousand dates, so each distinct text is read once (reading
 * 200,000 episodes' dates one by one would hold the pane for seconds).
 */
function dateReader(): (cell: Cell) => Cell {
  const seen = new Map<Cell, Cell>();
  return (cell) => {
    let day = seen.get(cell);
    if (day === undefined) {
      try {
        day = parseDate(cell);
      } catch (error) {
        if (!(error instanceof DateError)) throw error;
        day = cell;
      }
      seen.set(cell, day);
    }
    return day;
  };
}

function amountCell(cell: Cell): Cell {
  const value = cellNumber(cell);
  return typeof value === "number" ? value : cell;
}

/** Rows of a file the parser could not read, in words, for the sheet and the pane. */
export function describeIssues(issues: readonly RowIssue[], limit = 5): string {
  const shown = issues.slice(0, limit).map((i) => `row ${i.row}: ${i.reason}`);
  const more = issues.length - shown.length;
  return shown.join("; ") + (more > 0 ? `; and ${more} more` : "");
}

/** The owned sheet holding an imported file: a line saying where it came from, then the file as an Excel table. */
export function importSheetSpec(kind: ImportKind, table: CsvTable, fileName: string, sheetName: string = IMPORT_TARGETS[kind].sheet): SheetSpec {
  const target = IMPORT_TARGETS[kind];
  const columnsOf = resolveColumns(table.headers, KNOWN_FIELDS);
  const kinds: ColumnKind[] = table.headers.map(() => "text");
  for (const field of DATE_FIELDS) if (columnsOf[field] !== undefined) kinds[columnsOf[field]] = "date";
  for (const field of AMOUNT_FIELDS) if (columnsOf[field] !== undefined) kinds[columnsOf[field]] = "currency";
  const headers = uniqueHeaders(table.headers);
  const columns: ColumnSpec[] = headers.map((header, j) => (kinds[j] === "currency" ? { header, kind: "currency", decimals: 2 } : { header, kind: kinds[j] }));
  // Rejected rows stay in a parsed table as blank rows so that row numbers line up; they are left out here.
  const dateCell = dateReader();
  const rows = table.rows
    .filter((row) => !isBlankRow(row))
    .map((row) => row.map((cell, j) => (kinds[j] === "date" ? dateCell(cell) : kinds[j] === "currency" ? amountCell(cell) : cell)));
  const rejected = table.report.issues.filter((i) => i.action === "rejected");
  const blocks: SheetSpec["blocks"] = [
    {
      kind: "note",
      text:
        `Imported by the LAC Cost Engine from ${fileName} (${target.described}): ${groupedNumber(rows.length)} rows. ` +
        "Importing the file again replaces this sheet; to keep changes, correct the file or copy this sheet.",
    },
  ];
  if (rejected.length > 0) {
    blocks.push({ kind: "note", style: "warning", text: `${rejected.length} row${rejected.length === 1 ? "" : "s"} of the file could not be read and are not here: ${describeIssues(rejected)}` });
  }
  blocks.push({ kind: "table", name: target.table, columns, rows });
  return { name: sheetName, blocks };
}

/** An Excel table needs distinct, non-blank headers: a blank one becomes "Column n", a repeat gets " (2)". */
function uniqueHeaders(headers: readonly string[]): string[] {
  const seen = new Set<string>();
  return headers.map((header, j) => {
    const base = header.trim() === "" ? `Column ${j + 1}` : header.trim();
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** A file the user chose: its name and a way to read its text (File.text() in the pane). */
export interface ImportFile {
  name: string;
  text: () => Promise<string>;
}

export type ImportOutcome =
  | { ok: true; fileName: string; kind: ImportKind; sheet: string; rows: number; rejected: RowIssue[]; corrected: number }
  | { ok: false; fileName: string; kind: ImportKind | null; message: string; suggestedName?: string };

export interface ImportProgress {
  step: string;
  /** 0 to 1 over all the files. */
  fraction: number;
}

export interface ImportResult {
  outcomes: ImportOutcome[];
  /** Why the imported sheets could not be recorded in LAC Settings, if they could not. */
  settingsProblem: string | null;
}

/**
 * The sheet an import of this kind goes to: the owned sheet already holding its table (an import
 * written under a name the pane offered), else the default. An import the user renamed is theirs
 * (see ownership.ts), so the next import goes to the default sheet.
 */
async function importSheetName(port: WorkbookPort, kind: ImportKind): Promise<string> {
  const target = IMPORT_TARGETS[kind];
  const owned = new Set((await port.listSheets()).filter((s) => s.owned).map((s) => s.name));
  const existing = (await port.listTables()).find((t) => t.source === "table" && sameName(t.name, target.table) && owned.has(t.sheet));
  return existing?.sheet ?? target.sheet;
}

/**
 * Imports each file onto its owned sheet and records the imported tables as the inputs' sources
 * in LAC Settings. A file that cannot be read, or whose sheet name belongs to a sheet of the
 * user's, fails on its own with a message (and, for the name, a free one to offer: import it
 * again with `sheetName` set); the other files are still imported.
 */
export async function importCsvFiles(
  port: WorkbookPort,
  files: readonly (ImportFile & { sheetName?: string })[],
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  const outcomes: ImportOutcome[] = [];
  const share = 1 / Math.max(1, files.length);
  for (const [index, file] of files.entries()) {
    const report = (step: string, fraction: number) => onProgress?.({ step: `${file.name}: ${step}`, fraction: (index + fraction) * share });
    let kind: ImportKind | null = null;
    try {
      report("reading", 0);
      const table = await parseCsvInSlices(await file.text(), { tableName: file.name, onProgress: (f) => report("reading", f * 0.5) });
      kind = importKindOf(table.headers);
      const sheetName = file.sheetName ?? (await importSheetName(port, kind));
      const spec = importSheetSpec(kind, table, file.name, sheetName);
      report(`writing ${sheetName}`, 0.5);
      await port.writeSheet(spec, { onProgress: (p) => report(`writing ${sheetName}`, 0.5 + (0.5 * p.requestsDone) / p.requestsTotal) });
      const issues = table.report.issues;
      outcomes.push({
        ok: true,
        fileName: file.name,
        kind,
        sheet: sheetName,
        rows: spec.blocks.reduce((n, b) => (b.kind === "table" ? n + b.rows.length : n), 0),
        rejected: issues.filter((i) => i.action === "rejected"),
        corrected: issues.filter((i) => i.action === "corrected").length,
      });
    } catch (error) {
      const outcome: ImportOutcome = { ok: false, fileName: file.name, kind, message: userMessage(error) };
      if (error instanceof WorkbookError && error.suggestedName !== undefined) outcome.suggestedName = error.suggestedName;
      outcomes.push(outcome);
    }
  }
  const imported = outcomes.filter((o): o is Extract<ImportOutcome, { ok: true }> => o.ok);
  let settingsProblem: string | null = null;
  if (imported.length > 0) {
    onProgress?.({ step: "Recording the imports in LAC Settings", fraction: 1 });
    try {
      // The table's name as written: a free one ("LAC_Import_Episodes_2") when an import the user renamed keeps its own.
      const tables = (await port.listTables()).filter((t) => t.source === "table");
      const tableOf = (o: (typeof imported)[number]) => tables.find((t) => sameName(t.sheet, o.sheet))?.name ?? IMPORT_TARGETS[o.kind].table;
      await updateSettings(port, (saved) => {
        const sources = { ...saved.sources };
        for (const o of imported) sources[o.kind] = tableOf(o);
        return { ...saved, sources };
      });
    } catch (error) {
      settingsProblem = userMessage(error);
    }
  }
  return { outcomes, settingsProblem };
}
