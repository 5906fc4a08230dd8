/**
 * The forecast's band (docs/method/forecast-band.md): the spread of the children in care on a
 * day when the rates and entries are not known exactly and entries drift from year to year, on top
 * of the chance in children's moves the projection's variance already counts.
 *
 * Each of BAND_DRAWS draws takes every transition rate and entry rate from its posterior given the
 * counts it was measured from (Gamma(count) ÷ count times the estimate: the count is Poisson, so
 * a rate seen 4 times is far less certain than one seen 400 times), and a path of the entry rate's
 * drift: a random walk on its logarithm whose yearly step is measured from the quarter-to-quarter
 * changes of the entries in the reference window. Each draw is projected without chance (its
 * expected totals); the children's moves add a normal spread around each draw with the
 * projection's variance. The band's percentiles are those of that mixture, day by day.
 * The central forecast is unchanged: it is the projection with the estimated rates.
 */

import { Day, addMonths } from "../dates";
import { Random, hash32 } from "../random";
import { EntryHistory } from "./entries";
import { TransitionCounts, countBetween, isExitSlot } from "./rates";
import { IN_CARE_STATES, STATE_COUNT } from "./states";
import { DailyStock, stockSums } from "./stock";
import { reachableStates } from "./projection";

/** The percentiles each reported day gives, from the lowest to the highest (a fan chart's edges). */
export const FAN_PERCENTILES = [5, 25, 50, 75, 95] as const;
export type FanPercentile = (typeof FAN_PERCENTILES)[number];

/** Draws of rates, entries and drift per forecast up to two years; enough for the 2.5th and 97.5th percentiles of the mixture to settle. */
export const BAND_DRAWS = 200;
/** Longer horizons get fewer draws (never below MIN_BAND_DRAWS), so that the band's time stays that of two years' draws. */
const BAND_DRAW_DAYS = BAND_DRAWS * 731;
const MIN_BAND_DRAWS = 20;

/** How many draws a horizon of `days` gets. */
export function bandDraws(days: number): number {
  return Math.max(MIN_BAND_DRAWS, Math.min(BAND_DRAWS, Math.floor(BAND_DRAW_DAYS / Math.max(1, days))));
}
/** The seed unless the caller gives one: the same data and options always give the same band. */
export const DEFAULT_BAND_SEED = 17;
const DAYS_PER_YEAR = 365.25;

/** How fast a rate drifted in the reference window, measured from its whole quarters. */
export interface Drift {
  /** Standard deviation of the change in the rate's logarithm over a year (0 when none can be measured). */
  yearly: number;
  /** Whole quarters of the window it was measured from (at least 2 are needed for a change). */
  quarters: number;
  /** Changes from one quarter to the next it was measured from: the degrees of freedom of its estimate. */
  changes: number;
}

/** The ends of the whole quarters counted back from `last` that start on or after `first`: [last, last − 3 months, …]. */
function quarterEnds(first: Day, last: Day): Day[] {
  const ends: Day[] = [last];
  while (addMonths(ends[ends.length - 1], -3) >= first - 1) ends.push(addMonths(ends[ends.length - 1], -3));
  return ends;
}

/**
 * The mean square change of log(count ÷ exposure) from one quarter to the next less what Poisson
 * chance alone gives (1/n for each count): what is left is drift, scaled to a year as a random
 * walk's (four quarters' steps). The mean square, not the variance: a trend the central forecast
 * does not follow is drift too.
 */
function driftOf(counts: Float64Array, exposures: Float64Array): Drift {
  const quarters = counts.length;
  let squares = 0;
  let chance = 0;
  let changes = 0;
  for (let q = 0; q + 1 < quarters; q++) {
    if (!(exposures[q] > 0 && exposures[q + 1] > 0)) continue;
    const a = counts[q] + 0.5;
    const b = counts[q + 1] + 0.5;
    squares += Math.log(a / exposures[q] / (b / exposures[q + 1])) ** 2;
    chance += 1 / a + 1 / b;
    changes += 1;
  }
  if (changes === 0) return { yearly: 0, quarters, changes };
  return { yearly: Math.sqrt((4 * Math.max(0, squares - chance)) / changes), quarters, changes };
}

/** Drift of the entries: spells that bring a child into care, per quarter of the window. */
export function entryDrift(entries: EntryHistory, measuredFrom: Day, referenceEnd: Day): Drift {
  const ends = quarterEnds(measuredFrom, referenceEnd);
  const quarters = ends.length - 1;
  const counts = new Float64Array(quarters);
  const exposures = Float64Array.from({ length: quarters }, (_, q) => ends[q] - ends[q + 1]);
  for (let q = 0; q < quarters; q++) {
    for (const days of entries) counts[q] += countBetween(days, ends[q + 1] + 1, ends[q]);
  }
  return driftOf(counts, exposures);
}

