/**
 * Daily transition rates between states over a reference window (docs/method/forecast.md, "The model in detail"), with
 * leaving care kept apart by exit route so that exits can be reported and adjusted by route.
 */

import { EXIT_ROUTES } from "../codes";
import { Day } from "../dates";
import { NEXT_NONE, NEXT_NOT_IN_CARE, OPEN, Spells } from "./cleaning";
import { DailyStock, stockSums } from "./stock";
import { ForecastError } from "./errors";
import { IN_CARE_STATES, STATE_COUNT, bandOfState, inCareState, isInCare, notInCareState, stateIndexOf } from "./states";

export const ROUTE_COUNT = EXIT_ROUTES.length;
/**
 * Rates and counts are kept per (from, to, route) slot. Each in-care state has one run of slots:
 * one per in-care state it can move to (a move in care has no route: route 0), then one per exit
 * route for each Not in care state.
 */
const SLOTS_PER_STATE = IN_CARE_STATES + (STATE_COUNT - IN_CARE_STATES) * ROUTE_COUNT;
export const RATE_SLOTS = IN_CARE_STATES * SLOTS_PER_STATE;

export function rateSlot(from: number, to: number, route: number): number {
  return from * SLOTS_PER_STATE + (to < IN_CARE_STATES ? to : IN_CARE_STATES + (to - IN_CARE_STATES) * ROUTE_COUNT + route);
}

/** The in-care state a slot's rate leaves. */
export function fromOfSlot(slot: number): number {
  return Math.floor(slot / SLOTS_PER_STATE);
}

/** Whether a slot's rate is of leaving care. */
export function isExitSlot(slot: number): boolean {
  return slot % SLOTS_PER_STATE >= IN_CARE_STATES;
}

/** The routes a move to a state is kept under: one in care, every exit route out of it. */
function routesTo(to: number): number {
  return isInCare(to) ? 1 : ROUTE_COUNT;
}

/** How daily rates are estimated from the window's days. */
export type RateMethod = "mean of daily ratios" | "pooled";

/** The days whose transitions count, both ends included; empty when last < first. */
export interface RateWindow {
  first: Day;
  last: Day;
}

/**
 * The days of the reference window on which a rate can be measured: the previous day's stock
 * must be known (so not the data's first day), and the open model only has transition rows from
 * the first DEC in the data onwards.
 */
export function measurableWindow(referenceStart: Day, referenceEnd: Day, stock: DailyStock, firstEnd: Day | null): RateWindow {
  return {
    first: Math.max(referenceStart, stock.firstDay + 1, firstEnd ?? Infinity),
    last: Math.min(referenceEnd, stock.lastDay),
  };
}

/**
 * Every transition the cleaned data records, kept as each rate slot's sorted end days, so that any
 * window's counts are read off by binary search rather than recounted from the spells: the window
 * choice fits dozens of windows on one cleaning (window.ts), and the band and its drift read the
 * same counts.
 */
export interface TransitionHistory {
  /** Per rate slot seen, the days its transitions happened on, ascending (a day repeats once per transition). */
  bySlot: Map<number, Int32Array>;
}

/** Files each ended spell with a successor under its slot, on the day it ends: O(spells log spells), once per cleaning. */
export function transitionHistory(spells: Spells): TransitionHistory {
  const days = new Map<number, number[]>();
  for (let k = 0; k < spells.count; k++) {
    const end = spells.end[k];
    if (end === OPEN || spells.next[k] === NEXT_NONE) continue;
    const from = inCareState(spells.band[k], spells.category[k]);
    const next = spells.next[k];
    const slot =
      next === NEXT_NOT_IN_CARE
        ? rateSlot(from, notInCareState(spells.endBand[k]), spells.route[k])
        : rateSlot(from, inCareState(spells.endBand[k], next), 0);
    let list = days.get(slot);
    if (list === undefined) {
      list = [];
      days.set(slot, list);
    }
    list.push(end);
  }
  const bySlot = new Map<number, Int32Array>();
  for (const [slot, list] of days) bySlot.set(slot, Int32Array.from(list).sort());
  return { bySlot };
}

/** The index of the first of the sorted days on or after `day` (the length when none is). */
export function firstOnOrAfter(sorted: Int32Array, day: Day): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many of the sorted days fall in [first, last]. */
export function countBetween(sorted: Int32Array, first: Day, last: Day): number {
  return last < first ? 0 : firstOnOrAfter(sorted, last + 1) - firstOnOrAfter(sorted, first);
}

/** The transitions of one window: the history read between the window's days. */
export interface TransitionCounts {
  window: RateWindow;
  history: TransitionHistory;
}

/** How many transitions each rate slot was measured from over the window. */
export function slotTotals(counts: TransitionCounts): Float64Array {
  const totals = new Float64Array(RATE_SLOTS);
  const { first, last } = counts.window;
  for (const [slot, days] of counts.history.bySlot) totals[slot] = countBetween(days, first, last);
  return totals;
}

