/**
 * How far to trust a forecast: fit on the data as it stood on a cut-off day, project the months
 * after it, and compare with what the data says happened (DESIGN.md §4, "backtest").
 */

import { PLACEMENT_CATEGORIES, PlacementCategory } from "../codes";
import { Day, formatIsoDate } from "../dates";
import { Child, Episode } from "../episodes";
import { cleanEpisodes } from "./cleaning";
import { FanPercentile } from "./band";
import { ForecastError } from "./errors";
import { ForecastMode, ForecastOptions, ForecastResult, forecastFrom } from "./forecast";
import { CATEGORY_COUNT, IN_CARE_STATES, categoryOfState } from "./states";
import { dailyStock, stockOn } from "./stock";

export interface BacktestOptions extends ForecastOptions {
  /** The fit sees only what was known at the end of this day; the projection starts on it. */
  cutoff: Day;
  /** Months projected after the cut-off; 12 unless given. Only days the data covers are compared. */
  months?: number;
}

export interface BacktestRow {
  date: Day;
  actual: number;
  forecast: number;
  lower: number;
  upper: number;
  /** The forecast's percentiles (FAN_PERCENTILES). */
  fan: Record<FanPercentile, number>;
  actualByCategory: Record<PlacementCategory, number>;
  forecastByCategory: Record<PlacementCategory, number>;
}

export interface BacktestResult {
  mode: ForecastMode;
  cutoff: Day;
  referenceStart: Day;
  referenceEnd: Day;
  /** The reported days after the cut-off that the data still covers. */
  rows: BacktestRow[];
  /** Mean absolute percentage error of the monthly total, as a fraction (0.05 = 5%); null when nobody was in care on every compared day. */
  mapeTotal: number | null;
  /** The same per category; null where the category had nobody in care on every compared day. */
  mapeByCategory: Record<PlacementCategory, number | null>;
  /** Share of the compared days whose actual total lies inside the forecast's band. */
  bandCoverage: number;
  fit: ForecastResult;
}

export function runBacktest(episodes: readonly Episode[], children: readonly Child[], options: BacktestOptions): BacktestResult {
  const { cutoff } = options;
  if (!Number.isInteger(cutoff)) throw new ForecastError("the backtest needs a cut-off date");
  const fit = forecastFrom(
    episodes,
    children,
    { ...options, referenceEnd: options.referenceEnd ?? cutoff, start: cutoff, months: options.months ?? 12 },
    cutoff,
  );

  // What happened: the whole data, cleaned the same way, but without the default mode's rule
  // that children leave at 18, so that both modes are held against the same truth.
  const truth = cleanEpisodes(episodes, children, { leaveCareAt18: false, dataStart: options.dataStart }).spells;
  if (truth.lastDate <= cutoff) {
    throw new ForecastError(`the data ends on ${formatIsoDate(truth.lastDate)}: a backtest needs a cut-off before the data's last date`);
  }
  const stock = dailyStock(truth, truth.dataStart, truth.lastDate);

  const rows: BacktestRow[] = [];
  fit.months.forEach((month, index) => {
    if (month.date <= cutoff || month.date > truth.lastDate) return;
    const actualStates = stockOn(stock, month.date);
    const actualByCategory = byCategory(actualStates);
    const point = fit.points[index];
    rows.push({
      date: month.date,
      actual: PLACEMENT_CATEGORIES.reduce((sum, c) => sum + actualByCategory[c], 0),
      forecast: month.total,
      lower: month.lower,
      upper: month.upper,
      fan: month.fan,
      actualByCategory,
      forecastByCategory: byCategory(point.population),
    });
  });
  if (rows.length === 0) throw new ForecastError(`no reported day after the cut-off ${formatIsoDate(cutoff)} falls inside the data`);

  const mapeByCategory = Object.fromEntries(
    PLACEMENT_CATEGORIES.map((c) => [c, meanAbsolutePercentageError(rows.map((r) => r.actualByCategory[c]), rows.map((r) => r.forecastByCategory[c]))]),
  ) as Record<PlacementCategory, number | null>;
  return {
    mode: fit.mode,
    cutoff,
    referenceStart: fit.referenceStart,
    referenceEnd: fit.referenceEnd,
    rows,
    mapeTotal: meanAbsolutePercentageError(rows.map((r) => r.actual), rows.map((r) => r.forecast)),
    mapeByCategory,
    bandCoverage: rows.filter(insideBand).length / rows.length,
    fit,
  };
}

/** The one test of coverage: the actual total lies inside the band, ends included. */
export function insideBand(row: BacktestRow): boolean {
  return row.actual >= row.lower && row.actual <= row.upper;
}

/** The same for the 25th to 75th percentile, nominally half the months. */
export function insideMiddleHalf(row: BacktestRow): boolean {
  return row.actual >= row.fan[25] && row.actual <= row.fan[75];
}

function byCategory(population: Float64Array): Record<PlacementCategory, number> {
  const totals = new Float64Array(CATEGORY_COUNT);
  for (let s = 0; s < IN_CARE_STATES; s++) totals[categoryOfState(s)] += population[s];
  return Object.fromEntries(PLACEMENT_CATEGORIES.map((c, i) => [c, totals[i]])) as Record<PlacementCategory, number>;
}

/** Mean of |forecast − actual| ÷ actual over the days with an actual above 0; null when there is none. */
export function meanAbsolutePercentageError(actual: readonly number[], forecast: readonly number[]): number | null {
  let sum = 0;
  let n = 0;
  actual.forEach((a, i) => {
    if (a > 0) {
      sum += Math.abs(forecast[i] - a) / a;
      n += 1;
    }
  });
  return n === 0 ? null : sum / n;
}