/** Drift of the exit rate: children leaving care per quarter ÷ the child-days in care the day before, over the rates' window. */
export function exitDrift(counts: TransitionCounts, stock: DailyStock): Drift {
  const { first, last } = counts.window;
  if (last < first) return { yearly: 0, quarters: 0, changes: 0 };
  const ends = quarterEnds(first, last);
  const quarters = ends.length - 1;
  const exits = new Float64Array(quarters);
  const exposures = new Float64Array(quarters);
  for (let q = 0; q < quarters; q++) {
    for (const [slot, days] of counts.history.bySlot) if (isExitSlot(slot)) exits[q] += countBetween(days, ends[q + 1] + 1, ends[q]);
    // The stock of the day before each of the quarter's days.
    for (const childDays of stockSums(stock, ends[q + 1], ends[q] - 1).childDays) exposures[q] += childDays;
  }
  return driftOf(exits, exposures);
}

export interface BandInput {
  /** Estimated rate per (from, to, route) slot, before any scenario adjustment, and how many transitions each was measured from. */
  slotRates: Float64Array;
  slotCounts: Float64Array;
  /** The transition matrix M[to × STATE_COUNT + from] from a draw of the slot rates (scenario adjustments and caps applied). */
  matrixOf: (slotRates: Float64Array) => Float64Array;
  /** Estimated daily entries per state and how many entries each was measured from. */
  entryRates: Float64Array;
  entryCounts: Float64Array;
  /** Daily entries per state from a draw of the entry rates (scenario adjustments applied). */
  entriesOf: (entryRates: Float64Array) => Float64Array;
  entryDrift: Drift;
  exitDrift: Drift;
  /** Length of the window the rates were measured over, in days. */
  windowDays: number;
  initial: Float64Array;
  /** The central forecast's totals and the variance of the children's moves, index t = day start + t. */
  totals: Float64Array;
  moveVariance: Float64Array;
  /** The band's level (0.95: the 2.5th to 97.5th percentile). */
  level: number;
  /** Offsets (day − start) of the days whose fan percentiles are wanted. */
  fanDays: readonly number[];
  seed: number;
}

export interface Band {
  lower: Float64Array;
  upper: Float64Array;
  /** Per fanDays entry, the FAN_PERCENTILES in order. */
  fan: number[][];
}

export function simulateBand(input: BandInput): Band {
  const days = input.totals.length - 1;
  const count = bandDraws(days);
  // The slots with a rate, ascending: the rest stay 0 in every draw.
  const measured = Int32Array.from(input.slotRates.keys()).filter((slot) => input.slotRates[slot] > 0);
  const draws = Array.from({ length: count }, (_, k) => drawDynamics(input, measured, days, new Random(hash32(input.seed, k))));
  const totals = stepDraws(draws, input.initial, days);
  const noiseRandom = new Random(hash32(input.seed, count));
  const mixture = new Mixture(totals, count, input.totals, input.moveVariance, Float64Array.from(draws, () => noiseRandom.normal()));
  const tail = (1 - input.level) / 2;
  const lower = new Float64Array(days + 1);
  const upper = new Float64Array(days + 1);
  const fanOn = new Map(input.fanDays.map((t, index) => [t, index]));
  const fan: number[][] = input.fanDays.map(() => []);
  for (let t = 0; t <= days; t++) {
    mixture.sortDay(t);
    // The draws can be skewed (rates are drawn on a multiplicative scale), so a narrow band (50%,
    // say) can miss the central forecast: the band always holds it, as a reader expects.
    lower[t] = Math.min(mixture.quantile(tail), input.totals[t]);
    upper[t] = Math.max(mixture.quantile(1 - tail), input.totals[t]);
    const index = fanOn.get(t);
    if (index !== undefined) fan[index] = FAN_PERCENTILES.map((p) => mixture.quantile(p / 100));
  }
  return { lower, upper, fan };
}

/** A mean-one Gamma multiplier for a rate measured from `count` events; 1 where none was seen (the rate is 0). */
function posteriorFactor(random: Random, count: number): number {
  return count > 0 ? random.gamma(count) / count : 1;
}

/** One draw of the model: its transition matrix, daily entries per state, and each month's drift factors. */
interface Draw {
  matrix: Float64Array;
  entries: Float64Array;
  entryFactors: Float64Array;
  exitFactors: Float64Array;
}

