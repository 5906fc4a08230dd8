/**
 * Finding the inputs of a refresh in the workbook (Episodes, Children, UASC, Unit costs, Budget,
 * Scenarios, Placement types): by the name the settings give, by the table's or sheet's own name,
 * or by recognising its header row. The pane uses the same finding to show where each input will
 * be read from before a refresh.
 */

import { CHILD_FIELDS, EPISODE_FIELDS, UASC_FIELDS } from "../engine/episodes";
import { INPUTS, INPUT_KINDS, InputKind } from "../engine/inputs";
import type { InputSource } from "../engine/pipeline";
import { Cell, ColumnMapping, FieldSpec, TableError, normaliseHeader, resolveColumns } from "../engine/table";
import { UNIT_COST_FIELDS } from "../engine/unitCosts";
import { ReadOptions, TableInfo, TableSource, WorkbookError, WorkbookPort } from "../workbook/port";
import { DEFAULT_SHEET_NAMES, REPORT_KEYS } from "./common";
import { SETTINGS_SHEET, type ReportSettings } from "./settings";

/** The order inputs are recognised by their headers: the most specific shapes claim a table first. */
const RECOGNITION_ORDER: readonly InputKind[] = ["Episodes", "Budget", "Scenarios", "Placement review", "Unit costs", "Placement types", "UASC", "Children"];

function fits(headers: readonly Cell[], fields: readonly FieldSpec[], mapping: ColumnMapping = {}): boolean {
  try {
    resolveColumns(headers, fields, mapping);
    return true;
  } catch (error) {
    if (error instanceof TableError) return false;
    throw error;
  }
}

const CHILD_ONLY: readonly FieldSpec[] = [{ ...CHILD_FIELDS[0], required: true }];
const DUC_ONLY: readonly FieldSpec[] = [{ ...UASC_FIELDS[1], required: true }];
const AREA_AND_RATE: readonly FieldSpec[] = INPUTS.Benchmarks.fields.filter((f) => f.name === "AREA" || f.name === "RATE").map((f) => ({ ...f, required: true }));
const COST_ONLY: readonly FieldSpec[] = UNIT_COST_FIELDS.filter((f) => f.name === "WEEKLY_COST");

/** Whether a header row is the given input's: its required columns are there, and it is not plainly another input. */
export function recognises(kind: InputKind, headers: readonly Cell[], mapping: ColumnMapping = {}): boolean {
  switch (kind) {
    case "Episodes":
      return fits(headers, INPUTS.Episodes.fields, mapping);
    case "Children":
      return fits(headers, CHILD_FIELDS, mapping) && !fits(headers, EPISODE_FIELDS) && !fits(headers, DUC_ONLY);
    case "UASC":
      return fits(headers, UASC_FIELDS, mapping) && fits(headers, DUC_ONLY, mapping) && !fits(headers, EPISODE_FIELDS);
    case "Unit costs":
      return fits(headers, UNIT_COST_FIELDS, mapping) && !fits(headers, CHILD_ONLY);
    case "Budget":
      return fits(headers, INPUTS.Budget.fields, mapping);
    case "Scenarios":
      return fits(headers, INPUTS.Scenarios.fields, mapping);
    case "Placement types":
      return fits(headers, INPUTS["Placement types"].fields, mapping) && !fits(headers, CHILD_ONLY) && !fits(headers, COST_ONLY);
    case "Placement review":
      return fits(headers, INPUTS["Placement review"].fields, mapping) && !fits(headers, EPISODE_FIELDS) && !fits(headers, INPUTS.Scenarios.fields);
    case "Benchmarks":
      // AREA alone would fit many tables: by its headers, a Benchmarks table also gives the rate.
      return fits(headers, AREA_AND_RATE, mapping);
  }
}

export interface FoundInput {
  kind: InputKind;
  /** `table "Episodes"` / `sheet "Data"`, for the reader. */
  label: string;
  source: TableSource;
}

function describe(info: TableInfo): string {
  return info.source === "table" ? `table "${info.name}" on sheet "${info.sheet}"` : `sheet "${info.name}"`;
}

function sourceOf(info: TableInfo): TableSource {
  return info.source === "table" ? { table: info.name } : { sheet: info.name };
}

/**
 * Finds each input: the table or sheet the settings name; else an Excel table, then a sheet,
 * named like the input; else the first table (or sheet without tables) whose headers fit it.
 * The report sheets, the settings sheet and every LAC_ table are never inputs; a sheet the add-in
 * owns for input (the pane's Scenarios sheet) is read like the user's own.
 */
