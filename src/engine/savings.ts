/**
 * Savings of a placement move (docs/method/scenarios.md): n children moved from one placement group to a
 * cheaper one, e.g. IFA → in-house foster care. Councils quote the weekly saving, the full-year
 * saving (× 52 weeks), the part of it that falls in the current financial year, and the rest,
 * which next year's budget sees.
 *
 * One convention for a year (docs/method/scenarios.md, "The savings"): the full year is the weekly amount × weeks per year
 * (52 by default, 52.14 as a setting), and the in-year part is that full year × the days from the
 * effective date to the year end ÷ the days in the year, so it is never larger than the full year
 * and equals it for a change in effect from the first day of the year.
 */

import { Day, addYears, financialYearLastDay, formatIsoDate } from "./dates";
import { SETTINGS } from "./settings";

/** The councils' convention for a full year of a weekly amount. */
export const WEEKS_PER_YEAR = 52;

/** The other convention councils use: 365 days ÷ 7, to two decimals. */
export const WEEKS_PER_YEAR_BY_DAYS = 52.14;

/** How the savings functions count a year; every field is optional. */
export interface SavingsOptions {
  /** Weeks in a full year of a weekly amount: 52 (the default) or 52.14. */
  weeksPerYear?: number;
}

/** The weeks per year an option gives, checked against the setting's range (settings.ts). */
export function weeksPerYearOf(options: SavingsOptions = {}): number {
  const weeks = options.weeksPerYear ?? WEEKS_PER_YEAR;
  const { min, max } = SETTINGS.weeksPerYear;
  if (!Number.isFinite(weeks) || weeks < (min ?? 52) || weeks > (max ?? 52.2)) {
    throw new SavingsError(`weeks per year must be from ${min} to ${max}, e.g. 52 or 52.14 (it is ${weeks})`);
  }
  return weeks;
}

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

export function fullYearSaving(currentWeekly: number, newWeekly: number, options: SavingsOptions = {}): number {
  return weeklySaving(currentWeekly, newWeekly) * weeksPerYearOf(options);
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

/** Days in the year that ends on `yearEnd`: 365, or 366 when it holds a 29 February. */
export function daysInYearEnding(yearEnd: Day): number {
  return yearEnd - addYears(yearEnd, -1);
}

/**
 * The full-year saving × the days from the effective date to the year end ÷ the days in the year
 * ending then. A year end more than a year after the effective date counts as the whole year.
 */
export function inYearSaving(currentWeekly: number, newWeekly: number, effectiveDate: Day, yearEnd?: Day, options: SavingsOptions = {}): number {
  const full = fullYearSaving(currentWeekly, newWeekly, options);
  const end = yearEnd ?? financialYearLastDay(effectiveDate);
  const share = Math.min(1, daysToYearEnd(effectiveDate, end) / daysInYearEnding(end));
  return full * share;
}

/** The rest of the full-year saving, which falls in the following year's budget. */
export function nextYearEffect(currentWeekly: number, newWeekly: number, effectiveDate: Day, yearEnd?: Day, options: SavingsOptions = {}): number {
  return fullYearSaving(currentWeekly, newWeekly, options) - inYearSaving(currentWeekly, newWeekly, effectiveDate, yearEnd, options);
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
  weeksPerYear?: number;
}

export interface PlacementMove {
  children: number;
  currentWeeklyTotal: number;
  newWeeklyTotal: number;
  weeklySaving: number;
  fullYearSaving: number;
  effectiveDate: Day;
  yearEnd: Day;
  /** Days the change is in effect in the financial year, the effective date and 31 March both counted. */
  daysInEffect: number;
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
  const options: SavingsOptions = { weeksPerYear: input.weeksPerYear };
  return {
    children,
    currentWeeklyTotal,
    newWeeklyTotal,
    weeklySaving: weeklySaving(currentWeeklyTotal, newWeeklyTotal),
    fullYearSaving: fullYearSaving(currentWeeklyTotal, newWeeklyTotal, options),
    effectiveDate,
    yearEnd,
    daysInEffect: daysToYearEnd(effectiveDate, yearEnd),
    inYearSaving: inYearSaving(currentWeeklyTotal, newWeeklyTotal, effectiveDate, yearEnd, options),
    nextYearEffect: nextYearEffect(currentWeeklyTotal, newWeeklyTotal, effectiveDate, yearEnd, options),
  };
}
