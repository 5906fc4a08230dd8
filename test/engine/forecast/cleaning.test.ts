import { EXIT_ROUTES } from "../../../src/engine/codes";
import { formatIsoDate } from "../../../src/engine/dates";
import { CleaningOptions, NEXT_NOT_IN_CARE, NEXT_NONE, OPEN, Spells, cleanEpisodes } from "../../../src/engine/forecast/cleaning";
import { dailyStock, stockOn } from "../../../src/engine/forecast/stock";
import { ForecastError, runForecast } from "../../../src/engine/forecast";
import { AGE_BANDS, inCareState } from "../../../src/engine/forecast/states";
import { child, day, episode } from "./fixtures";

const REFERENCE: CleaningOptions = { leaveCareAt18: false };
const DEFAULT: CleaningOptions = { leaveCareAt18: true };

function rule(rules: { rule: string; rowsTouched: number }[], name: string): number {
  const found = rules.find((r) => r.rule === name);
  if (!found) throw new Error(`no rule ${name}`);
  return found.rowsTouched;
}

/** The spells as readable rows. */
function rows(spells: Spells) {
  return Array.from({ length: spells.count }, (_, k) => ({
    start: formatIsoDate(spells.start[k]),
    end: spells.end[k] === OPEN ? null : formatIsoDate(spells.end[k]),
    band: AGE_BANDS[spells.band[k]].label,
    endBand: AGE_BANDS[spells.endBand[k]].label,
    category: spells.category[k],
    entry: spells.entry[k],
    next: spells.next[k],
    route: spells.route[k] < EXIT_ROUTES.length ? EXIT_ROUTES[spells.route[k]] : null,
  }));
}

describe("cleaning, rule by rule, with the rows each touches", () => {
  const kids = ["X", "Y", "Z", "W"].map((id) => child(id, "2010-06-01"));
  const input = [
    episode("X", "2019-01-01", null, "U4"),
    episode("X", "2019-01-01", "2019-05-01", "U5", { rec: "E4A" }), // same DECOM: the one with a DEC is kept
    episode("Y", "2018-01-01", "2018-06-01", "U4"),
    episode("Y", "2018-02-01", "2018-06-01", "K2"), // same DEC: the earlier start is kept
    episode("Z", "2018-01-01", "2018-07-01", "U4", { rec: "X1" }),
    episode("Z", "2018-05-01", "2018-09-01", "K2", { rne: "P", rec: "E11" }), // overlaps: Z's first ends on 1 May
    episode("W", "2018-01-01", "2018-03-01", "U4", { rec: "X1" }),
    episode("W", "2018-03-01", "2018-08-01", "U5", { rne: "L", rec: "E45" }), // change of legal status only: merged
    episode("V", "2018-01-01", "2018-03-01", "U4"), // V has no header row
  ];
  const { spells, rules } = cleanEpisodes(input, kids, REFERENCE);

  it("counts every rule's rows", () => {
    expect(rule(rules, "child without DOB")).toBe(1);
    expect(rule(rules, "duplicate (CHILD, DECOM)")).toBe(1);
    expect(rule(rules, "duplicate (CHILD, DEC)")).toBe(1);
    expect(rule(rules, "ended at next DECOM")).toBe(1);
    expect(rule(rules, "continuing episode merged")).toBe(1);
    expect(rule(rules, "split at birthdays")).toBe(0);
    expect(spells.count).toBe(5);
  });

  it("keeps the right episode of each duplicate and ends or merges the others", () => {
    expect(rows(spells)).toEqual([
      { start: "2019-01-01", end: "2019-05-01", band: "5 to 10", endBand: "5 to 10", category: 0, entry: 1, next: NEXT_NOT_IN_CARE, route: "Returned home" },
      { start: "2018-01-01", end: "2018-06-01", band: "5 to 10", endBand: "5 to 10", category: 0, entry: 1, next: NEXT_NOT_IN_CARE, route: "Other" },
      { start: "2018-01-01", end: "2018-05-01", band: "5 to 10", endBand: "5 to 10", category: 0, entry: 1, next: 1, route: null },
      { start: "2018-05-01", end: "2018-09-01", band: "5 to 10", endBand: "5 to 10", category: 1, entry: 0, next: NEXT_NOT_IN_CARE, route: "Adopted" },
      // W's merged episode takes the DEC and REC of the one merged into it
      { start: "2018-01-01", end: "2018-08-01", band: "5 to 10", endBand: "5 to 10", category: 0, entry: 1, next: NEXT_NOT_IN_CARE, route: "Special guardianship / CAO" },
    ]);
  });

  it("dates the data as the open model does: 1 April of the first DEC's year to 31 March after the last date", () => {
    expect(formatIsoDate(spells.dataStart)).toBe("2017-04-01");
    expect(formatIsoDate(spells.dataEnd)).toBe("2020-03-31");
    expect(formatIsoDate(spells.lastDate)).toBe("2019-05-01");
  });
});

