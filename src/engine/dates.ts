/**
 * Dates as whole day numbers (days since 1970-01-01, UTC), which keeps arithmetic on
 * millions of episodes to integer adds and makes "days of overlap" exact.
 */

export type Day = number;

const MS_PER_DAY = 86_400_000;

/** Excel's serial number of 1970-01-01 in the 1900 date system. */
const EXCEL_SERIAL_OF_EPOCH = 25_569;
/** Excel's serial 60 is 29 February 1900, a day that never existed (Lotus 1-2-3's bug, kept by Excel). */
const EXCEL_PHANTOM_LEAP_DAY = 60;
/** Serials above this are beyond 31 December 9999, Excel's last date. */
const EXCEL_LAST_SERIAL = 2_958_465;

export class DateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DateError";
  }
}

/*
 * The calendar is integer arithmetic on the proleptic Gregorian calendar (H. Hinnant's
 * days-from-civil algorithms) rather than Date objects: the engine converts dates for every
 * episode and child, and a Date per call made that the slowest part of a million-episode run.
 * It also reads years 0–99 as themselves, where Date.UTC would turn 50 into 1950.
 */

/** Days in a 400-year cycle of the Gregorian calendar. */
const DAYS_PER_ERA = 146_097;
/** Days from 0000-03-01 (the calendar's reckoning starts on a 1 March) to 1970-01-01. */
const DAYS_TO_EPOCH_FROM_MARCH_0000 = 719_468;

/**
 * The day of a year, month and day of month. Like Date.UTC, a month outside 1–12 or a day
 * outside the month carries into the next or previous one (month 13 = January next year, day 0 =
 * the last day of the previous month).
 */
export function dayFromYmd(year: number, month: number, day: number): Day {
  const monthIndex = Math.trunc(month) - 1;
  const y = Math.trunc(year) + Math.floor(monthIndex / 12);
  const m = monthIndex - 12 * Math.floor(monthIndex / 12) + 1;
  const yearFromMarch = m <= 2 ? y - 1 : y;
  const era = Math.floor(yearFromMarch / 400);
  const yearOfEra = yearFromMarch - era * 400;
  const monthFromMarch = (m + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + Math.trunc(day) - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_ERA + dayOfEra - DAYS_TO_EPOCH_FROM_MARCH_0000;
}

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

export function ymdOfDay(day: Day): Ymd {
  const fromMarch0000 = Math.floor(day) + DAYS_TO_EPOCH_FROM_MARCH_0000;
  const era = Math.floor(fromMarch0000 / DAYS_PER_ERA);
  const dayOfEra = fromMarch0000 - era * DAYS_PER_ERA;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / (DAYS_PER_ERA - 1))) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day: dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1 };
}

export function isValidYmd(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of a year, by the Gregorian leap-year rule; a month outside 1–12 carries as dayFromYmd carries it. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return DAYS_IN_MONTH[month - 1] ?? dayFromYmd(year, month + 1, 1) - dayFromYmd(year, month, 1);
}

export function dayFromExcelSerial(serial: number): Day {
  if (!Number.isFinite(serial)) throw new DateError("not a number");
  const whole = Math.floor(serial);
  if (whole < 1) throw new DateError(`Excel serial ${serial} is before 1 January 1900`);
  if (whole === EXCEL_PHANTOM_LEAP_DAY) throw new DateError("29 February 1900 does not exist (Excel serial 60)");
  if (whole > EXCEL_LAST_SERIAL) throw new DateError(`Excel serial ${serial} is after 31 December 9999`);
  // Serials before the phantom leap day are one lower than the true day count.
  return whole < EXCEL_PHANTOM_LEAP_DAY ? whole - EXCEL_SERIAL_OF_EPOCH + 1 : whole - EXCEL_SERIAL_OF_EPOCH;
}

export function excelSerialOfDay(day: Day): number {
  const serial = day + EXCEL_SERIAL_OF_EPOCH;
  return serial <= EXCEL_PHANTOM_LEAP_DAY ? serial - 1 : serial;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/;

/**
 * Reads a date as Excel, ISO `yyyy-mm-dd` or the SSDA903 return's `dd/mm/yyyy` gives it.
 * Throws a DateError saying why when the value is not a date; returns null for a blank.
 */
export function parseDate(value: unknown): Day | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new DateError("invalid date");
    const day = dayFromYmd(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
    return checkRange(day);
  }
  if (typeof value === "number") return dayFromExcelSerial(value);
  if (typeof value === "boolean") throw new DateError(`${value ? "TRUE" : "FALSE"} is not a date`);
  const text = String(value).trim();
  if (text === "") return null;
  const plain = plainDay(text);
  if (plain !== null) return plain;
  let match = ISO_DATE.exec(text);
  if (match) return fromParts(+match[1], +match[2], +match[3], text);
  match = UK_DATE.exec(text);
  if (match) return fromParts(+match[3], +match[2], +match[1], text);
  if (/^\d+(\.\d+)?$/.test(text)) return dayFromExcelSerial(Number(text));
  throw new DateError(`"${truncate(text)}" is not a date (expected yyyy-mm-dd, dd/mm/yyyy or an Excel date)`);
}

/**
 * A date written plainly, `yyyy-mm-dd` or `dd/mm/yyyy` with two digits for the day and the month,
 * read without a regular expression or a lookup; null for any other text and for a day no month
 * has, which parseDate then reads in full (and says why it is no date). A return holds millions
 * of such dates (docs/benchmarks.md).
 */
