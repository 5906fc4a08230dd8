/**
 * The day-by-day projection x(t+1) = M·x(t) + e (docs/method/forecast.md, "The model in detail"), with its variance,
 * the flows out of care by route, and the cost of the children in care each day.
 */

import { Day, ymdOfDay } from "../dates";
import { ROUTE_COUNT } from "./rates";
import { IN_CARE_STATES, STATE_COUNT, isInCare } from "./states";

/**
 * "open model": each state's variance as the open model carries it, V(t+1) = V(t) + (M∘(1−M))·x(t) + e,
 * the total's variance taken as the sum of the states'. "covariance": the full covariance of the
 * states, Σ(t+1) = M·(Σ(t) − diag x(t))·Mᵀ + diag(M·x(t)) + diag(e), exact for children who move
 * independently and entries that arrive at random; the total's variance counts the covariances,
 * which are negative between states children move between.
 */
export type VarianceMethod = "open model" | "covariance";

export interface ProjectionInput {
  /** M[to × STATE_COUNT + from]. */
  matrix: Float64Array;
  /** Children entering each state per day. */
  entries: Float64Array;
  /** Daily exit rate of each in-care state by route: [from × ROUTE_COUNT + route]. */
  exitRates: Float64Array;
  /** Population by state on the start day (Not in care states 0). */
  initial: Float64Array;
  start: Day;
  end: Day;
  variance: VarianceMethod;
  /** Cost of one child for one day in each in-care state at the start's prices; 0 where uncosted. */
  dailyCost: Float64Array;
  /** The parts of dailyCost by cost item (they add up to it), each summed day by day on its own. */
  itemDailyCost?: readonly Float64Array[];
  /** Annual inflation, applied in steps of a month from the start (0.03 = 3%). */
  inflation: number;
  /** Days whose populations are kept, in order, all within [start, end]. */
  reportDays: readonly Day[];
  /** Also keep every day's in-care populations (for the open model's costs, which round each day's). */
  keepDaily?: boolean;
}

export interface ProjectedPoint {
  date: Day;
  population: Float64Array;
  variance: Float64Array;
}

export interface Projection {
  points: ProjectedPoint[];
  /** Index t is the day start + t, for t = 0 … end − start. */
  totals: Float64Array;
  totalVariance: Float64Array;
  /** Running sums from the start: entries, exits by route ([t × ROUTE_COUNT + route]) and cost up to day start + t. */
  cumulativeEntries: Float64Array;
  cumulativeExits: Float64Array;
  cumulativeCost: Float64Array;
  /** By cost item, running sums of its cost (with inflation) up to day start + t. */
  cumulativeItemCost: Float64Array[];
  /** With keepDaily: the in-care populations of days start + 1 … end, [(t − 1) × IN_CARE_STATES + state]; else null. */
  daily: Float64Array | null;
}

export function project(input: ProjectionInput): Projection {
  const S = STATE_COUNT;
  const days = input.end - input.start;
  const { matrix, entries, exitRates } = input;
  const totals = new Float64Array(days + 1);
  const totalVariance = new Float64Array(days + 1);
  const cumulativeEntries = new Float64Array(days + 1);
  const cumulativeExits = new Float64Array((days + 1) * ROUTE_COUNT);
  const cumulativeCost = new Float64Array(days + 1);
  const itemDailyCost = input.itemDailyCost ?? [];
  const cumulativeItemCost = itemDailyCost.map(() => new Float64Array(days + 1));
  const points: ProjectedPoint[] = [];
  const daily = input.keepDaily ? new Float64Array(days * IN_CARE_STATES) : null;

  let x = input.initial.slice();
  let next = new Float64Array(S);
  const variance = new Float64Array(S);
  // Most of M is zero (a child moves between few states): every product below runs over its non-zero entries only.
  const sparse = sparseRows(matrix);
  // The covariance is carried over the states anyone can be in alone (a return fills a handful of
  // the model's states): the others' rows and columns stay exactly 0, so the figures are the same.
  const covarying = input.variance === "covariance" ? new CovarianceOver(reachableStates(matrix, input.initial, entries, S), matrix) : null;
  const spread = sparse.value.map((m) => m * (1 - m));
  let entriesPerDay = 0;
  for (let s = 0; s < S; s++) entriesPerDay += entries[s];
  const inflationOn = monthlyInflation(input.start, input.inflation);

  let reportIndex = 0;
  const keep = (t: number) => {
    while (reportIndex < input.reportDays.length && input.reportDays[reportIndex] === input.start + t) {
      const stateVariance = covarying ? covarying.stateVariances() : variance.slice();
      points.push({ date: input.start + t, population: x.slice(), variance: stateVariance });
      reportIndex += 1;
    }
  };
  totals[0] = inCareTotal(x);
  keep(0);

  // Each day's steps are small functions of their own: in a fresh process V8 is likely to optimise
  // a small function called every day sooner than it replaces this whole loop mid-run, and the
  // first forecast of a process ran faster so (docs/benchmarks.md, "Start-up, sixth pass").
  for (let t = 1; t <= days; t++) {
    addExits(x, exitRates, cumulativeExits, t);
    cumulativeEntries[t] = cumulativeEntries[t - 1] + entriesPerDay;
    stepWithSpread(sparse, spread, entries, x, next, variance);
    covarying?.propagate(x, next);

    [x, next] = [next, x];
    totals[t] = inCareTotal(x);
    totalVariance[t] = covarying ? covarying.inCareTotal() : inCareTotal(variance);
    const priceFactor = inflationOn(input.start + t);
    cumulativeCost[t] = cumulativeCost[t - 1] + dayCost(x, input.dailyCost) * priceFactor;
    for (let item = 0; item < itemDailyCost.length; item++) {
      cumulativeItemCost[item][t] = cumulativeItemCost[item][t - 1] + dayCost(x, itemDailyCost[item]) * priceFactor;
    }
    keep(t);
    daily?.set(x.subarray(0, IN_CARE_STATES), (t - 1) * IN_CARE_STATES);
  }
  return { points, totals, totalVariance, cumulativeEntries, cumulativeExits, cumulativeCost, cumulativeItemCost, daily };
}