export interface EstimatedRates {
  /** Daily rate per (from, to, route) slot. */
  bySlot: Float64Array;
  /**
   * Days on which a state had children leave although nobody was in it the day before (a spell
   * starting and ending the same day). The open model stops with an error on such a day; the
   * mean of daily ratios leaves these days out.
   */
  daysWithoutStock: number;
}

/**
 * Mean of daily ratios (the open model): for each day, the day's transitions ÷ the stock of the
 * from-state the day before, averaged over the days that state had anyone in it. Pooled: all the
 * window's transitions ÷ all its previous-day stock, which does not explode for a state that was
 * occupied on a handful of days only.
 */
export function estimateRates(counts: TransitionCounts, stock: DailyStock, method: RateMethod): EstimatedRates {
  const bySlot = new Float64Array(RATE_SLOTS);
  const { first, last } = counts.window;
  const days = last - first + 1;
  let daysWithoutStock = 0;
  if (days <= 0) return { bySlot, daysWithoutStock };
  const previousStock = (s: number, day: Day) => stock.values[(day - 1 - stock.firstDay) * IN_CARE_STATES + s];

  // The stock of the day before each window day.
  const { childDays: stockDays, occupiedDays } = stockSums(stock, first - 1, last - 1);

  const unexplained = new Set<number>();
  for (const [slot, endDays] of counts.history.bySlot) {
    const from = fromOfSlot(slot);
    const begin = firstOnOrAfter(endDays, first);
    const stop = firstOnOrAfter(endDays, last + 1);
    if (method === "pooled") {
      bySlot[slot] = stockDays[from] > 0 ? (stop - begin) / stockDays[from] : 0;
      continue;
    }
    // Day by day in order, each day's transitions at once, as the open model sums its ratios.
    let sum = 0;
    for (let n = begin; n < stop; ) {
      const day = endDays[n];
      let onDay = 0;
      while (n < stop && endDays[n] === day) {
        onDay += 1;
        n += 1;
      }
      const x = previousStock(from, day);
      if (x > 0) sum += onDay / x;
      else unexplained.add(from * days + (day - first));
    }
    bySlot[slot] = occupiedDays[from] > 0 ? sum / occupiedDays[from] : 0;
  }
  daysWithoutStock = unexplained.size;
  return { bySlot, daysWithoutStock };
}

/** A change to rates for a scenario (docs/method/scenarios.md, "How each kind is valued"). */
export interface RateAdjustment {
  kind: "transition" | "entry";
  /** Transition: the state left, or "*" for every in-care state. Unused for entries. */
  from?: string;
  /** Transition: the state entered, "*" for every destination, or an exit route ("Returned home").
   *  Entry: the state entered, or "*". */
  to: string;
  /** Applied first; 1 when not given. */
  multiply?: number;
  /** A daily rate added after multiplying; 0 when not given. The result is never below 0. */
  add?: number;
}

/** The daily transition matrix: M[to × STATE_COUNT + from]; the columns of Not in care states keep everyone. */
export function transitionMatrix(bySlot: Float64Array): Float64Array {
  const matrix = new Float64Array(STATE_COUNT * STATE_COUNT);
  for (let from = 0; from < STATE_COUNT; from++) {
    if (from >= IN_CARE_STATES) {
      matrix[from * STATE_COUNT + from] = 1;
      continue;
    }
    let leaving = 0;
    for (let to = 0; to < STATE_COUNT; to++) {
      if (to === from) continue;
      let rate = 0;
      for (let r = 0; r < routesTo(to); r++) rate += bySlot[rateSlot(from, to, r)];
      matrix[to * STATE_COUNT + from] = rate;
      leaving += rate;
    }
    // A move to the same state (a new placement of the same category) is staying, as in the open model.
    matrix[from * STATE_COUNT + from] = 1 - leaving;
  }
  return matrix;
}

/** Daily exit rate of each in-care state by route: exit[from × ROUTE_COUNT + route]. */
export function exitRatesByRoute(bySlot: Float64Array): Float64Array {
  const exits = new Float64Array(IN_CARE_STATES * ROUTE_COUNT);
  for (let from = 0; from < IN_CARE_STATES; from++) {
    for (let to = IN_CARE_STATES; to < STATE_COUNT; to++) {
      for (let r = 0; r < ROUTE_COUNT; r++) exits[from * ROUTE_COUNT + r] += bySlot[rateSlot(from, to, r)];
    }
  }
  return exits;
}

/** The in-care states an adjustment's `from` names. */
export function statesNamed(name: string | undefined, what: string, inCareOnly: boolean): number[] {
  if (name === undefined || name.trim() === "*") {
    return Array.from({ length: inCareOnly ? IN_CARE_STATES : STATE_COUNT }, (_, s) => s).filter((s) => !inCareOnly || isInCare(s));
  }
  const state = stateIndexOf(name);
  if (state === undefined) throw new ForecastError(`${what} "${name}" is not a state of the model (e.g. "10 to 16 - Fostering", or "*" for all)`);
  if (inCareOnly && !isInCare(state)) throw new ForecastError(`${what} "${name}" must be a state of children in care`);
  return [state];
}

