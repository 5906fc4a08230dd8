/**
 * The forecast (CONTRACT-forecast.md) on random and malformed data and options: overlapping and
 * duplicate episodes, zero-length episodes, children missing or listed twice, births after
 * entering care, unknown codes, windows outside the data, nonsense options. runForecast and
 * runBacktest return a result or throw a ForecastError with a message — never another
 * exception — and every number they give is finite, with populations, flows and costs ≥ 0.
 */

import fc from "fast-check";
import { EXIT_ROUTES } from "../../src/engine/codes";
import { Day, dayFromYmd } from "../../src/engine/dates";
import { Child, Episode } from "../../src/engine/episodes";
import {
  BacktestResult,
  ForecastError,
  ForecastOptions,
  ForecastResult,
  RateAdjustment,
  STATES,
  runBacktest,
  runForecast,
  simpleStockAndFlow,
  targetDate,
} from "../../src/engine/forecast";
import { UnitCostTable } from "../../src/engine/unitCosts";
import { CaseCounter } from "./cases";

const cases = new CaseCounter("forecast");
afterAll(() => cases.write());

/** Floating-point sums may land a hair below zero; anything more negative is a fault. */
const TOLERANCE = 1e-9;
const ORIGIN = dayFromYmd(2014, 1, 1);
const PLACES = ["U1", "U4", "U6", "K2", "R1", "P3", "S1", "H5", "K3", "P2", "P1", "A4", "T1", "Z1", "R5", "", "XX"];
const RNES = ["S", "P", "L", "T", "U", "B", ""];
const RECS = ["E11", "E12", "E4A", "E13", "E41", "E45", "E5", "E15", "X1", "E2", "E3", "", "ZZ"];

interface Data {
  episodes: Episode[];
  children: Child[];
}

let row = 0;
const nextRow = () => (row += 1);

/**
 * Up to 10 children, each with up to 6 episodes that may overlap (negative gaps), repeat, last no
 * time at all, or stay open; children may be missing from the header, listed twice, born after
 * entering care or before 1900's children would be.
 */
const dataArbitrary: fc.Arbitrary<Data> = fc
  .array(
    fc.record({
      birth: fc.oneof({ arbitrary: fc.integer({ min: -6500, max: 3000 }), weight: 8 }, { arbitrary: fc.constantFrom(dayFromYmd(1900, 1, 1) - ORIGIN, 4500), weight: 1 }),
      listed: fc.constantFrom("once", "once", "once", "once", "twice", "missing"),
      first: fc.integer({ min: 0, max: 3000 }),
      episodes: fc.array(
        fc.record({
          gap: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: -200, max: 500 }), weight: 2 }),
          length: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 900 }), weight: 6 }, { arbitrary: fc.constant(0), weight: 1 }),
          place: fc.constantFrom(...PLACES),
          rne: fc.constantFrom(...RNES),
          rec: fc.constantFrom(...RECS),
          cost: fc.oneof(fc.constant(null), fc.constant(0), fc.integer({ min: 100, max: 12_000 })),
          duplicate: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      open: fc.boolean(),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((kids) => {
    const episodes: Episode[] = [];
    const children: Child[] = [];
    kids.forEach((kid, k) => {
      const id = `C${k}`;
      const dob = ORIGIN + kid.birth;
      if (kid.listed !== "missing") children.push({ row: nextRow(), child: id, sex: "1", dob, ethnic: "WBRI", uasc: false });
      if (kid.listed === "twice") children.push({ row: nextRow(), child: id, sex: "2", dob: dob + 400, ethnic: "WBRI", uasc: true });
      let start: Day = ORIGIN + kid.first;
      kid.episodes.forEach((e, i) => {
        start += e.gap;
        const last = i === kid.episodes.length - 1;
        const end = last && kid.open ? null : start + e.length;
        const episode: Episode = {
          row: nextRow(), child: id, start, end, rne: e.rne, ls: "C2", cin: "N1", place: e.place, provider: "PR1",
          rec: end === null ? "" : e.rec, reasonPlaceChange: "", urn: "", weeklyCost: e.cost, location: "N/A", ebd: false,
        };
        episodes.push(episode);
        if (e.duplicate) episodes.push({ ...episode, row: nextRow(), end: end === null ? start + 30 : null });
        if (end !== null) start = end;
      });
    });
    return { episodes, children };
  });

