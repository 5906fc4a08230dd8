/** Budget-versus-forecast variance by budget line (docs/method/variance.md). */

import { ColumnMapping, FieldSpec, Table, cellNumber, cellText, numberHint, resolveColumns } from "./table";
import { ReadResult, readRows } from "./quality";
import { RAG_DEFAULTS, percentPoints } from "./settings";

export interface BudgetLine {
  row: number;
  line: string;
  budget: number;
  actualToDate: number | null;
  /** Blank for a line whose forecast the engine supplies (the placements line). */
  forecastOutturn: number | null;
  lastMonthForecast: number | null;
}

/** A budget line with its forecast outturn, from the Budget table or the engine. */
export type ForecastBudgetLine = BudgetLine & { forecastOutturn: number };

export type Rag = "Red" | "Amber" | "Green";

/**
 * An overspend above `redPercent` of budget (or above `redAmount`, when set) is Red; above
 * `amberPercent` (or `amberAmount`) Amber; anything else, underspends included, Green.
 */
export interface RagThresholds {
  amberPercent: number;
  redPercent: number;
  amberAmount?: number;
  redAmount?: number;
}

/** The thresholds when none are set, as the settings define them (src/engine/settings.ts). */
export const DEFAULT_RAG_THRESHOLDS: RagThresholds = { amberPercent: percentPoints(RAG_DEFAULTS.amber), redPercent: percentPoints(RAG_DEFAULTS.red) };

export interface VarianceRow {
  line: string;
  budget: number;
  actualToDate: number | null;
  forecastOutturn: number;
  /** forecast − budget: positive is an overspend. */
  variance: number;
  /** variance ÷ budget × 100; null when the budget is zero. */
  variancePercent: number | null;
  /** forecast − last month's forecast; null when last month is unknown. */
  movement: number | null;
  rag: Rag;
}

export interface VarianceReport {
  rows: VarianceRow[];
  total: VarianceRow;
  thresholds: RagThresholds;
}

export const BUDGET_FIELDS: readonly FieldSpec[] = [
  { name: "LINE", label: "Budget line", required: true, synonyms: ["budget line", "service", "cost centre", "description", "line"] },
  { name: "BUDGET", label: "Budget", required: true, synonyms: ["annual budget", "budget", "revised budget", "current budget"] },
  { name: "ACTUAL", label: "Actual to date", required: false, synonyms: ["actual to date", "actuals", "spend to date", "ytd actual", "actual"] },
  { name: "FORECAST", label: "Forecast outturn", required: true, synonyms: ["forecast outturn", "forecast", "projected outturn", "outturn"] },
  { name: "LAST_FORECAST", label: "Last month's forecast", required: false, synonyms: ["last month's forecast", "last month forecast", "previous forecast", "prior forecast"] },
];

/** The largest amount a budget line may hold: a thousand times the largest council's yearly budget. */
export const MAX_BUDGET_AMOUNT = 1e12;

export function readBudget(table: Table, mapping: ColumnMapping = {}): ReadResult<BudgetLine> {
  const col = resolveColumns(table.headers, BUDGET_FIELDS, mapping);
  return readRows(table, "Budget", (cells, row) => {
    const amount = (field: string, required: boolean): number | null => {
      if (col[field] === undefined) return null;
      const value = cellNumber(cells[col[field]]);
      if (value === "invalid" || (value === null && required)) {
        row.reject(field, `${field}: "${cellText(cells[col[field]])}" is not an amount${numberHint(cells[col[field]])}`);
        return null;
      }
      // Far beyond any council's budget, and big enough (1e308) to overflow the totals into Infinity.
      if (value !== null && Math.abs(value) > MAX_BUDGET_AMOUNT) {
        row.reject(field, `${field}: "${cellText(cells[col[field]])}" is more than £1,000,000,000,000, which no budget line holds`);
        return null;
      }
      return value;
    };
    const line = cellText(cells[col.LINE]);
    if (line === "") row.reject("LINE", "the budget line has no name");
    const budget = amount("BUDGET", true);
    const forecastOutturn = amount("FORECAST", false);
    const actualToDate = amount("ACTUAL", false);
    const lastMonthForecast = amount("LAST_FORECAST", false);
    if (row.rejected || budget === null) return undefined;
    return { row: row.number, line, budget, actualToDate, forecastOutturn, lastMonthForecast };
  });
}

export function ragStatus(variance: number, budget: number, thresholds: RagThresholds = DEFAULT_RAG_THRESHOLDS): Rag {
  const percent = budget !== 0 ? (variance / Math.abs(budget)) * 100 : variance > 0 ? Infinity : 0;
  if (percent > thresholds.redPercent || (thresholds.redAmount !== undefined && variance > thresholds.redAmount)) return "Red";
  if (percent > thresholds.amberPercent || (thresholds.amberAmount !== undefined && variance > thresholds.amberAmount)) return "Amber";
  return "Green";
}

function varianceRow(
  line: string,
  budget: number,
  actualToDate: number | null,
  forecastOutturn: number,
  lastMonthForecast: number | null,
  thresholds: RagThresholds,
): VarianceRow {
  const variance = forecastOutturn - budget;
  return {
    line,
    budget,
    actualToDate,
    forecastOutturn,
    variance,
    variancePercent: budget !== 0 ? (variance / Math.abs(budget)) * 100 : null,
    movement: lastMonthForecast === null ? null : forecastOutturn - lastMonthForecast,
    rag: ragStatus(variance, budget, thresholds),
  };
}

function sumOrNull(values: readonly (number | null)[]): number | null {
  return values.some((v) => v !== null) ? values.reduce<number>((sum, v) => sum + (v ?? 0), 0) : null;
}

/**
 * Variance per line and in total. The total's movement counts only lines with a previous
 * forecast, so a new line does not show up as movement.
 */
export function budgetVariance(lines: readonly ForecastBudgetLine[], thresholds: RagThresholds = DEFAULT_RAG_THRESHOLDS): VarianceReport {
  const rows = lines.map((l) => varianceRow(l.line, l.budget, l.actualToDate, l.forecastOutturn, l.lastMonthForecast, thresholds));
  const budget = lines.reduce((sum, l) => sum + l.budget, 0);
  const forecast = lines.reduce((sum, l) => sum + l.forecastOutturn, 0);
  const total = varianceRow("Total", budget, sumOrNull(lines.map((l) => l.actualToDate)), forecast, null, thresholds);
  total.movement = sumOrNull(rows.map((r) => r.movement));
  return { rows, total, thresholds };
}

/** The placements line's forecast outturn when the engine supplies it: actual to date + projected cost to year end. */
export function placementsForecastOutturn(actualToDate: number, projectedCostToYearEnd: number): number {
  return actualToDate + projectedCostToYearEnd;
}
