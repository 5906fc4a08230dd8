/**
 * Savings of a placement move (DESIGN.md §5): n children moved from one placement group to a
 * cheaper one, e.g. IFA → in-house foster care. Councils quote the weekly saving, the full-year
 * saving (× 52 weeks), the part of it that falls in the current financial year, and the rest,
 * which next year's budget sees.
 */

import { Day, financialYearLastDay, formatIsoDate } from "./dates";

/** The councils' convention for a full year of a weekly amount. */
export const WEEKS_PER_YEAR = 52;

export class SavingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SavingsError";
  }
}

function checkWeeklyCost(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new SavingsError(`${what} must be a number`);
  if (value < 0) throw new SavingsError(`${what} must be zero or more (it is ${value})`);
}

function checkDay(value: Day, what: string): void {
  if (!Number.isInteger(value)) throw new SavingsError(`${what} must be a date`);
}

export function weeklySaving(currentWeekly: number, newWeekly: number): number {
  checkWeeklyCost(currentWeekly, "the current weekly cost");
  checkWeeklyCost(newWeekly, "the new weekly cost");
  return currentWeekly - newWeekly;
}

export function fullYearSaving(currentWeekly: number, newWeekly: number): number {
  return weeklySaving(currentWeekly, newWeekly) * WEEKS_PER_YEAR;
}

/**
 * Days the change is in effect in its financial year: from the effective date to the year end,
 * both counted. The year end defaults to 31 March of the effective date's financial year.
 */
export function daysToYearEnd(effectiveDate: Day, yearEnd: Day = financialYearLastDay(effectiveDate)): number {
  checkDay(effectiveDate, "the effective date");
  checkDay(yearEnd, "the year end");
  if (yearEnd < effectiveDate) {
    throw new SavingsError(
      `the year end (${formatIsoDate(yearEnd)}) is before the effective date (${formatIsoDate(effectiveDate)})`,
    );
  }
  return yearEnd - effectiveDate + 1;
}

/** Weekly saving × the days from the effective date to the year end ÷ 7. */
export function inYearSaving(currentWeekly: number, newWeekly: number, effectiveDate: Day, yearEnd?: Day): number {
  const weekly = weeklySaving(currentWeekly, newWeekly);
  return (weekly * daysToYearEnd(effectiveDate, yearEnd)) / 7;
}

/**
 * The rest of the full-year saving, which falls in the following year's budget. A change in
 * effect for a whole year by days (52 1/7 weeks) saves slightly more than the 52-week full year;
 * it then leaves nothing for next year rather than a negative amount.
 */
export function nextYearEffect(currentWeekly: number, newWeekly: number, effectiveDate: Day, yearEnd?: Day): number {
  const full = fullYearSaving(currentWeekly, newWeekly);
  const inYear = inYearSaving(currentWeekly, newWeekly, effectiveDate, yearEnd);
  return full >= 0 ? Math.max(0, full - inYear) : Math.min(0, full - inYear);
}

export type CostBasis = "per child" | "total";

export interface PlacementMoveInput {
  children: number;
  currentWeekly: number;
  newWeekly: number;
  /** Whether the weekly costs are each child's, or the total for all the children moved. */
  basis: CostBasis;
  effectiveDate: Day;
  /** Defaults to 31 March of the effective date's financial year. */
  yearEnd?: Day;
}

export interface PlacementMove {
  children: number;
  currentWeeklyTotal: number;
  newWeeklyTotal: number;
  weeklySaving: number;
  fullYearSaving: number;
  effectiveDate: Day;
  yearEnd: Day;
  daysInYear: number;
  inYearSaving: number;
  nextYearEffect: number;
}

export function placementMove(input: PlacementMoveInput): PlacementMove {
  const { children, basis, effectiveDate } = input;
  if (!Number.isInteger(children) || children < 0) {
    throw new SavingsError(`the number of children must be a whole number, zero or more (it is ${children})`);
  }
  checkWeeklyCost(input.currentWeekly, "the current weekly cost");
  checkWeeklyCost(input.newWeekly, "the new weekly cost");
  const perChild = basis === "per child";
  const currentWeeklyTotal = perChild ? input.currentWeekly * children : input.currentWeekly;
  const newWeeklyTotal = perChild ? input.newWeekly * children : input.newWeekly;
  const yearEnd = input.yearEnd ?? financialYearLastDay(effectiveDate);
  return {
    children,
    currentWeeklyTotal,
    newWeeklyTotal,
    weeklySaving: weeklySaving(currentWeeklyTotal, newWeeklyTotal),
    fullYearSaving: fullYearSaving(currentWeeklyTotal, newWeeklyTotal),
    effectiveDate,
    yearEnd,
    daysInYear: daysToYearEnd(effectiveDate, yearEnd),
    inYearSaving: inYearSaving(currentWeeklyTotal, newWeeklyTotal, effectiveDate, yearEnd),
    nextYearEffect: nextYearEffect(currentWeeklyTotal, newWeeklyTotal, effectiveDate, yearEnd),
  };
}