/** Adds the day's flows out of care by route, Σ x[state] × exit rate, to their running sums up to day t. */
function addExits(x: Float64Array, exitRates: Float64Array, cumulativeExits: Float64Array, t: number): void {
  for (let r = 0; r < ROUTE_COUNT; r++) {
    let flow = 0;
    for (let s = 0; s < IN_CARE_STATES; s++) flow += x[s] * exitRates[s * ROUTE_COUNT + r];
    cumulativeExits[t * ROUTE_COUNT + r] = cumulativeExits[(t - 1) * ROUTE_COUNT + r] + flow;
  }
}

/** next = M·x + e, and each state's variance grows by (M∘(1−M))·x + e (`spread` holds M∘(1−M) on M's non-zero entries). */
function stepWithSpread(m: SparseRows, spread: Float64Array, entries: Float64Array, x: Float64Array, next: Float64Array, variance: Float64Array): void {
  for (let to = 0; to < m.start.length - 1; to++) {
    let value = entries[to];
    let spreadValue = entries[to];
    for (let n = m.start[to]; n < m.start[to + 1]; n++) {
      const from = m.column[n];
      value += m.value[n] * x[from];
      spreadValue += spread[n] * x[from];
    }
    next[to] = value;
    variance[to] += spreadValue;
  }
}

/** A day's cost: Σ x[state] × the cost of one child for the day in that state, over the in-care states. */
function dayCost(x: Float64Array, perChild: Float64Array): number {
  let total = 0;
  for (let s = 0; s < IN_CARE_STATES; s++) total += x[s] * perChild[s];
  return total;
}

/** The children in care: the in-care states' sum. */
export function inCareTotal(values: Float64Array): number {
  let total = 0;
  for (let s = 0; s < IN_CARE_STATES; s++) total += values[s];
  return total;
}

/**
 * The expected populations alone, x(t+1) = M·x(t) + e, on the reported days (all within [start,
 * the last of them]): what the window choice scores dozens of windows on, so it carries no
 * variance, flows or costs, and its loop is small enough for V8 to optimise at once.
 */
export function expectedPopulations(matrix: Float64Array, entries: Float64Array, initial: Float64Array, start: Day, reportDays: readonly Day[]): Pick<ProjectedPoint, "date" | "population">[] {
  // Only the states anyone can be in are stepped (a return fills a handful of the model's states);
  // the others stay exactly 0 in the full projection, so leaving them out changes no figure.
  const active = reachableStates(matrix, initial, entries, STATE_COUNT);
  const sparse = sparseRows(matrix, active);
  const activeEntries = Float64Array.from(active, (state) => entries[state]);
  let x = Float64Array.from(active, (state) => initial[state]);
  let next = new Float64Array(active.length);
  const points: Pick<ProjectedPoint, "date" | "population">[] = [];
  let day = start;
  for (const reportDay of reportDays) {
    for (; day < reportDay; day++) {
      stepExpected(sparse, activeEntries, x, next);
      [x, next] = [next, x];
    }
    const population = new Float64Array(STATE_COUNT);
    active.forEach((state, i) => (population[state] = x[i]));
    points.push({ date: reportDay, population });
  }
  return points;
}

/** next = M·x + e. */
function stepExpected(m: SparseRows, entries: Float64Array, x: Float64Array, next: Float64Array): void {
  for (let to = 0; to < x.length; to++) {
    let value = entries[to];
    for (let n = m.start[to]; n < m.start[to + 1]; n++) value += m.value[n] * x[m.column[n]];
    next[to] = value;
  }
}

/**
 * The first `count` states (in-care states only, or all) anyone can be in: those holding children
 * at the start or entered, and every state a move of M leads to from them, ascending.
 */
