import fc from "fast-check";
import {
  DateError,
  addMonths,
  ageInYears,
  birthday,
  dayFromExcelSerial,
  dayFromYmd,
  daysInMonth,
  excelSerialOfDay,
  financialYearFirstDay,
  financialYearLabel,
  financialYearLastDay,
  financialYearStart,
  formatIsoDate,
  formatUkDate,
  plainDay,
  overlapDays,
  parseDate,
  ymdOfDay,
} from "../../src/engine/dates";

const iso = (text: string) => {
  const [y, m, d] = text.split("-").map(Number);
  return dayFromYmd(y, m, d);
};

describe("Excel serial numbers (1900 date system)", () => {
  test.each([
    [1, "1900-01-01"],
    [59, "1900-02-28"],
    [61, "1900-03-01"],
    [25569, "1970-01-01"],
    [45000, "2023-03-15"],
    [2958465, "9999-12-31"],
  ])("serial %d is %s", (serial, expected) => {
    expect(formatIsoDate(dayFromExcelSerial(serial))).toBe(expected);
    expect(formatIsoDate(parseDate(serial)!)).toBe(expected);
  });

  test("serial 60 (Excel's 29 February 1900) is an error, not a date", () => {
    expect(() => dayFromExcelSerial(60)).toThrow(DateError);
    expect(() => parseDate(60)).toThrow(/29 February 1900/);
  });

  test("serials before 1900 and after 9999 are errors", () => {
    expect(() => parseDate(0)).toThrow(DateError);
    expect(() => parseDate(-5)).toThrow(DateError);
    expect(() => parseDate(2958466)).toThrow(/after 31 December 9999/);
    expect(() => parseDate(Number.NaN)).toThrow(DateError);
  });

  test("a time of day in the serial is dropped", () => {
    expect(formatIsoDate(parseDate(45000.75)!)).toBe("2023-03-15");
  });

  test("a serial written as text is read as a serial", () => {
    expect(formatIsoDate(parseDate("45000")!)).toBe("2023-03-15");
  });

  test("serial -> day -> serial round-trips for every valid serial", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2958465 }).filter((s) => s !== 60), (serial) => {
        expect(excelSerialOfDay(dayFromExcelSerial(serial))).toBe(serial);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("text dates", () => {
  test.each([
    ["2023-03-15", "2023-03-15"],
    ["2023-3-5", "2023-03-05"],
    ["2023-03-15T10:30:00Z", "2023-03-15"],
    ["2023-03-15 10:30", "2023-03-15"],
    ["15/03/2023", "2023-03-15"],
    ["5/3/2023", "2023-03-05"],
    ["  01/04/2018 ", "2018-04-01"],
    ["29/02/2020", "2020-02-29"],
    ["31/12/9999", "9999-12-31"],
    ["9999-12-31", "9999-12-31"],
    ["01/01/1900", "1900-01-01"],
  ])("%s is %s", (text, expected) => {
    expect(formatIsoDate(parseDate(text)!)).toBe(expected);
  });

  test.each(["31/02/2020", "29/02/2019", "1900-02-29", "2023-13-01", "00/01/2023", "2023-04-31"])("%s is not a real date", (text) => {
    expect(() => parseDate(text)).toThrow(/not a real date/);
  });

  test.each(["10000-01-01", "1899-12-31", "15/03/23", "yesterday", "2023/03/15"])("%s is rejected with a reason", (text) => {
    expect(() => parseDate(text)).toThrow(DateError);
  });

  test("blanks are null, not errors", () => {
    expect(parseDate(null)).toBeNull();
    expect(parseDate(undefined)).toBeNull();
    expect(parseDate("")).toBeNull();
    expect(parseDate("   ")).toBeNull();
  });

  test("booleans are not dates", () => {
    expect(() => parseDate(true)).toThrow(/TRUE is not a date/);
  });

  test("a long bad value is shortened in the message", () => {
    expect(() => parseDate("x".repeat(100))).toThrow(/\.\.\."/);
  });

  test("Date objects (as ExcelJS gives them) are read by their UTC day", () => {
    expect(formatIsoDate(parseDate(new Date(Date.UTC(2023, 2, 15)))!)).toBe("2023-03-15");
    expect(() => parseDate(new Date(Number.NaN))).toThrow(DateError);
    expect(() => parseDate(new Date(Date.UTC(1850, 0, 1)))).toThrow(/outside 1900/);
  });

  test("formatUkDate writes dd/mm/yyyy", () => {
    expect(formatUkDate(iso("2023-03-05"))).toBe("05/03/2023");
  });
});

describe("calendar arithmetic", () => {
  test("agrees with the JavaScript Date calendar from year 100 to 9999", () => {
    const msPerDay = 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: dayFromYmd(100, 1, 1), max: dayFromYmd(9999, 12, 31) }), (day) => {
        const date = new Date(day * msPerDay);
        expect(ymdOfDay(day)).toEqual({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
        expect(dayFromYmd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())).toBe(day);
      }),
      { numRuns: 5000 },
    );
  });

  test("months and days out of range carry over as Date.UTC does", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 9990 }), fc.integer({ min: -30, max: 40 }), fc.integer({ min: -40, max: 70 }), (y, m, d) => {
        expect(dayFromYmd(y, m, d)).toBe(Math.round(Date.UTC(y, m - 1, d) / 86_400_000));
      }),
      { numRuns: 3000 },
    );
  });

  test("years below 100 are themselves, not 19xx", () => {
    expect(ymdOfDay(dayFromYmd(50, 6, 1))).toEqual({ year: 50, month: 6, day: 1 });
  });

  test("days in month, leap years included", () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2023, 4)).toBe(30);
    expect(daysInMonth(2023, 12)).toBe(31);
    // The calendar's own count: the days from the month's first to the next month's first.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        expect(daysInMonth(year, month)).toBe(dayFromYmd(year, month + 1, 1) - dayFromYmd(year, month, 1));
      }),
    );
  });

  test("financialYearStart is the year of the 1 April on or before the day, whatever the day", () => {
    fc.assert(
      fc.property(fc.integer({ min: dayFromYmd(1800, 1, 1), max: dayFromYmd(2300, 12, 31) }), (day) => {
        const { year, month } = ymdOfDay(day);
        expect(financialYearStart(day)).toBe(month >= 4 ? year : year - 1);
      }),
      // The ends of the years it finds between April firsts, and either side of them.
      { numRuns: 5000, examples: [1899, 1900, 1901, 2000, 2198, 2199, 2200].flatMap((y) => [[dayFromYmd(y, 3, 31)], [dayFromYmd(y, 4, 1)]]) },
    );
    // A day that is no day gives no year, rather than a search that never ends.
    for (const day of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN]) expect(financialYearStart(day)).toBeNaN();
    expect(financialYearStart(4e18)).toBe(ymdOfDay(4e18).month >= 4 ? ymdOfDay(4e18).year : ymdOfDay(4e18).year - 1);
  });

  test("addMonths is the same day of the month when it exists, else the month's last day, whatever the day and months", () => {
    fc.assert(
      fc.property(fc.integer({ min: dayFromYmd(1900, 1, 1), max: dayFromYmd(2200, 12, 31) }), fc.integer({ min: -600, max: 600 }), (day, months) => {
        const { year, month, day: d } = ymdOfDay(day);
        const target = ymdOfDay(dayFromYmd(year, month + months, 1));
        const last = dayFromYmd(target.year, target.month + 1, 1) - dayFromYmd(target.year, target.month, 1);
        expect(ymdOfDay(addMonths(day, months))).toEqual({ year: target.year, month: target.month, day: Math.min(d, last) });
      }),
      // The ends of months, which random days seldom land on a short month from.
      { examples: [29, 30, 31].flatMap((d) => [[dayFromYmd(2023, 1, d), 1], [dayFromYmd(2024, 1, d), 1], [dayFromYmd(2023, 5, d), -1], [dayFromYmd(2100, 3, d), -13]]) },
    );
  });

  test("addMonths keeps the day, clamped to the month's end", () => {
    expect(formatIsoDate(addMonths(iso("2024-01-31"), 1))).toBe("2024-02-29");
    expect(formatIsoDate(addMonths(iso("2023-01-31"), 1))).toBe("2023-02-28");
    expect(formatIsoDate(addMonths(iso("2023-08-31"), 6))).toBe("2024-02-29");
    expect(formatIsoDate(addMonths(iso("2023-11-15"), 3))).toBe("2024-02-15");
    expect(formatIsoDate(addMonths(iso("2023-03-15"), -3))).toBe("2022-12-15");
  });

  test("birthdays: someone born on 29 February has theirs on 1 March in a common year", () => {
    const dob = iso("2008-02-29");
    expect(formatIsoDate(birthday(dob, 1))).toBe("2009-03-01");
    expect(formatIsoDate(birthday(dob, 4))).toBe("2012-02-29");
    expect(ageInYears(dob, iso("2009-02-28"))).toBe(0);
    expect(ageInYears(dob, iso("2009-03-01"))).toBe(1);
  });

  test("age in whole years turns on the birthday", () => {
    const dob = iso("2010-06-15");
    expect(ageInYears(dob, iso("2023-06-14"))).toBe(12);
    expect(ageInYears(dob, iso("2023-06-15"))).toBe(13);
    expect(ageInYears(dob, iso("2010-06-15"))).toBe(0);
  });

  test("overlapDays counts [start, end) within [periodStart, periodEnd)", () => {
    expect(overlapDays(10, 20, 0, 100)).toBe(10);
    expect(overlapDays(10, 20, 15, 100)).toBe(5);
    expect(overlapDays(10, 20, 20, 100)).toBe(0);
    expect(overlapDays(30, 20, 0, 100)).toBe(0);
  });
});

