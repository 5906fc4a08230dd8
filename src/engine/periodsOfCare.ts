/**
 * Episodes grouped by child, and each child's continuous periods of care, for the "time looked
 * after" summary. Built on typed arrays so that a million episodes are grouped without a
 * million small arrays, and sorted by date once.
 */

import { Day, addMonths } from "./dates";
import { childNumbers } from "./childNumbers";
import { Child, Episode } from "./episodes";

export const TIME_IN_CARE_BANDS = ["Under 6 months", "6 to 12 months", "1 to 2 years", "2 to 5 years", "5 years and over"] as const;

export type TimeInCareBand = (typeof TIME_IN_CARE_BANDS)[number];

/**
 * Upper bounds of the bands in calendar months after the period of care began, with the fewest
 * and most days those months can span from any start day (checked over a 400-year cycle in the
 * tests), so that only lengths within a few days of a bound need the calendar.
 */
export const BAND_LIMITS: readonly { months: number; fewestDays: number; mostDays: number }[] = [
  { months: 6, fewestDays: 181, mostDays: 184 },
  { months: 12, fewestDays: 365, mostDays: 366 },
  { months: 24, fewestDays: 730, mostDays: 731 },
  { months: 60, fewestDays: 1825, mostDays: 1827 },
];

/** Band index of a period of care from `start` up to (not including) `end`: calendar months, as people count them. */
export function timeInCareBandIndex(start: Day, end: Day): number {
  const days = end - start;
  for (let band = 0; band < BAND_LIMITS.length; band++) {
    const limit = BAND_LIMITS[band];
    if (days < limit.fewestDays) return band;
    if (days <= limit.mostDays && end < addMonths(start, limit.months)) return band;
  }
  return BAND_LIMITS.length;
}

export interface EpisodesByChild {
  /** Episode indices, child by child, each child's in order of start (then end, open last). */
  order: Int32Array;
  /** Child c's episodes are order[childStart[c] .. childStart[c + 1]). */
  childStart: Int32Array;
  /** Child c's CHILD id. */
  childIds: readonly string[];
}

const OPEN = Number.POSITIVE_INFINITY;

function compareByDate(episodes: readonly Episode[]) {
  return (a: number, b: number) => episodes[a].start - episodes[b].start || (episodes[a].end ?? OPEN) - (episodes[b].end ?? OPEN) || a - b;
}

/**
 * Groups episode indices by child, sorting within a child only when out of order. Child c is
 * the child numbered c (childNumbers.ts): children[c] for c below children.length, so that a
 * caller finds each child's record by position, then the children met only in the episodes.
 */
export function episodesByChild(episodes: readonly Episode[], children: readonly Child[] = []): EpisodesByChild {
  const count = episodes.length;
  const { ofEpisode: childOf, ids: childIds } = childNumbers(episodes, children);
  const childStart = new Int32Array(childIds.length + 1);
  for (let i = 0; i < count; i++) childStart[childOf[i] + 1] += 1;
  for (let c = 0; c < childIds.length; c++) childStart[c + 1] += childStart[c];
  const next = childStart.slice(0, childIds.length);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[next[childOf[i]]++] = i;

  const byDate = compareByDate(episodes);
  for (let c = 0; c < childIds.length; c++) {
    const from = childStart[c];
    const to = childStart[c + 1];
    for (let k = from + 1; k < to; k++) {
      if (byDate(order[k - 1], order[k]) > 0) {
        order.subarray(from, to).sort(byDate);
        break;
      }
    }
  }
  return { order, childStart, childIds };
}

/**
 * The time-in-care band of every episode (by episode index) that shares a day with the period:
 * the band of its continuous period of care, which runs while each next episode starts no later
 * than the care so far ends (next DECOM == previous DEC, or an overlap), measured from its first
 * DECOM to its last DEC, or to the period's end when it is open or ends later.
 * Episodes outside the period get band 0; they are never summarised.
 */
export function timeInCareBands(episodes: readonly Episode[], byChild: EpisodesByChild, period: { start: Day; end: Day }): Uint8Array {
  const bands = new Uint8Array(episodes.length);
  const { order, childStart } = byChild;
  const afterPeriod = period.end + 1;
  for (let c = 0; c + 1 < childStart.length; c++) {
    let k = childStart[c];
    const childEnd = childStart[c + 1];
    while (k < childEnd) {
      const runFrom = k;
      const careStart = episodes[order[k]].start;
      let careEnd = episodes[order[k]].end ?? OPEN;
      k += 1;
      while (k < childEnd && episodes[order[k]].start <= careEnd) {
        const end = episodes[order[k]].end ?? OPEN;
        if (end > careEnd) careEnd = end;
        k += 1;
      }
      if (careEnd <= period.start || careStart > period.end) continue;
      const band = timeInCareBandIndex(careStart, careEnd < afterPeriod ? careEnd : afterPeriod);
      for (let j = runFrom; j < k; j++) bands[order[j]] = band;
    }
  }
  return bands;
}
