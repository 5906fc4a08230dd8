/**
 * How far to trust a forecast: fit on the data as it stood on a cut-off day, project the months
 * after it, and compare with what the data says happened (docs/method/forecast.md, "The model in detail"); and
 * the same from every cut-off the data allows, rolling the origin forward (docs/method/forecast-window.md).
 */

import { PlacementCategory } from "../codes";
import { Day, addMonths } from "../dates";
import { Child, Episode } from "../episodes";
import { Actuals, BacktestResult, actualsOf, compareWithActuals, percentageErrors } from "./actuals";
import { ForecastError } from "./errors";
import { ForecastMode, ForecastOptions } from "./forecast";
import { ErrorTally, forecastWithWindow } from "./window";

export type { BacktestResult, BacktestRow } from "./actuals";
export { insideBand, insideMiddleHalf, meanAbsolutePercentageError } from "./actuals";

export interface BacktestOptions extends ForecastOptions {
  /** The fit sees only what was known at the end of this day; the projection starts on it. */
  cutoff: Day;
  /** Months projected after the cut-off; 12 unless given. Only days the data covers are compared. */
  months?: number;
}

export function runBacktest(episodes: readonly Episode[], children: readonly Child[], options: BacktestOptions): BacktestResult {
  const { cutoff } = options;
  if (!Number.isInteger(cutoff)) throw new ForecastError("the backtest needs a cut-off date");
  return backtestFrom(episodes, children, options, actualsOf(episodes, children, options.dataStart));
}

/** runBacktest against actuals worked out once, for callers that backtest from many cut-offs. */
export function backtestFrom(episodes: readonly Episode[], children: readonly Child[], options: BacktestOptions, actuals: Actuals): BacktestResult {
  const { cutoff } = options;
  const fit = forecastWithWindow(
    episodes,
    children,
    { ...options, referenceEnd: options.referenceEnd ?? cutoff, start: cutoff, months: options.months ?? 12 },
    cutoff,
    actuals.columns,
  );
  return compareWithActuals(fit, cutoff, actuals);
}

export interface RollingBacktestOptions extends ForecastOptions {
  modes: readonly ForecastMode[];
  /** Months projected after each cut-off; 12 unless given. */
  months?: number;
  /** Months between cut-offs; 3 unless given. */
  stepMonths?: number;
  /** The cut-offs; every stepMonths the data allows unless given (rollingCutoffs). */
  cutoffs?: readonly Day[];
}

export interface RollingBacktestRow {
  cutoff: Day;
  mode: ForecastMode;
  /** The window the fit used: a candidate's label where the default mode chose it, else its length. */
  window: string;
  /** Whole months from the first day rates were measured to the cut-off. */
  windowMonths: number;
  horizonMonths: number;
  /** Reported days compared (the data may end before the horizon). */
  monthsCompared: number;
  mapeTotal: number | null;
  mapeByCategory: Record<PlacementCategory, number | null>;
  /** Share of the compared days whose actual total lies inside the forecast's band. */
  coverage: number;
}

export interface RollingBacktestSummary {
  mode: ForecastMode;
  cutoffs: number;
  monthsCompared: number;
  /** Mean absolute percentage error of the monthly total, pooled over every month compared from every cut-off. */
  meanError: number | null;
  /** Share of all the months compared whose actual total lies inside the band. */
  coverage: number;
  /** How often each window was used, in the order first used. */
  windows: Map<string, number>;
}

export interface RollingBacktest {
  rows: RollingBacktestRow[];
  summaries: RollingBacktestSummary[];
  /** Cut-offs left out because some mode could not be fitted there, with the reason, so that every mode is scored on the same cut-offs. */
  skipped: { cutoff: Day; reason: string }[];
}

/** Backtests from every cut-off in every mode, each cut-off in all modes or none. */
export function rollingBacktest(episodes: readonly Episode[], children: readonly Child[], options: RollingBacktestOptions): RollingBacktest {
  const actuals = actualsOf(episodes, children, options.dataStart);
  const months = options.months ?? 12;
  const cutoffs = options.cutoffs ?? rollingCutoffs(actuals, options.stepMonths ?? 3);
  const rows: RollingBacktestRow[] = [];
  const errors = new Map<RollingBacktestRow, number[]>();
  const skipped: RollingBacktest["skipped"] = [];
  for (const cutoff of cutoffs) {
    let results: BacktestResult[];
    try {
      results = options.modes.map((mode) => backtestFrom(episodes, children, { ...options, mode, cutoff, months }, actuals));
    } catch (error) {
      if (!(error instanceof ForecastError)) throw error;
      skipped.push({ cutoff, reason: error.message });
      continue;
    }
    for (const result of results) {
      const { fit } = result;
      const windowMonths = Math.round((cutoff - fit.options.measuredFrom) / (365.25 / 12));
      const row: RollingBacktestRow = {
        cutoff,
        mode: fit.mode,
        window: fit.windowChoice?.chosen.label ?? `${windowMonths} months`,
        windowMonths,
        horizonMonths: months,
        monthsCompared: result.rows.length,
        mapeTotal: result.mapeTotal,
        mapeByCategory: result.mapeByCategory,
        coverage: result.bandCoverage,
      };
      rows.push(row);
      errors.set(row, percentageErrors(result.rows.map((r) => r.actual), result.rows.map((r) => r.forecast)));
    }
  }
  if (rows.length === 0) {
    throw new ForecastError(
      "the data is too short for a backtest: no cut-off has data to fit on before it and a month after it" + (skipped.length > 0 ? ` (${skipped[0].reason})` : ""),
    );
  }
  const summaries = options.modes.map((mode) => {
    const own = rows.filter((r) => r.mode === mode);
    const tally = new ErrorTally();
    const windows = new Map<string, number>();
    for (const row of own) {
      tally.add(errors.get(row) ?? []);
      windows.set(row.window, (windows.get(row.window) ?? 0) + 1);
    }
    const monthsCompared = own.reduce((sum, r) => sum + r.monthsCompared, 0);
    const inside = own.reduce((sum, r) => sum + r.coverage * r.monthsCompared, 0);
    return { mode, cutoffs: own.length, monthsCompared, meanError: tally.mean(), coverage: inside / monthsCompared, windows };
  });
  return { rows, summaries, skipped };
}

/**
 * Every cut-off the data allows: month ends every stepMonths from the first return's start (so
 * each fit has that much data behind it), up to the last that leaves a month to compare.
 */
export function rollingCutoffs(actuals: Actuals, stepMonths: number): Day[] {
  if (!Number.isInteger(stepMonths) || stepMonths < 1 || stepMonths > 120) throw new ForecastError(`the step must be a whole number of months from 1 to 120 (got ${stepMonths})`);
  const first = actuals.firstReturnStart ?? actuals.dataStart;
  const cutoffs: Day[] = [];
  for (let k = 1; ; k++) {
    const cutoff = addMonths(first, stepMonths * k) - 1;
    if (addMonths(cutoff + 1, 1) > actuals.lastDate + 1) return cutoffs;
    cutoffs.push(cutoff);
  }
}
