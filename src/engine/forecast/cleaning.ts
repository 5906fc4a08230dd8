/**
 * From SSDA903 episodes to spells: one row per stretch of time a child spends in one state
 * (age band × placement category), in the order and with the rules of the open demand model
 * (docs/method/forecast.md, "The model in detail"). Every rule counts the rows it touched.
 *
 * The working set is held in typed arrays, one slot per episode, so that a million episodes
 * clean in a couple of seconds without a million intermediate objects.
 */

import { CONTINUING_RNE, EXIT_ROUTES, ExitRoute, exitRoute } from "../codes";
import { Day, addYears, birthday, financialYearFirstDay, financialYearLastDay } from "../dates";
import { childNumbers } from "../childNumbers";
import { Child, Episode, isPlaceholderEndDate } from "../episodes";
import {
  CleaningRule,
  OPEN,
  RETURN_RULES,
  dropDuplicateEnds,
  dropDuplicateStarts,
  endAtNextStart,
  groupByChild,
  sortWithinChildren,
} from "../ledger";
import { ForecastError } from "./errors";
import { AGE_BANDS, BAND_COUNT, OLDEST_AGE, YEAR_IN_DAYS, bandOfAge, categoryIndexOf } from "./states";

export { OPEN } from "../ledger";
export type { CleaningRule } from "../ledger";
export const NEXT_NOT_IN_CARE = 4;
/** The spell is still open: it has no successor yet. */
export const NEXT_NONE = 5;
export const NO_ROUTE = 255;
const AGED_OUT = EXIT_ROUTES.indexOf("Aged out / independent living");
const OTHER_ROUTE = EXIT_ROUTES.indexOf("Other");
const ROUTE_INDEX: ReadonlyMap<ExitRoute, number> = new Map(EXIT_ROUTES.map((route, index) => [route, index]));

function routeOf(rec: string): number {
  return ROUTE_INDEX.get(exitRoute(rec)) ?? OTHER_ROUTE;
}

export interface CleaningOptions {
  /** A child still in care on their 18th birthday leaves care that day (default mode). */
  leaveCareAt18: boolean;
  /** Backtest: the data as it stood at the end of this day (later starts dropped, later ends reopened). */
  cutoff?: Day;
  /** The data's first day (1 April of the first return's year, see dataStart.ts); by default the first return's start (firstReturnStart). */
  dataStart?: Day;
  /**
   * False: a spell is not cut where the child's age band changes, and keeps the band it starts in,
   * so that only counts by placement category hold; the rules at ages (before birth, at 30) still
   * apply. For the actuals (actuals.ts), which count children in care by category alone: the
   * cutting is most of a cleaning's time. True unless given.
   */
  cutAtBirthdays?: boolean;
}

/** Cleaned episodes cut at the age-band boundaries, sorted by child, start and end (open first). */
export interface Spells {
  count: number;
  child: Int32Array;
  start: Int32Array;
  /** OPEN while the spell has not ended. */
  end: Int32Array;
  band: Uint8Array;
  category: Uint8Array;
  /** The band the child is in on the day the spell ends (the next band when it ends at a birthday). */
  endBand: Uint8Array;
  /** 1 when the child came into care with this spell (no spell of theirs ended the day it started). */
  entry: Uint8Array;
  /** The next spell's category (0–3), NEXT_NOT_IN_CARE, or NEXT_NONE while open. */
  next: Uint8Array;
  /** Index in EXIT_ROUTES when the spell ends in leaving care, else NO_ROUTE. */
  route: Uint8Array;
  /** Index of the episode the spell comes from: the first of those merged into it. */
  source: Int32Array;
  /**
   * By episode index: the episode merged into the spell after this one (a continuing RNE L, T
   * or U), else -1. Following it from `source` gives the placement in force on any day.
   */
  continuation: Int32Array;
  /** The earliest day a spell ends (the open model's first row of transitions); null when all are open. */
  firstEnd: Day | null;
  /**
   * 1 April of the year of the first DEC the data records (not one set by cleaning): the start of
   * the first return, before which the data holds only children still in care when it was made.
   */
  firstReturnStart: Day | null;
  /** The latest DECOM or DEC in the cleaned data. */
  lastDate: Day;
  /** The first day of the data: the option given, else firstReturnStart (else 1 April before the first DECOM, when no episode has ended). */
  dataStart: Day;
  /** 31 March of the financial year of the last date. */
  dataEnd: Day;
}

