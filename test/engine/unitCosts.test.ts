import { placementGroupOf } from "../../src/engine/placementGroups";
import { UnitCost, UnitCostTable, readUnitCosts } from "../../src/engine/unitCosts";
import { TableError } from "../../src/engine/table";

describe("readUnitCosts", () => {
  const result = readUnitCosts({
    headers: ["Placement type", "Provided by", "Location", "Weekly rate"],
    rows: [
      ["Foster Care", "LA", "In LA", 450], // 2
      ["foster care", "Agency", "", "£950.00"], // 3
      ["Residential", "any", "all", "4,500"], // 4
      ["Foster care", "Agency", "Out LA", 1000], // 5
      ["", "LA", "", 100], // 6: no type
      ["Secure", "Somebody", "", 6000], // 7: unknown provider
      ["Secure", "LA", "Mars", 6000], // 8: unknown location
      ["Secure", "LA", "", ""], // 9: no cost
      ["Secure", "LA", "", -1], // 10: negative cost
      [null, null, null, null], // 11: blank
      ["Hospital", "", "N/A", 2000], // 12
      ["Foster Care", "LA", "IN", 475], // 13: same group as row 2
      ["Kinship care", "In-house", "OUT", "n/a"], // 14: not a number
    ],
  });

  test("rows in = used + rejected, blank rows excluded", () => {
    expect(result.rowsIn).toBe(12);
    expect(result.records.length + result.rowsRejected).toBe(result.rowsIn);
  });

  test("reads type (canonical name), provider and location (null = any) and the weekly cost", () => {
    expect(result.records).toEqual<UnitCost[]>([
      { type: "Foster care", provided: "Agency", location: null, weeklyCost: 950, row: 3 },
      { type: "Residential", provided: null, location: null, weeklyCost: 4500, row: 4 },
      { type: "Foster care", provided: "Agency", location: "Out LA", weeklyCost: 1000, row: 5 },
      { type: "Hospital", provided: null, location: "N/A", weeklyCost: 2000, row: 12 },
      { type: "Foster care", provided: "LA", location: "In LA", weeklyCost: 475, row: 13 },
    ]);
  });

  test("reports each rejected row with its reason", () => {
    expect(result.issues.map((i) => [i.row, i.column, i.action])).toEqual([
      [6, "TYPE", "rejected"],
      [7, "PROVIDED", "rejected"],
      [8, "LOCATION", "rejected"],
      [9, "WEEKLY_COST", "rejected"],
      [10, "WEEKLY_COST", "rejected"],
      [2, "TYPE", "rejected"],
      [14, "WEEKLY_COST", "rejected"],
    ]);
    expect(result.issues[1].reason).toMatch(/PROVIDED "Somebody" is not Parents, LA or Agency/);
    expect(result.issues[5].reason).toBe("the same placement group appears again on row 13: the later row is used");
  });

  test("the type and cost columns are required", () => {
    expect(() => readUnitCosts({ headers: ["Type", "Provider"], rows: [] })).toThrow(TableError);
    expect(() => readUnitCosts({ headers: ["Type", "Provider"], rows: [] })).toThrow(/WEEKLY_COST/);
  });

  test("a saved mapping names the user's columns", () => {
    const { records } = readUnitCosts({ headers: ["Group", "£/wk"], rows: [["Secure", 7000]] }, { TYPE: "Group", WEEKLY_COST: "£/wk" });
    expect(records).toEqual([{ type: "Secure", provided: null, location: null, weeklyCost: 7000, row: 2 }]);
  });
});

describe("UnitCostTable.weeklyCostFor", () => {
  const table = new UnitCostTable([
    { type: "Foster care", provided: "Agency", location: "Out LA", weeklyCost: 1000, row: 2 },
    { type: "Foster care", provided: "Agency", location: null, weeklyCost: 900, row: 3 },
    { type: "Foster care", provided: null, location: "Out LA", weeklyCost: 600, row: 4 },
    { type: "Foster care", provided: null, location: null, weeklyCost: 500, row: 5 },
    { type: "Residential", provided: "LA", location: null, weeklyCost: 4000, row: 6 },
  ]);
  const cost = (place: string, provider: string, location: "In LA" | "Out LA" | "N/A") =>
    table.weeklyCostFor(placementGroupOf(place, provider, location));

  test("type × provided × location first", () => {
    expect(cost("U4", "PR4", "Out LA")).toBe(1000);
  });

  test("then type × provided", () => {
    expect(cost("U4", "PR4", "In LA")).toBe(900);
    expect(cost("U4", "PR5", "N/A")).toBe(900);
  });

  test("then type × location", () => {
    expect(cost("U4", "PR1", "Out LA")).toBe(600);
  });

  test("then type alone", () => {
    expect(cost("U4", "PR1", "In LA")).toBe(500);
  });

  test("null when the table has nothing for the type, or only for another provider", () => {
    expect(cost("K1", "PR1", "In LA")).toBeNull();
    expect(cost("K2", "PR4", "In LA")).toBeNull();
    expect(cost("K2", "PR1", "Out LA")).toBe(4000);
  });

  test("types match whatever their spelling", () => {
    const custom = new UnitCostTable([{ type: "Staying Put", provided: null, location: null, weeklyCost: 250, row: 2 }]);
    expect(custom.weeklyCostFor({ type: "staying put", provided: "LA", location: "In LA" })).toBe(250);
    expect(custom.size).toBe(1);
  });

  test("records built by hand may spell provider and location as a rate card would; unreadable ones match nothing", () => {
    const handMade = new UnitCostTable([
      { type: "Foster care", provided: "IFA", location: "OUT", weeklyCost: 1100, row: 2 },
      { type: "Secure", provided: "Somebody", location: null, weeklyCost: 1, row: 3 },
    ]);
    expect(handMade.weeklyCostFor(placementGroupOf("U4", "PR4", "Out LA"))).toBe(1100);
    expect(handMade.size).toBe(1);
  });

  test("a zero cost is a cost, not a missing one", () => {
    const free = new UnitCostTable([{ type: "Placed with parents", provided: null, location: null, weeklyCost: 0, row: 2 }]);
    expect(free.weeklyCostFor(placementGroupOf("P1", "PR0", "In LA"))).toBe(0);
  });
});
