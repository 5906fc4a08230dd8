/**
 * Savings at a click (docs/task-pane-scenarios.md): every row of the workbook's Scenarios table
 * valued as LAC Scenarios values it — weekly, full-year and in-year saving, with the financial
 * year named — without a refresh. The pane calls it when it opens, after it adds a preset, and
 * whenever the sheet holding the Scenarios table changes, so a row the user types or edits shows
 * its figures at once. It only reads: the Scenarios table may be the user's own.
 *
 * Each valuation re-reads the Scenarios table alone; the episodes, children and costs the rows are
 * valued against are read once and kept until `forget()` (after a refresh or an import).
 */

import { financialYearLabel } from "../engine/dates";
import { EngineInputs, runPipeline, sourcesOf } from "../engine/pipeline";
import { scenarioContextOf } from "../engine/run";
import { ScenarioEvaluation, evaluateScenarios } from "../engine/scenarios";
import { loadInput } from "../reports/inputs";
import { runOptionsOf } from "../reports/refresh";
import type { ReportSettings } from "../reports/settings";
import type { WorkbookPort } from "../workbook/port";
import { findPaneInputs, readValuationInputs } from "./inputs";

/** A row of the Scenarios table that could not be read, and why (as LAC Data Quality says it). */
export interface UnreadRow {
  row: number;
  reason: string;
}

export interface ScenarioFigures {
  /** Where the Scenarios table was read from, e.g. `table "Scenarios" on sheet "Scenarios"`. */
  where: string;
  /** The financial year being monitored: that of the data's last date; null without episodes. */
  monitoredYear: string | null;
  /** Each row read, in the table's order, valued (or with the reason it could not be). */
  rows: ScenarioEvaluation[];
  unread: UnreadRow[];
  /** Why the table could not be read at all; null when it was. */
  problem: string | null;
}

export class ScenarioValuer {
  private valuationInputs: Promise<EngineInputs> | null = null;

  constructor(
    private readonly port: WorkbookPort,
    private readonly settings: ReportSettings,
  ) {}

  /** Reads the inputs the rows are valued against again on the next valuation (the data may have changed). */
  forget(): void {
    this.valuationInputs = null;
  }

  /** Each row of the Scenarios table the next refresh reads, valued; null when the workbook has none. */
  async value(): Promise<ScenarioFigures | null> {
    const found = await findPaneInputs(this.port, this.settings);
    const target = found.get("Scenarios");
    if (!target) return null;
    const mappings = this.settings.mappings;
    const loaded = await loadInput(this.port, "Scenarios", target, mappings?.Scenarios);
    const where = target.label;
    if (loaded.table === null) return { where, monitoredYear: null, rows: [], unread: [], problem: loaded.problem ?? "it could not be read" };
    // The rows as the refresh's pipeline reads them, the Scenarios table alone.
    const read = runPipeline({ ...sourcesOf({}), Scenarios: loaded }, { mappings });
    const unread = read.issues.filter((i) => i.table === "Scenarios" && i.action === "rejected").map((i) => ({ row: i.row, reason: i.reason }));
    const status = read.counts.find((c) => c.table === "Scenarios")?.status ?? "";
    if (status.startsWith("Could not read")) return { where, monitoredYear: null, rows: [], unread, problem: status.replace(/^Could not read:?\s*/, "") };

    this.valuationInputs ??= readValuationInputs(this.port, this.settings, found).catch((error: unknown) => {
      this.valuationInputs = null;
      throw error;
    });
    const inputs = await this.valuationInputs;
    const rows = evaluateScenarios(read.scenarios ?? [], scenarioContextOf(inputs, runOptionsOf(this.settings)));
    return { where, monitoredYear: inputs.lastDate === null ? null : financialYearLabel(inputs.lastDate), rows, unread, problem: null };
  }
}