export async function findInputs(port: WorkbookPort, settings: ReportSettings, reportSheets: ReadonlySet<string>): Promise<Map<InputKind, FoundInput>> {
  const owned = new Set((await port.listSheets()).filter((s) => s.owned).map((s) => s.name));
  const ours = (t: TableInfo) => (owned.has(t.sheet) && reportSheets.has(t.sheet)) || (t.source === "table" && /^LAC_/i.test(t.name));
  const candidates = (await port.listTables()).filter((t) => !ours(t));
  const sheetsWithTables = new Set(candidates.filter((t) => t.source === "table").map((t) => t.sheet));
  const taken = new Set<TableInfo>();
  const found = new Map<InputKind, FoundInput>();
  const take = (kind: InputKind, info: TableInfo) => {
    taken.add(info);
    found.set(kind, { kind, label: describe(info), source: sourceOf(info) });
  };

  for (const kind of INPUT_KINDS) {
    const named = settings.sources?.[kind];
    if (named === undefined || named === "") continue;
    const info = candidates.find((t) => t.source === "table" && normaliseHeader(t.name) === normaliseHeader(named))
      ?? candidates.find((t) => t.source === "sheet" && normaliseHeader(t.name) === normaliseHeader(named));
    if (info) take(kind, info);
    else found.set(kind, { kind, label: `"${named}" (from LAC Settings)`, source: named });
  }
  for (const kind of INPUT_KINDS) {
    if (found.has(kind)) continue;
    const named = (t: TableInfo) => !taken.has(t) && INPUTS[kind].names.includes(normaliseHeader(t.name));
    const table = candidates.find((t) => t.source === "table" && named(t));
    const sheet = candidates.find((t) => t.source === "sheet" && named(t));
    // A sheet named like the input that holds Excel tables is read through the table that fits.
    const tableOnSheet = sheet && candidates.find((t) => t.source === "table" && t.sheet === sheet.sheet && !taken.has(t) && recognises(kind, t.headers, settings.mappings?.[kind]));
    const info = table ?? tableOnSheet ?? sheet;
    if (info) take(kind, info);
  }
  for (const kind of RECOGNITION_ORDER) {
    if (found.has(kind)) continue;
    const info = candidates.find(
      (t) => !taken.has(t) && (t.source === "table" || !sheetsWithTables.has(t.sheet)) && recognises(kind, t.headers, settings.mappings?.[kind]),
    );
    if (info) take(kind, info);
  }
  return found;
}

export async function loadInput(
  port: WorkbookPort,
  kind: InputKind,
  input: FoundInput | undefined,
  mapping: ColumnMapping | undefined,
  onProgress?: ReadOptions["onProgress"],
): Promise<InputSource> {
  if (!input) return { kind, label: null, table: null, problem: null };
  try {
    try {
      const table = await port.readTable(input.source, { header: (row) => recognises(kind, row, mapping), onProgress });
      return { kind, label: input.label, table, problem: null };
    } catch (error) {
      // No row fits: read from the first row, so the reader can name the missing columns.
      if (!(error instanceof WorkbookError) || error.code !== "no-header") throw error;
      return { kind, label: input.label, table: await port.readTable(input.source), problem: null };
    }
  } catch (error) {
    if (error instanceof WorkbookError) return { kind, label: input.label, table: null, problem: error.message };
    throw error;
  }
}

/** The sheets a refresh writes under these settings (never inputs), as the refresh names them. */
export function reportSheetNames(settings: ReportSettings): ReadonlySet<string> {
  return new Set([...REPORT_KEYS.map((k) => settings.sheetNames?.[k] || DEFAULT_SHEET_NAMES[k]), ...REPORT_KEYS.map((k) => DEFAULT_SHEET_NAMES[k]), SETTINGS_SHEET]);
}

export interface LoadProgress {
  /** Called before each input is read. */
  onInput?: (kind: InputKind) => void;
  /** Called as a large input's rows arrive. */
  reading?: (kind: InputKind) => ReadOptions["onProgress"];
}

/**
 * Finds and reads every input, as the pipeline (engine/pipeline.ts) takes them: the one way the
 * refresh, the pane's presets and the command line get tables out of a workbook or a folder of files.
 */
export async function loadInputs(
  port: WorkbookPort,
  settings: ReportSettings,
  reportSheets: ReadonlySet<string>,
  progress: LoadProgress = {},
  kinds: readonly InputKind[] = INPUT_KINDS,
): Promise<Record<InputKind, InputSource>> {
  const found = await findInputs(port, settings, reportSheets);
  const sources = {} as Record<InputKind, InputSource>;
  for (const kind of INPUT_KINDS) {
    if (!kinds.includes(kind)) {
      sources[kind] = { kind, label: null, table: null, problem: null };
      continue;
    }
    progress.onInput?.(kind);
    sources[kind] = await loadInput(port, kind, found.get(kind), settings.mappings?.[kind], progress.reading?.(kind));
  }
  return sources;
}