describe("cleaning at birthdays", () => {
  it("splits an episode at the calendar birthday where age (days ÷ 365.24) crosses a band boundary", () => {
    const { spells } = cleanEpisodes([episode("E", "2019-01-01", "2021-06-01", "U4", { rec: "E4B" })], [child("E", "2015-03-10")], REFERENCE);
    expect(rows(spells)).toEqual([
      { start: "2019-01-01", end: "2020-03-10", band: "1 to 5", endBand: "5 to 10", category: 0, entry: 1, next: 0, route: null },
      { start: "2020-03-10", end: "2021-06-01", band: "5 to 10", endBand: "5 to 10", category: 0, entry: 0, next: NEXT_NOT_IN_CARE, route: "Returned home" },
    ]);
  });

  it("splits a child born on 29 February on 28 February in a common year", () => {
    const { spells } = cleanEpisodes([episode("L", "2020-06-01", "2021-06-01", "U4")], [child("L", "2016-02-29")], REFERENCE);
    expect(rows(spells).map((r) => [r.start, r.end])).toEqual([
      ["2020-06-01", "2021-02-28"],
      ["2021-02-28", "2021-06-01"],
    ]);
  });

  it("keeps the open model's zero-day spell when an episode starts on a birthday that days ÷ 365.24 has not reached yet", () => {
    // Born 1 March 2010: the first birthday is 365 days later, age 0.9993 by days ÷ 365.24.
    const { spells } = cleanEpisodes(
      [episode("Q", "2011-03-01", "2011-06-01", "U4"), episode("P", "2010-01-01", "2012-01-01", "U4")],
      [child("Q", "2010-03-01"), child("P", "2005-01-01")],
      REFERENCE,
    );
    const q = rows(spells).filter((_, k) => spells.child[k] === spells.child[0]);
    expect(q.map((r) => [r.start, r.end, r.band, r.endBand])).toEqual([
      ["2011-03-01", "2011-03-01", "Birth to 1", "1 to 5"],
      ["2011-03-01", "2011-06-01", "1 to 5", "1 to 5"],
    ]);
    const stock = stockOn(dailyStock(spells, spells.dataStart, spells.dataEnd), day("2011-03-01"));
    expect(stock[inCareState(0, 0)]).toBe(0);
    expect(stock[inCareState(1, 0)]).toBe(1);
  });

  it("puts the zero-day spell after an open spell starting the same day, every column of the spells moving together", () => {
    const { spells } = cleanEpisodes(
      [episode("A", "2010-06-01", "2011-01-01", "K2"), episode("Q", "2011-03-01", null, "U4"), episode("B", "2010-02-01", "2012-01-01", "U5")],
      [child("A", "2005-01-01"), child("Q", "2010-03-01"), child("B", "2005-01-01")],
      REFERENCE,
    );
    expect(rows(spells).map((r) => [r.start, r.end, r.band, r.endBand, r.category, r.entry, r.next])).toEqual([
      ["2010-06-01", "2011-01-01", "5 to 10", "5 to 10", 1, 1, NEXT_NOT_IN_CARE],
      ["2011-03-01", null, "1 to 5", "1 to 5", 0, 1, NEXT_NONE],
      ["2011-03-01", "2011-03-01", "Birth to 1", "1 to 5", 0, 1, NEXT_NOT_IN_CARE],
      ["2010-02-01", "2012-01-01", "5 to 10", "5 to 10", 0, 1, NEXT_NOT_IN_CARE],
    ]);
    expect(Array.from(spells.source.subarray(0, spells.count))).toEqual([0, 1, 1, 2]);
  });

  it("in the default mode ends care on the 18th birthday and counts it as aged out; the reference mode keeps the child", () => {
    // H's episode takes the data to 31 March 2023, after G's 18th birthday; F is 18 only after that.
    const input = [episode("G", "2021-01-01", null, "U4"), episode("H", "2022-01-01", "2023-01-01", "U4"), episode("F", "2021-01-01", null, "U4")];
    const kids = [child("G", "2004-05-10"), child("H", "2012-01-01"), child("F", "2005-06-01")];
    const byDefault = cleanEpisodes(input, kids, DEFAULT);
    expect(rows(byDefault.spells)[0]).toMatchObject({ start: "2021-01-01", end: "2022-05-10", band: "16 to 18+", next: NEXT_NOT_IN_CARE, route: "Aged out / independent living" });
    expect(rows(byDefault.spells).slice(-1)[0]).toMatchObject({ start: "2021-06-01", end: null, band: "16 to 18+", next: NEXT_NONE });
    expect(rule(byDefault.rules, "left care at 18")).toBe(1);
    const reference = cleanEpisodes(input, kids, REFERENCE);
    expect(rows(reference.spells)[0]).toMatchObject({ start: "2021-01-01", end: null, next: NEXT_NONE });
  });

  it("uncut (the actuals'), keeps each episode one spell in the band it starts in, still ended at 30 and left out before birth", () => {
    // M's episode crosses the 16th birthday and runs past the 30th; N's starts more than a year before birth.
    const input = [episode("M", "2008-01-01", "2024-06-01", "U4", { rec: "E4B" }), episode("N", "2010-01-01", "2012-01-01", "U4")];
    const kids = [child("M", "1993-03-10"), child("N", "2012-06-01")];
    const uncut = cleanEpisodes(input, kids, { ...REFERENCE, cutAtBirthdays: false });
    expect(rows(uncut.spells)).toEqual([
      { start: "2008-01-01", end: "2023-03-10", band: "10 to 16", endBand: "16 to 18+", category: 0, entry: 1, next: NEXT_NOT_IN_CARE, route: "Aged out / independent living" },
    ]);
    expect(rule(uncut.rules, "ended at 30")).toBe(1);
    expect(rule(uncut.rules, "outside the model's ages")).toBe(1);
    expect(uncut.rules.map((r) => r.rule)).not.toContain("split at birthdays");
    // Cut, the same days in care, in two spells.
    const cut = cleanEpisodes(input, kids, REFERENCE);
    expect(rows(cut.spells).map((r) => [r.start, r.end, r.band])).toEqual([
      ["2008-01-01", "2009-03-10", "10 to 16"],
      ["2009-03-10", "2023-03-10", "16 to 18+"],
    ]);
  });

  it("leaves out episodes starting more than a year before birth, and says so", () => {
    const { rules, spells } = cleanEpisodes(
      [episode("K", "2010-01-01", "2012-01-01", "U4"), episode("J", "2015-06-01", "2016-01-01", "U4")],
      [child("K", "2012-06-01"), child("J", "2010-01-01")],
      REFERENCE,
    );
    expect(rule(rules, "outside the model's ages")).toBe(1);
    expect(spells.count).toBe(1);
  });
});

