/**
 * groupedNumber prints what Intl.NumberFormat("en-GB") prints, so that writing numbers without
 * Intl (to spare `lac` the cost of loading it) changes no figure the command line shows.
 */

import fc from "fast-check";
import { groupedNumber } from "../../src/engine/numberText";

const PLACES: readonly [number, number][] = [
  [0, 0],
  [1, 1],
  [0, 1],
  [0, 2],
  [2, 2],
  [0, 3],
  [0, 10],
];

function intlText(value: number, minFraction: number, maxFraction: number): string {
  return new Intl.NumberFormat("en-GB", { minimumFractionDigits: minFraction, maximumFractionDigits: maxFraction }).format(value);
}

describe("groupedNumber", () => {
  it.each(PLACES)("matches Intl.NumberFormat en-GB with %i to %i decimals on any double", (minFraction, maxFraction) => {
    fc.assert(
      fc.property(fc.double(), (value) => groupedNumber(value, minFraction, maxFraction) === intlText(value, minFraction, maxFraction)),
      { numRuns: 3000 },
    );
  });

  it.each(PLACES)("matches Intl.NumberFormat en-GB with %i to %i decimals on money, counts and ties", (minFraction, maxFraction) => {
    const money = fc.integer({ min: -1e9, max: 1e9 }).map((pence) => pence / 100);
    const halves = fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 2 + (n % 7) * 1e-3);
    fc.assert(
      fc.property(fc.oneof(money, halves, fc.integer()), (value) => groupedNumber(value, minFraction, maxFraction) === intlText(value, minFraction, maxFraction)),
      { numRuns: 3000 },
    );
  });

  it("with no places given, prints what a number's toLocaleString(\"en-GB\") prints", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.integer({ min: 0, max: 1e7 }).map((n) => n / 1000)), (value) => groupedNumber(value) === value.toLocaleString("en-GB")),
      { numRuns: 3000 },
    );
  });

  it("rounds the shortest decimal, half away from zero, carrying through nines", () => {
    expect(groupedNumber(1.005, 0, 2)).toBe("1.01");
    expect(groupedNumber(1.45, 1, 1)).toBe("1.5");
    expect(groupedNumber(-2.5, 0, 0)).toBe("-3");
    expect(groupedNumber(999_999.96, 1, 1)).toBe("1,000,000.0");
    expect(groupedNumber(-0.04, 1, 1)).toBe("-0.0");
    expect(groupedNumber(1e21, 0, 0)).toBe("1,000,000,000,000,000,000,000");
    expect(groupedNumber(5e-7, 0, 10)).toBe("0.0000005");
    expect(groupedNumber(Number.NEGATIVE_INFINITY, 0, 0)).toBe("-∞");
  });
});
