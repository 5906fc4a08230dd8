/** Children coming into care: a daily rate per state, from the reference window (DESIGN.md §4, "Entries"). */

import { Day } from "../dates";
import { Spells } from "./cleaning";
import { RateAdjustment, statesNamed } from "./rates";
import { ForecastError } from "./errors";
import { CATEGORY_COUNT, STATE_COUNT } from "./states";

/**
 * What the entries are divided by: the open model divides by the days between the window's
 * ends (end − start); counting both ends (end − start + 1) gives the true daily rate.
 */
export type EntryDays = "between ends" | "both ends";

export function windowDays(referenceStart: Day, referenceEnd: Day, days: EntryDays): number {
  return referenceEnd - referenceStart + (days === "both ends" ? 1 : 0);
}

/** Spells that bring a child into care and start in the window (both ends included), per day. */
export function entryRates(spells: Spells, referenceStart: Day, referenceEnd: Day, days: EntryDays): Float64Array {
  const divisor = windowDays(referenceStart, referenceEnd, days);
  if (divisor < 1) throw new ForecastError("the reference window must be at least one day long (its end after its start)");
  const rates = new Float64Array(STATE_COUNT);
  for (let k = 0; k < spells.count; k++) {
    if (spells.entry[k] === 1 && spells.start[k] >= referenceStart && spells.start[k] <= referenceEnd) {
      rates[spells.band[k] * CATEGORY_COUNT + spells.category[k]] += 1;
    }
  }
  for (let s = 0; s < STATE_COUNT; s++) rates[s] /= divisor;
  return rates;
}

/** Applies entry adjustments (multiply, then add a daily number of children), never below 0. */
export function adjustEntries(rates: Float64Array, adjustments: readonly RateAdjustment[]): Float64Array {
  const adjusted = rates.slice();
  for (const adjustment of adjustments) {
    if (adjustment.kind !== "entry") continue;
    const multiply = adjustment.multiply ?? 1;
    const add = adjustment.add ?? 0;
    if (!Number.isFinite(multiply) || multiply < 0) throw new ForecastError(`an entry rate can only be multiplied by a number of 0 or more (got ${multiply})`);
    if (!Number.isFinite(add)) throw new ForecastError(`the entry rate added must be a number (got ${add})`);
    for (const state of statesNamed(adjustment.to, "the state entered", true)) {
      adjusted[state] = Math.max(0, adjusted[state] * multiply + add);
    }
  }
  return adjusted;
}