export interface CleaningResult {
  spells: Spells;
  rules: CleaningRule[];
}

/**
 * What cleaning reads from the episode objects, read once into columns by episode index: the
 * cleanings of one data set (the fit's, the actuals', a cut-off's) share it, so that a million
 * episodes' children are looked up once, not once per cleaning.
 */
export interface EpisodeColumns {
  /** Children numbered in the order of the children table, with their dates of birth. */
  dobById: number[];
  /** The episode's child, or -1 when the child has no row (so no date of birth). */
  child: Int32Array;
  start: Int32Array;
  /** DEC, or OPEN while open or when DEC is a far-future placeholder. */
  end: Int32Array;
  /** 1 when DEC was a placeholder read as open. */
  placeholderEnd: Uint8Array;
  /** The exit route the episode's REC gives, should the child leave care when it ends. */
  route: Uint8Array;
  category: Uint8Array;
  continuesPrevious: Uint8Array;
  /** The DEC the return recorded when the ledger changed it (OPEN when it recorded none); SAME_AS_END when unchanged. */
  recordedEnd: Int32Array;
}

const SAME_AS_END = -0x80000000;

export function episodeColumns(episodes: readonly Episode[], children: readonly Child[]): EpisodeColumns {
  // Children are numbered in the order of the children table (childNumbers.ts), worked out once for a ledger's episodes.
  const numbers = childNumbers(episodes, children);
  const { dobById, numberOfRow } = childrenInTableOrder(children, numbers.tableRepeatsIds);
  const n = episodes.length;
  const columns: EpisodeColumns = {
    dobById,
    child: new Int32Array(n),
    start: new Int32Array(n),
    end: new Int32Array(n),
    placeholderEnd: new Uint8Array(n),
    route: new Uint8Array(n),
    category: new Uint8Array(n),
    continuesPrevious: new Uint8Array(n),
    recordedEnd: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const episode = episodes[i];
    const number = numbers.ofEpisode[i];
    columns.child[i] = number >= numbers.tableCount ? -1 : numberOfRow === null ? number : numberOfRow[number];
    columns.start[i] = episode.start;
    columns.route[i] = routeOf(episode.rec);
    columns.category[i] = categoryIndexOf(episode.place);
    columns.continuesPrevious[i] = CONTINUING_RNE.has(episode.rne) ? 1 : 0;
    const placeholder = episode.end !== null && isPlaceholderEndDate(episode.end);
    columns.end[i] = episode.end === null || placeholder ? OPEN : episode.end;
    columns.placeholderEnd[i] = placeholder ? 1 : 0;
    columns.recordedEnd[i] = episode.recordedEnd === undefined ? SAME_AS_END : (episode.recordedEnd ?? OPEN);
  }
  return columns;
}

/**
 * The episodes cleaned up to the rule at 18, which only the default mode's fit applies: what the
 * fit's cleaning and the actuals' of one forecast share (the same cut-off and data start), so
 * that the second is not done again (docs/benchmarks.md, "Large inputs, third pass").
 */
interface CombinedEpisodes {
  cutoff: Day | undefined;
  dataStartOption: Day | undefined;
  /** The episodes left, in order of child, start and end (open first). */
  rows: Int32Array;
  child: Int32Array;
  start: Int32Array;
  end: Int32Array;
  route: Uint8Array;
  continuation: Int32Array;
  rules: readonly CleaningRule[];
  dates: DataDates;
}

/**
 * The last combining done on each columns, for the next cleaning of the same cut-off and data
 * start, which takes it from here; one that no such cleaning follows stays as long as the columns.
 * The cleanings' Spells share its `continuation`, which nothing writes once made.
 */
