/**
 * A forecast held against what happened: the children in care each day as the data records
 * them, compared with a forecast made on a cut-off day over the reported days after it
 * (docs/method/forecast.md, "The model in detail"). The backtests and the window choice (window.ts) share it.
 */

import { PLACEMENT_CATEGORIES, PlacementCategory } from "../codes";
import { Day, formatIsoDate } from "../dates";
import { Child, Episode } from "../episodes";
import type { FanPercentile } from "./band";
import { EpisodeColumns, cleanEpisodes, episodeColumns } from "./cleaning";
import { ForecastError } from "./errors";
import type { ForecastMode, ForecastResult } from "./forecast";
import { CATEGORY_COUNT, IN_CARE_STATES, categoryOfState } from "./states";
import { DailyStock, dailyStock, stockOn } from "./stock";
import { ProjectedPoint, inCareTotal } from "./projection";

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

/** What happened: the children in care each day, as the data known on a day records them. */
export interface Actuals {
  /** By state, but only its sums over age bands (by placement category, and the total) hold: the spells counted are not cut at birthdays. */
  stock: DailyStock;
  /** The last DECOM or DEC the data holds: days after it are never compared. */
  lastDate: Day;
  /** 1 April of the year of the first recorded DEC (see Spells); null when no episode has ended. */
  firstReturnStart: Day | null;
  dataStart: Day;
  /** The episodes as cleaning reads them, for the backtests' own cleanings of the same data. */
  columns: EpisodeColumns;
}

/**
 * The whole data (or the data known on the cut-off day), cleaned the same way as the fit but
 * without the default mode's rule that children leave at 18, so that both modes are held against
 * the same truth.
 */
export function actualsOf(
  episodes: readonly Episode[],
  children: readonly Child[],
  dataStart: Day | undefined,
  cutoff?: Day,
  columns: EpisodeColumns = episodeColumns(episodes, children),
): Actuals {
  // Counted by placement category alone (compareWithActuals, totalErrors): the spells need no cutting at birthdays.
  const truth = cleanEpisodes(episodes, children, { leaveCareAt18: false, dataStart, cutoff, cutAtBirthdays: false }, columns).spells;
  return {
    stock: dailyStock(truth, truth.dataStart, truth.lastDate),
    lastDate: truth.lastDate,
    firstReturnStart: truth.firstReturnStart,
    dataStart: truth.dataStart,
    columns,
  };
}

/**
 * The reported days a forecast made on a cut-off day is held against, as indices into its days:
 * those after the cut-off that the actuals still cover. Throws when there is none.
 */
export function comparedDays(days: readonly Day[], cutoff: Day, actuals: Actuals): number[] {
  if (actuals.lastDate <= cutoff) {
    throw new ForecastError(`the data ends on ${formatIsoDate(actuals.lastDate)}: a backtest needs a cut-off before the data's last date`);
  }
  const compared: number[] = [];
  days.forEach((date, index) => {
    if (date > cutoff && date <= actuals.lastDate) compared.push(index);
  });
  if (compared.length === 0) throw new ForecastError(`no reported day after the cut-off ${formatIsoDate(cutoff)} falls inside the data`);
  return compared;
}

/** A forecast made on a cut-off day against what happened after it, on the reported days the actuals cover. */
export function compareWithActuals(fit: ForecastResult, cutoff: Day, actuals: Actuals): BacktestResult {
  const rows: BacktestRow[] = comparedDays(fit.months.map((month) => month.date), cutoff, actuals).map((index) => {
    const month = fit.months[index];
    const actualByCategory = byCategory(stockOn(actuals.stock, month.date));
    return {
      date: month.date,
      actual: PLACEMENT_CATEGORIES.reduce((sum, c) => sum + actualByCategory[c], 0),
      forecast: month.total,
      lower: month.lower,
      upper: month.upper,
      fan: month.fan,
      actualByCategory,
      forecastByCategory: byCategory(fit.points[index].population),
    };
  });

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

/**
 * |forecast − actual| ÷ actual of the children in care on each compared day with an actual above
 * 0, from the expected populations on the reported days: what the window choice scores.
 */
export function totalErrors(points: readonly Pick<ProjectedPoint, "date" | "population">[], cutoff: Day, actuals: Actuals): number[] {
  const compared = comparedDays(points.map((point) => point.date), cutoff, actuals).map((index) => points[index]);
  return percentageErrors(
    compared.map((point) => inCareTotal(stockOn(actuals.stock, point.date))),
    compared.map((point) => inCareTotal(point.population)),
  );
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

/** |forecast − actual| ÷ actual on each day with an actual above 0: the one definition of a day's error. */
export function percentageErrors(actual: readonly number[], forecast: readonly number[]): number[] {
  const errors: number[] = [];
  actual.forEach((a, i) => {
    if (a > 0) errors.push(Math.abs(forecast[i] - a) / a);
  });
  return errors;
}

/** Mean of |forecast − actual| ÷ actual over the days with an actual above 0; null when there is none. */
export function meanAbsolutePercentageError(actual: readonly number[], forecast: readonly number[]): number | null {
  const errors = percentageErrors(actual, forecast);
  let sum = 0;
  for (const error of errors) sum += error;
  return errors.length === 0 ? null : sum / errors.length;
}
