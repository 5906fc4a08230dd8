import fc from "fast-check";
import { Location } from "../../src/engine/codes";
import { Period, costInPeriod, daysInPeriod, periodDays, weeksInPeriod } from "../../src/engine/costs";
import { Day, dayFromYmd } from "../../src/engine/dates";
import { Child, Episode } from "../../src/engine/episodes";
import { summariseCosts } from "../../src/engine/summaries";
import { UnitCost, UnitCostTable } from "../../src/engine/unitCosts";
import { anEpisode, expectReconciled } from "./builders";

const FIRST_DAY = dayFromYmd(1900, 1, 1);
const LAST_DAY = dayFromYmd(9999, 12, 31);
/** Dates where real episodes fall; the "never throws" property uses the whole 1900–9999 range. */
const RECENT_FROM = dayFromYmd(1995, 1, 1);
const RECENT_TO = dayFromYmd(2030, 12, 31);

const CHILD_IDS = ["1", "2", "3", "4", "5", "6", "7", "8"];
const PLACES = ["U1", "U4", "U5", "U6", "K1", "K2", "R1", "R2", "R3", "R5", "S1", "P1", "P2", "H5", "A3", "T1", "Z1", ""];
const PROVIDERS = ["PR0", "PR1", "PR2", "PR3", "PR4", "PR5", ""];
const LOCATIONS: Location[] = ["In LA", "Out LA", "N/A"];
const TYPES = ["Foster care", "Kinship care", "Residential", "Secure", "Semi-Independence", "Placed with parents", "Other", "Unknown"];

const weeklyCost = fc.oneof(
  fc.constant(null),
  fc.constant(0),
  fc.integer({ min: 0, max: 2_000_000 }).map((pence) => pence / 100),
  fc.double({ min: 0, max: 50_000, noNaN: true }),
);

function episodeArbitrary(from: Day, to: Day): fc.Arbitrary<Episode> {
  return fc
    .record({
      child: fc.oneof(fc.constantFrom(...CHILD_IDS), fc.string({ maxLength: 3 })),
      start: fc.integer({ min: from, max: to }),
      length: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }),
      place: fc.oneof(fc.constantFrom(...PLACES), fc.string({ maxLength: 3 })),
      provider: fc.oneof(fc.constantFrom(...PROVIDERS), fc.string({ maxLength: 3 })),
      location: fc.constantFrom(...LOCATIONS),
      ls: fc.constantFrom("C2", "J1", "J2", "J3", "V2", ""),
      cin: fc.constantFrom("N1", "N2", "N4", ""),
      ebd: fc.boolean(),
      weeklyCost,
      row: fc.integer({ min: 2, max: 100_000 }),
    })
    .map(
      ({ length, ...e }): Episode => ({
        rne: "S",
        rec: "",
        reasonPlaceChange: "",
        urn: "",
        ...e,
        end: length === null ? null : Math.min(e.start + length, LAST_DAY),
      }),
    );
}

function childArbitrary(from: Day, to: Day): fc.Arbitrary<Child> {
  return fc.record({
    row: fc.constant(2),
    child: fc.constantFrom(...CHILD_IDS),
    sex: fc.constant("1"),
    dob: fc.integer({ min: from, max: to }),
    ethnic: fc.constant("WBRI"),
    uasc: fc.boolean(),
  });
}

const unitCostArbitrary: fc.Arbitrary<UnitCost> = fc.record({
  type: fc.constantFrom(...TYPES),
  provided: fc.constantFrom("Parents" as const, "LA" as const, "Agency" as const, null),
  location: fc.constantFrom<Location | null>("In LA", "Out LA", "N/A", null),
  weeklyCost: fc.integer({ min: 0, max: 1_000_000 }).map((pence) => pence / 100),
  row: fc.constant(2),
});

function periodArbitrary(from: Day, to: Day, maxDays: number): fc.Arbitrary<Period> {
  return fc
    .tuple(fc.integer({ min: from, max: to }), fc.integer({ min: 0, max: maxDays }))
    .map(([start, days]) => ({ start, end: Math.min(start + days, LAST_DAY) }));
}

const recentInput = fc.record({
  episodes: fc.array(episodeArbitrary(RECENT_FROM, RECENT_TO), { maxLength: 40 }),
  children: fc.array(childArbitrary(dayFromYmd(1985, 1, 1), RECENT_TO), { maxLength: 10 }),
  unitCosts: fc.array(unitCostArbitrary, { maxLength: 12 }),
  period: periodArbitrary(dayFromYmd(2015, 1, 1), dayFromYmd(2026, 1, 1), 1500),
});

