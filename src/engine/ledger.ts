/**
 * The episode ledger: the placement episodes of one or several stacked SSDA903 returns,
 * combined once into one history per child, before anything is costed, forecast or counted
 * (docs/pipeline.md). The same episode appears in each year's return, open in one
 * and closed in the next; the open model's rules make one episode of it:
 *
 * 1. two episodes of a child starting the same day: keep the one with the latest DEC (a blank
 *    DEC losing, as the open model sorts it first);
 * 2. two episodes of a child ending the same day (or both open): keep the earlier start;
 * 3. an episode still open, or running past the child's next DECOM, ends on that DECOM.
 *
 * Every rule records the rows it touched. The forecast's cleaning runs the same three passes
 * (forecast/cleaning.ts calls these functions), so a ledger handed to it is left as it is.
 * Each episode keeps its own PLACE, provider and WEEKLY_COST: whatever the forecast merges for
 * its states, costs follow the placement in force on each day.
 */

import { ChildNumbers, numberChildren, rememberChildNumbers, renumberSelection } from "./childNumbers";
import type { Day } from "./dates";
import { type Child, type Episode, laterOf, lastDayRecorded } from "./episodes";

/** The end of an open episode in the typed-array passes. It sorts before every date, as the open model sorts a blank DEC first. */
export const OPEN = -2_147_483_648;

export interface CleaningRule {
  rule: string;
  rowsTouched: number;
  description: string;
}

/** A rule of the ledger, with the source rows (as the user sees them) it touched. */
export interface LedgerRule extends CleaningRule {
  rows: number[];
}

/** The three rules that combine stacked returns: one name and description each, wherever they are counted. */
export const RETURN_RULES = {
  duplicateStart: {
    rule: "duplicate (CHILD, DECOM)",
    description: "episodes of a child starting on the same day as another (the same episode in several returns); the one with the latest DEC is kept",
  },
  duplicateEnd: {
    rule: "duplicate (CHILD, DEC)",
    description: "episodes of a child ending on the same day as another (or both open); the earlier start is kept",
  },
  endedAtNextStart: {
    rule: "ended at next DECOM",
    description: "open episodes, or episodes running past the child's next DECOM, ended on that DECOM",
  },
} as const;

export interface EpisodeLedger {
  /** The combined episodes, grouped by child (in order of first appearance) and sorted by start; frozen, as their child numbers are remembered (childNumbers.ts). */
  episodes: readonly Episode[];
  /** One row per child (the pipeline keeps each child's latest return); frozen likewise. */
  children: readonly Child[];
  rules: LedgerRule[];
  /** The latest DECOM or DEC of the combined episodes (dataLastDate of `episodes`); null without episodes. */
  lastDate: Day | null;
}

/** Called with the index of each episode a pass drops or changes. */
type Touched = (index: number) => void;

/** The indices grouped by child id in increasing id, in their given order within each child (a counting sort). */
export function groupByChild(indices: Int32Array, child: Int32Array, childCount: number): Int32Array {
  const offsets = new Int32Array(childCount + 1);
  for (let p = 0; p < indices.length; p++) offsets[child[indices[p]] + 1] += 1;
  for (let c = 0; c < childCount; c++) offsets[c + 1] += offsets[c];
  const grouped = new Int32Array(indices.length);
  for (let p = 0; p < indices.length; p++) grouped[offsets[child[indices[p]]]++] = indices[p];
  return grouped;
}

/**
 * Sorts each child's run of indices by start, then end (open first), keeping ties in their
 * order, as the open model's sort does. A child has a handful of episodes, so an insertion sort
 * per run costs next to nothing; returns whether anything moved.
 */
export function sortWithinChildren(order: Int32Array, child: Int32Array, start: Int32Array, end: Int32Array): boolean {
  const after = (a: number, b: number) => start[a] > start[b] || (start[a] === start[b] && end[a] > end[b]);
  let moved = false;
  for (let runStart = 0; runStart < order.length; ) {
    let runEnd = runStart + 1;
    while (runEnd < order.length && child[order[runEnd]] === child[order[runStart]]) runEnd += 1;
    if (runEnd - runStart > 64) {
      const run = Array.from(order.subarray(runStart, runEnd));
      run.sort((a, b) => start[a] - start[b] || end[a] - end[b]);
      for (let p = runStart; p < runEnd; p++) {
        if (order[p] !== run[p - runStart]) moved = true;
        order[p] = run[p - runStart];
      }
    } else {
      for (let p = runStart + 1; p < runEnd; p++) {
        const value = order[p];
        let q = p - 1;
        while (q >= runStart && after(order[q], value)) {
          order[q + 1] = order[q];
          q -= 1;
        }
        if (q !== p - 1) moved = true;
        order[q + 1] = value;
      }
    }
    runStart = runEnd;
  }
  return moved;
}

