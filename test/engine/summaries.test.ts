import fs from "fs";
import path from "path";
import Papa from "papaparse";
import fc from "fast-check";
import { Day, addMonths, ageInYears, dayFromYmd, daysInMonth } from "../../src/engine/dates";
import { Child, Episode, readChildren, readEpisodes } from "../../src/engine/episodes";
import { NEEDS_GROUPS, NEEDS_LABELS, needsMask } from "../../src/engine/needs";
import { BAND_LIMITS, TIME_IN_CARE_BANDS, episodesByChild, timeInCareBandIndex } from "../../src/engine/periodsOfCare";
import { averageWeeklyCost, summariseCosts } from "../../src/engine/summaries";
import { Table } from "../../src/engine/table";
import { UnitCostTable, readUnitCosts } from "../../src/engine/unitCosts";
import { anEpisode, expectReconciled, nextRowNumber } from "./builders";

const day = (text: string): Day => {
  const [y, m, d] = text.split("-").map(Number);
  return dayFromYmd(y, m, d);
};
const FY_2023 = { start: day("2023-04-01"), end: day("2024-03-31") };

function episode(child: string, start: string, end: string | null, fields: Partial<Episode> = {}): Episode {
  return anEpisode({ child, start: day(start), end: end === null ? null : day(end), ...fields });
}

function child(id: string, dob: string, uasc = false): Child {
  return { row: nextRowNumber(), child: id, sex: "1", dob: day(dob), ethnic: "WBRI", uasc };
}

describe("summariseCosts on a worked example", () => {
  // Worked by hand for 2023-24 (366 days):
  // A (born 2010-10-01): agency foster care £1,000/wk from 2022-01-01 to 2023-07-01, then an LA children's home
  //   out of area £4,200/wk, open: 91 days at 12 = £13,000; 92 days at 12 + 183 at 13 = £55,200 + £109,800.
  //   One period of care from 2022-01-01, open: 2 years 3 months by 31 March 2024.
  // B (born 2006-01-15, UASC, remanded J2): agency semi-independence at the £1,400 unit cost from 2023-11-01
  //   to 2024-02-01 = 75 days at 17 (£15,000) + 17 at 18 (£3,400), then hospital, open, with no cost (60 days).
  // C (not in the children table): LA foster care £500/wk for 14 days in April (EBD) = £1,000, then after a gap
  //   from 2023-05-01 to 2024-01-01 = 245 days, £17,500.
  // D: an episode long before the period. E (born 2012-02-29): LA foster care £700/wk since 2018, open:
  //   334 days at 11 (£33,400), 32 days at 12 from her birthday on 29 February 2024 (£3,200).
  const children = [child("A", "2010-10-01"), child("B", "2006-01-15", true), child("D", "2015-03-01"), child("E", "2012-02-29")];
  const episodes = [
    episode("E", "2018-04-01", null, { weeklyCost: 700 }),
    episode("A", "2023-07-01", null, { place: "K2", provider: "PR1", location: "Out LA", weeklyCost: 4200, cin: "N2" }),
    episode("B", "2023-11-01", "2024-02-01", { place: "H5", provider: "PR4", location: "N/A", ls: "J2" }),
    episode("A", "2022-01-01", "2023-07-01", { place: "U4", provider: "PR4", weeklyCost: 1000 }),
    episode("C", "2023-04-01", "2023-04-15", { weeklyCost: 500, ebd: true }),
    episode("B", "2024-02-01", null, { place: "T1", provider: "PR1" }),
    episode("C", "2023-05-01", "2024-01-01", { weeklyCost: 500 }),
    episode("D", "2020-01-01", "2021-01-01", { weeklyCost: 700 }),
  ];
  const unitCosts = new UnitCostTable([{ type: "Semi-Independence", provided: null, location: null, weeklyCost: 1400, row: 2 }]);
  const result = summariseCosts({ episodes, children, period: FY_2023, unitCosts });

  test("grand total: every week counted, the average over the costed ones", () => {
    expect(result.total.total).toBeCloseTo(251_500, 9);
    expect(result.total.weeks).toBeCloseTo(1143 / 7, 12);
    expect(result.total.costedWeeks).toBeCloseTo(1083 / 7, 12);
    expect(result.total.avgWeekly).toBeCloseTo((251_500 * 7) / 1083, 9);
    expect(result.total).toMatchObject({ nationalTotal: 0, nationalWeeks: 0 });
    expect(result.period).toEqual(FY_2023);
  });

  test("by placement group, largest first, then the uncosted groups with their weeks", () => {
    expect(result.byGroup.map((r) => [r.group, Math.round(r.total * 100) / 100, Math.round(r.weeks * 7), r.episodes])).toEqual([
      ["LA Residential out LA", 165_000, 275, 1],
      ["LA Foster Care in LA", 55_100, 625, 3],
      ["Agency Semi-Independence", 18_400, 92, 1],
      ["Agency Foster Care in LA", 13_000, 91, 1],
      ["LA Hospital in LA", 0, 60, 1],
    ]);
    expect(result.byGroup[4]).toMatchObject({ costedWeeks: 0, avgWeekly: null });
    expect(result.byGroup[0]).toMatchObject({ type: "Residential", provided: "LA", location: "Out LA", avgWeekly: 4200 });
    expect(result.byGroup[2]).toMatchObject({ type: "Semi-Independence", provided: "Agency", location: "N/A" });
  });

  test("by age (split at birthdays) and needs group", () => {
    expect(result.byAgeAndNeeds.map((r) => [r.age, r.needs, Math.round(r.total * 100) / 100, Math.round(r.weeks * 7)])).toEqual([
      [-1, "None", 17_500, 245],
      [-1, "EBD only", 1_000, 14],
      [11, "None", 33_400, 334],
      [12, "None", 16_200, 123],
      [12, "Disabilities only", 55_200, 92],
      [13, "Disabilities only", 109_800, 183],
      [17, "UASC+Offender", 15_000, 75],
      [18, "UASC only", 0, 60],
      [18, "UASC+Offender", 3_400, 17],
    ]);
  });

  test("by time looked after, every band in order", () => {
    expect(result.byTimeInCare.map((r) => [r.band, Math.round(r.total * 100) / 100, Math.round(r.weeks * 7)])).toEqual([
      ["Under 6 months", 19_400, 166],
      ["6 to 12 months", 17_500, 245],
      ["1 to 2 years", 0, 0],
      ["2 to 5 years", 178_000, 366],
      ["5 years and over", 36_600, 366],
    ]);
    expect(result.byTimeInCare[2].avgWeekly).toBeNull();
  });

  test("uncosted episodes are reported, counted in the weeks, not in the £", () => {
    expect(result.uncosted).toEqual({ episodes: 1, weeks: 60 / 7, groups: ["LA Hospital in LA"] });
  });

  test("episodes whose child is missing are costed at age -1 and counted", () => {
    expect(result.episodesWithoutChild).toBe(2);
  });

  test("all three summaries reconcile to the grand total", () => {
    expectReconciled(result);
  });

  test("the order of the input does not change the answer", () => {
    const reversed = summariseCosts({ episodes: [...episodes].reverse(), children: [...children].reverse(), period: FY_2023, unitCosts });
    expect(reversed.byGroup).toEqual(result.byGroup.map((row) => ({ ...row, total: expect.closeTo(row.total, 9) })));
    expect(reversed.byTimeInCare.map((r) => r.weeks)).toEqual(result.byTimeInCare.map((r) => r.weeks));
  });
});