function checkFactors(adjustment: RateAdjustment): { multiply: number; add: number } {
  const multiply = adjustment.multiply ?? 1;
  const add = adjustment.add ?? 0;
  if (!Number.isFinite(multiply) || multiply < 0) throw new ForecastError(`a rate can only be multiplied by a number of 0 or more (got ${multiply})`);
  if (!Number.isFinite(add)) throw new ForecastError(`the rate added must be a number (got ${add})`);
  return { multiply, add };
}

/**
 * The rate slots one adjustment changes for a from-state, grouped by destination: a Not in care
 * destination is one group of its routes, so that a rate added to it is shared between them.
 */
function destinationGroups(from: number, to: string): number[][] {
  const trimmed = to.trim();
  if (trimmed === "*") {
    const groups: number[][] = [];
    for (let state = 0; state < STATE_COUNT; state++) if (state !== from) groups.push(routeSlots(from, state));
    return groups;
  }
  const route = EXIT_ROUTES.findIndex((r) => r.toLowerCase() === trimmed.toLowerCase());
  if (route >= 0) return [[rateSlot(from, notInCareState(bandOfState(from)), route)]];
  const state = stateIndexOf(trimmed);
  if (state === undefined) {
    throw new ForecastError(`"${to}" is neither a state of the model nor an exit route (${EXIT_ROUTES.join(", ")})`);
  }
  if (state === from) throw new ForecastError(`the rate of staying in "${to}" follows from the others and cannot be adjusted`);
  return [routeSlots(from, state)];
}

function routeSlots(from: number, to: number): number[] {
  if (isInCare(to)) return [rateSlot(from, to, 0)];
  return Array.from({ length: ROUTE_COUNT }, (_, r) => rateSlot(from, to, r));
}

export interface AdjustedRates {
  bySlot: Float64Array;
  /** 1 for each slot an adjustment changed. */
  touched: Uint8Array;
}

/** Applies transition adjustments: multiply, then add, never below 0. */
export function adjustRates(bySlot: Float64Array, adjustments: readonly RateAdjustment[]): AdjustedRates {
  const adjusted = bySlot.slice();
  const touched = new Uint8Array(RATE_SLOTS);
  for (const adjustment of adjustments) {
    if (adjustment.kind !== "transition") continue;
    const { multiply, add } = checkFactors(adjustment);
    if (add !== 0 && adjustment.to.trim() === "*") throw new ForecastError("a rate can only be added to one destination at a time, not to \"*\"");
    for (const from of statesNamed(adjustment.from, "the state left", true)) {
      for (const group of destinationGroups(from, adjustment.to)) {
        let total = 0;
        for (const slot of group) {
          adjusted[slot] *= multiply;
          total += adjusted[slot];
          touched[slot] = 1;
        }
        if (add === 0) continue;
        for (let g = 0; g < group.length; g++) {
          // An added exit rate is shared between the routes as they stand, or goes to the last ("Other") route.
          const share = total > 0 ? adjusted[group[g]] / total : g === group.length - 1 ? 1 : 0;
          adjusted[group[g]] = Math.max(0, adjusted[group[g]] + add * share);
        }
      }
    }
  }
  return { bySlot: adjusted, touched };
}

/**
 * Where a state's outgoing rates add up to more than 1, scales them down so that they add up to
 * 1: the rates not adjusted give way first, as in the open model.
 */
export function capOutgoingRates({ bySlot, touched }: AdjustedRates): void {
  for (let from = 0; from < IN_CARE_STATES; from++) keepWithinOne(bySlot, touched, from);
}

function keepWithinOne(rates: Float64Array, touched: Uint8Array, from: number): void {
  // A state's slots are one run (rateSlot); the slot of moving to itself is staying, not a rate.
  const first = from * SLOTS_PER_STATE;
  const last = first + SLOTS_PER_STATE;
  const staying = rateSlot(from, from, 0);
  let adjustedSum = 0;
  let otherSum = 0;
  for (let slot = first; slot < last; slot++) {
    if (slot === staying) continue;
    if (touched[slot]) adjustedSum += rates[slot];
    else otherSum += rates[slot];
  }
  if (adjustedSum + otherSum <= 1) return;
  const adjustedScale = adjustedSum >= 1 ? 1 / adjustedSum : 1;
  const otherScale = adjustedSum >= 1 ? 0 : (1 - adjustedSum) / otherSum;
  for (let slot = first; slot < last; slot++) {
    if (slot === staying) continue;
    rates[slot] *= touched[slot] ? adjustedScale : otherScale;
  }
}
