/**
 * Four children whose every number can be worked on paper. All are born on 15 January 2013, so
 * they are in the "5 to 10" band throughout (no birthday splits). Reference window: 1 to 10
 * January 2020 (10 days).
 *
 *   A  Fostering (U4) 1 Jun 2019 – 5 Jan 2020, then leaves care, adopted (REC E11)
 *   B  Fostering (U4) 1 Jun 2019 – 4 Jan 2020, then Residential (K2) from 4 Jan 2020, still open
 *   C  comes into care in Fostering (U5) on 7 Jan 2020, still open
 *   D  Other (P1) 1 Jan 2019 – 1 Dec 2019, returned home (REC E13): before the window, so only
 *      its DEC matters (the open model's transitions start on the first DEC in the data)
 *
 * Fostering stock on the day before each window day (DECOM ≤ d < DEC):
 *   1–4 Jan: 2 (A, B)   5 Jan: 1 (A; B moved on 4 Jan)   6–7 Jan: 0   8–10 Jan: 1 (C)
 *   → 8 occupied days, 12 child-days.
 * Transitions out of Fostering: B to Residential on 4 Jan (stock before 2), A out of care on 5 Jan (stock before 1).
 *   Reference (mean of daily ratios over occupied days): F→R = (1/2)/8 = 1/16, F→out = (1/1)/8 = 1/8.
 *   Default (pooled): F→R = 1/12, F→out = 1/12.
 * Entries: C only, 1 / 10 days (the window's days, both ends counted, in both modes as in the open model).
 * Start 31 Jan 2020: C in Fostering, B in Residential. The first projected day is 1 Feb, a reported day.
 */

import { formatIsoDate } from "../../../src/engine/dates";
import { ForecastResult, runForecast } from "../../../src/engine/forecast";
import { child, day, episode } from "./fixtures";

const children = ["A", "B", "C", "D"].map((id) => child(id, "2013-01-15"));
const episodes = [
  episode("A", "2019-06-01", "2020-01-05", "U4", { rec: "E11" }),
  episode("B", "2019-06-01", "2020-01-04", "U4", { rec: "X1" }),
  episode("B", "2020-01-04", null, "K2", { rne: "P" }),
  episode("C", "2020-01-07", null, "U5"),
  episode("D", "2019-01-01", "2019-12-01", "P1", { rec: "E13" }),
];
const window = { referenceStart: day("2020-01-01"), referenceEnd: day("2020-01-10"), start: day("2020-01-31"), months: 1 };

const F = "5 to 10 - Fostering";
const R = "5 to 10 - Residential";
const OUT = "5 to 10 - Not in care";

function rate(result: ForecastResult, from: string, to: string): number {
  return result.rates.find((r) => r.from === from && r.to === to)?.rate ?? 0;
}

function onDay(result: ForecastResult, iso: string) {
  const point = result.points.find((p) => formatIsoDate(p.date) === iso);
  if (!point) throw new Error(`no point on ${iso}`);
  const index = (name: string) => result.states.findIndex((s) => s.name === name);
  return {
    population: (name: string) => point.population[index(name)],
    variance: (name: string) => point.variance[index(name)],
    month: result.months[result.points.indexOf(point)],
  };
}

describe("reference mode, worked by hand", () => {
  const result = runForecast(episodes, children, { mode: "reference", ...window });

  it("counts the stock on the start day", () => {
    const start = onDay(result, "2020-01-31");
    expect(start.population(F)).toBe(1);
    expect(start.population(R)).toBe(1);
    expect(start.month.total).toBe(2);
  });

  it("measures rates as the mean of daily ratios over the days the state was occupied", () => {
    expect(rate(result, F, R)).toBeCloseTo(1 / 16, 12);
    expect(rate(result, F, OUT)).toBeCloseTo(1 / 8, 12);
    expect(rate(result, F, F)).toBeCloseTo(1 - 1 / 16 - 1 / 8, 12);
    expect(rate(result, R, R)).toBe(1);
    expect(result.exitRates).toEqual([{ from: F, route: "Adopted", rate: expect.closeTo(1 / 8, 12) }]);
  });

  it("divides entries by the window's days, both ends counted", () => {
    expect(result.entries.find((e) => e.state === F)?.dailyRate).toBeCloseTo(1 / 10, 12);
    expect(result.entries.filter((e) => e.dailyRate > 0)).toHaveLength(1);
  });

  it("projects one day: x(t+1) = M·x(t) + e and V(t+1) = V(t) + (M∘(1−M))·x(t) + e", () => {
    const next = onDay(result, "2020-02-01");
    expect(next.population(F)).toBeCloseTo(13 / 16 + 1 / 10, 12);
    expect(next.population(R)).toBeCloseTo(1 + 1 / 16, 12);
    expect(next.population(OUT)).toBeCloseTo(1 / 8, 12);
    expect(next.variance(F)).toBeCloseTo((13 / 16) * (3 / 16) + 1 / 10, 12);
    expect(next.variance(R)).toBeCloseTo((1 / 16) * (15 / 16), 12);
    expect(next.variance(OUT)).toBeCloseTo((1 / 8) * (7 / 8), 12);
    expect(next.month.total).toBeCloseTo(13 / 16 + 1 / 10 + 1 + 1 / 16, 12);
  });

  it("reports the flows of the start's month after the start: from 30 January, the one day to the 31st, the one adoption-rate child-day", () => {
    // The stock and the rates on 30 January are those of the 31st: nothing happens between them.
    const dayBefore = runForecast(episodes, children, { mode: "reference", ...window, start: day("2020-01-30") });
    const [start] = dayBefore.months;
    expect(formatIsoDate(start.date)).toBe("2020-01-30");
    expect(start.exitsByRoute.Adopted).toBeCloseTo(1 / 8, 12);
    expect(start.exits).toBeCloseTo(1 / 8, 12);
    expect(start.entries).toBeCloseTo(1 / 10, 12);
    // From the last day of January, the start's month has no day left: its flows are February's row's.
    expect(onDay(result, "2020-01-31").month.exits).toBe(0);
    expect(onDay(result, "2020-02-01").month.entries).toBeCloseTo(29 / 10, 12);
  });
});

