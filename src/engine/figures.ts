/**
 * One definition per figure (docs/figures.md). Every sheet, the pane, the command line and
 * `npm start` print these, never their own sums, so one budget line shows one number wherever
 * it appears:
 *
 * - placements spend to date: the ledger's episodes costed from 1 April to the as-at day;
 * - committed cost to year end: the placements open on the as-at day, continued to 31 March;
 * - forecast cost to year end: the forecast's cost from the day after the as-at day to 31 March;
 * - forecast outturn = spend to date + forecast cost to year end;
 * - variance = forecast outturn − budget.
 */

import { CostOptions, costEpisodes } from "./costs";
import { Day, financialYearFirstDay, financialYearLabel, financialYearLastDay } from "./dates";
import type { Episode } from "./episodes";
import type { ForecastResult } from "./forecast";
import type { ReadResult, RowIssue } from "./quality";
import type { ScenarioEvaluation } from "./scenarios";
import { normaliseHeader } from "./table";
import { BudgetLine, ForecastBudgetLine, placementsForecastOutturn } from "./variance";

/** Which budget lines take their forecast outturn from the engine: "auto" (lines named like "Placements"), "none", or names. */
export type EngineLines = "auto" | "none" | readonly string[] | undefined;

export interface PlacementFigures {
  financialYear: string;
  yearStart: Day;
  yearEnd: Day;
  /** The last day "to date" covers: the forecast's start, else the data's last date. */
  asAt: Day;
  spendToDate: number;
  committedToYearEnd: number;
  /**
   * The forecast's cost from the day after the as-at day to 31 March, with the current placements
   * of children it cannot model (no date of birth) continued to 31 March, so that the outturn
   * covers the same children as the spend to date. Null when the forecast could not run or has no costs.
   */
  forecastToYearEnd: number | null;
  /** The part of forecastToYearEnd that is current placements of children the forecast cannot model, continued to 31 March. */
  unmodelledToYearEnd: number;
  forecastOutturn: number | null;
}

function totalCost(episodes: readonly Episode[], period: { start: Day; end: Day }, sources: CostOptions): number {
  if (period.end < period.start) return 0;
  return costEpisodes(episodes, period, sources).reduce((sum, c) => sum + c.cost, 0);
}

/**
 * The placements figures of the financial year of `asAt`. `modelled` holds the children the
 * forecast can model (those with a date of birth); without it every child is taken as modelled.
 */
export function placementFigures(
  episodes: readonly Episode[],
  sources: CostOptions,
  asAt: Day,
  forecast: ForecastResult | null,
  modelled?: ReadonlySet<string>,
): PlacementFigures {
  const yearStart = financialYearFirstDay(asAt);
  const yearEnd = financialYearLastDay(asAt);
  const spendToDate = totalCost(episodes, { start: yearStart, end: asAt }, sources);
  const open = episodes.filter((e) => e.start <= asAt && (e.end === null || e.end > asAt));
  const rest = { start: asAt + 1, end: yearEnd };
  const committedToYearEnd = totalCost(open, rest, sources);
  const unmodelledToYearEnd = modelled === undefined ? 0 : totalCost(open.filter((e) => !modelled.has(e.child)), rest, sources);
  const modelledForecast = forecastCostToYearEnd(forecast, asAt, yearEnd);
  const forecastToYearEnd = modelledForecast === null ? null : modelledForecast + unmodelledToYearEnd;
  return {
    financialYear: financialYearLabel(asAt),
    yearStart,
    yearEnd,
    asAt,
    spendToDate,
    committedToYearEnd,
    forecastToYearEnd,
    unmodelledToYearEnd,
    forecastOutturn: forecastToYearEnd === null ? null : placementsForecastOutturn(spendToDate, forecastToYearEnd),
  };
}

function forecastCostToYearEnd(forecast: ForecastResult | null, asAt: Day, yearEnd: Day): number | null {
  if (forecast === null || forecast.weeklyCosts === null || forecast.start !== asAt || forecast.end < yearEnd) return null;
  return forecast.costPerYear.filter((y) => y.to <= yearEnd).reduce((sum, y) => sum + y.cost, 0);
}

/** Why the engine cannot give a forecast outturn, in words for a note; null when it can. */
export function forecastOutturnUnavailable(forecast: ForecastResult | null, forecastError: string | null): string | null {
  if (forecast === null) return `the forecast could not run (${forecastError ?? "no episodes"})`;
  if (forecast.weeklyCosts === null) return "the forecast has no costs (no WEEKLY_COST, no Unit costs table and no national unit cost)";
  if (forecast.end < financialYearLastDay(forecast.start)) return "the forecast ends before 31 March";
  return null;
}

/** Budget lines whose forecast outturn the engine supplies, per the "Budget lines forecast by the engine" setting. */
function engineLineNames(lines: readonly BudgetLine[], setting: EngineLines): string[] {
  if (setting === "none") return [];
  if (setting === undefined || setting === "auto") return lines.filter((l) => /placement/i.test(l.line)).map((l) => l.line);
  const wanted = new Set(setting.map(normaliseHeader));
  return lines.filter((l) => wanted.has(normaliseHeader(l.line))).map((l) => l.line);
}

