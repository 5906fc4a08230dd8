import fc from "fast-check";
import { dayFromYmd } from "../../src/engine/dates";
import {
  SavingsError,
  WEEKS_PER_YEAR,
  daysInYearEnding,
  daysToYearEnd,
  fullYearSaving,
  inYearSaving,
  nextYearEffect,
  placementMove,
  weeklySaving,
} from "../../src/engine/savings";

describe("placement move savings: the councils' reference figures", () => {
  it("15 children from IFA (£13,110 a week in total) to in-house care (£6,930) save £6,180 a week, £321,360 a year", () => {
    const move = placementMove({
      children: 15,
      currentWeekly: 13_110,
      newWeekly: 6_930,
      basis: "total",
      effectiveDate: dayFromYmd(2023, 10, 1),
    });
    expect(move.weeklySaving).toBe(6_180);
    expect(move.fullYearSaving).toBe(321_360);
  });

  it("£9,289 a week is £483,028 for a full year", () => {
    expect(fullYearSaving(9_289, 0)).toBe(483_028);
  });

  it("7 children from independent children's homes (£30,289) to in-house foster care (£3,234) save £27,055 a week, £1,406,860 a year", () => {
    expect(weeklySaving(30_289, 3_234)).toBe(27_055);
    expect(fullYearSaving(30_289, 3_234)).toBe(1_406_860);
  });
});

describe("in-year and next-year effects", () => {
  it("counts the days from the effective date to 31 March, both included", () => {
    // 1 October 2023 to 31 March 2024: 31 + 30 + 31 + 31 + 29 (leap year) + 31 days.
    expect(daysToYearEnd(dayFromYmd(2023, 10, 1))).toBe(183);
    expect(daysToYearEnd(dayFromYmd(2024, 3, 31))).toBe(1);
    // A date in January belongs to the financial year that started the April before.
    expect(daysToYearEnd(dayFromYmd(2024, 1, 1))).toBe(91);
  });

  it("splits the full-year saving between this year and next: full year × days to the year end ÷ days in the year", () => {
    const effective = dayFromYmd(2023, 10, 1);
    // 2023-24 has 366 days (29 February 2024); 183 of them are from 1 October.
    expect(daysInYearEnding(dayFromYmd(2024, 3, 31))).toBe(366);
    expect(daysInYearEnding(dayFromYmd(2025, 3, 31))).toBe(365);
    expect(inYearSaving(13_110, 6_930, effective)).toBeCloseTo((321_360 * 183) / 366, 9);
    expect(nextYearEffect(13_110, 6_930, effective)).toBeCloseTo(321_360 - (321_360 * 183) / 366, 9);
  });

  it("never gives more in-year than the full year: from 1 April the two are equal (the old days ÷ 7 rule gave £323,126)", () => {
    const inYear = inYearSaving(13_110, 6_930, dayFromYmd(2023, 4, 1));
    expect(inYear).toBe(321_360);
    expect(nextYearEffect(13_110, 6_930, dayFromYmd(2023, 4, 1))).toBe(0);
  });

  it("uses a year end the user gives, over the year that ends on it", () => {
    const effective = dayFromYmd(2023, 10, 1);
    // 1 to 7 October 2023 is 7 of the 365 days of the year ending 7 October 2023.
    expect(inYearSaving(700, 0, effective, dayFromYmd(2023, 10, 7))).toBeCloseTo((700 * 52 * 7) / 365, 9);
    // A year end more than a year away counts as the whole year, not more.
    expect(inYearSaving(700, 0, effective, dayFromYmd(2025, 3, 31))).toBe(700 * 52);
    expect(() => inYearSaving(700, 0, effective, dayFromYmd(2023, 9, 30))).toThrow(/year end \(2023-09-30\) is before the effective date \(2023-10-01\)/);
  });

  it("counts a year as 52 weeks, or 52.14 as a setting, and refuses other counts", () => {
    expect(fullYearSaving(100, 0, { weeksPerYear: 52.14 })).toBeCloseTo(5_214, 9);
    expect(inYearSaving(100, 0, dayFromYmd(2024, 4, 1), undefined, { weeksPerYear: 52.14 })).toBeCloseTo(5_214, 9);
    expect(() => fullYearSaving(100, 0, { weeksPerYear: 12 })).toThrow(/weeks per year must be from 52 to 52.2/);
  });

  it("leaves no next-year effect when the change runs all year", () => {
    const move = placementMove({ children: 1, currentWeekly: 700, newWeekly: 0, basis: "per child", effectiveDate: dayFromYmd(2023, 4, 1) });
    expect(move.daysInEffect).toBe(366);
    expect(move.inYearSaving).toBe(700 * 52);
    expect(move.nextYearEffect).toBe(0);
  });

  it("reports a move to a dearer placement as a negative saving", () => {
    const move = placementMove({ children: 2, currentWeekly: 800, newWeekly: 1_000, basis: "per child", effectiveDate: dayFromYmd(2024, 1, 1) });
    expect(move.weeklySaving).toBe(-400);
    expect(move.fullYearSaving).toBe(-400 * WEEKS_PER_YEAR);
    expect(move.inYearSaving).toBeCloseTo((-400 * 52 * 91) / 366, 9);
    expect(move.nextYearEffect).toBeCloseTo(-400 * 52 - (-400 * 52 * 91) / 366, 9);
  });
});

