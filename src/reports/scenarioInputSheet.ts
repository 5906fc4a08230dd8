/**
 * A Scenarios input sheet the add-in can own: where the task pane puts the scenarios a budget
 * holder builds from the presets, since the add-in never writes into a user's own sheet. It is an
 * Excel table named "Scenarios" in the Scenarios table's own columns, so the user edits it like
 * any other table and every refresh reads it back (readScenarios gives the same scenarios).
 */

import { SCENARIO_HEADERS, Scenario, ScenarioHeader, scenarioRow } from "../engine/scenarios";
import type { Cell } from "../engine/table";
import type { ColumnKind, SheetSpec } from "../workbook/spec";
import { note } from "./common";

export const SCENARIO_INPUT_SHEET = "Scenarios";
export const SCENARIO_INPUT_TABLE = "Scenarios";

const KIND_OF: Partial<Record<ScenarioHeader, ColumnKind>> = {
  Children: "integer",
  "Current weekly cost": "currency",
  "New weekly cost": "currency",
  "Effective date": "date",
  "Entries change %": "percent",
  "Reunification change %": "percent",
  "Permanence change %": "percent",
  FTE: "number",
  "Current cost per FTE": "currency",
  "New cost per FTE": "currency",
};

export function scenarioInputSheet(scenarios: readonly Scenario[], sheetName = SCENARIO_INPUT_SHEET): SheetSpec {
  return {
    name: sheetName,
    title: "Scenarios (edit the figures, then Refresh report)",
    blocks: [
      note("Kind is Placement move, Demand change or Workforce; each kind uses its own columns and ignores the others."),
      {
        kind: "table",
        name: SCENARIO_INPUT_TABLE,
        columns: SCENARIO_HEADERS.map((header) => ({ header, kind: KIND_OF[header] ?? "text" })),
        rows: scenarios.map((scenario) => {
          const row = scenarioRow(scenario);
          // A date column of a sheet spec holds the engine's Day, not the serial a workbook cell holds.
          return SCENARIO_HEADERS.map((h): Cell => (h === "Effective date" ? scenario.effectiveDate : row[h]));
        }),
      },
    ],
  };
}
