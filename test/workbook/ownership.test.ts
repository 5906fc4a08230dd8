import fc from "fast-check";
import { cellAddress, columnIndex, columnLetters, parseAddress, quoteSheetName, rectAddress, sheetNameProblem, unquoteSheetName } from "../../src/workbook/addresses";
import { buildSheetName, freeMarkName, freeSheetName, markReference, ownedMarkName, readMarks, sheetNameFingerprint } from "../../src/workbook/ownership";

describe("ownership marks", () => {
  it("tells owned sheets, sheets under construction and stale marks apart, ignoring other names", () => {
    const marks = readMarks(
      [
        { name: "LAC_OWNED_1", reference: "'LAC Costs'!$A$1" },
        { name: "LAC_OWNED_2", reference: "=#REF!$A$1" },
        { name: "LAC_OWNED_3", reference: "'Gone sheet'!$A$1" },
        { name: "LAC_BUILD_1", reference: "'LAC build 1'!$A$1" },
        { name: "Budget_Total", reference: "Budget!$C$20" },
        { name: "LAC_OWNED_X", reference: "Budget!$A$1" },
      ],
      ["Budget", "lac costs", "LAC build 1"],
    );
    expect(marks.owned).toEqual([{ mark: "LAC_OWNED_1", sheet: "lac costs" }]);
    expect(marks.building).toEqual([{ mark: "LAC_BUILD_1", sheet: "LAC build 1" }]);
    expect(marks.stale).toEqual(["LAC_OWNED_2", "LAC_OWNED_3"]);
  });

  it("owns a sheet only under the name the add-in gave it: a renamed report is kept by the user, and a write cut off on it shows as incomplete", () => {
    const mark = (n: number, given: string) => `LAC_OWNED_${n}_${sheetNameFingerprint(given)}`;
    const marks = readMarks(
      [
        { name: mark(1, "LAC Costs"), reference: "'lac costs'!$A$1" },
        { name: mark(2, "LAC Variance"), reference: "'Variance March'!$A$1" },
        { name: mark(3, "LAC Forecast"), reference: "'LAC Forecast'!$A$1" },
        { name: "LAC_BUILD_1", reference: "'LAC Forecast'!$A$1" },
        { name: "LAC_BUILD_2", reference: "'Variance March'!$A$1" },
        { name: "LAC_OWNED_4", reference: "'Renamed long ago'!$A$1" },
        { name: "LAC_OWNED_5_XYZ", reference: "Budget!$A$1" },
      ],
      ["Budget", "lac costs", "Variance March", "LAC Forecast", "Renamed long ago"],
    );
    expect(marks.owned).toEqual([
      { mark: mark(1, "LAC Costs"), sheet: "lac costs" },
      { mark: mark(3, "LAC Forecast"), sheet: "LAC Forecast" },
      // Without a fingerprint, a mark follows its sheet under any name.
      { mark: "LAC_OWNED_4", sheet: "Renamed long ago" },
    ]);
    expect(marks.kept).toEqual([
      { mark: mark(2, "LAC Variance"), sheet: "Variance March" },
      { mark: "LAC_BUILD_2", sheet: "Variance March" },
    ]);
    expect(marks.incomplete).toEqual([{ mark: "LAC_BUILD_1", sheet: "LAC Forecast" }]);
    expect(marks.building).toEqual([]);
  });

  it("names an owned mark by the lowest free number, or the number it had, and the given name's fingerprint", () => {
    expect(sheetNameFingerprint("LAC Costs")).toMatch(/^[0-9A-F]{8}$/);
    expect(sheetNameFingerprint("lac COSTS")).toBe(sheetNameFingerprint("LAC Costs"));
    expect(sheetNameFingerprint("LAC Costs (2)")).not.toBe(sheetNameFingerprint("LAC Costs"));
    const inUse = ["LAC_OWNED_1_0000ABCD", "LAC_OWNED_2", "Budget_Total"];
    expect(ownedMarkName("LAC Costs", inUse)).toBe(`LAC_OWNED_3_${sheetNameFingerprint("LAC Costs")}`);
    expect(ownedMarkName("LAC Costs", inUse, "LAC_OWNED_2")).toBe(`LAC_OWNED_2_${sheetNameFingerprint("LAC Costs")}`);
    expect(freeMarkName("LAC_OWNED_", inUse)).toBe("LAC_OWNED_3");
  });

  it("refers to A1 of the sheet in a form it reads back, whatever the sheet is called (property)", () => {
    const sheetName = fc.string({ minLength: 1, maxLength: 31 }).filter((n) => sheetNameProblem(n) === null);
    fc.assert(
      fc.property(sheetName, (name) => {
        const marks = readMarks([{ name: "LAC_OWNED_7", reference: markReference(name) }], [name]);
        expect(marks.owned).toEqual([{ mark: "LAC_OWNED_7", sheet: name }]);
      }),
      { numRuns: 500 },
    );
  });

  it("picks the lowest free mark number and a free build sheet name", () => {
    expect(freeMarkName("LAC_OWNED_", ["LAC_OWNED_1", "lac_owned_2", "LAC_OWNED_4"])).toBe("LAC_OWNED_3");
    expect(buildSheetName(["LAC build 1", "Budget"])).toBe("LAC build 2");
  });

  it("suggests another sheet name that fits Excel's 31 characters", () => {
    expect(freeSheetName("LAC Costs", ["Budget"])).toBe("LAC Costs");
    expect(freeSheetName("LAC Costs", ["lac costs", "LAC Costs (2)"])).toBe("LAC Costs (3)");
    const long = "A very long report sheet name!!";
    expect(long).toHaveLength(31);
    const suggestion = freeSheetName(long, [long]);
    expect(suggestion).toHaveLength(31);
    expect(suggestion.endsWith(" (2)")).toBe(true);
  });
});

