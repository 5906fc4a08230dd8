/**
 * The date parser on anything a cell can hold: a day inside Excel's calendar (1 January 1900 to
 * 31 December 9999), a blank, or a DateError saying why — never another exception, never a day
 * that is not the one written. Calendar facts are checked against Date.UTC, an independent oracle.
 */

import fc from "fast-check";
import {
  DateError,
  Day,
  ageInYears,
  birthday,
  dayFromExcelSerial,
  dayFromYmd,
  excelSerialOfDay,
  formatIsoDate,
  formatUkDate,
  parseDate,
  ymdOfDay,
} from "../../src/engine/dates";
import { CaseCounter } from "./cases";

const cases = new CaseCounter("dates");
afterAll(() => cases.write());

const MS_PER_DAY = 86_400_000;
const FIRST_DAY = Date.UTC(1900, 0, 1) / MS_PER_DAY;
const LAST_DAY = Date.UTC(9999, 11, 31) / MS_PER_DAY;
const LAST_SERIAL = 2_958_465;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The oracle: the day Date.UTC gives, or null when the parts are not a date in 1900–9999. */
function oracleDay(year: number, month: number, day: number): Day | null {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day > days ? null : Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Parses, and returns the day, null, or the DateError — failing on any other exception. */
function outcome(value: unknown): Day | null | DateError {
  try {
    return parseDate(value);
  } catch (error) {
    if (error instanceof DateError) return error;
    throw new Error(`parseDate(${JSON.stringify(value)}) threw ${String(error)} instead of a DateError`);
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Strings shaped like dates, with parts that may be out of range or malformed. */
const datelikeText = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1890, max: 2100 }), fc.constantFrom(0, 99, 1899, 1900, 9999, 10_000, 99_999)),
    month: fc.integer({ min: -1, max: 14 }),
    day: fc.integer({ min: -1, max: 33 }),
    style: fc.constantFrom("iso", "iso-time", "uk", "uk-time", "iso-short", "uk-short"),
    padding: fc.constantFrom("", " ", "\t", "  \n"),
  })
  .map(({ year, month, day, style, padding }) => {
    const y = year < 0 ? String(year) : pad(year, 4);
    const text = {
      iso: `${y}-${pad(month, 2)}-${pad(day, 2)}`,
      "iso-time": `${y}-${pad(month, 2)}-${pad(day, 2)}T13:45:00Z`,
      "iso-short": `${y}-${month}-${day}`,
      uk: `${pad(day, 2)}/${pad(month, 2)}/${y}`,
      "uk-time": `${pad(day, 2)}/${pad(month, 2)}/${y} 09:30`,
      "uk-short": `${day}/${month}/${y}`,
    }[style];
    return { text: `${padding}${text}${padding}`, year, month, day };
  });

const anyCellValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom("0", "1", "2", "9", "-", "/", ".", " ", "T", ":", "e", "Z", "+") }),
  fc.double(),
  fc.integer({ min: -10, max: LAST_SERIAL + 10 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom("1900-02-29", "29/02/1900", 60, "60", "9999-12-31", "10000-01-01", "0000-01-01", "31/12/9999", 2_958_466, "2958465.99", "Infinity", "NaN", "-1", "1e5"),
);

describe("parseDate on any cell", () => {
  it("gives a day inside 1900–9999, a blank (null), or a DateError with a reason", () => {
    fc.assert(
      fc.property(anyCellValue, (value) => {
        cases.add("any cell");
        const result = outcome(value);
        if (result instanceof DateError) {
          expect(result.message.length).toBeGreaterThan(5);
          // Excel's error tip is short: the parser quotes at most 40 characters of the cell.
          expect(result.message.length).toBeLessThan(140);
        } else if (result !== null) {
          expect(Number.isInteger(result)).toBe(true);
          expect(result).toBeGreaterThanOrEqual(FIRST_DAY);
          expect(result).toBeLessThanOrEqual(LAST_DAY);
        } else {
          expect(value === null || value === undefined || (typeof value === "string" && value.trim() === "")).toBe(true);
        }
      }),
      { numRuns: 4000 },
    );
  });

  it("reads yyyy-mm-dd and dd/mm/yyyy as the calendar says, and refuses what is not a real date", () => {
    fc.assert(
      fc.property(datelikeText, ({ text, year, month, day }) => {
        cases.add("date-shaped text");
        const expected = oracleDay(year, month, day);
        const result = outcome(text);
        if (expected === null) expect(result).toBeInstanceOf(DateError);
        else expect(result).toBe(expected);
      }),
      { numRuns: 4000 },
    );
  });

  it("reads every Excel serial as Excel does, including the phantom 29 February 1900 (refused)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: LAST_SERIAL }), fc.double({ min: 0, max: 0.999, noNaN: true }), (serial, fraction) => {
        cases.add("Excel serial");
        const result = outcome(serial + fraction);
        if (serial === 60) {
          expect(result).toBeInstanceOf(DateError);
          return;
        }
        // Excel's serial 61 is 1 March 1900; below 60 it counts one day too many (Lotus's leap bug).
        const expected = serial > 60 ? Date.UTC(1899, 11, 30) / MS_PER_DAY + serial : Date.UTC(1899, 11, 31) / MS_PER_DAY + serial;
        expect(result).toBe(expected);
        expect(excelSerialOfDay(result as Day)).toBe(serial);
        expect(outcome(String(serial))).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    for (const outside of [0, -1, 0.5, LAST_SERIAL + 1, Number.NaN, Infinity, -Infinity]) {
      expect(outcome(outside)).toBeInstanceOf(DateError);
    }
  });

  it("reads back every day it can write, in both written forms", () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), (day) => {
        cases.add("write and read back");
        expect(outcome(formatIsoDate(day))).toBe(day);
        expect(outcome(formatUkDate(day))).toBe(day);
        expect(outcome(new Date(day * MS_PER_DAY))).toBe(day);
        const { year, month, day: d } = ymdOfDay(day);
        expect(dayFromYmd(year, month, d)).toBe(day);
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses the edges of Excel's calendar it cannot hold, and holds the ones it can", () => {
    const refused = ["1900-02-29", "29/02/1900", 60, "60", "1899-12-31", "31/12/1899", "10000-01-01", "01/01/10000", "2023-02-29", "31/04/2024", "2024-13-01", "0000-00-00"];
    for (const value of refused) expect({ value, refused: outcome(value) instanceof DateError }).toEqual({ value, refused: true });
    expect(outcome("9999-12-31")).toBe(LAST_DAY);
    expect(outcome("31/12/9999")).toBe(LAST_DAY);
    expect(outcome(LAST_SERIAL)).toBe(LAST_DAY);
    expect(outcome("1900-01-01")).toBe(FIRST_DAY);
    expect(outcome(1)).toBe(FIRST_DAY);
    expect(outcome("2024-02-29")).toBe(Date.UTC(2024, 1, 29) / MS_PER_DAY);
    expect(outcome(new Date(Date.UTC(1899, 11, 31)))).toBeInstanceOf(DateError);
    expect(outcome(new Date(Number.NaN))).toBeInstanceOf(DateError);
    expect(() => dayFromExcelSerial(60)).toThrow(/29 February 1900/);
  });
});

describe("ages from any date of birth", () => {
  it("are the whole years people count, 29 February birthdays falling on 1 March", () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_DAY, max: LAST_DAY - 120 * 366 }), fc.integer({ min: 0, max: 120 }), (dob, age) => {
        cases.add("age on a birthday");
        const reached = birthday(dob, age);
        expect(ageInYears(dob, reached)).toBe(age);
        if (age > 0) expect(ageInYears(dob, reached - 1)).toBe(age - 1);
      }),
      { numRuns: 2000 },
    );
  });
});