const STATE_NAMES = STATES.map((s) => s.name);

/** Mostly a sensible value, sometimes nonsense. */
function mostly<T>(sensible: fc.Arbitrary<T>, ...nonsense: T[]): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: sensible, weight: 12 }, { arbitrary: fc.constantFrom(...nonsense), weight: 1 });
}

const adjustmentArbitrary: fc.Arbitrary<RateAdjustment> = fc.record(
  {
    kind: fc.constantFrom<RateAdjustment["kind"]>("transition", "entry"),
    from: mostly(fc.constantFrom<string | undefined>(undefined, "*", ...STATE_NAMES), "Nowhere"),
    to: mostly(fc.constantFrom<string>("*", ...STATE_NAMES, ...EXIT_ROUTES), "Mars"),
    multiply: mostly(fc.oneof(fc.constant(undefined), fc.double({ min: 0, max: 3, noNaN: true })), -1, Number.NaN, Infinity),
    add: mostly(fc.oneof(fc.constant(undefined), fc.double({ min: -0.01, max: 0.01, noNaN: true })), Number.NaN, 2),
  },
  { requiredKeys: ["kind", "to"] },
) as fc.Arbitrary<RateAdjustment>;

const UNIT_COSTS = new UnitCostTable([
  { type: "Foster care", provided: null, location: null, weeklyCost: 800, row: 2 },
  { type: "Residential", provided: null, location: null, weeklyCost: 4_500, row: 3 },
]);

/** Any options, mostly sensible, sometimes not. */
const optionsArbitrary: fc.Arbitrary<ForecastOptions> = fc.record(
  {
    mode: mostly(fc.constantFrom<ForecastOptions["mode"]>("default", "reference"), "bogus" as never),
    referenceStart: mostly(fc.integer({ min: -400, max: 3500 }).map((d) => ORIGIN + d), ORIGIN + 0.5, Number.NaN),
    referenceEnd: mostly(fc.integer({ min: 0, max: 4500 }).map((d) => ORIGIN + d), Infinity),
    start: fc.integer({ min: -300, max: 5000 }).map((d) => ORIGIN + d),
    months: mostly(fc.integer({ min: 1, max: 30 }), 0, -1, 1.5, Number.NaN, 1201),
    pooledRates: fc.boolean(),
    leaveCareAt18: fc.boolean(),
    exitsByRoute: fc.boolean(),
    bandLevel: mostly(fc.constantFrom(0.95, 0.5, 0.999), 0, 1, Number.NaN),
    adjustments: fc.array(adjustmentArbitrary, { maxLength: 3 }),
    target: mostly(fc.integer({ min: 0, max: 60 }), -1, Number.NaN),
    unitCosts: fc.constant(UNIT_COSTS),
    inflation: mostly(fc.constantFrom(0, 0.03, -0.5, 5), -1, Number.NaN),
  },
  { requiredKeys: [] },
);

function attempt<T>(run: () => T): T | ForecastError {
  try {
    return run();
  } catch (error) {
    if (error instanceof ForecastError) {
      expect(error.message.length).toBeGreaterThan(10);
      return error;
    }
    throw new Error(`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} instead of a ForecastError`);
  }
}

function expectCount(value: number, what: string): void {
  if (!Number.isFinite(value) || value < -TOLERANCE) throw new Error(`${what} is ${value}`);
}