/** Rule 1 over rows sorted by child, start and end: returns how many rows are kept (compacted to the front). */
export function dropDuplicateStarts(rows: Int32Array, count: number, child: Int32Array, start: Int32Array, dropped?: Touched): number {
  let kept = 0;
  for (let p = 0; p < count; p++) {
    const i = rows[p];
    const j = p + 1 < count ? rows[p + 1] : -1;
    if (j >= 0 && child[j] === child[i] && start[j] === start[i]) {
      dropped?.(i);
      continue;
    }
    rows[kept++] = i;
  }
  return kept;
}

/** Rule 2 over rows sorted by child, start and end: returns how many rows are kept. */
export function dropDuplicateEnds(rows: Int32Array, count: number, child: Int32Array, end: Int32Array, dropped?: Touched): number {
  let kept = 0;
  let runStart = 0;
  for (let p = 0; p < count; p++) {
    const i = rows[p];
    if (kept === 0 || child[rows[kept - 1]] !== child[i]) runStart = kept;
    let duplicate = false;
    for (let q = runStart; q < kept && !duplicate; q++) duplicate = end[rows[q]] === end[i];
    if (duplicate) dropped?.(i);
    else rows[kept++] = i;
  }
  return kept;
}

/** Rule 3 over rows sorted by child, start and end: changes `end` in place; returns how many episodes it ended. */
export function endAtNextStart(rows: Int32Array, count: number, child: Int32Array, start: Int32Array, end: Int32Array, ended?: Touched): number {
  let changed = 0;
  for (let p = 0; p + 1 < count; p++) {
    const i = rows[p];
    const j = rows[p + 1];
    if (child[i] === child[j] && (end[i] === OPEN || end[i] > start[j])) {
      end[i] = start[j];
      ended?.(i);
      changed += 1;
    }
  }
  return changed;
}

/**
 * Combines the episodes of stacked returns into the ledger. Episodes of children missing from
 * `children` stay in the ledger (they can still be costed, under an unknown age). `given` are
 * the episodes' child numbers (childNumbers.ts) against `children` or a table `children` keeps
 * some records of (worked out afresh when not given or not the episodes'); the ledger's own are
 * worked out from them and remembered for its arrays, which are frozen.
 */
export function buildEpisodeLedger(episodes: readonly Episode[], children: readonly Child[], given?: ChildNumbers): EpisodeLedger {
  const n = episodes.length;
  const numbers = given !== undefined && given.ofEpisode.length === n ? given : numberChildren(episodes, children);
  // The ledger lists children in order of first appearance, whatever their numbers.
  const firstAppearance = new Int32Array(numbers.ids.length).fill(-1);
  let childCount = 0;
  const child = new Int32Array(n);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const number = numbers.ofEpisode[i];
    if (firstAppearance[number] < 0) firstAppearance[number] = childCount++;
    child[i] = firstAppearance[number];
    start[i] = episodes[i].start;
    end[i] = episodes[i].end ?? OPEN;
  }
  let rows: Int32Array = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  rows = groupByChild(rows, child, childCount);
  sortWithinChildren(rows, child, start, end);

  const touched = (definition: CleaningRule | (typeof RETURN_RULES)[keyof typeof RETURN_RULES]): { rule: LedgerRule; touch: Touched } => {
    const rule: LedgerRule = { rule: definition.rule, description: definition.description, rowsTouched: 0, rows: [] };
    return {
      rule,
      touch: (i) => {
        rule.rowsTouched += 1;
        rule.rows.push(episodes[i].row);
      },
    };
  };
  const starts = touched(RETURN_RULES.duplicateStart);
  let count = dropDuplicateStarts(rows, n, child, start, starts.touch);
  const ends = touched(RETURN_RULES.duplicateEnd);
  count = dropDuplicateEnds(rows, count, child, end, ends.touch);
  const next = touched(RETURN_RULES.endedAtNextStart);
  endAtNextStart(rows, count, child, start, end, next.touch);

  const combined: Episode[] = new Array(count);
  let lastDate: Day | null = null;
  for (let p = 0; p < count; p++) {
    const i = rows[p];
    const episode = episodes[i];
    const cleanedEnd = end[i] === OPEN ? null : end[i];
    combined[p] = cleanedEnd === episode.end ? episode : { ...episode, end: cleanedEnd, recordedEnd: episode.end };
    lastDate = laterOf(lastDate, lastDayRecorded(start[i], cleanedEnd));
  }
  for (const rule of [starts.rule, ends.rule, next.rule]) rule.rows.sort((a, b) => a - b);
  const ledgerEpisodes = Object.freeze(combined);
  const ledgerChildren = Object.freeze([...children]);
  rememberChildNumbers(ledgerEpisodes, renumberSelection(numbers, ledgerEpisodes, rows.subarray(0, count), ledgerChildren));
  return { episodes: ledgerEpisodes, children: ledgerChildren, rules: [starts.rule, ends.rule, next.rule], lastDate };
}
