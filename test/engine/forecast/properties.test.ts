import fc from "fast-check";
import { EXIT_ROUTES } from "../../../src/engine/codes";
import { Day, addYears, formatIsoDate } from "../../../src/engine/dates";
import { Child, Episode } from "../../../src/engine/episodes";
import { ForecastError, ForecastOptions, ForecastResult, RateAdjustment, runForecast } from "../../../src/engine/forecast";
import { Mixture } from "../../../src/engine/forecast/band";
import { EpisodeColumns, NEXT_NONE, NEXT_NOT_IN_CARE, OPEN, cleanEpisodes, episodeColumns } from "../../../src/engine/forecast/cleaning";
import { entryHistory, entryRates } from "../../../src/engine/forecast/entries";
import { expectedPopulations, project } from "../../../src/engine/forecast/projection";
import { RATE_SLOTS, ROUTE_COUNT, RateMethod, estimateRates, fromOfSlot, measurableWindow, rateSlot, transitionHistory } from "../../../src/engine/forecast/rates";
import { CATEGORY_COUNT, IN_CARE_STATES, STATE_COUNT, categoryOfState, inCareState, notInCareState, stateIndexOf } from "../../../src/engine/forecast/states";
import { dailyStock } from "../../../src/engine/forecast/stock";
import { child, day, episode } from "./fixtures";

const PLACES = ["U1", "U4", "U5", "K2", "R1", "H5", "P2", "P1", "S1", "K3", "A3", "Z1"];
const RNES = ["S", "P", "L", "T", "U", "B"];
const RECS = ["E11", "E4A", "E13", "E41", "E45", "E5", "E17", "X1", "E2", "E3"];
const FIRST = day("2015-01-01");

interface Data {
  episodes: Episode[];
  children: Child[];
}