/** Within 1e-9 of the larger magnitude, or 1e-9 absolute near zero. */
function closeRelative(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

describe("daysInPeriod", () => {
  test("is never negative and never more than the period's days", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: FIRST_DAY, max: LAST_DAY }),
        fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }),
        periodArbitrary(FIRST_DAY, LAST_DAY, 20_000),
        (start, length, period) => {
          const days = daysInPeriod(start, length === null ? null : start + length, period);
          expect(Number.isInteger(days)).toBe(true);
          expect(days).toBeGreaterThanOrEqual(0);
          expect(days).toBeLessThanOrEqual(periodDays(period));
          if (length !== null) expect(days).toBeLessThanOrEqual(length);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("splitting a period in two", () => {
  test("splits every episode's days exactly, and its cost and weeks to within 1e-9", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: RECENT_FROM, max: RECENT_TO }),
        fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }),
        periodArbitrary(RECENT_FROM, RECENT_TO, 2000).filter((p) => p.end > p.start),
        fc.double({ min: 0, max: 100_000, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (start, length, period, weekly, at) => {
          const end = length === null ? null : start + length;
          const splitDay = period.start + Math.floor(at * (period.end - period.start));
          const first = { start: period.start, end: splitDay };
          const second = { start: splitDay + 1, end: period.end };
          expect(daysInPeriod(start, end, first) + daysInPeriod(start, end, second)).toBe(daysInPeriod(start, end, period));
          expect(closeRelative(weeksInPeriod(start, end, first) + weeksInPeriod(start, end, second), weeksInPeriod(start, end, period))).toBe(true);
          expect(
            closeRelative(costInPeriod(weekly, start, end, first) + costInPeriod(weekly, start, end, second), costInPeriod(weekly, start, end, period)),
          ).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test("splits every summary row: group totals and weeks of the halves add up to the whole", () => {
    fc.assert(
      fc.property(recentInput, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (input, at) => {
        fc.pre(input.period.end > input.period.start);
        const { period } = input;
        const splitDay = period.start + Math.floor(at * (period.end - period.start));
        const unitCosts = new UnitCostTable(input.unitCosts);
        const run = (p: Period) => summariseCosts({ episodes: input.episodes, children: input.children, period: p, unitCosts });
        const whole = run(period);
        const halves = [run({ start: period.start, end: splitDay }), run({ start: splitDay + 1, end: period.end })];
        expect(closeRelative(halves[0].total.total + halves[1].total.total, whole.total.total)).toBe(true);
        expect(closeRelative(halves[0].total.weeks + halves[1].total.weeks, whole.total.weeks)).toBe(true);
        for (const row of whole.byGroup) {
          const parts = halves.map((h) => h.byGroup.find((r) => r.group === row.group) ?? { total: 0, weeks: 0 });
          expect(closeRelative(parts[0].total + parts[1].total, row.total)).toBe(true);
          expect(closeRelative(parts[0].weeks + parts[1].weeks, row.weeks)).toBe(true);
        }
        expect(closeRelative(halves[0].uncosted.weeks + halves[1].uncosted.weeks, whole.uncosted.weeks)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("summariseCosts", () => {
  test("the three summaries always reconcile to the same grand total", () => {
    fc.assert(
      fc.property(recentInput, (input) => {
        const result = summariseCosts({ ...input, unitCosts: new UnitCostTable(input.unitCosts) });
        expectReconciled(result);
        expect(result.total.total).toBeGreaterThanOrEqual(0);
        const groupEpisodes = result.byGroup.reduce((n, r) => n + r.episodes, 0);
        const inPeriod = input.episodes.filter((e) => daysInPeriod(e.start, e.end, input.period) > 0).length;
        expect(groupEpisodes).toBe(inPeriod);
      }),
      { numRuns: 400 },
    );
  });

  test("a whole-penny weekly cost over whole weeks gives a whole-penny total, so rounding errors cannot creep in", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 52 })), { minLength: 1, maxLength: 30 }),
        (items) => {
          const start = dayFromYmd(2023, 4, 3);
          const episodes = items.map(([pence, weeks], i) =>
            anEpisode({ row: i + 2, child: String(i), start, end: start + 7 * weeks, weeklyCost: pence / 100 }),
          );
          const result = summariseCosts({ episodes, children: [], period: { start, end: start + 7 * 52 } });
          const expectedPence = items.reduce((sum, [pence, weeks]) => sum + pence * weeks, 0);
          expect(Math.abs(result.total.total * 100 - expectedPence)).toBeLessThan(1e-4);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("never throws on valid records, whatever their codes and dates in 1900–9999", () => {
    fc.assert(
      fc.property(
        fc.array(episodeArbitrary(FIRST_DAY, LAST_DAY), { maxLength: 25 }),
        fc.array(childArbitrary(FIRST_DAY, LAST_DAY), { maxLength: 10 }),
        fc.array(unitCostArbitrary, { maxLength: 8 }),
        periodArbitrary(FIRST_DAY, LAST_DAY, 3000),
        fc.array(fc.tuple(fc.constantFrom(...PLACES, "X9"), fc.string({ maxLength: 12 })), { maxLength: 4 }),
        (episodes, children, unitCosts, period, overrides) => {
          const result = summariseCosts({ episodes, children, period, unitCosts: new UnitCostTable(unitCosts), overrides: new Map(overrides) });
          expect(Number.isFinite(result.total.total)).toBe(true);
          expectReconciled(result);
        },
      ),
      { numRuns: 300 },
    );
  });
});
