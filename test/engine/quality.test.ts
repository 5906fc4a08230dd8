import fc from "fast-check";
import { KeepLatest, RowIssue, readRows } from "../../src/engine/quality";
import { Table } from "../../src/engine/table";

interface Keyed {
  row: number;
  key: string;
}

/** What readRows with a key gives, worked out plainly with one map of every key. */
function plainKeepLatest(table: Table, latest: KeepLatest<Keyed>): { records: Keyed[]; issues: RowIssue[]; rowsRejected: number } {
  const byKey = new Map<string, Keyed>();
  const issues: RowIssue[] = [];
  let rowsRejected = 0;
  table.rows.forEach((cells, index) => {
    const record = { row: index + 2, key: String(cells[0]) };
    const previous = byKey.get(record.key);
    if (previous !== undefined) {
      issues.push({ table: "T", row: previous.row, column: "KEY", action: "rejected", reason: `${latest.name(record.key)} appears again on row ${record.row}: the later row is used` });
      rowsRejected += 1;
      if (latest.position === "latest") byKey.delete(record.key);
    }
    byKey.set(record.key, record);
  });
  return { records: [...byKey.values()], issues, rowsRejected };
}

describe("readRows keeping one record per key", () => {
  // Keys drawn from a few, so that they repeat; runs in ascending order, as a file in order of its key gives them.
  const keys = fc.oneof(
    fc.array(fc.constantFrom("1", "10", "2", "A1", "B", "b", "a"), { maxLength: 30 }),
    fc.uniqueArray(fc.stringMatching(/^[0-9A-C]{1,3}$/), { maxLength: 30 }).map((list) => [...list].sort()),
    fc
      .tuple(fc.uniqueArray(fc.stringMatching(/^[0-9]{1,3}$/), { maxLength: 30 }), fc.array(fc.stringMatching(/^[0-9]{1,3}$/), { maxLength: 5 }))
      .map(([sorted, more]) => [...[...sorted].sort(), ...more]),
  );

  test.each(["first", "latest"] as const)("gives the records and issues of one map of every key, with the key at its %s row", (position) => {
    const latest: KeepLatest<Keyed> = { key: (record) => record.key, column: "KEY", name: (key) => `key ${key}`, position };
    fc.assert(
      fc.property(keys, (list) => {
        const table: Table = { headers: ["KEY"], rows: list.map((key) => [key]) };
        const read = readRows(table, "T", (cells, row) => ({ row: row.number, key: String(cells[0]) }), latest);
        const plain = plainKeepLatest(table, latest);
        expect(read.records).toEqual(plain.records);
        expect(read.issues).toEqual(plain.issues);
        expect(read.rowsRejected).toBe(plain.rowsRejected);
        expect(read.rowsIn).toBe(list.length);
      }),
      { numRuns: 500 },
    );
  });
});
