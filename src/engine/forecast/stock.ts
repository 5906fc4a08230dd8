/** Children in each in-care state on each day: a spell counts on the days DECOM ≤ d < DEC. */

import { Day } from "../dates";
import { OPEN, Spells } from "./cleaning";
import { CATEGORY_COUNT, IN_CARE_STATES } from "./states";

export interface DailyStock {
  firstDay: Day;
  lastDay: Day;
  /** The stock of state s on day d is values[(d − firstDay) × IN_CARE_STATES + s]. */
  values: Float64Array;
  /**
   * Running totals from firstDay: childDays[(d − firstDay + 1) × IN_CARE_STATES + s] is state s's
   * stock summed over firstDay … d, and occupiedDays the days it held anyone, so that a window's
   * sums are two reads (stockSums) however many windows are measured.
   */
  childDays: Float64Array;
  occupiedDays: Float64Array;
}

/** Built from +1 at each start and −1 at each end, then summed along the days: O(spells + days × states). */
export function dailyStock(spells: Spells, firstDay: Day, lastDay: Day): DailyStock {
  const days = lastDay - firstDay + 1;
  const values = new Float64Array(Math.max(days, 0) * IN_CARE_STATES);
  for (let k = 0; k < spells.count; k++) {
    const start = spells.start[k];
    const end = spells.end[k];
    if (start > lastDay || (end !== OPEN && end <= Math.max(start, firstDay))) continue;
    const state = spells.band[k] * CATEGORY_COUNT + spells.category[k];
    values[(Math.max(start, firstDay) - firstDay) * IN_CARE_STATES + state] += 1;
    if (end !== OPEN && end <= lastDay) values[(end - firstDay) * IN_CARE_STATES + state] -= 1;
  }
  const childDays = new Float64Array((Math.max(days, 0) + 1) * IN_CARE_STATES);
  const occupiedDays = new Float64Array(childDays.length);
  // A day at a time in a small function, with the day's stock and its running totals in one pass:
  // the first forecast of a process ran faster so (docs/benchmarks.md, "Start-up, sixth pass").
  for (let d = 0; d < days; d++) addDay(values, childDays, occupiedDays, d);
  return { firstDay, lastDay, values, childDays, occupiedDays };
}

/** Day d (from firstDay): its stock, its changes added to the day before's stock, then the running totals to its end. */
function addDay(values: Float64Array, childDays: Float64Array, occupiedDays: Float64Array, d: number): void {
  const row = d * IN_CARE_STATES;
  if (d > 0) {
    for (let s = 0; s < IN_CARE_STATES; s++) values[row + s] += values[row - IN_CARE_STATES + s];
  }
  for (let s = 0; s < IN_CARE_STATES; s++) {
    childDays[row + IN_CARE_STATES + s] = childDays[row + s] + values[row + s];
    occupiedDays[row + IN_CARE_STATES + s] = occupiedDays[row + s] + (values[row + s] > 0 ? 1 : 0);
  }
}

/** Each state's stock summed over the days first … last (all within the stock's days), and the days it held anyone, by state. */
export function stockSums(stock: DailyStock, first: Day, last: Day): { childDays: Float64Array; occupiedDays: Float64Array } {
  const childDays = new Float64Array(IN_CARE_STATES);
  const occupiedDays = new Float64Array(IN_CARE_STATES);
  if (last < first) return { childDays, occupiedDays };
  const from = (first - stock.firstDay) * IN_CARE_STATES;
  const to = (last - stock.firstDay + 1) * IN_CARE_STATES;
  for (let s = 0; s < IN_CARE_STATES; s++) {
    childDays[s] = stock.childDays[to + s] - stock.childDays[from + s];
    occupiedDays[s] = stock.occupiedDays[to + s] - stock.occupiedDays[from + s];
  }
  return { childDays, occupiedDays };
}

/** The stock on a day, taken from the nearest day the table holds (as the open model's stock_at does). */
export function stockOn(stock: DailyStock, day: Day): Float64Array {
  const clamped = Math.min(Math.max(day, stock.firstDay), stock.lastDay);
  const row = (clamped - stock.firstDay) * IN_CARE_STATES;
  return stock.values.slice(row, row + IN_CARE_STATES);
}