/** Draws every measured rate and entry rate from its posterior, and the drift paths; `measured` lists the slots with a rate. */
function drawDynamics(input: BandInput, measured: Int32Array, days: number, random: Random): Draw {
  const slotRates = new Float64Array(input.slotRates.length);
  for (const slot of measured) slotRates[slot] = input.slotRates[slot] * posteriorFactor(random, input.slotCounts[slot]);
  const matrix = input.matrixOf(slotRates);
  const entries = input.entriesOf(input.entryRates.map((rate, s) => (rate > 0 ? rate * posteriorFactor(random, input.entryCounts[s]) : 0)));
  const months = Math.ceil((days * 12) / DAYS_PER_YEAR) + 1;
  const entryFactors = driftPath(random, input.entryDrift, input.windowDays, months);
  const exitFactors = driftPath(random, input.exitDrift, input.windowDays, months);
  return { matrix, entries, entryFactors, exitFactors };
}

/**
 * Each draw's expected children in care on each day, as totals[t × draws + k] (in-care states
 * only: nobody comes back from Not in care). In-care moves as they are; each state's exits scaled
 * by the month's exit factor, its staying rate what is left.
 *
 * The draws are stepped together, each state's values for every draw side by side, so that the
 * inner loops run over the draws: the band's time is a few tight loops rather than a loop per
 * draw. Only the states a child can be in, in some draw, are stepped: those in care at the start
 * or entered, and those a move leads to from them (a return fills a handful of the model's
 * states). A state or move another draw lacks holds exactly 0 in this one, so every draw's figures
 * are those of stepping it alone.
 */
function stepDraws(draws: readonly Draw[], initial: Float64Array, days: number): Float64Array {
  const D = draws.length;
  const S = STATE_COUNT;
  const reached = new Uint8Array(IN_CARE_STATES);
  for (const draw of draws) for (const state of reachableStates(draw.matrix, initial, draw.entries, IN_CARE_STATES)) reached[state] = 1;
  const active: number[] = [];
  reached.forEach((isReached, state) => {
    if (isReached) active.push(state);
  });
  const n = active.length;
  const place = new Int32Array(IN_CARE_STATES).fill(-1);
  active.forEach((state, i) => (place[state] = i));

  const moving = new Float64Array(n * D);
  const leaving = new Float64Array(n * D);
  const entries = new Float64Array(n * D);
  draws.forEach((draw, k) => {
    active.forEach((from, i) => {
      for (let to = 0; to < S; to++) {
        const weight = draw.matrix[to * S + from];
        if (to === from || weight === 0) continue;
        if (to >= IN_CARE_STATES) leaving[i * D + k] += weight;
        else moving[i * D + k] += weight;
      }
      entries[i * D + k] = draw.entries[from];
    });
  });
  const rowList: number[] = [];
  const columnList: number[] = [];
  const weightList: number[] = [];
  for (const from of active) {
    for (let to = 0; to < IN_CARE_STATES; to++) {
      if (to === from || !draws.some((draw) => draw.matrix[to * S + from] !== 0)) continue;
      rowList.push(place[to] * D);
      columnList.push(place[from] * D);
      for (const draw of draws) weightList.push(draw.matrix[to * S + from]);
    }
  }
  const months = draws[0]?.entryFactors.length ?? 0;
  const entryFactors = new Float64Array(D * months);
  const exitFactors = new Float64Array(D * months);
  draws.forEach((draw, k) => {
    entryFactors.set(draw.entryFactors, k * months);
    exitFactors.set(draw.exitFactors, k * months);
  });
  const x = new Float64Array(n * D);
  active.forEach((state, i) => x.fill(initial[state], i * D, (i + 1) * D));
  return stepTogether({ D, months, rows: Int32Array.from(rowList), columns: Int32Array.from(columnList), weights: Float64Array.from(weightList), moving, leaving, entries, entryFactors, exitFactors }, x, days);
}

/** The draws' dynamics side by side: [state × D + draw], moves [move × D + draw], factors [draw × months + month]; rows and columns are state × D. */
interface Together {
  D: number;
  months: number;
  rows: Int32Array;
  columns: Int32Array;
  weights: Float64Array;
  moving: Float64Array;
  leaving: Float64Array;
  entries: Float64Array;
  entryFactors: Float64Array;
  exitFactors: Float64Array;
}