/** The Budget table as read, with the lines the engine forecasts (named once, for the check here and for every report). */
export interface BudgetRead extends ReadResult<BudgetLine> {
  engineForecastLines: string[];
}

/**
 * A budget line needs a forecast outturn unless the engine supplies it: a blank one on any other
 * line rejects the row, with the reason. No engine line is rejected, so the lines the engine
 * forecasts are the same before and after.
 */
export function budgetLinesWithForecasts(read: ReadResult<BudgetLine>, engineLines: EngineLines): BudgetRead {
  const engineForecastLines = engineLineNames(read.records, engineLines);
  const engine = new Set(engineForecastLines);
  const missing = read.records.filter((l) => l.forecastOutturn === null && !engine.has(l.line));
  if (missing.length === 0) return { ...read, engineForecastLines };
  const issues: RowIssue[] = missing.map((l) => ({
    table: "Budget",
    row: l.row,
    column: "FORECAST",
    action: "rejected",
    reason: `FORECAST is blank for "${l.line}": give its forecast outturn (the engine forecasts only the lines set in LAC Settings, by default those named like "Placements")`,
  }));
  return {
    records: read.records.filter((l) => !missing.includes(l)),
    issues: [...read.issues, ...issues].sort((a, b) => a.row - b.row),
    rowsIn: read.rowsIn,
    rowsRejected: read.rowsRejected + missing.length,
    engineForecastLines,
  };
}

/** A budget line forecast by the engine: its figures, and the Budget table's own actual beside the engine's. */
export interface EngineLineForecast {
  line: string;
  spendToDate: number;
  forecastToYearEnd: number;
  forecastOutturn: number;
  /** The Budget table's actual to date for the line, shown beside the engine's; null when blank. */
  budgetTableActual: number | null;
}

export interface BudgetWithEngine {
  lines: ForecastBudgetLine[];
  engine: EngineLineForecast[];
  /** Lines meant to take the engine's forecast that could not, and why. */
  notes: string[];
}

/**
 * The engine line takes the engine's figures: actual to date = placements spend to date, forecast
 * outturn = spend to date + forecast cost to year end. The engine forecasts all the placements in
 * the data, so it can supply one line only: with several, each would count every placement. Where
 * the engine cannot forecast, or several lines ask for it, a line with its own forecast keeps it
 * and says why; one without is left out and says why.
 */
export function budgetWithEngine(lines: readonly BudgetLine[], names: readonly string[], figures: PlacementFigures | null, unavailable: string | null): BudgetWithEngine {
  const wanted = new Set(names);
  const hasForecast = (line: BudgetLine): line is ForecastBudgetLine => line.forecastOutturn !== null;
  const engine: EngineLineForecast[] = [];
  const notes: string[] = [];
  if (names.length === 0) return { lines: lines.filter(hasForecast), engine, notes };
  const why =
    unavailable ??
    (names.length > 1
      ? `the engine's forecast covers every placement in the data, so it can be the outturn of one budget line only (name that line in LAC Settings, "Budget lines forecast by the engine")`
      : null);
  if (why !== null || figures === null || figures.forecastOutturn === null || figures.forecastToYearEnd === null) {
    const given = names.filter((name) => lines.some((l) => l.line === name && hasForecast(l)));
    const blank = names.filter((name) => !given.includes(name));
    if (given.length > 0) notes.push(`${given.join(", ")}: the Budget table's forecast outturn is used because ${why}.`);
    if (blank.length > 0) notes.push(`${blank.join(", ")}: left out, as the Budget table gives no forecast outturn and ${why}.`);
    return { lines: lines.filter(hasForecast), engine, notes };
  }
  const { spendToDate, forecastToYearEnd, forecastOutturn } = figures;
  const updated = lines.flatMap((line): ForecastBudgetLine[] => {
    if (!wanted.has(line.line)) return hasForecast(line) ? [line] : [];
    engine.push({ line: line.line, spendToDate, forecastToYearEnd, forecastOutturn, budgetTableActual: line.actualToDate });
    return [{ ...line, actualToDate: spendToDate, forecastOutturn }];
  });
  return { lines: updated, engine, notes };
}

export interface ScenarioTotals {
  fullYear: number;
  inYear: number;
  /** Scenarios that could be valued. */
  valued: number;
}

/** Sums over the scenarios that could be valued; null when there are none. */
export function scenarioTotals(evaluations: readonly ScenarioEvaluation[]): ScenarioTotals | null {
  const valued = evaluations.filter((e) => e.savings !== null);
  if (valued.length === 0) return null;
  return {
    fullYear: valued.reduce((sum, e) => sum + (e.savings?.fullYear ?? 0), 0),
    inYear: valued.reduce((sum, e) => sum + (e.savings?.inYear ?? 0), 0),
    valued: valued.length,
  };
}