function expectSound(result: ForecastResult, episodes: readonly Episode[]): void {
  expect(result.months.length).toBe(result.points.length);
  expect(result.months.length).toBeGreaterThanOrEqual(2);
  expect(result.cleaning.rowsIn).toBe(episodes.length);
  for (const point of result.points) {
    point.population.forEach((p, s) => expectCount(p, `population of ${STATE_NAMES[s]} on day ${point.date}`));
    point.variance.forEach((v, s) => expectCount(v, `variance of ${STATE_NAMES[s]} on day ${point.date}`));
  }
  for (const month of result.months) {
    for (const [what, value] of Object.entries({ total: month.total, lower: month.lower, upper: month.upper, exits: month.exits, entries: month.entries })) {
      expectCount(value, `${what} on day ${month.date}`);
    }
    if (month.lower > month.total + TOLERANCE || month.total > month.upper + TOLERANCE) throw new Error(`band ${month.lower}–${month.upper} misses total ${month.total}`);
    const byCategory = Object.values(month.byCategory);
    byCategory.forEach((value) => expectCount(value, "a category's population"));
    expect(Math.abs(byCategory.reduce((a, b) => a + b, 0) - month.total)).toBeLessThan(1e-6 * Math.max(1, month.total));
    Object.values(month.exitsByRoute).forEach((value) => expectCount(value, "exits by route"));
    if (month.cost !== null) expectCount(month.cost, `cost to day ${month.date}`);
  }
  for (const rate of result.rates) if (!(rate.rate >= 0 && rate.rate <= 1)) throw new Error(`rate ${rate.from} → ${rate.to} is ${rate.rate}`);
  for (const entry of result.entries) expectCount(entry.dailyRate, `entry rate of ${entry.state}`);
  for (const year of result.costPerYear) expectCount(year.cost, `cost of ${year.label}`);
  if (result.targetDate !== null) {
    expect(result.targetDate).toBeGreaterThanOrEqual(result.start);
    expect(result.targetDate).toBeLessThanOrEqual(result.end);
  }
}

function expectSoundBacktest(result: BacktestResult): void {
  for (const r of result.rows) {
    expectCount(r.actual, "an actual total");
    expectCount(r.forecast, "a forecast total");
    Object.values(r.forecastByCategory).forEach((value) => expectCount(value, "a category's forecast"));
  }
  // With nobody in care on any compared day there is no percentage error: the total's is null, like the categories'.
  if (result.mapeTotal === null) expect(result.rows.every((r) => r.actual === 0)).toBe(true);
  else expectCount(result.mapeTotal, "the error of the total");
  Object.values(result.mapeByCategory).forEach((value) => value === null || expectCount(value, "a category's error"));
}

describe("runForecast on random data and options", () => {
  it("returns a sound forecast or says why it cannot (ForecastError), with sensible options", () => {
    let refused = 0;
    fc.assert(
      fc.property(dataArbitrary, fc.constantFrom<ForecastOptions["mode"]>("default", "reference"), fc.integer({ min: 1, max: 24 }), (data, mode, months) => {
        cases.add("forecast, default options");
        const result = attempt(() => runForecast(data.episodes, data.children, { mode, months, unitCosts: UNIT_COSTS, target: 5 }));
        if (result instanceof ForecastError) refused += 1;
        else expectSound(result, data.episodes);
      }),
      { numRuns: 200 },
    );
    // The generator must mostly produce data the model can run on, or the property tests little.
    expect(refused).toBeLessThan(100);
  });

  it("returns a sound forecast or a ForecastError for any options", () => {
    const outcomes = { forecast: 0, refused: 0 };
    fc.assert(
      fc.property(dataArbitrary, optionsArbitrary, (data, options) => {
        cases.add("forecast, any options");
        const result = attempt(() => runForecast(data.episodes, data.children, options));
        if (result instanceof ForecastError) outcomes.refused += 1;
        else {
          expectSound(result, data.episodes);
          outcomes.forecast += 1;
        }
      }),
      { numRuns: 400 },
    );
    console.log(`forecast with any options: ${outcomes.forecast} forecast, ${outcomes.refused} refused with a ForecastError`);
    expect(outcomes.forecast).toBeGreaterThan(10);
  });

  it("refuses no episodes, and episodes none of whose children have a date of birth, with a reason", () => {
    cases.add("forecast, nothing to forecast from", 2);
    expect(() => runForecast([], [])).toThrow(ForecastError);
    const lone: Episode = {
      row: 2, child: "X", start: ORIGIN, end: null, rne: "S", ls: "C2", cin: "N1", place: "U4", provider: "PR1",
      rec: "", reasonPlaceChange: "", urn: "", weeklyCost: null, location: "N/A", ebd: false,
    };
    expect(() => runForecast([lone], [])).toThrow(ForecastError);
  });
});