/** The day-by-day loop, kept small so that V8 optimises it at once. */
function stepTogether(together: Together, initial: Float64Array, days: number): Float64Array {
  const { D, months, rows, columns, weights, moving, leaving, entries, entryFactors, exitFactors } = together;
  const size = initial.length;
  const staying = new Float64Array(size);
  const entering = new Float64Array(size);
  let x: Float64Array = initial;
  let next: Float64Array = new Float64Array(size);
  const totals = new Float64Array((days + 1) * D);
  addUp(x, totals, 0, D);
  let month = -1;
  for (let t = 1; t <= days; t++) {
    const thisMonth = Math.floor(((t - 1) * 12) / DAYS_PER_YEAR);
    if (thisMonth !== month) {
      month = thisMonth;
      for (let i = 0; i < size; i++) {
        const factor = (i % D) * months + month;
        staying[i] = Math.max(0, 1 - moving[i] - leaving[i] * exitFactors[factor]);
        entering[i] = entries[i] * entryFactors[factor];
      }
    }
    for (let i = 0; i < size; i++) next[i] = entering[i] + staying[i] * x[i];
    for (let m = 0; m < rows.length; m++) {
      const row = rows[m];
      const column = columns[m];
      const weight = m * D;
      for (let k = 0; k < D; k++) next[row + k] += weights[weight + k] * x[column + k];
    }
    const previous = x;
    x = next;
    next = previous;
    addUp(x, totals, t * D, D);
  }
  return totals;
}

/** Each draw's total over the states, the states added in order: totals[at + k] = Σ x[state × D + k]. */
function addUp(x: Float64Array, totals: Float64Array, at: number, D: number): void {
  for (let i = 0; i < x.length; i += D) {
    for (let k = 0; k < D; k++) totals[at + k] += x[i + k];
  }
}

/**
 * A drifting rate's factor for each month of the horizon. The estimate is the window's mean, so
 * today's rate already differs from it by a random walk's deviation from its own mean (variance
 * × window ÷ 3); then a step each month. Each month's factor has mean 1, so the draws centre on
 * the central forecast's rates.
 */
function driftPath(random: Random, drift: Drift, windowDays: number, months: number): Float64Array {
  // The variance measured from a few changes is itself uncertain: each draw takes it from its
  // posterior (the measured value × changes ÷ a chi-square with as many degrees of freedom).
  const yearlyVariance = drift.changes > 0 ? (drift.yearly ** 2 * drift.changes) / (2 * random.gamma(drift.changes / 2)) : 0;
  const levelVariance = (yearlyVariance * windowDays) / DAYS_PER_YEAR / 3;
  const factors = new Float64Array(months);
  let logFactor = Math.sqrt(levelVariance) * random.normal();
  let variance = levelVariance;
  for (let m = 0; m < months; m++) {
    if (m > 0) {
      logFactor += Math.sqrt(yearlyVariance / 12) * random.normal();
      variance += yearlyVariance / 12;
    }
    factors[m] = Math.exp(logFactor - variance / 2);
  }
  return factors;
}

/**
 * The distribution of the children in care on a day: per draw, its expected total plus and minus
 * the children's-moves spread times a normal draw fixed for the draw (so that the band is smooth
 * from day to day), the spread scaled to the draw's size, as the variance of independent moves
 * grows with the number of children. The percentiles are read off the sorted values.
 */
export class Mixture {
  private readonly values: Float64Array;
  /** The values' indices in ascending order of the day last sorted. */
  private readonly order: Int32Array;
  private readonly sorted: Float64Array;

  /** `draws` holds each draw's expected total by day, [t × count + k]. */
  constructor(
    private readonly draws: Float64Array,
    private readonly count: number,
    private readonly totals: Float64Array,
    private readonly moveVariance: Float64Array,
    private readonly noise: Float64Array,
  ) {
    this.values = new Float64Array(2 * count);
    this.order = Int32Array.from(this.values, (_, i) => i);
    this.sorted = new Float64Array(this.values.length);
  }

  /**
   * Sorts the day's values; quantile reads them until the next day is sorted. The values move
   * little from one day to the next, so the previous day's order is nearly right: an insertion
   * sort from it costs about one pass, where sorting afresh each of the horizon's days dominated
   * the band's time.
   */
  sortDay(t: number): void {
    const { values, order, sorted } = this;
    const central = this.totals[t];
    const moves = Math.max(0, this.moveVariance[t]);
    for (let k = 0; k < this.count; k++) {
      const mean = this.draws[t * this.count + k];
      const spread = Math.sqrt(Math.max(0, moves * (central > 0 ? mean / central : 1))) * this.noise[k];
      values[2 * k] = mean + spread;
      values[2 * k + 1] = mean - spread;
    }
    for (let i = 1; i < order.length; i++) {
      const index = order[i];
      const value = values[index];
      let j = i - 1;
      while (j >= 0 && values[order[j]] > value) {
        order[j + 1] = order[j];
        j -= 1;
      }
      order[j + 1] = index;
    }
    for (let i = 0; i < order.length; i++) sorted[i] = values[order[i]];
  }

  /** The p-quantile of the sorted day (linear between neighbours), never below 0. */
  quantile(p: number): number {
    const values = this.sorted;
    const position = p * (values.length - 1);
    const below = Math.floor(position);
    const above = Math.min(below + 1, values.length - 1);
    return Math.max(0, values[below] + (position - below) * (values[above] - values[below]));
  }
}
