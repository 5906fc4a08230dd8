import fc from "fast-check";
import { EXIT_ROUTES } from "../../../src/engine/codes";
import { Day, addYears, formatIsoDate } from "../../../src/engine/dates";
import { Child, Episode } from "../../../src/engine/episodes";
import { ForecastError, ForecastOptions, ForecastResult, RateAdjustment, runForecast } from "../../../src/engine/forecast";
import { project } from "../../../src/engine/forecast/projection";
import { ROUTE_COUNT } from "../../../src/engine/forecast/rates";
import { IN_CARE_STATES, STATE_COUNT } from "../../../src/engine/forecast/states";
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
