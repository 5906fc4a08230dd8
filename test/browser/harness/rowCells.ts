/**
 * A large sheet's cells for the fake Excel, kept as the rows they came in: one array a row rather
 * than one object a cell in a Map. Excel keeps a workbook's cells in its own process; the fake
 * keeps them in the page's, and as 1.6 million cell objects they made each full garbage
 * collection of the page take about 200 ms of its thread: the pane's own pauses are a tenth of
 * that (docs/task-pane-worker.md). It is still a Map to the fake: a cell written or deleted goes
 * into the Map itself, over the rows.
 */

import type { Cell } from "../../../src/engine/table";
import { cellAddress, columnIndex } from "../../../src/workbook/addresses";
import type { FakeCell } from "../../workbook/excelMock";

export class RowCells extends Map<string, FakeCell> {
  /** The rows' cells deleted since: a key here is no longer read from the rows. */
  private readonly deleted = new Set<string>();

  /** `rows` are typed values (no formulas or numbers as text), row 1 first. */
  constructor(private readonly rows: readonly Cell[][]) {
    super();
  }

  /** The value the rows hold at an address ("H200001"), or undefined when the rows leave it empty. */
  private rowValue(key: string): Cell | undefined {
    if (this.deleted.has(key)) return undefined;
    const digits = key.search(/\d/);
    const value = this.rows[Number(key.slice(digits)) - 1]?.[columnIndex(key.slice(0, digits))];
    return value === null || value === "" || value === undefined ? undefined : value;
  }

  /** The rows' cells, each with its address when `addressed` (working addresses out is most of the cost). */
  private *rowCells(addressed: boolean): Generator<[string, FakeCell]> {
    for (let r = 0; r < this.rows.length; r += 1) {
      const row = this.rows[r];
      for (let c = 0; c < row.length; c += 1) {
        const value = row[c];
        if (value !== null && value !== "") yield [addressed ? cellAddress(r, c) : "", { value, format: "General" }];
      }
    }
  }

  /** Whether every cell of the rows is still as they hold it: none written over or deleted. */
  private get untouched(): boolean {
    return super.size === 0 && this.deleted.size === 0;
  }

  override get(key: string): FakeCell | undefined {
    if (super.has(key)) return super.get(key);
    const value = this.rowValue(key);
    return value === undefined ? undefined : { value, format: "General" };
  }

  override has(key: string): boolean {
    return super.has(key) || this.rowValue(key) !== undefined;
  }

  override delete(key: string): boolean {
    const had = this.has(key);
    super.delete(key);
    this.deleted.add(key);
    return had;
  }

  override get size(): number {
    return [...this.keys()].length;
  }

  /** The cells written, then the rows' cells neither written nor deleted since. */
  override *entries(): MapIterator<[string, FakeCell]> {
    yield* super.entries();
    for (const [key, cell] of this.rowCells(true)) if (!super.has(key) && !this.deleted.has(key)) yield [key, cell];
  }

  override [Symbol.iterator](): MapIterator<[string, FakeCell]> {
    return this.entries();
  }

  override *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  override *values(): MapIterator<FakeCell> {
    if (!this.untouched) {
      for (const [, cell] of this.entries()) yield cell;
      return;
    }
    for (const [, cell] of this.rowCells(false)) yield cell;
  }

  override forEach(callback: (cell: FakeCell, key: string, map: Map<string, FakeCell>) => void, thisArg?: unknown): void {
    for (const [key, cell] of this.entries()) callback.call(thisArg, cell, key, this);
  }

  override clear(): void {
    for (const key of [...this.keys()]) this.delete(key);
  }
}
