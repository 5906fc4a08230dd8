/**
 * A scenario preset added at the user's click. The engine draws the preset's defaults from the
 * workbook's data (presetScenario); the pane keeps the scenarios built this way on a sheet it
 * owns, "Scenarios", holding an Excel table named Scenarios that the user edits like any table.
 * Adding a preset reads that table back first — the user's edits included — and rebuilds the
 * sheet with the new row at the end, so nothing typed there is lost; a row that cannot be read
 * stops the add with its reason, rather than being dropped. (Columns the user adds to that
 * table are not kept: the sheet is the add-in's.)
 *
 * The add-in never writes into a sheet of the user's: when the workbook's Scenarios input is a
 * table of the user's own, the pane gives the row to add by hand instead. A sheet of the user's
 * that is called Scenarios but is not a Scenarios table is left alone, and the add-in's sheet
 * takes a free name beside it ("Scenarios (2)"); its table, named Scenarios, is what the refresh
 * then reads.
 */

import { runPipeline, sourcesOf } from "../engine/pipeline";
import { scenarioContextOf } from "../engine/run";
import { SCENARIO_FIELDS, Scenario, ScenarioSavings, evaluateScenarios, scenarioRow, scenarioRowCells } from "../engine/scenarios";
import { PresetName, presetScenario } from "../engine/scenarioPresets";
import { formatUkDate } from "../engine/dates";
import { Cell, Table, resolveColumns } from "../engine/table";
import { loadInput } from "../reports/inputs";
import { SCENARIO_INPUT_SHEET, scenarioInputSheet } from "../reports/scenarioInputSheet";
import { runOptionsOf } from "../reports/refresh";
import type { ReportSettings } from "../reports/settings";
import { layoutSheet } from "../workbook/layout";
import type { WorkbookPort } from "../workbook/port";
import { describeIssues } from "./csvImport";
import { findPaneInputs, infoOf, missingColumns, presetContextOf, readValuationInputs } from "./inputs";

export class ScenarioTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScenarioTableError";
  }
}

/** What every added preset carries: how its figures were chosen, and what it saves, valued at once. */
interface PresetOutcome {
  preset: PresetName;
  explanation: string[];
  /** The saving as LAC Scenarios will value it on the next refresh; null when it cannot be valued (see `error`). */
  savings: ScenarioSavings | null;
  error: string | null;
}

export type AddedPreset = PresetOutcome &
  (
  | {
      added: true;
      preset: PresetName;
      /** The owned sheet holding the Scenarios table, and the new row's number on it. */
      sheet: string;
      row: number;
      explanation: string[];
    }
  | {
      added: false;
      preset: PresetName;
      /** The user's own Scenarios table, which the add-in does not write into. */
      where: string;
      /** The row under that table's headers, to add by hand. */
      headers: string[];
      cells: string[];
    }
  );

/** A row's cells as the user would type them (the date as dd/mm/yyyy, changes as percentages). */
function typedCells(scenario: Scenario, headers: readonly string[], mapping: Readonly<Record<string, string>>): string[] {
  const row = scenarioRow(scenario);
  const cells: Cell[] = scenarioRowCells(row, headers, mapping);
  const columns = resolveColumns(headers, SCENARIO_FIELDS, mapping);
  const shown = new Map<number, string>();
  shown.set(columns["Effective date"], formatUkDate(scenario.effectiveDate));
  for (const header of ["Entries change %", "Reunification change %", "Permanence change %"] as const) {
    const value = row[header];
    if (columns[header] !== undefined && typeof value === "number") shown.set(columns[header], `${Math.round(value * 100)}%`);
  }
  return cells.map((cell, j) => shown.get(j) ?? (cell === null ? "" : String(cell)));
}

/** The scenarios on the pane's own sheet, refusing to go on when a row cannot be read (rebuilding the sheet would drop it). */
function readOwnScenarios(table: Table, mapping: Readonly<Record<string, string>>, sheet: string): Scenario[] {
  const inputs = runPipeline(sourcesOf({ Scenarios: table }), { mappings: { Scenarios: mapping } });
  const rejected = inputs.counts.find((c) => c.table === "Scenarios")?.rowsRejected ?? 0;
  if (rejected > 0) {
    const one = rejected === 1;
    throw new ScenarioTableError(
      `the Scenarios table on sheet "${sheet}" has ${rejected} row${one ? "" : "s"} that cannot be read ` +
        `(${describeIssues(inputs.issues.filter((i) => i.action === "rejected"), 2)}). Correct ${one ? "it" : "them"} there, then add the preset again`,
    );
  }
  return inputs.scenarios ?? [];
}

/**
 * Adds the preset to the pane's Scenarios sheet (made on first use), or, when the workbook's
 * Scenarios input is a table of the user's, returns the row for the user to add.
 */
export async function addPresetScenario(
  port: WorkbookPort,
  preset: PresetName,
  settings: ReportSettings,
  onStep?: (step: string) => void,
): Promise<AddedPreset> {
  const found = await findPaneInputs(port, settings);
  const inputs = await readValuationInputs(port, settings, found, onStep);
  const { scenario, explanation } = presetScenario(preset, presetContextOf(inputs));
  // Valued as the refresh values it (the same engine, data and settings), so the figure shown now is the one LAC Scenarios will show.
  const [valued] = evaluateScenarios([scenario], scenarioContextOf(inputs, runOptionsOf(settings)));
  const outcome: PresetOutcome = { preset, explanation, savings: valued.savings, error: valued.error };
  const mapping = settings.mappings?.Scenarios ?? {};
  const target = found.get("Scenarios");
  let existing: Scenario[] = [];
  let sheet: string | null = null;

  if (target) {
    const owned = new Set((await port.listSheets()).filter((s) => s.owned).map((s) => s.name));
    const info = infoOf(await port.listTables(), target.source);
    onStep?.("Reading Scenarios");
    const loaded = await loadInput(port, "Scenarios", target, mapping);
    if (loaded.table === null) {
      throw new ScenarioTableError(`the Scenarios input (${target.label}) could not be read: ${loaded.problem ?? "it is missing"}. Choose it again in the Data section`);
    }
    if (info !== null && owned.has(info.sheet)) {
      sheet = info.sheet;
      existing = readOwnScenarios(loaded.table, mapping, sheet);
    } else if (missingColumns("Scenarios", loaded.table.headers, mapping) === null) {
      return { ...outcome, added: false, where: target.label, headers: loaded.table.headers, cells: typedCells(scenario, loaded.table.headers, mapping) };
    }
  }
  sheet ??= await port.freeSheetName(SCENARIO_INPUT_SHEET);

  onStep?.(`Writing ${sheet}`);
  const spec = scenarioInputSheet([...existing, scenario], sheet);
  await port.writeSheet(spec);
  // The new row is the table's last: its bottom row, 0-based in the layout, 1-based on the sheet.
  const laid = layoutSheet(spec).tables[0];
  return { ...outcome, added: true, sheet, row: laid.rect.bottom + 1 };
}