describe("default mode, worked by hand", () => {
  const result = runForecast(episodes, children, { mode: "default", ...window });

  it("pools the window: Σ transitions ÷ Σ previous-day stock", () => {
    expect(rate(result, F, R)).toBeCloseTo(1 / 12, 12);
    expect(rate(result, F, OUT)).toBeCloseTo(1 / 12, 12);
    expect(rate(result, F, F)).toBeCloseTo(10 / 12, 12);
  });

  it("divides entries by the window's days, both ends counted", () => {
    expect(result.entries.find((e) => e.state === F)?.dailyRate).toBeCloseTo(1 / 10, 12);
  });

  it("projects one day with the covariance of independent children", () => {
    const next = onDay(result, "2020-02-01");
    expect(next.population(F)).toBeCloseTo(10 / 12 + 1 / 10, 12);
    expect(next.population(R)).toBeCloseTo(1 + 1 / 12, 12);
    // C stays in Fostering with probability 10/12; entries are Poisson(1/10).
    expect(next.variance(F)).toBeCloseTo((10 / 12) * (2 / 12) + 1 / 10, 12);
    // B stays in Residential for sure; C moves there with probability 1/12.
    expect(next.variance(R)).toBeCloseTo((1 / 12) * (11 / 12), 12);
    // In care: C stays with probability 11/12, B for sure, plus the Poisson entries.
    const sd = Math.sqrt((11 / 12) * (1 / 12) + 1 / 10);
    // The band adds the uncertainty of the rates measured from so few moves (docs/method/forecast-band.md):
    // it is wider than the children's moves alone, up to the spread of its draws.
    expect(next.month.upper - next.month.total).toBeGreaterThan(0.9 * 1.959963984540054 * sd);
    const dayBefore = runForecast(episodes, children, { mode: "default", ...window, start: day("2020-01-30") });
    expect(dayBefore.months[0].exitsByRoute.Adopted).toBeCloseTo(1 / 12, 12);
  });
});

describe("default mode, measuring from the first return", () => {
  it("ignores the part of a long window before 1 April of the first recorded DEC's year", () => {
    // D's DEC (1 December 2019) is the first recorded: the first return starts on 1 April 2019.
    const result = runForecast(episodes, children, { mode: "default", ...window, referenceStart: day("2018-01-01") });
    expect(formatIsoDate(result.options.measuredFrom)).toBe("2019-04-01");
    // A and B (1 June 2019) and C come into Fostering; 1 April 2019 to 10 January 2020 is 285 days, both ends counted.
    expect(result.entries.find((e) => e.state === F)?.dailyRate).toBeCloseTo(3 / 285, 12);
    // Fostering held 2 children from 1 December (the first day with transitions) to 4 January, then 1, 0, 0, 1, 1, 1.
    expect(rate(result, F, R)).toBeCloseTo(1 / (35 * 2 + 1 + 3), 12);
    expect(result.notes.join(" ")).toMatch(/measured from 2019-04-01, the start of the first return/);
    const whole = runForecast(episodes, children, { mode: "default", ...window, referenceStart: day("2018-01-01"), fromFirstReturn: false });
    expect(whole.entries.find((e) => e.state === F)?.dailyRate).toBeCloseTo(3 / (day("2020-01-10") - day("2018-01-01") + 1), 12);
  });
});

describe("the reference and default modes agree where their options coincide", () => {
  it("gives the reference numbers when every default-mode choice is switched to the open model's", () => {
    const reference = runForecast(episodes, children, { mode: "reference", ...window });
    const switched = runForecast(episodes, children, {
      mode: "default",
      ...window,
      pooledRates: false,
      leaveCareAt18: false,
      variance: "open model",
      fromFirstReturn: false,
    });
    expect(switched.points).toEqual(reference.points);
    expect(switched.rates).toEqual(reference.rates);
  });
});