const lastCombined = new WeakMap<EpisodeColumns, CombinedEpisodes>();

/**
 * Each child's date of birth by their number in the children table: the table's own order. A
 * table that lists an id twice (never so from the pipeline, which keeps each child's latest row)
 * numbers each id by its first row, with its last row's date of birth; numberOfRow then gives,
 * for each row, its id's number.
 */
function childrenInTableOrder(children: readonly Child[], repeatsIds: boolean): { dobById: number[]; numberOfRow: Int32Array | null } {
  if (!repeatsIds) return { dobById: children.map((record) => record.dob), numberOfRow: null };
  const numberOfId = new Map<string, number>();
  const dobById: number[] = [];
  const numberOfRow = new Int32Array(children.length);
  children.forEach((record, row) => {
    let number = numberOfId.get(record.child);
    if (number === undefined) numberOfId.set(record.child, (number = dobById.push(record.dob) - 1));
    else dobById[number] = record.dob;
    numberOfRow[row] = number;
  });
  return { dobById, numberOfRow };
}

/** Cleans the episodes; `columns` are theirs (episodeColumns), read again when not given. */
export function cleanEpisodes(
  episodes: readonly Episode[],
  children: readonly Child[],
  options: CleaningOptions,
  columns: EpisodeColumns = episodeColumns(episodes, children),
): CleaningResult {
  // Shared with the next cleaning at most, and then let go of here.
  let combined = lastCombined.get(columns);
  if (combined !== undefined && combined.cutoff === options.cutoff && combined.dataStartOption === options.dataStart) lastCombined.delete(columns);
  else lastCombined.set(columns, (combined = combineEpisodes(columns, options)));
  const rules = [...combined.rules];
  const rule = (name: string, rowsTouched: number, description: string) => rules.push({ rule: name, rowsTouched, description });
  const { dobById, category } = columns;
  const { child, start, continuation, dates } = combined;
  const { dataEnd } = dates;
  let { rows, end, route } = combined;
  let rowCount = rows.length;
  if (options.leaveCareAt18) {
    // The rule changes ends, routes and the rows kept: on copies, as the combining is shared.
    [rows, end, route] = [rows.slice(), end.slice(), route.slice()];
    let startedAdult = 0;
    let leftAt18 = 0;
    let kept = 0;
    for (let p = 0; p < rowCount; p++) {
      const i = rows[p];
      const dob = dobById[child[i]];
      // 18 years hold at least 6,573 days: most episodes end well before, without working out the birthday.
      if ((end[i] === OPEN ? dataEnd : end[i]) < dob + 6573) {
        rows[kept++] = i;
        continue;
      }
      const eighteenth = birthday(dob, 18);
      if (start[i] >= eighteenth) {
        startedAdult += 1;
        continue;
      }
      // An episode still open at the data's end, of a child not 18 by then, is left to the projection.
      if ((end[i] === OPEN && eighteenth <= dataEnd) || (end[i] !== OPEN && end[i] > eighteenth)) {
        end[i] = eighteenth;
        route[i] = AGED_OUT;
        leftAt18 += 1;
      }
      rows[kept++] = i;
    }
    rule("left care at 18", leftAt18, "episodes still going on the child's 18th birthday, ended that day (an exit, aged out)");
    rule("started at 18 or over", startedAdult, "episodes starting on or after the child's 18th birthday, left out");
    rowCount = kept;
  }

  const spells = splitAtBirthdays(rows.subarray(0, rowCount), { child, start, end, route, category, dobById, continuation }, rule, dates, options.cutAtBirthdays ?? true);
  return { spells, rules };
}

