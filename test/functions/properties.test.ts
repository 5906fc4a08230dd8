import fc from "fast-check";
import { CustomFunctionError, ErrorCode, isExcelError } from "./customFunctionsShim";
import * as functions from "../../src/functions/functions";

type ExcelFunction = (...args: unknown[]) => unknown;
const FUNCTIONS = Object.entries(functions).filter((entry): entry is [string, ExcelFunction] => typeof entry[1] === "function");

/** Anything a cell or a caller might hand over, including what Excel never sends. */
const anyCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.double(),
  fc.integer({ min: -100_000, max: 3_000_000 }),
  fc.string(),
  fc.constantFrom("", "  ", "2023-04-01", "31/03/2024", "29/02/2023", "U4", "K2", "PR4", "IN", "OUT", "£1,000", "(50)", "1e400"),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date(),
  fc.object(),
  fc.constant(new CustomFunctionError(ErrorCode.notAvailable)),
);

const rectangle = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }))
  .chain(([rows, columns]) => fc.array(fc.array(anyCell, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }));

const anyArgument: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: rectangle, weight: 4 },
  { arbitrary: anyCell, weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.array(fc.array(anyCell, { maxLength: 3 }), { maxLength: 4 }), weight: 1 },
  { arbitrary: fc.array(anyCell, { maxLength: 3 }), weight: 1 },
);

/**
 * A value Excel can show in a cell. An error must be one the functions meant to give: "unexpected
 * problem" means something threw that no check anticipated, a fault to fix rather than bad input.
 */
function isResultCell(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (isExcelError(value)) return !/unexpected problem/.test(value.message);
  return typeof value === "string" || typeof value === "boolean";
}

/** What Excel can show: a value or error, or a non-empty rectangle of them. */
function expectExcelResult(result: unknown): void {
  if (!Array.isArray(result)) {
    expect(isResultCell(result)).toBe(true);
    return;
  }
  expect(result.length).toBeGreaterThan(0);
  const width = (result[0] as unknown[]).length;
  expect(width).toBeGreaterThan(0);
  for (const row of result) {
    expect(Array.isArray(row) && row.length === width).toBe(true);
    for (const cell of row as unknown[]) expect(isResultCell(cell)).toBe(true);
  }
}

describe("no input makes a LAC function throw", () => {
  it.each(FUNCTIONS)("%s returns a value or an Excel error for any arguments", (_name, fn) => {
    fc.assert(
      fc.property(fc.array(anyArgument, { minLength: 0, maxLength: fn.length + 1 }), (args) => {
        let result: unknown;
        expect(() => (result = fn(...args))).not.toThrow();
        expectExcelResult(result);
      }),
      { numRuns: 300 },
    );
  });

  it("COSTSUMMARY copes with any cells under the right headers", () => {
    const episodeHeaders = ["CHILD", "DECOM", "DEC", "PLACE", "PLACE_PROVIDER", "WEEKLY_COST", "LOCATION", "LS", "CIN"];
    const dateLike = fc.oneof(anyCell, fc.integer({ min: 40_000, max: 46_000 }), fc.constantFrom("2023-05-01", "2024-01-31", ""));
    const rows = (width: number) => fc.array(fc.array(dateLike, { minLength: width, maxLength: width }), { maxLength: 8 });
    fc.assert(
      fc.property(rows(episodeHeaders.length), rows(3), dateLike, dateLike, (episodeRows, childRows, start, end) => {
        let result: unknown;
        expect(
          () => (result = functions.costSummary([episodeHeaders, ...episodeRows], [["CHILD", "DOB", "UASC"], ...childRows], [[start]], [[end]])),
        ).not.toThrow();
        expectExcelResult(result);
      }),
      { numRuns: 300 },
    );
  });
});

describe("LAC.INYEARSAVING against LAC.FULLYEARSAVING", () => {
  const isoDay = fc
    .record({ year: fc.integer({ min: 2000, max: 2040 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
    .map(({ year, month, day }) => `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
  const weekly = fc.integer({ min: 0, max: 5_000_000 }).map((pence) => pence / 100);

  it("never gives more in-year than over the full year, and the same from 1 April", () => {
    fc.assert(
      fc.property(weekly, weekly, isoDay, fc.integer({ min: 2000, max: 2040 }), (current, next, effective, aprilYear) => {
        const [[full]] = functions.fullYearSaving([[current]], [[next]]) as number[][];
        const [[inYear]] = functions.inYearSaving([[current]], [[next]], [[effective]]) as number[][];
        expect(Math.abs(inYear)).toBeLessThanOrEqual(Math.abs(full));
        expect(Math.sign(inYear) * Math.sign(full)).toBeGreaterThanOrEqual(0);
        const [[fromApril]] = functions.inYearSaving([[current]], [[next]], [[`${aprilYear}-04-01`]]) as number[][];
        expect(fromApril).toBe(full);
      }),
      { numRuns: 500 },
    );
  });
});