export function reachableStates(matrix: Float64Array, initial: Float64Array, entries: Float64Array, count: number): number[] {
  const reached = new Uint8Array(count);
  const queue: number[] = [];
  for (let s = 0; s < count; s++) {
    if (initial[s] > 0 || entries[s] > 0) {
      reached[s] = 1;
      queue.push(s);
    }
  }
  while (queue.length > 0) {
    const from = queue.pop() as number;
    for (let to = 0; to < count; to++) {
      if (reached[to] || matrix[to * STATE_COUNT + from] === 0) continue;
      reached[to] = 1;
      queue.push(to);
    }
  }
  const states: number[] = [];
  reached.forEach((isReached, state) => {
    if (isReached) states.push(state);
  });
  return states;
}

/** The non-zero entries of M by row, so that the projection and the covariance products skip the many zeros. */
interface SparseRows {
  start: Int32Array;
  column: Int32Array;
  value: Float64Array;
}

/** M's non-zero entries between `states` (all by default), numbered by their place in the list. */
function sparseRows(matrix: Float64Array, states: readonly number[] = ALL_STATES): SparseRows {
  const S = STATE_COUNT;
  const start = new Int32Array(states.length + 1);
  const columns: number[] = [];
  const values: number[] = [];
  states.forEach((to, row) => {
    states.forEach((from, column) => {
      if (matrix[to * S + from] !== 0) {
        columns.push(column);
        values.push(matrix[to * S + from]);
      }
    });
    start[row + 1] = columns.length;
  });
  return { start, column: Int32Array.from(columns), value: Float64Array.from(values) };
}

const ALL_STATES: readonly number[] = Array.from({ length: STATE_COUNT }, (_, s) => s);

/**
 * The covariance of the states' populations, Σ[a × n + b] over `states` (n of them, ascending),
 * carried day by day.
 */
class CovarianceOver {
  private readonly m: SparseRows;
  private readonly covariance: Float64Array;
  private readonly scratch: Float64Array;
  private readonly x: Float64Array;
  private readonly expected: Float64Array;
  /** How many of the states are in care: they come first, as the states are ascending. */
  private readonly inCare: number;

  constructor(
    private readonly states: readonly number[],
    matrix: Float64Array,
  ) {
    const n = states.length;
    this.m = sparseRows(matrix, states);
    this.covariance = new Float64Array(n * n);
    this.scratch = new Float64Array(n * n);
    this.x = new Float64Array(n);
    this.expected = new Float64Array(n);
    this.inCare = states.filter(isInCare).length;
  }

  /** Σ ← M·(Σ − diag x)·Mᵀ + diag(M·x) + diag(e), where M·x + e is `expected` (both by every state). */
  propagate(x: Float64Array, expected: Float64Array): void {
    this.states.forEach((state, i) => {
      this.x[i] = x[state];
      this.expected[i] = expected[state];
    });
    propagateCovariance(this.m, this.x, this.expected, this.covariance, this.scratch);
  }

  /** Each state's variance, by every state (0 for a state nobody can be in). */
  stateVariances(): Float64Array {
    const n = this.states.length;
    const variances = new Float64Array(STATE_COUNT);
    this.states.forEach((state, i) => (variances[state] = this.covariance[i * n + i]));
    return variances;
  }

  /** The variance of the children in care: every covariance between in-care states. */
  inCareTotal(): number {
    const n = this.states.length;
    let total = 0;
    for (let a = 0; a < this.inCare; a++) {
      for (let b = 0; b < this.inCare; b++) total += this.covariance[a * n + b];
    }
    return total;
  }
}

/** Σ ← M·(Σ − diag x)·Mᵀ + diag(M·x) + diag(e), where M·x + e is `expected`; n × n over x's states. */
function propagateCovariance(m: SparseRows, x: Float64Array, expected: Float64Array, covariance: Float64Array, scratch: Float64Array): void {
  const n = x.length;
  for (let s = 0; s < n; s++) covariance[s * n + s] -= x[s];
  // scratch = M · (Σ − diag x)
  scratch.fill(0);
  for (let a = 0; a < n; a++) {
    for (let k = m.start[a]; k < m.start[a + 1]; k++) {
      const from = m.column[k];
      const weight = m.value[k];
      for (let b = 0; b < n; b++) scratch[a * n + b] += weight * covariance[from * n + b];
    }
  }
  // Σ = scratch · Mᵀ + diag(M·x + e), and M·x + e is the expected population just computed.
  covariance.fill(0);
  for (let b = 0; b < n; b++) {
    for (let k = m.start[b]; k < m.start[b + 1]; k++) {
      const from = m.column[k];
      const weight = m.value[k];
      for (let a = 0; a < n; a++) covariance[a * n + b] += scratch[a * n + from] * weight;
    }
  }
  for (let s = 0; s < n; s++) covariance[s * n + s] += expected[s];
}

/** The price factor on a day: (1 + inflation) ^ (whole months since the start ÷ 12). */
export function monthlyInflation(start: Day, inflation: number): (day: Day) => number {
  if (inflation === 0) return () => 1;
  const from = ymdOfDay(start);
  return (day) => {
    const to = ymdOfDay(day);
    const months = (to.year - from.year) * 12 + (to.month - from.month) - (to.day < from.day ? 1 : 0);
    return Math.pow(1 + inflation, months / 12);
  };
}
