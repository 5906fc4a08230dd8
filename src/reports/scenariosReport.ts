/**
 * LAC Scenarios: each planned change's weekly, full-year, in-year and next-year effect with
 * totals and a chart, then the details of each kind (placement moves, demand changes,
 * workforce), and any scenario that could not be valued with the reason.
 */

import { SETTINGS } from "../engine/settings";
import type { DemandChangeScenario, PlacementMoveScenario, ScenarioEvaluation, WorkforceScenario } from "../engine/scenarios";
import type { Block, SheetSpec } from "../workbook/spec";
import {
  DEFAULT_SHEET_NAMES,
  REPORT_TITLES,
  SheetOptions,
  TOTAL_LABEL,
  countColumn,
  currencyColumn,
  dateColumn,
  integerColumn,
  note,
  percentColumn,
  plural,
  pounds,
  textColumn,
} from "./common";

export const SCENARIO_TABLES = {
  summary: "LAC_Scenarios_Summary",
  moves: "LAC_Scenarios_Moves",
  demand: "LAC_Scenarios_Demand",
  workforce: "LAC_Scenarios_Workforce",
  notValued: "LAC_Scenarios_NotValued",
} as const;

export interface ScenariosReportOptions extends SheetOptions {
  /** Said instead of the tables when there is nothing to value (e.g. no Scenarios table in the workbook). */
  missingNote?: string;
  /** The weeks in a full year the savings were valued at (the Weeks per year setting); 52 unless given. */
  weeksPerYear?: number;
}

export function scenariosReport(evaluations: readonly ScenarioEvaluation[], options: ScenariosReportOptions = {}): SheetSpec {
  const sheet = (blocks: Block[]): SheetSpec => ({
    name: options.sheetName ?? DEFAULT_SHEET_NAMES.scenarios,
    title: REPORT_TITLES.scenarios,
    blocks,
  });
  if (evaluations.length === 0) {
    return sheet([note(options.missingNote ?? "The Scenarios table has no scenarios to value.", "warning")]);
  }
  const valued = evaluations.filter((e) => e.savings !== null);
  const fullYear = valued.reduce((sum, e) => sum + (e.savings?.fullYear ?? 0), 0);
  const inYear = valued.reduce((sum, e) => sum + (e.savings?.inYear ?? 0), 0);
  const blocks: Block[] = [
    note(
      `${plural(valued.length, "scenario")} valued: ${pounds(fullYear)} a full year, ${pounds(inYear)} in the years they take effect. ` +
        "Positive figures are savings.",
      "heading",
    ),
    note(
      `Full year = ${options.weeksPerYear ?? SETTINGS.weeksPerYear.default} weeks. In-year = the full year × the days from the effective date to 31 March ÷ the days in that financial year. ` +
        "Next-year effect = the saving in the following financial year − the in-year saving: what the next year's budget sees on top of this year's.",
    ),
  ];
  if (valued.length > 0) {
    blocks.push(
      {
        kind: "table",
        name: SCENARIO_TABLES.summary,
        title: "Savings by scenario",
        columns: [
          textColumn("Scenario", TOTAL_LABEL),
          textColumn("Kind"),
          dateColumn("Effective date"),
          textColumn("Financial year"),
          currencyColumn("Weekly saving", { total: true }),
          currencyColumn("Full-year saving", { total: true }),
          currencyColumn("In-year saving", { total: true }),
          currencyColumn("Next-year effect", { total: true }),
        ],
        rows: valued.map((e) => {
          const s = e.savings!;
          return [e.scenario.name, e.scenario.kind, e.scenario.effectiveDate, s.financialYear, s.weekly, s.fullYear, s.inYear, s.nextYear];
        }),
      },
      {
        kind: "chart",
        chart: {
          type: "column",
          title: "Full-year and in-year savings by scenario",
          table: SCENARIO_TABLES.summary,
          category: "Scenario",
          series: ["Full-year saving", "In-year saving"],
        },
      },
    );
  }

  const moves = valued.filter((e) => e.move !== undefined);
  if (moves.length > 0) {
    blocks.push({
      kind: "table",
      name: SCENARIO_TABLES.moves,
      title: "Placement moves",
      columns: [
        textColumn("Scenario", TOTAL_LABEL),
        textColumn("From"),
        textColumn("To"),
        integerColumn("Children", true),
        currencyColumn("Current weekly (all children)", { total: true }),
        currencyColumn("New weekly (all children)", { total: true }),
        currencyColumn("Weekly saving", { total: true }),
        integerColumn("Days in year"),
      ],
      rows: moves.map((e) => {
        const s = e.scenario as PlacementMoveScenario;
        const m = e.move!;
        return [s.name, s.from, s.to, m.children, m.currentWeeklyTotal, m.newWeeklyTotal, m.weeklySaving, m.daysInEffect];
      }),
    });
  }

  const demand = valued.filter((e) => e.demand !== undefined);
  if (demand.length > 0) {
    blocks.push(
      {
        kind: "table",
        name: SCENARIO_TABLES.demand,
        title: "Demand changes (run through the forecast)",
        columns: [
          textColumn("Scenario", TOTAL_LABEL),
          percentColumn("Entries change"),
          percentColumn("Reunification change"),
          percentColumn("Permanence change"),
          countColumn("In care after 12 months: baseline"),
          countColumn("In care after 12 months: scenario"),
          countColumn("Fewer children in care", true),
          currencyColumn("Saving in the following year", { total: true }),
        ],
        rows: demand.map((e) => {
          const s = e.scenario as DemandChangeScenario;
          const d = e.demand!;
          return [
            s.name,
            s.entriesChange,
            s.reunificationChange,
            s.permanenceChange,
            d.baselineChildren,
            d.scenarioChildren,
            d.baselineChildren - d.scenarioChildren,
            d.nextYearSaving,
          ];
        }),
      },
      note(
        "A demand change is applied to the forecast's rates (entries; exits to home; exits to adoption, special guardianship " +
          "and child arrangements) and valued as the cost difference from the forecast without it, over the days it is in effect.",
      ),
    );
  }

  const workforce = valued.filter((e) => e.workforce !== undefined);
  if (workforce.length > 0) {
    blocks.push({
      kind: "table",
      name: SCENARIO_TABLES.workforce,
      title: "Workforce changes",
      columns: [
        textColumn("Scenario", TOTAL_LABEL),
        { header: "FTE", kind: "number", decimals: 1, total: "sum" },
        currencyColumn("Current cost per FTE"),
        currencyColumn("New cost per FTE"),
        currencyColumn("Annual saving", { total: true }),
      ],
      rows: workforce.map((e) => {
        const s = e.scenario as WorkforceScenario;
        return [s.name, s.fte, s.currentCostPerFte, s.newCostPerFte, e.workforce!.annualSaving];
      }),
    });
  }

  const notValued = evaluations.filter((e) => e.savings === null);
  if (notValued.length > 0) {
    blocks.push({
      kind: "table",
      name: SCENARIO_TABLES.notValued,
      title: "Scenarios that could not be valued (not in the totals)",
      columns: [textColumn("Scenario"), textColumn("Kind"), integerColumn("Row"), textColumn("Reason")],
      rows: notValued.map((e) => [e.scenario.name, e.scenario.kind, e.scenario.row > 0 ? e.scenario.row : null, e.error]),
    });
  }
  return sheet(blocks);
}