describe("categories", () => {
  it("puts S1 and P3 in Residential and K3 in Supported in both modes, as the open model now does", () => {
    const input = [episode("A", "2019-01-01", null, "S1"), episode("B", "2019-01-01", null, "P3"), episode("C", "2019-01-01", "2019-06-01", "K3")];
    const kids = ["A", "B", "C"].map((id) => child(id, "2008-01-01"));
    expect(Array.from(cleanEpisodes(input, kids, REFERENCE).spells.category)).toEqual([1, 1, 2]);
    expect(Array.from(cleanEpisodes(input, kids, DEFAULT).spells.category)).toEqual([1, 1, 2]);
  });
});

describe("input the forecast cannot use", () => {
  it("explains, not throws a raw error, when no episode has a child with a date of birth", () => {
    expect(() => runForecast([episode("A", "2019-01-01", null, "U4")], [])).toThrow(ForecastError);
    expect(() => runForecast([episode("A", "2019-01-01", null, "U4")], [])).toThrow(/date of birth/);
  });

  it("explains a reference window outside the data", () => {
    const input = [episode("A", "2019-01-01", "2019-06-01", "U4")];
    const outside = { referenceStart: day("2010-01-01"), referenceEnd: day("2011-01-01") };
    expect(() => runForecast(input, [child("A", "2010-01-01")], { mode: "reference", ...outside })).toThrow(/has no day inside the data/);
    expect(() => runForecast(input, [child("A", "2010-01-01")], { mode: "default", ...outside })).toThrow(/before the first return starts \(2019-04-01\)/);
  });

  it("explains a window that ends before it starts, and bad months", () => {
    const input = [episode("A", "2019-01-01", "2019-06-01", "U4")];
    const kids = [child("A", "2010-01-01")];
    expect(() => runForecast(input, kids, { referenceStart: day("2019-05-01"), referenceEnd: day("2019-02-01") })).toThrow(/must end after it starts/);
    expect(() => runForecast(input, kids, { months: 0 })).toThrow(/whole number from 1 to 1200/);
    expect(() => runForecast(input, kids, { months: 2.5 })).toThrow(/whole number/);
  });
});