describe("summariseCosts edge cases", () => {
  test("nothing in the period: zero totals, no rows but the bands, no errors", () => {
    const result = summariseCosts({ episodes: [], children: [], period: FY_2023 });
    expect(result.total).toEqual({ total: 0, weeks: 0, costedWeeks: 0, avgWeekly: null, nationalTotal: 0, nationalWeeks: 0 });
    expect(result.byGroup).toEqual([]);
    expect(result.byAgeAndNeeds).toEqual([]);
    expect(result.byTimeInCare.map((r) => r.band)).toEqual([...TIME_IN_CARE_BANDS]);
    expect(result.uncosted).toEqual({ episodes: 0, weeks: 0, groups: [] });
  });

  test("days before a child's date of birth count at age -1 (the data is wrong, the cost still counts)", () => {
    const result = summariseCosts({
      episodes: [episode("X", "2023-04-01", "2023-04-11", { weeklyCost: 70 })],
      children: [child("X", "2023-04-05")],
      period: FY_2023,
    });
    expect(result.byAgeAndNeeds.map((r) => [r.age, Math.round(r.weeks * 7), r.total])).toEqual([
      [-1, 4, 40],
      [0, 6, 60],
    ]);
  });

  test("a child listed twice: the later row is used", () => {
    const result = summariseCosts({
      episodes: [episode("X", "2023-04-01", "2023-04-08", { weeklyCost: 70 })],
      children: [child("X", "2000-01-01"), child("X", "2010-01-01")],
      period: FY_2023,
    });
    expect(result.byAgeAndNeeds.map((r) => r.age)).toEqual([13]);
    expect(result.episodesWithoutChild).toBe(0);
  });

  test("an invalid period is refused", () => {
    expect(() => summariseCosts({ episodes: [], children: [], period: { start: 10, end: 1 } })).toThrow(/before it starts/);
  });

  test("a period of care continues through back-to-back and overlapping episodes, and breaks at a gap", () => {
    const period = { start: day("2023-04-01"), end: day("2024-03-31") };
    const episodes = [
      episode("Y", "2023-04-01", "2023-06-01", { weeklyCost: 7 }),
      episode("Y", "2023-06-01", "2023-09-01", { weeklyCost: 7 }),
      episode("Y", "2023-08-15", "2023-10-15", { weeklyCost: 7 }),
      episode("Y", "2023-10-16", "2023-11-01", { weeklyCost: 7 }),
    ];
    const result = summariseCosts({ episodes, children: [], period });
    // 2023-04-01 .. 2023-10-15 is 6 months and 14 days; the episode after the one-day gap starts a new period of care.
    expect(result.byTimeInCare.map((r) => Math.round(r.weeks * 7))).toEqual([16, 61 + 92 + 61, 0, 0, 0]);
  });
});

