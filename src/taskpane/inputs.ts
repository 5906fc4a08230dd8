/**
 * The workbook's input tables as the pane shows and uses them: where the refresh will read
 * each input from (found by the refresh's own rules, so the pane never disagrees with it), the
 * columns each input needs, and the inputs a scenario preset draws its defaults from.
 */

import { INPUTS, INPUT_KINDS, InputKind } from "../engine/inputs";
import { EngineInputs, InputSource, costSourcesOf, runPipeline } from "../engine/pipeline";
import { PresetContext } from "../engine/scenarioPresets";
import { ColumnMapping, FieldSpec, TableError, resolveColumns } from "../engine/table";
import { FoundInput, findInputs, loadInput, reportSheetNames } from "../reports/inputs";
import type { ReportSettings } from "../reports/settings";
import type { TableInfo, TableSource, WorkbookPort } from "../workbook/port";
import { sameName } from "../workbook/addresses";

export { reportSheetNames };

export interface InputLocation {
  kind: InputKind;
  /** Where the refresh reads it from (`table "Episodes" on sheet "Data"`), or null when nothing was found. */
  label: string | null;
  /** The table or sheet as listed, when it is in the workbook: its headers and rows. */
  info: TableInfo | null;
}

/** Where an input is read from, in words: the table or sheet, else the refresh's own label, else why it is missing. */
export function describeLocation(location: InputLocation): string {
  const info = location.info;
  if (info) return info.source === "table" ? `Table ${info.name} on sheet ${info.sheet}` : `Sheet ${info.name}`;
  return location.label ?? (INPUTS[location.kind].required ? "Not found" : "Not found (optional)");
}

/** The TableInfo a source names: an Excel table by name first, then a sheet's used range. */
export function infoOf(tables: readonly TableInfo[], source: TableSource): TableInfo | null {
  const table = typeof source === "string" ? source : "table" in source ? source.table : null;
  const sheet = typeof source === "string" ? source : "sheet" in source ? source.sheet : null;
  return (
    (table !== null ? tables.find((t) => t.source === "table" && sameName(t.name, table)) : undefined) ??
    (sheet !== null ? tables.find((t) => t.source === "sheet" && sameName(t.name, sheet)) : undefined) ??
    null
  );
}

/** Each input as the next refresh will find it, with the settings given. */
export function findPaneInputs(port: WorkbookPort, settings: ReportSettings): Promise<Map<InputKind, FoundInput>> {
  return findInputs(port, settings, reportSheetNames(settings));
}

/**
 * Where each input will be read from by the next refresh, with the settings given, and the
 * tables the user may pick an input from: everything but the add-in's report sheets and its
 * LAC_ tables, as the refresh itself excludes them.
 */
export async function locateInputs(port: WorkbookPort, settings: ReportSettings): Promise<{ locations: InputLocation[]; tables: TableInfo[] }> {
  const found = await findPaneInputs(port, settings);
  const reports = reportSheetNames(settings);
  const owned = new Set((await port.listSheets()).filter((s) => s.owned).map((s) => s.name));
  const all = await port.listTables();
  const locations = INPUT_KINDS.map((kind): InputLocation => {
    const input = found.get(kind);
    if (!input) return { kind, label: null, info: null };
    return { kind, label: input.label, info: infoOf(all, input.source) };
  });
  const tables = all.filter((t) => !(owned.has(t.sheet) && reports.has(t.sheet)) && !(t.source === "table" && /^LAC_/i.test(t.name)));
  return { locations, tables };
}

/** Each field of an input, with the header it is read from under a mapping (null when none). */
export function fieldColumns(kind: InputKind, headers: readonly string[], mapping: ColumnMapping = {}): { field: FieldSpec; header: string | null }[] {
  const fields = INPUTS[kind].fields;
  const optional = fields.map((f) => ({ ...f, required: false }));
  const columns = resolveColumns(headers, optional, mapping);
  return fields.map((field) => ({ field, header: columns[field.name] === undefined ? null : headers[columns[field.name]] }));
}

/** The message for a table that lacks required columns under a mapping, or null when it has them all. */
export function missingColumns(kind: InputKind, headers: readonly string[], mapping: ColumnMapping = {}): string | null {
  try {
    resolveColumns(headers, INPUTS[kind].fields, mapping);
    return null;
  } catch (error) {
    if (error instanceof TableError) return error.message;
    throw error;
  }
}

/** The inputs scenarios are valued from, and a preset draws its defaults from; the Budget and Scenarios tables are not read for them. */
const VALUATION_INPUTS: readonly InputKind[] = ["Episodes", "Children", "UASC", "Unit costs", "Placement types"];

/**
 * Reads the inputs scenarios are valued from (their episodes, children and costs), found as the
 * refresh finds them and combined by the same pipeline, so the pane sees the same children and
 * placements as the reports.
 */
export async function readValuationInputs(
  port: WorkbookPort,
  settings: ReportSettings,
  found: Map<InputKind, FoundInput>,
  onStep?: (step: string) => void,
): Promise<EngineInputs> {
  const sources = Object.fromEntries(INPUT_KINDS.map((kind): [InputKind, InputSource] => [kind, { kind, label: null, table: null, problem: null }])) as Record<InputKind, InputSource>;
  for (const kind of VALUATION_INPUTS) {
    onStep?.(`Reading ${kind}`);
    sources[kind] = await loadInput(port, kind, found.get(kind), settings.mappings?.[kind]);
  }
  return runPipeline(sources, { mappings: settings.mappings });
}

/**
 * The inputs a scenario preset draws its defaults from (readValuationInputs). Throws a TableError
 * when the episodes cannot be read.
 */
export function presetContextOf(inputs: EngineInputs): PresetContext {
  const episodes = inputs.sources.Episodes;
  if (episodes.table === null) {
    throw new TableError(
      episodes.problem !== null
        ? `Episodes (${episodes.label}) could not be read: ${episodes.problem}`
        : 'no Episodes table was found: import the SSDA903 episodes file in the Data section, or name a table or sheet "Episodes"',
    );
  }
  const unreadable = inputs.counts.find((c) => c.table === "Episodes" && c.status.startsWith("Could not read"));
  if (unreadable) throw new TableError(`Episodes (${episodes.label}): ${unreadable.status}`);
  return { episodes: inputs.ledger.episodes, children: inputs.ledger.children, ...costSourcesOf(inputs) };
}
