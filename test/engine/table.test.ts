import fc from "fast-check";
import { EPISODE_FIELDS } from "../../src/engine/episodes";
import {
  Cell,
  CellValues,
  FieldSpec,
  TableError,
  cellNumber,
  cellText,
  isBlankRow,
  normaliseHeader,
  resolveColumns,
  rowNumberOf,
  tableFromBlock,
} from "../../src/engine/table";

const FIELDS: readonly FieldSpec[] = [
  { name: "CHILD", required: true, synonyms: ["child id", "child ref"] },
  { name: "DECOM", required: true, synonyms: ["start date", "date of commencement"] },
  { name: "WEEKLY_COST", required: false, synonyms: ["weekly rate", "cost per week"] },
];

describe("resolveColumns", () => {
  test("finds fields by their own names, whatever the case and spacing", () => {
    expect(resolveColumns(["decom", " Child ", "Weekly_Cost"], FIELDS)).toEqual({ CHILD: 1, DECOM: 0, WEEKLY_COST: 2 });
  });

  test("finds fields by a synonym", () => {
    expect(resolveColumns(["Child ID", "Start Date", "Weekly rate (£)"], FIELDS)).toEqual({ CHILD: 0, DECOM: 1, WEEKLY_COST: 2 });
    expect(resolveColumns(["Child Ref", "Date of commencement", "Cost per week"], FIELDS)).toEqual({ CHILD: 0, DECOM: 1, WEEKLY_COST: 2 });
  });

  test("a saved mapping wins over the field's own name and synonyms", () => {
    const headers = ["CHILD", "DECOM", "Placement began", "Rate"];
    expect(resolveColumns(headers, FIELDS, { DECOM: "Placement began", WEEKLY_COST: "rate" })).toEqual({ CHILD: 0, DECOM: 2, WEEKLY_COST: 3 });
  });

  test("a mapping to a column that is not there falls back to the name", () => {
    expect(resolveColumns(["CHILD", "DECOM"], FIELDS, { DECOM: "Gone" })).toEqual({ CHILD: 0, DECOM: 1 });
  });

  test("the first of two columns with the same header is used", () => {
    expect(resolveColumns(["CHILD", "DECOM", "child"], FIELDS).CHILD).toBe(0);
  });

  test("missing required fields are all named, with the headers that were found", () => {
    expect(() => resolveColumns(["Name", "Cost"], FIELDS)).toThrow(TableError);
    expect(() => resolveColumns(["Name", "Cost"], FIELDS)).toThrow("missing columns CHILD, DECOM (found: Name, Cost)");
    expect(() => resolveColumns([], FIELDS)).toThrow("(found: no headers)");
    expect(() => resolveColumns(["CHILD"], FIELDS)).toThrow(/^missing column DECOM /);
  });

  test("the episode fields read a typical finance-system export", () => {
    const headers = ["Child ID", "Start date", "End date", "Placement type", "Provider", "Weekly rate", "In/Out"];
    const col = resolveColumns(headers, EPISODE_FIELDS);
    expect(col).toMatchObject({ CHILD: 0, DECOM: 1, DEC: 2, PLACE: 3, PLACE_PROVIDER: 4, WEEKLY_COST: 5, LOCATION: 6 });
  });
});

describe("cells", () => {
  test("normaliseHeader keeps letters and digits only, lower-case", () => {
    expect(normaliseHeader(" Weekly Cost (£) ")).toBe("weeklycost");
    expect(normaliseHeader(null)).toBe("");
  });

  test("cellText", () => {
    expect(cellText(null)).toBe("");
    expect(cellText(undefined)).toBe("");
    expect(cellText("  U4 ")).toBe("U4");
    expect(cellText(123456)).toBe("123456");
    expect(cellText(12.5)).toBe("12.5");
    expect(cellText(true)).toBe("TRUE");
  });

  test.each([
    [1234.5, 1234.5],
    ["£1,234.50", 1234.5],
    [" 900 ", 900],
    ["(12.5)", -12.5],
    ["-3", -3],
    ["£ 1 000", 1000],
  ])("cellNumber(%p) = %p", (cell, expected) => {
    expect(cellNumber(cell)).toBe(expected);
  });

  test("cellNumber: blank is null, non-numbers are invalid", () => {
    expect(cellNumber(null)).toBeNull();
    expect(cellNumber("  ")).toBeNull();
    expect(cellNumber("abc")).toBe("invalid");
    expect(cellNumber("12abc")).toBe("invalid");
    expect(cellNumber(true)).toBe("invalid");
    expect(cellNumber(Number.NaN)).toBe("invalid");
    expect(cellNumber(Number.POSITIVE_INFINITY)).toBe("invalid");
  });

  test("isBlankRow", () => {
    expect(isBlankRow([null, "", "  "])).toBe(true);
    expect(isBlankRow([null, 0])).toBe(false);
    expect(isBlankRow([])).toBe(true);
  });
});