describe("age split at birthdays", () => {
  test("every day is counted at the age the child is on that day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: day("1995-01-01"), max: day("2024-12-31") }),
        fc.array(fc.tuple(fc.integer({ min: day("2019-01-01"), max: day("2024-12-31") }), fc.option(fc.integer({ min: 0, max: 900 }), { nil: null })), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.integer({ min: day("2019-01-01"), max: day("2023-01-01") }),
        fc.integer({ min: 0, max: 1100 }),
        (dob, spans, periodStart, periodLength) => {
          const period = { start: periodStart, end: periodStart + periodLength };
          const episodes = spans.map(([start, length]) => ({ ...episode("K", "2020-01-01", null, { weeklyCost: 7 }), start, end: length === null ? null : start + length }));
          const result = summariseCosts({ episodes, children: [{ ...child("K", "2000-01-01"), dob }], period });
          const expected = new Map<number, number>();
          for (const e of episodes) {
            const to = Math.min(e.end ?? period.end + 1, period.end + 1);
            for (let d = Math.max(e.start, period.start); d < to; d++) {
              const age = Math.max(ageInYears(dob, d), -1);
              expected.set(age, (expected.get(age) ?? 0) + 1);
            }
          }
          const actual = new Map(result.byAgeAndNeeds.map((r) => [r.age, Math.round(r.weeks * 7)]));
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("needs groups", () => {
  test("labels name the flags in order, 'only' for one, '+' between several", () => {
    expect(NEEDS_LABELS[0]).toBe("None");
    expect(NEEDS_GROUPS.slice(0, 6)).toEqual(["None", "Disabilities only", "UASC only", "Offender only", "EBD only", "Disabilities+UASC"]);
    expect(NEEDS_GROUPS[NEEDS_GROUPS.length - 1]).toBe("Disabilities+UASC+Offender+EBD");
    expect(new Set(NEEDS_GROUPS).size).toBe(16);
  });

  test("flags come from CIN N2, the child's UASC flag, LS J1–J3 or PLACE R5, and EBD", () => {
    const base = { cin: "N1", ls: "C2", place: "U4", ebd: false };
    expect(NEEDS_LABELS[needsMask(base, false)]).toBe("None");
    expect(NEEDS_LABELS[needsMask({ ...base, cin: "N2" }, false)]).toBe("Disabilities only");
    expect(NEEDS_LABELS[needsMask(base, true)]).toBe("UASC only");
    expect(NEEDS_LABELS[needsMask({ ...base, ls: "J3" }, true)]).toBe("UASC+Offender");
    expect(NEEDS_LABELS[needsMask({ ...base, place: "R5" }, false)]).toBe("Offender only");
    expect(NEEDS_LABELS[needsMask({ ...base, cin: "N2", ebd: true }, false)]).toBe("Disabilities+EBD");
  });
});

describe("time in care bands", () => {
  test("calendar months decide the band", () => {
    expect(TIME_IN_CARE_BANDS[timeInCareBandIndex(day("2023-04-01"), day("2023-09-30"))]).toBe("Under 6 months");
    expect(TIME_IN_CARE_BANDS[timeInCareBandIndex(day("2023-04-01"), day("2023-10-01"))]).toBe("6 to 12 months");
    expect(TIME_IN_CARE_BANDS[timeInCareBandIndex(day("2023-04-01"), day("2024-04-01"))]).toBe("1 to 2 years");
    expect(TIME_IN_CARE_BANDS[timeInCareBandIndex(day("2022-04-01"), day("2024-04-01"))]).toBe("2 to 5 years");
    expect(TIME_IN_CARE_BANDS[timeInCareBandIndex(day("2019-04-01"), day("2024-03-31"))]).toBe("2 to 5 years");
    expect(TIME_IN_CARE_BANDS[timeInCareBandIndex(day("2019-04-01"), day("2024-04-01"))]).toBe("5 years and over");
    expect(TIME_IN_CARE_BANDS[timeInCareBandIndex(day("2023-08-31"), day("2024-02-29"))]).toBe("6 to 12 months");
  });

  test("the day-count shortcuts hold for every start day of a 400-year cycle", () => {
    // From days 1 to 28 of a month the span is the same (no month-end clamping), so day 1 stands for them.
    const starts: Day[] = [];
    for (let year = 2000; year < 2400; year++) {
      for (let month = 1; month <= 12; month++) {
        for (const dayOfMonth of [1, 28, 29, 30, 31]) {
          if (dayOfMonth <= daysInMonth(year, month)) starts.push(dayFromYmd(year, month, dayOfMonth));
        }
      }
    }
    for (const limit of BAND_LIMITS) {
      const spans = starts.map((start) => addMonths(start, limit.months) - start);
      expect([limit.months, Math.min(...spans), Math.max(...spans)]).toEqual([limit.months, limit.fewestDays, limit.mostDays]);
    }
  });

  test("episodes are grouped by child and ordered by date, children from the table first", () => {
    const episodes = [episode("P", "2023-05-01", null), episode("Q", "2023-01-01", null), episode("P", "2023-01-01", "2023-05-01")];
    const byChild = episodesByChild(episodes, [child("Q", "2010-01-01"), child("Z", "2010-01-01")]);
    expect(byChild.childIds).toEqual(["Q", "Z", "P"]);
    expect([...byChild.childStart]).toEqual([0, 1, 1, 3]);
    expect([...byChild.order]).toEqual([1, 2, 0]);
  });
});

describe("averageWeeklyCost", () => {
  test("total ÷ weeks, null without weeks", () => {
    expect(averageWeeklyCost(700, 2)).toBe(350);
    expect(averageWeeklyCost(0, 0)).toBeNull();
    expect(averageWeeklyCost(Number.NaN, 2)).toBeNull();
  });
});

const SHARED = path.resolve(__dirname, "..", "..", "..", "shared", "data");
const sharedPresent = fs.existsSync(SHARED);
if (!sharedPresent) console.log(`Skipping the shared-data summary test: ${SHARED} is not there.`);
const describeShared = sharedPresent ? describe : describe.skip;

function csvTable(file: string): Table {
  const parsed = Papa.parse<string[]>(fs.readFileSync(file, "utf8"), { skipEmptyLines: true });
  return { headers: parsed.data[0], rows: parsed.data.slice(1) };
}

describeShared("the Social Finance sample return, costed with unit costs", () => {
  test("every year's summaries reconcile, and every in-period episode is costed or reported", () => {
    const dir = path.join(SHARED, "ssda903-sf-sample");
    const episodes = readEpisodes(csvTable(path.join(dir, "episodes.csv"))).records;
    const children = readChildren(csvTable(path.join(dir, "header.csv")), csvTable(path.join(dir, "uasc.csv"))).records;
    const unitCosts = new UnitCostTable(
      readUnitCosts({
        headers: ["TYPE", "PROVIDED", "WEEKLY_COST"],
        rows: [
          ["Foster care", "LA", 500],
          ["Foster care", "Agency", 900],
          ["Kinship care", "", 300],
          ["Residential", "", 4500],
          ["Semi-Independence", "", 1300],
        ],
      }).records,
    );
    for (const year of [2017, 2018, 2019, 2020]) {
      const period = { start: dayFromYmd(year, 4, 1), end: dayFromYmd(year + 1, 3, 31) };
      const result = summariseCosts({ episodes, children, period, unitCosts });
      expect(result.total.total).toBeGreaterThan(0);
      expectReconciled(result);
      const inPeriod = episodes.filter((e) => e.start <= period.end && (e.end === null || e.end > period.start) && (e.end ?? Infinity) > e.start);
      expect(result.byGroup.reduce((n, r) => n + r.episodes, 0)).toBe(inPeriod.length);
    }
  });
});