describe("runBacktest on random data", () => {
  it("returns sound errors or a ForecastError", () => {
    fc.assert(
      fc.property(dataArbitrary, fc.integer({ min: 200, max: 4000 }), fc.constantFrom<ForecastOptions["mode"]>("default", "reference"), fc.integer({ min: 1, max: 18 }), (data, cutoff, mode, months) => {
        cases.add("backtest");
        const result = attempt(() => runBacktest(data.episodes, data.children, { cutoff: ORIGIN + cutoff, mode, months }));
        if (!(result instanceof ForecastError)) expectSoundBacktest(result);
      }),
      { numRuns: 150 },
    );
  });
});

describe("a placeholder end date of 31/12/9999", () => {
  // Some case-management systems write 31/12/9999 for "still open"; the readers accept it, as
  // Excel does. One such row must not move the forecast to the year 9999 nor make it allocate
  // a table of every day from the data's first year to 9999 (~470 MB).
  it("does not move the forecast's default window to the year 9999", () => {
    cases.add("9999 end date");
    const episodes: Episode[] = [
      { row: 2, child: "A", start: dayFromYmd(2019, 5, 1), end: dayFromYmd(2021, 1, 1), rne: "S", ls: "C2", cin: "N1", place: "U4", provider: "PR1", rec: "E4A", reasonPlaceChange: "", urn: "", weeklyCost: null, location: "N/A", ebd: false },
      { row: 3, child: "B", start: dayFromYmd(2020, 3, 1), end: null, rne: "S", ls: "C2", cin: "N1", place: "K2", provider: "PR1", rec: "", reasonPlaceChange: "", urn: "", weeklyCost: null, location: "N/A", ebd: false },
      { row: 4, child: "C", start: dayFromYmd(2021, 6, 1), end: dayFromYmd(2022, 2, 1), rne: "S", ls: "C2", cin: "N1", place: "U4", provider: "PR1", rec: "E11", reasonPlaceChange: "", urn: "", weeklyCost: null, location: "N/A", ebd: false },
      { row: 5, child: "D", start: dayFromYmd(2022, 9, 1), end: dayFromYmd(9999, 12, 31), rne: "S", ls: "C2", cin: "N1", place: "U4", provider: "PR1", rec: "", reasonPlaceChange: "", urn: "", weeklyCost: null, location: "N/A", ebd: false },
    ];
    const children: Child[] = ["A", "B", "C", "D"].map((child, i) => ({ row: i + 2, child, sex: "1", dob: dayFromYmd(2010, 1, 1), ethnic: "WBRI", uasc: false }));
    const result = attempt(() => runForecast(episodes, children));
    if (result instanceof ForecastError) {
      expect(result.message).toMatch(/9999/);
      return;
    }
    expect(result.start).toBeLessThan(dayFromYmd(2100, 1, 1));
  });
});

describe("the one-line stock and flow and the target date", () => {
  const anyNumber = fc.oneof(fc.double(), fc.integer({ min: -5, max: 2000 }), fc.double({ min: 0, max: 1, noNaN: true }));

  it("the stock and flow gives finite, non-negative numbers or a ForecastError for any inputs", () => {
    fc.assert(
      fc.property(anyNumber, anyNumber, anyNumber, fc.oneof(fc.integer({ min: -2, max: 1300 }), fc.double()), (opening, entries, exitRate, months) => {
        cases.add("simpleStockAndFlow");
        const result = attempt(() => simpleStockAndFlow(opening, entries, exitRate, months));
        if (result instanceof ForecastError) return;
        expect(result).toHaveLength(months);
        result.forEach((value) => expectCount(value, "a month's stock"));
      }),
      { numRuns: 2000 },
    );
  });

  it("the target date is one of the dates given, null, or a ForecastError for any inputs", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double(), fc.integer({ min: 0, max: 500 })), { maxLength: 30 }), fc.integer({ min: -1, max: 1 }), anyNumber, (totals, lengthOffset, target) => {
        cases.add("targetDate");
        const dates = totals.map((_, i) => i).slice(0, Math.max(0, totals.length + lengthOffset));
        const result = attempt(() => targetDate(dates, totals, target));
        if (result instanceof ForecastError || result === null) return;
        expect(dates).toContain(result);
      }),
      { numRuns: 2000 },
    );
  });
});
