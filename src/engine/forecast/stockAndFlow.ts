/** Small forecasting helpers a spreadsheet user calls on their own numbers (LAC.SIMPLEFORECAST, LAC.TARGETDATE). */

import { ForecastError } from "./errors";

/**
 * The first of `dates` whose total reaches `target`, moving from the first total towards it:
 * up to the target when the first total is below it, down to it when above. Null if never.
 */
export function targetDate<T>(dates: readonly T[], totals: readonly number[], target: number): T | null {
  if (dates.length !== totals.length) throw new ForecastError(`there are ${dates.length} dates but ${totals.length} totals: give one total per date`);
  if (!Number.isFinite(target)) throw new ForecastError("the target must be a number");
  totals.forEach((total, i) => {
    if (!Number.isFinite(total)) throw new ForecastError(`total ${i + 1} is not a number`);
  });
  if (totals.length === 0) return null;
  const rising = totals[0] <= target;
  const index = totals.findIndex((total) => (rising ? total >= target : total <= target));
  return index < 0 ? null : dates[index];
}

/** The index of the first of `totals` (one a day) reaching the target from the first, or -1. */
export function firstReaching(totals: Float64Array, target: number): number {
  const rising = totals[0] <= target;
  for (let t = 0; t < totals.length; t++) if (rising ? totals[t] >= target : totals[t] <= target) return t;
  return -1;
}

/**
 * A one-line stock and flow: each month a share `exitRatePerMonth` of the children leave and
 * `entriesPerMonth` arrive, x(m+1) = x(m)·(1 − exitRate) + entries. The `months` values after the opening.
 */
export function simpleStockAndFlow(opening: number, entriesPerMonth: number, exitRatePerMonth: number, months: number): number[] {
  if (!Number.isFinite(opening) || opening < 0) throw new ForecastError("the opening number must be 0 or more");
  if (!Number.isFinite(entriesPerMonth) || entriesPerMonth < 0) throw new ForecastError("the entries per month must be 0 or more");
  if (!Number.isFinite(exitRatePerMonth) || exitRatePerMonth < 0 || exitRatePerMonth > 1) {
    throw new ForecastError("the exit rate per month must be between 0 and 1 (e.g. 0.03 for 3% a month)");
  }
  if (!Number.isInteger(months) || months < 1 || months > 1200) throw new ForecastError("the months must be a whole number from 1 to 1200");
  const values: number[] = [];
  let stock = opening;
  for (let m = 0; m < months; m++) {
    stock = stock * (1 - exitRatePerMonth) + entriesPerMonth;
    if (!Number.isFinite(stock)) throw new ForecastError("the numbers are too large to forecast");
    values.push(stock);
  }
  return values;
}