describe("addresses", () => {
  it("converts column numbers and letters both ways (property)", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 16383 }), (n) => expect(columnIndex(columnLetters(n))).toBe(n)));
    expect(columnLetters(0)).toBe("A");
    expect(columnLetters(25)).toBe("Z");
    expect(columnLetters(26)).toBe("AA");
    expect(columnLetters(16383)).toBe("XFD");
  });

  it("reads the addresses Excel gives back", () => {
    expect(parseAddress("Sheet1!B3:F200")).toEqual({ sheet: "Sheet1", rect: { top: 2, left: 1, bottom: 199, right: 5 } });
    expect(parseAddress("'Bob''s data'!$A$1")).toEqual({ sheet: "Bob's data", rect: { top: 0, left: 0, bottom: 0, right: 0 } });
    expect(parseAddress("'a!b'!C7").sheet).toBe("a!b");
    expect(parseAddress("C7").sheet).toBeNull();
    expect(() => parseAddress("Sheet1!#REF!")).toThrow(/not a cell address/);
  });

  it("writes addresses and quotes sheet names that need it (property)", () => {
    expect(rectAddress({ top: 0, left: 0, bottom: 0, right: 0 })).toBe("A1");
    expect(rectAddress({ top: 4, left: 1, bottom: 9, right: 3 })).toBe("B5:D10");
    expect(cellAddress(1048575, 16383)).toBe("XFD1048576");
    expect(quoteSheetName("Budget")).toBe("Budget");
    expect(quoteSheetName("LAC Costs")).toBe("'LAC Costs'");
    expect(quoteSheetName("AB12")).toBe("'AB12'");
    fc.assert(fc.property(fc.string({ minLength: 1 }), (name) => expect(unquoteSheetName(quoteSheetName(name))).toBe(name)));
  });

  it("says why Excel would refuse a sheet name", () => {
    expect(sheetNameProblem("LAC Costs")).toBeNull();
    expect(sheetNameProblem("")).toMatch(/blank/);
    expect(sheetNameProblem("a/b")).toMatch(/does not allow/);
    expect(sheetNameProblem("'quoted")).toMatch(/apostrophe/);
    expect(sheetNameProblem("History")).toMatch(/reserved/);
  });
});