/** The cleaning's rules up to the one at 18 (see CombinedEpisodes). */
function combineEpisodes(columns: EpisodeColumns, options: CleaningOptions): CombinedEpisodes {
  const rules: CleaningRule[] = [];
  const rule = (name: string, rowsTouched: number, description: string) => rules.push({ rule: name, rowsTouched, description });
  const { cutoff } = options;
  const { dobById } = columns;

  const n = columns.start.length;
  // Children and starts are read as the columns hold them (no rule changes them); ends and routes are the cleaning's own.
  const { child, start } = columns;
  const end = new Int32Array(n);
  /** The exit route the episode's REC gives, should the child leave care when it ends. */
  const route = new Uint8Array(n);
  const continuesPrevious = columns.continuesPrevious;
  let rows: Int32Array = new Int32Array(n);
  let rowCount = 0;
  let afterCutoff = 0;
  let reopened = 0;
  let withoutDob = 0;
  let placeholderEnds = 0;
  for (let i = 0; i < n; i++) {
    if (cutoff !== undefined && columns.start[i] > cutoff) {
      afterCutoff += 1;
      continue;
    }
    if (columns.child[i] < 0) {
      withoutDob += 1;
      continue;
    }
    route[i] = columns.route[i];
    placeholderEnds += columns.placeholderEnd[i];
    if (cutoff !== undefined && columns.end[i] !== OPEN && columns.end[i] > cutoff) {
      // What happened after the cut-off is not known yet: the episode is open, its reason for ending unknown.
      end[i] = OPEN;
      route[i] = OTHER_ROUTE;
      reopened += 1;
    } else {
      end[i] = columns.end[i];
    }
    rows[rowCount++] = i;
  }
  if (cutoff !== undefined) {
    rule("after the cut-off", afterCutoff, "episodes starting after the backtest's cut-off date, left out");
    rule("open at the cut-off", reopened, "episodes ending after the cut-off date, treated as still open");
  }
  rule("placeholder end date", placeholderEnds, "episodes whose DEC is a far-future placeholder (e.g. 31/12/9999), read as open");
  rule("child without DOB", withoutDob, "episodes whose child has no row (so no date of birth) in the children table, left out");

  rows = groupByChild(rows.subarray(0, rowCount), child, dobById.length);
  sortWithinChildren(rows, child, start, end);

  // The ledger's three rules (ledger.ts); on episodes from the ledger they find nothing left to do.
  let kept = dropDuplicateStarts(rows, rowCount, child, start);
  rule(RETURN_RULES.duplicateStart.rule, rowCount - kept, RETURN_RULES.duplicateStart.description);
  rowCount = kept;
  kept = dropDuplicateEnds(rows, rowCount, child, end);
  rule(RETURN_RULES.duplicateEnd.rule, rowCount - kept, RETURN_RULES.duplicateEnd.description);
  rowCount = kept;

  let firstRecordedEnd = Infinity;
  for (let p = 0; p < rowCount; p++) {
    // The DEC the return recorded (OPEN when it recorded none): the ledger may have ended an episode itself.
    const recorded = columns.recordedEnd[rows[p]] === SAME_AS_END ? end[rows[p]] : columns.recordedEnd[rows[p]];
    if (recorded !== OPEN && end[rows[p]] !== OPEN && recorded < firstRecordedEnd) firstRecordedEnd = recorded;
  }

  const shortened = endAtNextStart(rows, rowCount, child, start, end);
  rule(RETURN_RULES.endedAtNextStart.rule, shortened, RETURN_RULES.endedAtNextStart.description);

  let lastDate = -Infinity;
  for (let p = 0; p < rowCount; p++) {
    const i = rows[p];
    if (start[i] > lastDate) lastDate = start[i];
    if (end[i] !== OPEN && end[i] > lastDate) lastDate = end[i];
  }
  if (rowCount === 0) throw new ForecastError("no episodes are left to forecast from once those without a child's date of birth are left out");
  const firstReturnStart = Number.isFinite(firstRecordedEnd) ? financialYearFirstDay(firstRecordedEnd) : null;
  const dataStart = options.dataStart ?? firstReturnStart ?? financialYearFirstDay(rows.reduce((min, i) => Math.min(min, start[i]), Infinity));
  const dataEnd = financialYearLastDay(lastDate);

  // An episode that only changes legal status or placement status (RNE L, T, U) and starts the
  // day the previous one ends is part of that one: the previous takes its DEC and REC.
  kept = 0;
  let merged = 0;
  // Each merged episode is chained to the one before it, so costs can still follow the placement in force.
  const continuation = new Int32Array(n).fill(-1);
  const chainEnd = new Int32Array(n).fill(-1);
  for (let p = 0; p < rowCount; p++) {
    const i = rows[p];
    const previous = p > 0 ? rows[p - 1] : -1;
    const continuing =
      previous >= 0 && continuesPrevious[i] === 1 && child[previous] === child[i] && end[previous] !== OPEN && start[i] === end[previous];
    if (!continuing) {
      rows[kept++] = i;
      continue;
    }
    const into = rows[kept - 1];
    end[into] = end[i];
    route[into] = route[i];
    continuation[chainEnd[into] >= 0 ? chainEnd[into] : into] = i;
    chainEnd[into] = i;
    merged += 1;
  }
  rule("continuing episode merged", merged, "episodes with RNE L, T or U starting the day the previous one ended, merged into it");
  rowCount = kept;

  return {
    cutoff,
    dataStartOption: options.dataStart,
    rows: rows.subarray(0, rowCount),
    child,
    start,
    end,
    route,
    continuation,
    rules,
    dates: { firstReturnStart, lastDate, dataStart, dataEnd },
  };
}