describe("placementMove", () => {
  it("multiplies per-child costs by the number of children", () => {
    const move = placementMove({ children: 7, currentWeekly: 4_327, newWeekly: 462, basis: "per child", effectiveDate: dayFromYmd(2023, 10, 1) });
    expect(move.currentWeeklyTotal).toBe(30_289);
    expect(move.newWeeklyTotal).toBe(3_234);
    expect(move.weeklySaving).toBe(27_055);
    expect(move.fullYearSaving).toBe(1_406_860);
    expect(move.yearEnd).toBe(dayFromYmd(2024, 3, 31));
  });

  it("rejects nonsense with a reason", () => {
    const base = { children: 3, currentWeekly: 100, newWeekly: 50, basis: "total" as const, effectiveDate: dayFromYmd(2023, 10, 1) };
    expect(() => placementMove({ ...base, children: 2.5 })).toThrow(SavingsError);
    expect(() => placementMove({ ...base, children: -1 })).toThrow(/number of children/);
    expect(() => placementMove({ ...base, currentWeekly: -5 })).toThrow(/current weekly cost must be zero or more/);
    expect(() => placementMove({ ...base, newWeekly: Number.NaN })).toThrow(/new weekly cost must be a number/);
    expect(() => placementMove({ ...base, effectiveDate: 1.5 })).toThrow(/effective date must be a date/);
  });

  it("agrees with itself: per-child and total bases, in-year no larger than the full year, and in-year + next-year = full year", () => {
    const day = fc.integer({ min: dayFromYmd(2000, 1, 1), max: dayFromYmd(2040, 12, 31) });
    const cost = fc.double({ min: 0, max: 50_000, noNaN: true });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), cost, cost, day, (children, current, next, effective) => {
        const perChild = placementMove({ children, currentWeekly: current, newWeekly: next, basis: "per child", effectiveDate: effective });
        const total = placementMove({
          children,
          currentWeekly: current * children,
          newWeekly: next * children,
          basis: "total",
          effectiveDate: effective,
        });
        expect(total.fullYearSaving).toBeCloseTo(perChild.fullYearSaving, 6);
        expect(perChild.daysInEffect).toBeGreaterThanOrEqual(1);
        expect(perChild.daysInEffect).toBeLessThanOrEqual(366);
        const { fullYearSaving: full, inYearSaving: inYear, nextYearEffect: nextYear } = perChild;
        expect(Math.abs(inYear)).toBeLessThanOrEqual(Math.abs(full));
        expect(Math.sign(inYear) * Math.sign(full)).toBeGreaterThanOrEqual(0);
        expect(inYear + nextYear).toBeCloseTo(full, 6);
      }),
      { numRuns: 500 },
    );
  });
});
