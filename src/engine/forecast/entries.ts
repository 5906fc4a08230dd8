/** Children coming into care: a daily rate per state, from the reference window (docs/method/forecast.md, "The model in detail"). */

import { Day } from "../dates";
import { Spells } from "./cleaning";
import { RateAdjustment, countBetween, statesNamed } from "./rates";
import { ForecastError } from "./errors";
import { CATEGORY_COUNT, IN_CARE_STATES, STATE_COUNT } from "./states";

/**
 * The days children came into care, per in-care state, ascending: the spells that bring a child
 * into care, filed once per cleaning so that any window's entries are counted by binary search.
 */
export type EntryHistory = Int32Array[];

export function entryHistory(spells: Spells): EntryHistory {
  const days: number[][] = Array.from({ length: IN_CARE_STATES }, () => []);
  for (let k = 0; k < spells.count; k++) {
    if (spells.entry[k] === 1) days[spells.band[k] * CATEGORY_COUNT + spells.category[k]].push(spells.start[k]);
  }
  return days.map((list) => Int32Array.from(list).sort());
}

/**
 * Spells that bring a child into care and start in the window, per day of the window, both ends
 * counted (end − start + 1 days, as the open model divides them).
 */
export function entryRates(history: EntryHistory, referenceStart: Day, referenceEnd: Day): Float64Array {
  const divisor = referenceEnd - referenceStart + 1;
  if (divisor < 1) throw new ForecastError("the reference window must be at least one day long (its end on or after its start)");
  const rates = new Float64Array(STATE_COUNT);
  history.forEach((days, state) => (rates[state] = countBetween(days, referenceStart, referenceEnd) / divisor));
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
