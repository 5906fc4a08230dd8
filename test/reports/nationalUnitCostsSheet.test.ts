import { nationalUnitCostRecords } from "../../src/engine/nationalUnitCosts";
import { readUnitCosts } from "../../src/engine/unitCosts";
import { NATIONAL_UNIT_COSTS_TABLE, nationalUnitCostsSheet } from "../../src/reports/nationalUnitCostsSheet";
import { layoutSheet } from "../../src/workbook/layout";
import type { TableBlock } from "../../src/workbook/spec";

describe("the national unit costs written as a Unit costs table", () => {
  const spec = nationalUnitCostsSheet("National unit costs (2)");
  const table = spec.blocks.find((b): b is TableBlock => b.kind === "table")!;

  it("lays out as one table under notes naming the sources and the types it cannot cost", () => {
    expect(spec.name).toBe("National unit costs (2)");
    expect(table.name).toBe(NATIONAL_UNIT_COSTS_TABLE);
    expect(() => layoutSheet(spec)).not.toThrow();
    const notes = spec.blocks.filter((b) => b.kind === "note").map((b) => (b as { text: string }).text);
    expect(notes[0]).toMatch(/not this council's prices/);
    expect(notes[1]).toMatch(/No national figure exists for: .*Secure/);
  });

  it("reads back as unit costs, every row with its source", () => {
    const read = readUnitCosts({ headers: table.columns.map((c) => c.header), rows: table.rows });
    expect(read.issues).toEqual([]);
    expect(read.records.map((r) => [r.type, r.weeklyCost])).toEqual(nationalUnitCostRecords().map((r) => [r.type, r.weeklyCost]));
    const source = table.columns.findIndex((c) => c.header === "SOURCE");
    for (const row of table.rows) expect(String(row[source])).toMatch(/\w/);
  });
});
