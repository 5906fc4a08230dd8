/**
 * How often the band held what happened: the backtest (backtest.ts) run from every quarter end
 * the data allows, each compared over the months after it that the data covers (docs/method/forecast-band.md).
 */

import { Day, addMonths, dayFromYmd, ymdOfDay } from "../dates";
import { Child, Episode } from "../episodes";
import { actualsOf } from "./actuals";
import { BacktestResult, backtestFrom, insideBand, insideMiddleHalf } from "./backtest";
import { ForecastError } from "./errors";
import { ForecastOptions, ForecastResult } from "./forecast";

/** Months compared after each cut-off (fewer where the data ends sooner). */
export const COVERAGE_HORIZON_MONTHS = 12;

export interface BandCoverage {
  /** The band's level (e.g. 0.95) and the share of compared months whose actual total lay inside it. */
  level: number;
  coverage: number;
  /** The same for the 25th to 75th percentile (nominally 50%). */
  innerCoverage: number;
  cutoffs: Day[];
  /** Months compared over all cut-offs. */
  months: number;
}

/**
 * Quarter ends from three months after the first return's start (before it the data holds no
 * exits, only the children still in care at that return) to a month before the data's last
 * date: each leaves at least a quarter of a return to measure rates on and a month to compare.
 */
export function coverageCutoffs(firstReturnStart: Day, lastDate: Day): Day[] {
  const cutoffs: Day[] = [];
  const { year, month } = ymdOfDay(addMonths(firstReturnStart, 3));
  // The last day of the quarter the first cut-off falls in: the day before the next quarter's 1st.
  let quarterEnd = dayFromYmd(year, month - ((month - 1) % 3), 1);
  for (quarterEnd = addMonths(quarterEnd, 3) - 1; addMonths(quarterEnd, 1) <= lastDate; quarterEnd = addMonths(quarterEnd + 1, 3) - 1) {
    cutoffs.push(quarterEnd);
  }
  return cutoffs;
}

/** The backtests from every cut-off coverageCutoffs gives for the forecast's data; null when there is none. */
export function backtestedCoverage(episodes: readonly Episode[], children: readonly Child[], forecast: ForecastResult, options: ForecastOptions): BandCoverage | null {
  // What happened is worked out once and shared by every cut-off's backtest.
  const actuals = actualsOf(episodes, children, options.dataStart);
  if (actuals.firstReturnStart === null) return null;
  const cutoffs = coverageCutoffs(actuals.firstReturnStart, forecast.lastDate);
  const results: BacktestResult[] = [];
  for (const cutoff of cutoffs) {
    // A cut-off can leave too little data for a fit (no day with a previous day's stock, say): it is not counted.
    try {
      results.push(
        backtestFrom(
          episodes,
          children,
          { ...options, referenceStart: undefined, referenceEnd: undefined, start: undefined, target: undefined, cutoff, months: COVERAGE_HORIZON_MONTHS },
          actuals,
        ),
      );
    } catch (error) {
      if (error instanceof ForecastError) continue;
      throw error;
    }
  }
  const rows = results.flatMap((r) => r.rows);
  if (rows.length === 0) return null;
  return {
    level: forecast.options.bandLevel,
    coverage: rows.filter(insideBand).length / rows.length,
    innerCoverage: rows.filter(insideMiddleHalf).length / rows.length,
    cutoffs: results.map((r) => r.cutoff),
    months: rows.length,
  };
}
