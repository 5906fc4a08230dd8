/**
 * The workbook's input tables as the pane shows and uses them: where the refresh will read
 * each input from (found by the refresh's own rules, so the pane never disagrees with it), the
 * columns each input needs, and the inputs a scenario preset draws its defaults from.
 */

import { CHILD_FIELDS, EPISODE_FIELDS, UASC_FIELDS, readChildren, readEpisodes } from "../engine/episodes";
import { PLACEMENT_TYPE_OVERRIDE_FIELDS, readPlacementTypeOverrides } from "../engine/placementGroups";
import { SCENARIO_FIELDS } from "../engine/scenarios";
import { PresetContext } from "../engine/scenarioPresets";
import { ColumnMapping, FieldSpec, Table, TableError, resolveColumns } from "../engine/table";
import { UNIT_COST_FIELDS, UnitCostTable, readUnitCosts } from "../engine/unitCosts";
import { BUDGET_FIELDS } from "../engine/variance";
import { DEFAULT_SHEET_NAMES, REPORT_KEYS } from "../reports/common";
import { FoundInput, LoadedInput, findInputs, loadInput } from "../reports/inputs";
import { INPUT_KINDS, InputKind, ReportSettings, SETTINGS_SHEET } from "../reports/settings";
import { sameName } from "../workbook/addresses";
import type { TableInfo, TableSource, WorkbookPort } from "../workbook/port";

export const INPUT_FIELDS: Readonly<Record<InputKind, readonly FieldSpec[]>> = {
  Episodes: EPISODE_FIELDS,
  Children: CHILD_FIELDS,
  UASC: UASC_FIELDS,
  "Unit costs": UNIT_COST_FIELDS,
  Budget: BUDGET_FIELDS,
  Scenarios: SCENARIO_FIELDS,
  "Placement types": PLACEMENT_TYPE_OVERRIDE_FIELDS,
};

/** What each input is for, in a few words for the Data section. */
export const INPUT_PURPOSE: Readonly<Record<InputKind, string>> = {
  Episodes: "SSDA903 episodes: costs and forecast",
  Children: "SSDA903 header: ages and needs",
  UASC: "Unaccompanied asylum-seeking children",
  "Unit costs": "Weekly cost per placement type",
  Budget: "Budget lines: the variance report",
  Scenarios: "Planned changes: the savings",
  "Placement types": "Your own placement types",
};

export const REQUIRED_INPUTS: ReadonlySet<InputKind> = new Set<InputKind>(["Episodes", "Children"]);

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
  return location.label ?? (REQUIRED_INPUTS.has(location.kind) ? "Not found" : "Not found (optional)");
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

/** The sheets a refresh writes under these settings (never inputs), as the refresh names them. */
export function reportSheetNames(settings: ReportSettings): ReadonlySet<string> {
  return new Set([...REPORT_KEYS.map((k) => settings.sheetNames?.[k] || DEFAULT_SHEET_NAMES[k]), ...REPORT_KEYS.map((k) => DEFAULT_SHEET_NAMES[k]), SETTINGS_SHEET]);
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
  const fields = INPUT_FIELDS[kind];
  const optional = fields.map((f) => ({ ...f, required: false }));
  const columns = resolveColumns(headers, optional, mapping);
  return fields.map((field) => ({ field, header: columns[field.name] === undefined ? null : headers[columns[field.name]] }));
}

/** The message for a table that lacks required columns under a mapping, or null when it has them all. */
export function missingColumns(kind: InputKind, headers: readonly string[], mapping: ColumnMapping = {}): string | null {
  try {
    resolveColumns(headers, INPUT_FIELDS[kind], mapping);
    return null;
  } catch (error) {
    if (error instanceof TableError) return error.message;
    throw error;
  }
}

/** A loaded input's table, or an error saying where the input should come from. */
function tableOf(input: LoadedInput, required: boolean): Table | null {
  if (input.table !== null) return input.table;
  if (input.problem !== null) throw new TableError(`${input.kind} (${input.label}) could not be read: ${input.problem}`);
  if (required) {
    throw new TableError(
      `no ${input.kind} table was found: import the SSDA903 ${input.kind === "Episodes" ? "episodes" : "header"} file in the Data section, ` +
        `or name a table or sheet "${input.kind}"`,
    );
  }
  return null;
}

/**
 * Reads the inputs a scenario preset draws its defaults from (episodes, children, UASC, unit
 * costs and placement types), found as the refresh finds them. Throws a TableError when the
 * episodes cannot be read; rows the readers reject are left out, as in a refresh.
 */
export async function presetContextOf(
  port: WorkbookPort,
  settings: ReportSettings,
  found: Map<InputKind, FoundInput>,
  onStep?: (step: string) => void,
): Promise<PresetContext> {
  const load = async (kind: InputKind) => {
    onStep?.(`Reading ${kind}`);
    return loadInput(port, kind, found.get(kind), settings.mappings?.[kind]);
  };
  const mapping = (kind: InputKind) => settings.mappings?.[kind] ?? {};
  const episodesTable = tableOf(await load("Episodes"), true) as Table;
  const episodes = readEpisodes(episodesTable, mapping("Episodes")).records;
  const uasc = tableOf(await load("UASC"), false) ?? undefined;
  const childrenTable = tableOf(await load("Children"), false);
  const children = childrenTable ? readChildren(childrenTable, uasc, { ...mapping("UASC"), ...mapping("Children") }).records : [];
  const unitCostsTable = tableOf(await load("Unit costs"), false);
  const overridesTable = tableOf(await load("Placement types"), false);
  return {
    episodes,
    children,
    unitCosts: unitCostsTable ? new UnitCostTable(readUnitCosts(unitCostsTable, mapping("Unit costs")).records) : undefined,
    overrides: overridesTable ? readPlacementTypeOverrides(overridesTable, mapping("Placement types")).overrides : undefined,
  };
}