describe("tables from ranges", () => {
  test("tableFromBlock takes the first row as headers and numbers rows as the sheet does", () => {
    const table = tableFromBlock(
      [
        ["CHILD", 2023],
        ["A", 1],
        ["B", 2],
      ],
      5,
    );
    expect(table.headers).toEqual(["CHILD", "2023"]);
    expect(table.rows).toEqual([
      ["A", 1],
      ["B", 2],
    ]);
    expect(rowNumberOf(table, 0)).toBe(6);
    expect(rowNumberOf(table, 1)).toBe(7);
  });

  test("an empty range is an error", () => {
    expect(() => tableFromBlock([])).toThrow(TableError);
  });

  test("rows are numbered from 2 when the source does not say", () => {
    expect(rowNumberOf({ headers: [], rows: [] }, 0)).toBe(2);
  });
});

describe("cellNumber of plain digits", () => {
  test("reads digits with at most one point as the full reading does (spaces around them take the full reading)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{0,400}\.?[0-9]{0,6}$/), (text) => {
        expect(cellNumber(text)).toBe(cellNumber(` ${text} `));
      }),
    );
    // Up to 15 digits, as amounts are written: to the last bit what Number() reads.
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{0,10}\.?[0-9]{0,8}$/), (text) => {
        if (/[0-9]/.test(text)) expect(cellNumber(text)).toBe(Number(text));
      }),
      { numRuns: 5000, examples: [["0.1"], ["549.76"], ["9007199254.740993"], ["123456789012345"], ["1234567890123456"], ["0.000000000000001"], ["00000000000000.3"]] },
    );
    expect(cellNumber("850.50")).toBe(850.5);
    expect(cellNumber(".5")).toBe(0.5);
    expect(cellNumber("5.")).toBe(5);
    expect(cellNumber(".")).toBe("invalid");
    expect(cellNumber("9".repeat(400))).toBe("invalid");
  });
});

describe("CellValues", () => {
  test("gives what its reader gives, reading each distinct text once and handing every row the same value", () => {
    const reads: Cell[] = [];
    const values = new CellValues((cell) => {
      reads.push(cell);
      return { upper: cellText(cell).toUpperCase() };
    });
    const first = values.of("t2");
    expect(first).toEqual({ upper: "T2" });
    expect(values.of("t2")).toBe(first);
    expect(values.of(null)).toEqual({ upper: "" });
    expect(values.of(undefined)).toBe(values.of(null));
    expect(values.of(7)).toEqual({ upper: "7" });
    expect(reads).toEqual(["t2", null, 7]);
  });

  test("a text whose reading throws is read again each time; past the limit a text is read afresh", () => {
    let calls = 0;
    const checked = new CellValues((cell) => {
      calls += 1;
      if (cell === "bad") throw new Error("not a code");
      return cellText(cell);
    }, 2);
    expect(() => checked.of("bad")).toThrow("not a code");
    expect(() => checked.of("bad")).toThrow("not a code");
    checked.of("a");
    checked.of("b");
    checked.of("c");
    checked.of("a");
    checked.of("c");
    expect(calls).toBe(2 + 3 + 1);
  });

  test("once full, a column of ids stops being looked up; a column of repeated codes keeps sharing", () => {
    const lookups = (values: CellValues<string>) => {
      const known = (values as unknown as { known: Map<string, string> }).known;
      let count = 0;
      const get = known.get.bind(known);
      known.get = (key: string) => {
        count += 1;
        return get(key);
      };
      return () => count;
    };
    const ids = new CellValues(cellText, 10);
    const idLookups = lookups(ids);
    const wrong = Array.from({ length: 5000 }, (_, i) => `C${i}`).filter((id) => ids.of(id) !== id);
    expect(wrong).toEqual([]);
    // 10 remembered, then 1,000 read afresh before it stops looking.
    expect(idLookups()).toBe(10 + 1000);

    const codes = new CellValues(cellText, 10);
    const codeLookups = lookups(codes);
    const shared = codes.of("T2");
    let sharedEachTime = true;
    for (let i = 0; i < 5000; i++) {
      codes.of(`rare${i}`);
      sharedEachTime &&= codes.of("T2") === shared;
    }
    expect(sharedEachTime).toBe(true);
    expect(codeLookups()).toBe(1 + 2 * 5000);

    // The same text as the cell before (a child's next episode) is not looked up again.
    const runs = new CellValues(cellText, 10);
    const runLookups = lookups(runs);
    for (const text of ["C2", "C2", "C2", "V2", "V2", "C2"]) runs.of(text);
    expect(runLookups()).toBe(3);
  });
});