export function plainDay(text: string): Day | null {
  if (text.length !== 10) return null;
  let year: number;
  let month: number;
  let day: number;
  if (text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    year = digitsAt(text, 0, 4);
    month = digitsAt(text, 5, 2);
    day = digitsAt(text, 8, 2);
  } else if (text.charCodeAt(2) === 47 && text.charCodeAt(5) === 47) {
    day = digitsAt(text, 0, 2);
    month = digitsAt(text, 3, 2);
    year = digitsAt(text, 6, 4);
  } else {
    return null;
  }
  // Every month has 28 days: only a later day needs its month's length worked out.
  if (year < 1900 || month < 1 || month > 12 || day < 1 || (day > 28 && !isValidYmd(year, month, day))) return null;
  const monthIndex = (year - 1900) * 12 + month - 1;
  return monthIndex < MONTH_STARTS.length ? MONTH_STARTS[monthIndex] + day - 1 : dayFromYmd(year, month, day);
}

/**
 * The first day of each month from January 1900 to December 2199 (dayFromYmd's), so that
 * plainDay reads most dates with one lookup rather than dayFromYmd's arithmetic: a million
 * episodes hold two million dates.
 */
const MONTH_STARTS = Int32Array.from({ length: 300 * 12 }, (_, index) => dayFromYmd(1900 + Math.floor(index / 12), (index % 12) + 1, 1));

/** The number that the `count` digits from `from` spell, or -1 when one of them is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function fromParts(year: number, month: number, day: number, text: string): Day {
  if (!isValidYmd(year, month, day)) throw new DateError(`"${truncate(text)}" is not a real date`);
  return dayFromYmd(year, month, day);
}

function checkRange(day: Day): Day {
  const { year } = ymdOfDay(day);
  if (year < 1900 || year > 9999) throw new DateError(`${formatIsoDate(day)} is outside 1900–9999`);
  return day;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

export function formatIsoDate(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function formatUkDate(day: Day): string {
  const { year, month, day: d } = ymdOfDay(day);
  return `${pad2(d)}/${pad2(month)}/${year}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The UK financial year (1 April – 31 March) that holds a day, named by its starting year. */
export function financialYearStart(day: Day): number {
  // From 1 April 1900 to 31 March 2199, found between two April firsts of MONTH_STARTS rather than
  // by ymdOfDay's arithmetic: the code-list notes ask it of each of a million episodes.
  const guess = Math.floor((day - MONTH_STARTS[APRIL]) / 365.2425);
  // Only near the table: a day far off (or not finite) is left to ymdOfDay, as the guess's neighbours would be the guess itself.
  if (guess >= -1 && guess <= 300) {
    for (let year = guess - 1; year <= guess + 1; year++) {
      const next = (year + 1) * 12 + APRIL;
      if (year >= 0 && next < MONTH_STARTS.length && day >= MONTH_STARTS[year * 12 + APRIL] && day < MONTH_STARTS[next]) return 1900 + year;
    }
  }
  const { year, month } = ymdOfDay(day);
  return month >= 4 ? year : year - 1;
}

/** April's place in a year of MONTH_STARTS. */
const APRIL = 3;

/** "2023-24" for the year from 1 April 2023 to 31 March 2024. */
export function financialYearLabel(day: Day): string {
  const start = financialYearStart(day);
  return `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
}

export function financialYearFirstDay(day: Day): Day {
  return dayFromYmd(financialYearStart(day), 4, 1);
}

export function financialYearLastDay(day: Day): Day {
  return dayFromYmd(financialYearStart(day) + 1, 3, 31);
}

/** The same day of the month `months` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb). */
export function addMonths(day: Day, months: number): Day {
  const { year, month, day: d } = ymdOfDay(day);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  // Every month has 28 days: only a later day can need clamping.
  return dayFromYmd(y, m, d <= 28 ? d : Math.min(d, daysInMonth(y, m)));
}

export function firstOfMonth(day: Day): Day {
  const { year, month } = ymdOfDay(day);
  return dayFromYmd(year, month, 1);
}

export function addYears(day: Day, years: number): Day {
  return addMonths(day, 12 * years);
}

/**
 * The day a person born on `dob` reaches `age`. Someone born on 29 February reaches it on
 * 1 March in a common year, as English law counts it.
 */
export function birthday(dob: Day, age: number): Day {
  return birthdayOfYmd(ymdOfDay(dob), age);
}

/** birthday() for a date of birth already split by ymdOfDay, for callers that need many of one child's birthdays. */
export function birthdayOfYmd(born: Ymd, age: number): Day {
  const y = born.year + age;
  if (born.month === 2 && born.day === 29 && daysInMonth(y, 2) === 28) return dayFromYmd(y, 3, 1);
  return dayFromYmd(y, born.month, born.day);
}

/** Age in whole years on a day, as people count birthdays. */
export function ageInYears(dob: Day, asAt: Day): number {
  const born = ymdOfDay(dob);
  let age = ymdOfDay(asAt).year - born.year;
  if (asAt < birthdayOfYmd(born, age)) age -= 1;
  return age;
}

/** Days shared by [start, end) and [periodStart, periodEnd), never negative. */
export function overlapDays(start: Day, end: Day, periodStart: Day, periodEnd: Day): number {
  const from = start > periodStart ? start : periodStart;
  const to = end < periodEnd ? end : periodEnd;
  return to > from ? to - from : 0;
}