describe("financial years (1 April – 31 March)", () => {
  test.each([
    ["2023-03-31", 2022, "2022-23"],
    ["2023-04-01", 2023, "2023-24"],
    ["2024-02-29", 2023, "2023-24"],
    ["1999-04-01", 1999, "1999-00"],
    ["2009-12-25", 2009, "2009-10"],
  ])("%s is in %d (%s)", (text, start, label) => {
    expect(financialYearStart(iso(text))).toBe(start);
    expect(financialYearLabel(iso(text))).toBe(label);
  });

  test("first and last days", () => {
    expect(formatIsoDate(financialYearFirstDay(iso("2024-01-10")))).toBe("2023-04-01");
    expect(formatIsoDate(financialYearLastDay(iso("2024-01-10")))).toBe("2024-03-31");
    expect(financialYearLastDay(iso("2024-01-10")) - financialYearFirstDay(iso("2024-01-10")) + 1).toBe(366);
  });
});

describe("a plain yyyy-mm-dd or dd/mm/yyyy, read without the regular expressions", () => {
  /** What parseDate gives for a text: its day, or its error's message with any time the text was given cut out of it. */
  const outcome = (text: string) => {
    try {
      return { day: parseDate(text) };
    } catch (error) {
      return { error: (error as Error).message.replace(/T00:00| 00:00/, "") };
    }
  };

  // The same date with a time after it is read by the regular expressions alone.
  it("gives what the ISO reading gives, for real dates, impossible ones and digits out of place", () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
    // Not a space: parseDate trims the text before either reading sees it.
    const oddChar = fc.constantFrom("0", "9", "a", "/", "-", "٣");
    fc.assert(
      fc.property(digits(4), digits(2), digits(2), oddChar, fc.nat(9), (year, month, day, odd, at) => {
        const plain = `${year}-${month}-${day}`;
        const spoilt = plain.slice(0, at) + odd + plain.slice(at + 1);
        for (const text of [plain, spoilt]) {
          expect(outcome(text)).toEqual(outcome(`${text}T00:00`));
        }
      }),
      { numRuns: 2000 },
    );
    expect(formatIsoDate(parseDate("2024-02-29")!)).toBe("2024-02-29");
    expect(() => parseDate("2023-02-29")).toThrow(/not a real date/);
  });

  it("reads back every day it could be given, written either way, the first and last of the months it looks up included", () => {
    fc.assert(
      fc.property(fc.integer({ min: dayFromYmd(1900, 1, 1), max: dayFromYmd(2400, 12, 31) }), (day) => {
        expect(plainDay(formatIsoDate(day))).toBe(day);
        expect(plainDay(formatUkDate(day))).toBe(day);
      }),
      { numRuns: 2000, examples: [[dayFromYmd(1900, 1, 1)], [dayFromYmd(2199, 12, 31)], [dayFromYmd(2200, 1, 1)], [dayFromYmd(2000, 2, 29)], [dayFromYmd(2100, 3, 1)]] },
    );
  });

  it("and a plain dd/mm/yyyy gives what the UK reading with a time gives", () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
    const oddChar = fc.constantFrom("0", "9", "a", "/", "-", "٣");
    fc.assert(
      fc.property(digits(2), digits(2), digits(4), oddChar, fc.nat(9), (day, month, year, odd, at) => {
        const plain = `${day}/${month}/${year}`;
        const spoilt = plain.slice(0, at) + odd + plain.slice(at + 1);
        for (const text of [plain, spoilt]) {
          expect(outcome(text)).toEqual(outcome(`${text} 00:00`));
        }
      }),
      { numRuns: 2000 },
    );
    expect(formatIsoDate(parseDate("29/02/2024")!)).toBe("2024-02-29");
    expect(() => parseDate("29/02/2023")).toThrow(/not a real date/);
  });
});
