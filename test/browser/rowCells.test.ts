/** The fake Excel's store for a large sheet's cells (harness/rowCells.ts) answers as the Map of cells it stands for, through writes and deletes. */

import { cellAddress } from "../../src/workbook/addresses";
import type { FakeCell } from "../workbook/excelMock";
import { RowCells } from "./harness/rowCells";

it("holds the cells of its rows as a Map of cells would, and what is written or deleted over them", () => {
  const rows = [["Child", 1, null], ["", "b", 3], [4]];
  const cells = new RowCells(rows);
  const map = new Map<string, FakeCell>();
  rows.forEach((row, r) => row.forEach((value, c) => value !== null && value !== "" && map.set(cellAddress(r, c), { value, format: "General" })));
  const sorted = (values: Iterable<FakeCell>) => [...values].map((cell) => JSON.stringify(cell)).sort();
  const expectSame = () => {
    expect(new Map(cells)).toEqual(map);
    expect(sorted(cells.values())).toEqual(sorted(map.values()));
    expect(cells.size).toBe(map.size);
    for (const address of ["A1", "B1", "C1", "A2", "B2", "A3", "Z9", "AA1"]) {
      expect(cells.get(address)).toEqual(map.get(address));
      expect(cells.has(address)).toBe(map.has(address));
    }
  };
  expectSame();
  for (const store of [cells, map]) {
    store.set("B2", { value: "x", format: "0" });
    store.delete("A1");
    store.set("D4", { value: 9, format: "General" });
  }
  expectSame();
  for (const store of [cells, map]) {
    store.set("A1", { value: "back", format: "General" });
    store.delete("B2");
  }
  expectSame();
});