interface Working {
  continuation: Int32Array;
  category: Uint8Array;
  child: Int32Array;
  start: Int32Array;
  end: Int32Array;
  route: Uint8Array;
  dobById: number[];
}

type DataDates = Pick<Spells, "firstReturnStart" | "lastDate" | "dataStart" | "dataEnd">;

/**
 * Cuts each episode at the band boundaries it crosses. Whether it crosses is decided on age as
 * days ÷ 365.24, where the cut falls on the calendar birthday (29 February births on 28 February),
 * as the open model does; an open episode is cut up to the data's end. Without `cut`, each
 * episode stays one spell in the band it starts in, ended where its last band would end it.
 */
function splitAtBirthdays(
  rows: Int32Array,
  w: Working,
  rule: (name: string, rowsTouched: number, description: string) => void,
  dates: DataDates,
  cut: boolean,
): Spells {
  const rowCount = rows.length;
  const firstBand = new Int8Array(rowCount);
  const lastBand = new Int8Array(rowCount);
  let pieces = 0;
  let outsideAges = 0;
  let cutAt30 = 0;
  let split = 0;
  for (let p = 0; p < rowCount; p++) {
    const i = rows[p];
    const dob = w.dobById[w.child[i]];
    const age = (w.start[i] - dob) / YEAR_IN_DAYS;
    const first = bandOfAge(age);
    if (first < 0) {
      firstBand[p] = -1;
      outsideAges += 1;
      continue;
    }
    const endAge = ((w.end[i] === OPEN ? dates.dataEnd : w.end[i]) - dob) / YEAR_IN_DAYS;
    let last = first;
    while (last < BAND_COUNT - 1 && AGE_BANDS[last].maxAge < endAge) last += 1;
    if (AGE_BANDS[last].maxAge < endAge) cutAt30 += 1;
    if (last > first) split += 1;
    firstBand[p] = first;
    lastBand[p] = last;
    pieces += cut ? last - first + 1 : 1;
  }
  rule("outside the model's ages", outsideAges, `episodes starting more than a year before birth or at ${OLDEST_AGE} or over, left out`);
  rule(`ended at ${OLDEST_AGE}`, cutAt30, `episodes running past the child's ${OLDEST_AGE}th birthday, ended on it (the open model has no older band)`);
  if (cut) rule("split at birthdays", split, "episodes crossing the 1st, 5th, 10th or 16th birthday, split there (one row more per birthday)");

  const child = new Int32Array(pieces);
  const start = new Int32Array(pieces);
  const end = new Int32Array(pieces);
  const band = new Uint8Array(pieces);
  const endBand = new Uint8Array(pieces);
  const category = new Uint8Array(pieces);
  const source = new Int32Array(pieces);
  const route = new Uint8Array(pieces);
  let k = 0;
  for (let p = 0; p < rowCount; p++) {
    if (firstBand[p] < 0) continue;
    const i = rows[p];
    const dob = w.dobById[w.child[i]];
    const cat = w.category[i];
    for (let b = firstBand[p]; b <= lastBand[p]; b++) {
      child[k] = w.child[i];
      start[k] = b === firstBand[p] ? w.start[i] : addYears(dob, AGE_BANDS[b].minAge);
      band[k] = b;
      category[k] = cat;
      source[k] = i;
      // The band whose end may end this spell: its own, or uncut, the episode's last.
      const endingBand = cut ? b : lastBand[p];
      const endAge = ((w.end[i] === OPEN ? dates.dataEnd : w.end[i]) - dob) / YEAR_IN_DAYS;
      if (AGE_BANDS[endingBand].maxAge < endAge) {
        end[k] = addYears(dob, AGE_BANDS[endingBand].maxAge);
        endBand[k] = endingBand < BAND_COUNT - 1 ? endingBand + 1 : endingBand;
        route[k] = endingBand === BAND_COUNT - 1 ? AGED_OUT : OTHER_ROUTE;
      } else {
        end[k] = w.end[i];
        endBand[k] = endingBand;
        route[k] = w.route[i];
      }
      k += 1;
      if (!cut) break;
    }
  }

  const order = sortedOrder(child, start, end);
  if (order !== null) reorder([child, start, end, band, category, endBand, route, source], order);
  const spells: Spells = {
    count: pieces,
    child,
    start,
    end,
    band,
    category,
    endBand,
    entry: new Uint8Array(pieces),
    next: new Uint8Array(pieces),
    route,
    source,
    continuation: w.continuation,
    firstEnd: null,
    ...dates,
  };
  for (let s = 0; s < pieces; s++) {
    if (spells.end[s] !== OPEN && (spells.firstEnd === null || spells.end[s] < spells.firstEnd)) spells.firstEnd = spells.end[s];
  }
  linkNeighbours(spells);
  return spells;
}