/** Up to 12 children, each with up to 5 episodes, some back to back, some with gaps, the last sometimes open. */
const dataArbitrary: fc.Arbitrary<Data> = fc
  .array(
    fc.record({
      birth: fc.integer({ min: -6000, max: 2000 }),
      first: fc.integer({ min: 0, max: 2000 }),
      episodes: fc.array(
        fc.record({
          gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400 })),
          length: fc.integer({ min: 1, max: 700 }),
          place: fc.constantFrom(...PLACES),
          rne: fc.constantFrom(...RNES),
          rec: fc.constantFrom(...RECS),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      open: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((kids) => {
    const episodes: Episode[] = [];
    const children: Child[] = [];
    kids.forEach((kid, k) => {
      const id = `C${k}`;
      children.push(child(id, formatIsoDate(FIRST + kid.birth)));
      let start: Day = FIRST + kid.first;
      kid.episodes.forEach((e, i) => {
        start += e.gap;
        const last = i === kid.episodes.length - 1;
        const end = last && kid.open ? null : start + e.length;
        episodes.push(episode(id, formatIsoDate(start), end === null ? null : formatIsoDate(end), e.place, { rne: i === 0 ? "S" : e.rne, rec: end === null ? "" : e.rec }));
        if (end !== null) start = end;
      });
    });
    return { episodes, children };
  });

/** The forecast, or null when the data leaves no window to measure rates on (a ForecastError, by design). */
let refused = 0;
let forecasts = 0;
afterAll(() => {
  // The generator should rarely give data without a window to measure rates on.
  expect(refused).toBeLessThan(forecasts / 5);
});

function forecast(data: Data, options: ForecastOptions): ForecastResult | null {
  forecasts += 1;
  try {
    return runForecast(data.episodes, data.children, { months: 3, ...options });
  } catch (error) {
    refused += 1;
    if (error instanceof ForecastError) return null;
    throw error;
  }
}

const outgoing = (result: ForecastResult) => {
  const sums = new Map<string, number>();
  for (const r of result.rates) if (r.from !== r.to) sums.set(r.from, (sums.get(r.from) ?? 0) + r.rate);
  return sums;
};

describe("forecast invariants on random data", () => {
  it("default mode: every rate in [0, 1], a state's outgoing rates add up to at most 1, nothing negative", () => {
    fc.assert(
      fc.property(dataArbitrary, (data) => {
        const result = forecast(data, { mode: "default" });
        if (!result) return;
        const rates = result.rates.map((r) => r.rate);
        expect(Math.min(...rates)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...rates)).toBeLessThanOrEqual(1 + 1e-12);
        expect(Math.max(0, ...outgoing(result).values())).toBeLessThanOrEqual(1 + 1e-12);
        expect(Math.min(...result.entries.map((e) => e.dailyRate))).toBeGreaterThanOrEqual(0);
        expect(Math.min(...result.points.flatMap((p) => [...p.population, ...p.variance]))).toBeGreaterThanOrEqual(-1e-9);
        expect(result.months.every((m) => m.lower <= m.total + 1e-9 && m.total <= m.upper + 1e-9)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("reference mode: rates and entries are never negative, and nobody is lost or made up", () => {
    fc.assert(
      fc.property(dataArbitrary, (data) => {
        const result = forecast(data, { mode: "reference" });
        if (!result) return;
        for (const r of result.rates) if (r.from !== r.to) expect(r.rate).toBeGreaterThanOrEqual(0);
        for (const e of result.entries) expect(e.dailyRate).toBeGreaterThanOrEqual(0);
        checkBalance(result);
      }),
      { numRuns: 100 },
    );
  });

  it("in both modes children in care + children who left = children at the start + entries; exits by route add up", () => {
    fc.assert(
      fc.property(dataArbitrary, fc.constantFrom<"reference" | "default">("reference", "default"), (data, mode) => {
        // The balance holds on any window: a window set spares the default mode's choice of one (window.test.ts tests it).
        const result = forecast(data, { mode, referenceStart: FIRST });
        if (result) checkBalance(result);
      }),
      { numRuns: 60 },
    );
  });

  it("with no entries and no exits the total stays where it started", () => {
    const noFlows: RateAdjustment[] = [
      ...EXIT_ROUTES.map((route) => ({ kind: "transition" as const, from: "*", to: route, multiply: 0 })),
      { kind: "entry", to: "*", multiply: 0 },
    ];
    fc.assert(
      fc.property(dataArbitrary, fc.constantFrom<"reference" | "default">("reference", "default"), (data, mode) => {
        const result = forecast(data, { mode, adjustments: noFlows, referenceStart: FIRST });
        if (!result) return;
        const start = result.months[0].total;
        for (const month of result.months) expect(month.total).toBeCloseTo(start, 9);
      }),
      { numRuns: 60 },
    );
  });

  it("the reference and default modes agree wherever their options coincide", () => {
    fc.assert(
      fc.property(dataArbitrary, fc.boolean(), (data, pooled) => {
        const shared: ForecastOptions = {
          pooledRates: pooled,
          leaveCareAt18: false,
          variance: "open model",
          fromFirstReturn: false,
          // The window too: left blank, the default mode would choose its own (window.ts).
          referenceStart: FIRST,
        };
        const reference = forecast(data, { mode: "reference", ...shared });
        const byDefault = forecast(data, { mode: "default", ...shared });
        expect(byDefault === null).toBe(reference === null);
        if (!reference || !byDefault) return;
        expect(byDefault.points).toEqual(reference.points);
        expect(byDefault.rates).toEqual(reference.rates);
        expect(byDefault.entries).toEqual(reference.entries);
      }),
      { numRuns: 60 },
    );
  });
});

/** Mass balance over the horizon, and the Not in care states only ever fill up. */
function checkBalance(result: ForecastResult): void {
  const notInCare = result.states.filter((s) => !s.inCare).map((s) => s.index);
  const first = result.months[0];
  const last = result.months[result.months.length - 1];
  const lastPoint = result.points[result.points.length - 1];
  const left = notInCare.reduce((sum, s) => sum + lastPoint.population[s], 0);
  const entries = result.months.reduce((sum, m) => sum + m.entries, 0);
  const exits = result.months.reduce((sum, m) => sum + m.exits, 0);
  const scale = Math.max(1, first.total + entries);
  expect(Math.abs(last.total + left - (first.total + entries)) / scale).toBeLessThan(1e-9);
  expect(Math.abs(exits - left) / scale).toBeLessThan(1e-9);
  for (const month of result.months) {
    const byRoute = EXIT_ROUTES.reduce((sum, route) => sum + month.exitsByRoute[route], 0);
    expect(Math.abs(byRoute - month.exits)).toBeLessThan(1e-9 * scale);
  }
  for (let p = 1; p < result.points.length; p++) {
    for (const s of notInCare) expect(result.points[p].population[s]).toBeGreaterThanOrEqual(result.points[p - 1].population[s] - 1e-9);
  }
}

describe("the projection on its own", () => {
  /** A matrix that only moves children between in-care states: each column adds up to 1. */
  const closedMatrix = fc
    .array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: IN_CARE_STATES, maxLength: IN_CARE_STATES }), {
      minLength: IN_CARE_STATES,
      maxLength: IN_CARE_STATES,
    })
    .map((weights) => {
      const matrix = new Float64Array(STATE_COUNT * STATE_COUNT);
      for (let from = 0; from < STATE_COUNT; from++) {
        if (from >= IN_CARE_STATES) {
          matrix[from * STATE_COUNT + from] = 1;
          continue;
        }
        const column = weights[from];
        const total = column.reduce((a, b) => a + b, 0);
        for (let to = 0; to < IN_CARE_STATES; to++) matrix[to * STATE_COUNT + from] = total > 0 ? column[to] / total : to === from ? 1 : 0;
      }
      return matrix;
    });

  it("keeps the total constant when children only move between states, whatever the moves", () => {
    fc.assert(
      fc.property(
        closedMatrix,
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: IN_CARE_STATES, maxLength: IN_CARE_STATES }),
        fc.constantFrom<"open model" | "covariance">("open model", "covariance"),
        (matrix, stock, variance) => {
          const initial = new Float64Array(STATE_COUNT);
          stock.forEach((x, s) => (initial[s] = x));
          const start = day("2024-01-01");
          const end = addYears(start, 0) + 40;
          const projection = project({
            matrix,
            entries: new Float64Array(STATE_COUNT),
            exitRates: new Float64Array(IN_CARE_STATES * ROUTE_COUNT),
            initial,
            start,
            end,
            variance,
            dailyCost: new Float64Array(IN_CARE_STATES),
            inflation: 0,
            reportDays: [start, end],
          });
          const total = stock.reduce((a, b) => a + b, 0);
          for (const t of projection.totals) expect(t).toBeCloseTo(total, 8);
          // With nobody coming or going the total is certain: its variance stays 0 under the covariance method.
          if (variance === "covariance") for (const v of projection.totalVariance) expect(Math.abs(v)).toBeLessThan(1e-8 * Math.max(1, total));
          for (const x of projection.points[1].population) expect(x).toBeGreaterThanOrEqual(-1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("window counts read from the filed history", () => {
  // Windows start and end on, or a day either side of, days spells start or end: where a count read off by one would show.
  const windowArbitrary = fc.record({ first: fc.nat(), last: fc.nat(), nudgeFirst: fc.integer({ min: -1, max: 1 }), nudgeLast: fc.integer({ min: -1, max: 1 }) });

  it("give each window the rates and entries a recount of the spells over that window gives", () => {
    fc.assert(
      fc.property(dataArbitrary, windowArbitrary, fc.constantFrom<RateMethod>("pooled", "mean of daily ratios"), (data, w, method) => {
        const { spells } = cleanEpisodes(data.episodes, data.children, { leaveCareAt18: true });
        const stock = dailyStock(spells, spells.dataStart, spells.dataEnd);
        const days = [...spells.start.subarray(0, spells.count), ...spells.end.subarray(0, spells.count)].filter((d) => d !== OPEN);
        const [a, b] = [days[w.first % days.length] + w.nudgeFirst, days[w.last % days.length] + w.nudgeLast].sort((x, y) => x - y);
        const window = measurableWindow(a, b, stock, spells.firstEnd);
        const read = estimateRates({ window, history: transitionHistory(spells) }, stock, method);
        // The definition, counted afresh: each spell ending in the window with a successor, by slot and day.
        const perDay = new Map<number, Map<Day, number>>();
        for (let k = 0; k < spells.count; k++) {
          const end = spells.end[k];
          if (end === OPEN || spells.next[k] === NEXT_NONE || end < window.first || end > window.last) continue;
          const from = inCareState(spells.band[k], spells.category[k]);
          const slot =
            spells.next[k] === NEXT_NOT_IN_CARE
              ? rateSlot(from, notInCareState(spells.endBand[k]), spells.route[k])
              : rateSlot(from, inCareState(spells.endBand[k], spells.next[k]), 0);
          const days = perDay.get(slot) ?? new Map<Day, number>();
          days.set(end, (days.get(end) ?? 0) + 1);
          perDay.set(slot, days);
        }
        const previous = (s: number, d: Day) => stock.values[(d - 1 - stock.firstDay) * IN_CARE_STATES + s];
        const stockDays = new Float64Array(IN_CARE_STATES);
        const occupied = new Float64Array(IN_CARE_STATES);
        for (let s = 0; s < IN_CARE_STATES; s++) {
          for (let d = window.first; d <= window.last; d++) {
            stockDays[s] += previous(s, d);
            if (previous(s, d) > 0) occupied[s] += 1;
          }
        }
        const expected = new Float64Array(RATE_SLOTS);
        for (const [slot, byDay] of perDay) {
          const from = fromOfSlot(slot);
          const days = [...byDay].sort((a, b) => a[0] - b[0]);
          if (method === "pooled") expected[slot] = stockDays[from] > 0 ? days.reduce((sum, [, n]) => sum + n, 0) / stockDays[from] : 0;
          else if (occupied[from] > 0) expected[slot] = days.reduce((sum, [d, n]) => (previous(from, d) > 0 ? sum + n / previous(from, d) : sum), 0) / occupied[from];
        }
        expect(Array.from(read.bySlot)).toEqual(Array.from(expected));
        if (window.last >= window.first) {
          const entries = entryRates(entryHistory(spells), window.first, window.last);
          for (let s = 0; s < IN_CARE_STATES; s++) {
            let count = 0;
            for (let k = 0; k < spells.count; k++) {
              if (spells.entry[k] === 1 && inCareState(spells.band[k], spells.category[k]) === s && spells.start[k] >= window.first && spells.start[k] <= window.last) count += 1;
            }
            expect(entries[s]).toBe(count / (window.last - window.first + 1));
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it("the window choice's expected populations are the full projection's, to the last bit", () => {
    fc.assert(
      fc.property(dataArbitrary, (data) => {
        const result = forecast(data, { mode: "default", months: 14, band: false, uncosted: true });
        if (result === null) return;
        const matrix = new Float64Array(STATE_COUNT * STATE_COUNT);
        for (const rate of result.rates) matrix[stateIndexOf(rate.to)! * STATE_COUNT + stateIndexOf(rate.from)!] = rate.rate;
        for (let s = IN_CARE_STATES; s < STATE_COUNT; s++) matrix[s * STATE_COUNT + s] = 1;
        const entries = new Float64Array(STATE_COUNT);
        for (const entry of result.entries) entries[stateIndexOf(entry.state)!] = entry.dailyRate;
        const initial = result.points[0].population;
        const days = result.points.map((point) => point.date);
        const full = project({
          matrix,
          entries,
          exitRates: new Float64Array(IN_CARE_STATES * ROUTE_COUNT),
          initial,
          start: result.start,
          end: result.end,
          variance: "open model",
          dailyCost: new Float64Array(IN_CARE_STATES),
          inflation: 0,
          reportDays: days,
        });
        const expected = expectedPopulations(matrix, entries, initial, result.start, days);
        expect(expected.map((p) => p.date)).toEqual(days);
        expected.forEach((point, i) => expect(Array.from(point.population)).toEqual(Array.from(full.points[i].population)));
      }),
      { numRuns: 40 },
    );
  });
});

describe("the band's mixture", () => {
  it("reads each day's percentiles off the day's values in order, however the order changes from day to day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((draws) =>
          fc.record({
            draws: fc.array(fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { minLength: 6, maxLength: 6 }), { minLength: draws, maxLength: draws }),
            variance: fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 6, maxLength: 6 }),
            noise: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: draws, maxLength: draws }),
          }),
        ),
        ({ draws, variance, noise }) => {
          const series = draws.map((d) => Float64Array.from(d));
          const totals = Float64Array.from({ length: 6 }, (_, t) => series.reduce((sum, d) => sum + d[t], 0) / series.length);
          const byDay = Float64Array.from({ length: 6 * series.length }, (_, i) => series[i % series.length][Math.floor(i / series.length)]);
          const mixture = new Mixture(byDay, series.length, totals, Float64Array.from(variance), Float64Array.from(noise));
          for (let t = 0; t < 6; t++) {
            mixture.sortDay(t);
            const values = series.flatMap((d, k) => {
              const spread = Math.sqrt(Math.max(0, variance[t] * (totals[t] > 0 ? d[t] / totals[t] : 1))) * noise[k];
              return [d[t] + spread, d[t] - spread];
            });
            const sorted = Float64Array.from(values).sort();
            for (const p of [0, 0.025, 0.25, 0.5, 0.75, 0.975, 1]) {
              const position = p * (sorted.length - 1);
              const below = Math.floor(position);
              const above = Math.min(below + 1, sorted.length - 1);
              expect(mixture.quantile(p)).toBe(Math.max(0, sorted[below] + (position - below) * (sorted[above] - sorted[below])));
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("cleanings that share the episodes read into columns", () => {
  it("clean as if each had read them afresh, whatever ran on the columns before", () => {
    fc.assert(
      fc.property(dataArbitrary, fc.integer({ min: 0, max: 3000 }), fc.boolean(), (data, cutoffOffset, leaveCareAt18) => {
        const shared = episodeColumns(data.episodes, data.children);
        const clean = (options: Parameters<typeof cleanEpisodes>[2], columns?: EpisodeColumns) => {
          try {
            return cleanEpisodes(data.episodes, data.children, options, columns);
          } catch (error) {
            if (error instanceof ForecastError) return error.message;
            throw error;
          }
        };
        const runs: Parameters<typeof cleanEpisodes>[2][] = [
          { leaveCareAt18 },
          { leaveCareAt18: !leaveCareAt18, cutoff: FIRST + cutoffOffset },
          { leaveCareAt18, cutoff: FIRST + cutoffOffset },
        ];
        // All run first, then compared: a later cleaning must not change what an earlier one gave either.
        const sharing = runs.map((options) => clean(options, shared));
        runs.forEach((options, k) => expect(sharing[k]).toEqual(clean(options)));
      }),
      { numRuns: 60 },
    );
  });

  it("uncut at birthdays (the actuals'), count the same children in care by placement category each day as cut", () => {
    fc.assert(
      fc.property(dataArbitrary, fc.option(fc.integer({ min: 0, max: 3000 })), (data, cutoffOffset) => {
        const cutoff = cutoffOffset === null ? undefined : FIRST + cutoffOffset;
        const clean = (cutAtBirthdays: boolean) => {
          try {
            return cleanEpisodes(data.episodes, data.children, { leaveCareAt18: false, cutoff, cutAtBirthdays }).spells;
          } catch (error) {
            if (error instanceof ForecastError) return error.message;
            throw error;
          }
        };
        const [cut, uncut] = [clean(true), clean(false)];
        if (typeof cut === "string" || typeof uncut === "string") return expect(uncut).toEqual(cut);
        expect([uncut.lastDate, uncut.dataStart, uncut.firstReturnStart]).toEqual([cut.lastDate, cut.dataStart, cut.firstReturnStart]);
        const byCategory = (spells: typeof cut) => {
          const stock = dailyStock(spells, spells.dataStart, spells.lastDate);
          const days: number[][] = [];
          for (let d = 0; d <= spells.lastDate - spells.dataStart; d++) {
            const totals = new Array<number>(CATEGORY_COUNT).fill(0);
            for (let s = 0; s < IN_CARE_STATES; s++) totals[categoryOfState(s)] += stock.values[d * IN_CARE_STATES + s];
            days.push(totals);
          }
          return days;
        };
        expect(byCategory(uncut)).toEqual(byCategory(cut));
        // Each episode is one spell: no more spells than episodes kept.
        expect(uncut.count).toBeLessThanOrEqual(cut.count);
      }),
      { numRuns: 100 },
    );
  });

  it("a children table that repeats an id cleans as its ids in first-row order, with each id's last date of birth", () => {
    fc.assert(
      fc.property(dataArbitrary, fc.array(fc.nat(), { maxLength: 4 }), fc.integer({ min: -400, max: 400 }), (data, repeats, shift) => {
        // Rows repeated at the end with another date of birth: the later row's is the child's.
        const again = repeats.map((r) => data.children[r % data.children.length]).map((c) => ({ ...c, dob: c.dob + shift }));
        const lastDob = new Map([...data.children, ...again].map((c) => [c.child, c.dob]));
        const distinct = data.children.map((c) => ({ ...c, dob: lastDob.get(c.child) as number }));
        const clean = (children: Child[]) => {
          try {
            return cleanEpisodes(data.episodes, children, { leaveCareAt18: true });
          } catch (error) {
            if (error instanceof ForecastError) return error.message;
            throw error;
          }
        };
        expect(clean([...data.children, ...again])).toEqual(clean(distinct));
      }),
      { numRuns: 60 },
    );
  });
});
