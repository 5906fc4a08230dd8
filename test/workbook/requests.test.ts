import fc from "fast-check";
import type { Cell } from "../../src/engine/table";
import { cellNumberFormat } from "../../src/workbook/cells";
import { layoutSheet, Region } from "../../src/workbook/layout";
import { blockBytes, isPayloadTooLarge, jsonBytes, planValueRequests, ReadBlockSizer } from "../../src/workbook/requests";
import { episodesSpec } from "./fixtures";

const utf8 = (value: unknown) => Buffer.byteLength(JSON.stringify(value), "utf8");

describe("jsonBytes", () => {
  it("is the UTF-8 length of the JSON text, for any string (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => expect(jsonBytes(text)).toBe(utf8(text))),
      { numRuns: 2000 },
    );
  });

  it("is the UTF-8 length of the JSON text for numbers, booleans, null and lone surrogates", () => {
    for (const value of [0, -1.5, 1e21, 123456789.123, true, false, null, "\ud800", "a\udc00b", "\u0001\u001f\n\t\"\\"]) {
      expect(jsonBytes(value)).toBe(utf8(value));
    }
  });

  it("measures 2-D blocks as JSON arrays", () => {
    const rows: Cell[][] = [["a", 1, null], [true, "£5", 2.5]];
    expect(blockBytes(rows)).toBe(utf8(rows));
  });
});

describe("planValueRequests", () => {
  const regionOf = (rows: Cell[][], top = 0): Region => ({ top, left: 0, rows, columnFormats: rows[0]?.map(() => "#,##0") ?? [] });

  it("keeps every request under the budget, counting values and formats as Excel receives them, and writes each row once in order (property)", () => {
    const row = fc.array(fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null), fc.boolean()), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(fc.array(row, { minLength: 1, maxLength: 60 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 2000, max: 20000 }), (blocks, budget) => {
        let top = 0;
        const regions = blocks.map((rows) => {
          const region = regionOf(rows, top);
          top += rows.length + 1;
          return region;
        });
        const requests = planValueRequests(regions, budget);
        const written: string[] = [];
        for (const request of requests) {
          let measured = 0;
          for (const write of request.writes) {
            measured += utf8(write.values) + utf8(write.formats);
            write.values.forEach((values, i) => written.push(`${write.rect.top + i}:${JSON.stringify(values)}`));
          }
          expect(measured).toBeLessThanOrEqual(request.bytes);
          expect(request.bytes).toBeLessThanOrEqual(budget);
        }
        const expected = regions.flatMap((r) => r.rows.map((values, i) => `${r.top + i}:${JSON.stringify(values.map((v) => v ?? ""))}`));
        expect(written).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it("gives each string cell the Text format, whatever its column", () => {
    const [request] = planValueRequests([regionOf([[1, "=1+1", null]])]);
    expect(request.writes[0].formats).toEqual([["#,##0", "@", "#,##0"]]);
    expect(request.writes[0].values).toEqual([[1, "=1+1", ""]]);
    expect(cellNumberFormat("x", "#,##0")).toBe("@");
  });

  it("packs a report sheet into one request and splits 50,000 episodes into several under 4 MB", () => {
    expect(planValueRequests(layoutSheet(episodesSpec(1000)).regions)).toHaveLength(1);
    const requests = planValueRequests(layoutSheet(episodesSpec(50_000)).regions);
    expect(requests.length).toBeGreaterThan(1);
    for (const request of requests) expect(request.bytes).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  it("refuses a single row larger than a request", () => {
    expect(() => planValueRequests([regionOf([["x".repeat(5000), 1, 2]])], 4000)).toThrow(/row 1 alone/);
  });
});

describe("ReadBlockSizer", () => {
  it("reads a small first block, then as many rows as fit at the weight of the heaviest row seen", () => {
    const sizer = new ReadBlockSizer(100_000, 30);
    expect(sizer.nextRows(1_000_000)).toBe(30);
    const heavy = [["x".repeat(1000), 1, 2, 3]];
    sizer.observe(heavy);
    // A row's weight counts the comma that separates it from the next.
    const rowWeight = blockBytes(heavy) - 1;
    expect(sizer.nextRows(1_000_000)).toBe(Math.floor(100_000 / rowWeight));
    sizer.observe([[1, 2, 3, 4]]);
    expect(sizer.nextRows(1_000_000)).toBe(Math.floor(100_000 / rowWeight));
    sizer.observe([["x".repeat(200_000)]]);
    expect(sizer.nextRows(1_000_000)).toBe(1);
    expect(sizer.nextRows(0)).toBe(0);
  });

  it("halves the block when Excel says it was too large, down to one row", () => {
    const sizer = new ReadBlockSizer(100_000, 30);
    sizer.observe([[1]]);
    const tried = sizer.nextRows(1_000_000);
    expect(sizer.tooLarge(tried)).toBe(true);
    expect(sizer.nextRows(1_000_000)).toBe(Math.floor(tried / 2));
    expect(sizer.tooLarge(1)).toBe(false);
    expect(isPayloadTooLarge(Object.assign(new Error("x"), { code: "ResponsePayloadSizeLimitExceeded" }))).toBe(true);
    expect(isPayloadTooLarge(new Error("ResponsePayloadSizeLimitExceeded"))).toBe(false);
  });
});
