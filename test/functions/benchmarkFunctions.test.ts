import { errorOf, isExcelError } from "./customFunctionsShim";
import { equivalentChildren, placementMix, ratePer10k } from "../../src/functions/functions";

const cell = (value: unknown): unknown[][] => [[value]];
const column = (...values: unknown[]): unknown[][] => values.map((value) => [value]);

describe("LAC.RATEPER10K and LAC.EQUIVALENTCHILDREN", () => {
  it("work cell by cell over columns, as the DfE's rate is defined", () => {
    const rates = ratePer10k(column(520, 1_000), column(78_400, 200_000)) as number[][];
    expect(rates[0][0]).toBeCloseTo(66.33, 2);
    expect(rates[1][0]).toBeCloseTo(50, 9);
    expect((equivalentChildren(cell(78_400), cell(51)) as number[][])[0][0]).toBeCloseTo(399.84, 2);
  });

  it("answer a population of 0 or a negative rate with #VALUE! and the reason, in that row only", () => {
    const rates = ratePer10k(column(10, 10), column(0, 1_000));
    expect(errorOf(rates[0][0]).code).toBe("#VALUE!");
    expect(errorOf(rates[0][0]).message).toBe("the child population must be more than zero (it is 0)");
    expect(rates[1][0]).toBe(100);
    expect(errorOf(equivalentChildren(cell(1_000), cell(-5))[0][0])?.message).toMatch(/rate per 10,000 must be from 0 to 10,000/);
  });
});

describe("LAC.PLACEMENTMIX", () => {
  const episodes = [
    ["CHILD", "DECOM", "DEC", "PLACE", "PLACE_PROVIDER"],
    ["A", "2023-04-01", "", "U4", "PR1"],
    ["B", "2023-05-01", "", "U4", "PR4"],
    ["C", "2022-01-01", "2023-06-01", "K2", "PR4"],
    ["C", "2023-06-01", "", "K2", "PR1"],
    ["D", "2023-01-01", "2023-02-01", "U1", "PR1"],
  ];

  it("spills each category's children and share, with a total that is the children in care on the day", () => {
    const grid = placementMix(episodes, cell("2024-03-31")) as unknown[][];
    expect(grid.flat().filter(isExcelError)).toEqual([]);
    expect(grid[0]).toEqual(["Placement", "Children", "Share"]);
    const rows = Object.fromEntries(grid.slice(1).map((r) => [r[0], [r[1], r[2]]]));
    expect(rows["In-house foster care"]).toEqual([1, 1 / 3]);
    expect(rows["Agency foster care"]).toEqual([1, 1 / 3]);
    expect(rows["LA residential"]).toEqual([1, 1 / 3]);
    expect(rows["Kinship care"]).toEqual([0, 0]);
    expect(rows.Total).toEqual([3, 1]);
    const body = grid.slice(1, -1);
    expect(body.reduce((sum, r) => sum + (r[2] as number), 0)).toBeCloseTo(1, 12);
  });

  it("says under the mix how many rows it could not read, and why the first, rather than leaving a child out unsaid", () => {
    const grid = placementMix([...episodes, ["E", "2023-13-01", "", "U4", "PR1"]], cell("2024-03-31")) as unknown[][];
    expect(grid.find((row) => row[0] === "Total")).toEqual(["Total", 3, 1]);
    expect(grid[grid.length - 1]).toEqual([expect.stringMatching(/^Rows not read: 1 episode row; first: Episodes row 7, DECOM: "2023-13-01" is not a real date/), "", ""]);
  });

  it("answers a table without its header row, or a date that is not one, with an error and the reason", () => {
    expect(errorOf(placementMix([["A", "2023-04-01"]], cell("2024-03-31"))[0][0])?.message).toMatch(/^episodes: /);
    expect(errorOf(placementMix(episodes, cell("soon"))[0][0])?.code).toBe("#VALUE!");
  });
});