/**
 * The order that sorts spells by child, start and end (open first), keeping ties as they are;
 * null when they are sorted already, which is the usual case. Spells come grouped by child.
 */
function sortedOrder(child: Int32Array, start: Int32Array, end: Int32Array): Int32Array | null {
  const order = new Int32Array(child.length);
  for (let k = 0; k < order.length; k++) order[k] = k;
  return sortWithinChildren(order, child, start, end) ? order : null;
}

/**
 * Puts each array in `order` in place. Few spells are ever out of order (one of no days, followed
 * by an open one starting that day, which sorts first), so only the places the order moves are
 * copied, not every array.
 */
function reorder(arrays: readonly (Int32Array | Uint8Array)[], order: Int32Array): void {
  const moved: number[] = [];
  for (let k = 0; k < order.length; k++) if (order[k] !== k) moved.push(k);
  // The order maps the places it moves onto one another: every value is read before any is written.
  const held = new Float64Array(moved.length);
  for (const values of arrays) {
    for (let m = 0; m < moved.length; m++) held[m] = values[order[moved[m]]];
    for (let m = 0; m < moved.length; m++) values[moved[m]] = held[m];
  }
}

/** Where each spell came from (outside care or a previous spell) and where it went; a spell that does not leave care has no route. */
function linkNeighbours(spells: Spells): void {
  const { child, start, end, category, entry, next, route } = spells;
  for (let k = 0; k < spells.count; k++) {
    const previous = k > 0 && child[k - 1] === child[k] ? k - 1 : -1;
    entry[k] = previous < 0 || end[previous] === OPEN || end[previous] !== start[k] ? 1 : 0;
    const following = k + 1 < spells.count && child[k + 1] === child[k] ? k + 1 : -1;
    if (end[k] === OPEN) {
      next[k] = NEXT_NONE;
    } else if (following >= 0 && start[following] === end[k]) {
      next[k] = category[following];
    } else {
      next[k] = NEXT_NOT_IN_CARE;
      continue;
    }
    route[k] = NO_ROUTE;
  }
}
