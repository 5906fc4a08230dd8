/**
 * Every LAC.* custom function, found through the metadata Excel reads (functions.json as the
 * webpack plugin generates it) and called as Excel calls it, on hostile arguments: text in
 * numbers, impossible and extreme dates, negative costs, blanks, error values, data types,
 * ranges of the wrong shape, empty and ragged ranges. Every call gives a value or an Excel error
 * value with a reason — never an exception, never an "unexpected problem" — spilled results keep
 * the shape of the ranges given, and one bad row spoils that row's result only.
 */

import fc from "fast-check";
import { IAssociate, ICustomFunctionsMetadata, IFunction } from "custom-functions-metadata";
import { CustomFunctionError, ErrorCode, isExcelError } from "../functions/customFunctionsShim";
import { ExcelFunction, VALID_ARGUMENT, generateFunctions, implementationOf, validArgument } from "../functions/harness";
import { readEpisodes } from "../../src/engine/episodes";
import { tableFromBlock } from "../../src/engine/table";
import { CaseCounter } from "./cases";

const cases = new CaseCounter("functions");
afterAll(() => cases.write());

/** Functions whose result is a table of their own layout rather than one cell per input row. */
const TABLE_FUNCTIONS = new Set(["COSTSUMMARY", "PROJECT", "PROJECTCOST", "SIMPLEFORECAST", "PLACEMENTMIX"]);

let metadata: ICustomFunctionsMetadata;
let associations: IAssociate[];
beforeAll(async () => {
  ({ metadata, associations } = await generateFunctions());
});

const hostileCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    "", "  ", null, undefined, "?!", "abc", "1900-02-29", "29/02/1900", 60, "9999-12-31", 2_958_465, 2_958_466, "10000-01-01", "31/02/2024",
    -1, -700, "-700", "£1,000", "(50)", "1e400", Number.NaN, Infinity, -Infinity, 0, 1e308, -1e308, true, false, "0x10",
    "=1+1", "@SUM(A1)", "U4", "XX", "PR9", "IN", "OUT", "elsewhere", "x".repeat(5_000), "Agency Foster Care out LA",
  ),
  fc.constant(new CustomFunctionError(ErrorCode.notAvailable, "from another cell")),
  fc.constant({ type: "Entity", text: "a data type" }),
  fc.double(),
  fc.integer({ min: -100, max: 3_000_000 }),
  fc.string({ maxLength: 10 }),
);

/** An argument in any shape Excel could pass, and some it never would. */
function argumentFor(functionId: string, parameter: string): fc.Arbitrary<unknown> {
  const valid = validArgument(functionId, parameter)!;
  const cells = fc.oneof({ arbitrary: hostileCell, weight: 2 }, { arbitrary: fc.constantFrom(...valid.flat()), weight: 2 });
  return fc.oneof(
    { arbitrary: fc.constant(valid), weight: 3 },
    { arbitrary: cells.map((cell) => [[cell]]), weight: 3 },
    { arbitrary: fc.array(cells.map((cell) => [cell]), { minLength: 1, maxLength: 6 }), weight: 3 },
    { arbitrary: fc.array(cells, { minLength: 1, maxLength: 4 }).map((row) => [row]), weight: 1 },
    { arbitrary: fc.array(fc.array(cells, { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 3 }), weight: 1 },
    { arbitrary: fc.constantFrom<unknown>(null, undefined, [], [[]], [[1], [1, 2]], [1, 2], "bare text", 45_000), weight: 1 },
  );
}

interface Problem {
  where: string;
  value: unknown;
}

/** The cells of a result that Excel could not show, or that blame the add-in rather than the input. */
function problemsOf(result: unknown, f: IFunction): Problem[] {
  const problems: Problem[] = [];
  const check = (cell: unknown, where: string) => {
    if (typeof cell === "number") {
      if (!Number.isFinite(cell)) problems.push({ where, value: cell });
    } else if (isExcelError(cell)) {
      if (![ErrorCode.invalidValue, ErrorCode.notAvailable].includes(cell.code as "#VALUE!") || cell.message.length < 10 || cell.message.length > 250 || /unexpected problem/.test(cell.message)) {
        problems.push({ where, value: `${cell.code} ${cell.message}` });
      }
    } else if (typeof cell !== "string" && typeof cell !== "boolean") {
      problems.push({ where, value: cell });
    }
  };
  if (f.result?.dimensionality === "matrix") {
    if (!Array.isArray(result) || result.length === 0 || !result.every(Array.isArray)) return [{ where: "shape", value: result }];
    const width = (result[0] as unknown[]).length;
    if (width === 0 || result.some((row) => (row as unknown[]).length !== width)) return [{ where: "shape", value: result }];
    result.forEach((row, r) => (row as unknown[]).forEach((cell, c) => check(cell, `row ${r + 1} column ${c + 1}`)));
  } else {
    if (Array.isArray(result)) return [{ where: "shape", value: result }];
    check(result, "value");
  }
  return problems;
}

function call(fn: ExcelFunction, args: unknown[]): unknown {
  try {
    return fn(...args);
  } catch (error) {
    throw new Error(`threw into Excel: ${String(error)}`);
  }
}

/** The shape of the ranges given, as the spilled result must have it; null when they disagree. */
function expectedShape(args: readonly unknown[]): [number, number] | null | "single" {
  let shape: [number, number] | "single" = "single";
  for (const arg of args) {
    if (!Array.isArray(arg) || arg.length === 0) continue;
    // A list of cells (which Excel never passes) counts as one row, as the functions read it.
    const rows = (arg.every(Array.isArray) ? arg : [arg]) as unknown[][];
    const width = rows[0].length;
    if (width === 0 || rows.some((row) => row.length !== width)) return null;
    if (rows.length === 1 && width === 1) continue;
    if (shape === "single") shape = [rows.length, width];
    else if (shape[0] !== rows.length || shape[1] !== width) return null;
  }
  return shape;
}

describe("every function on hostile arguments", () => {
  it("is listed in the metadata with a sample for each parameter", () => {
    expect(metadata.functions.length).toBeGreaterThanOrEqual(9);
    for (const f of metadata.functions) for (const p of f.parameters) expect([f.id, p.name, validArgument(f.id, p.name) !== undefined]).toEqual([f.id, p.name, true]);
  });

  it("gives a value or an Excel error with a reason, in the shape of the ranges given", () => {
    for (const f of metadata.functions) {
      const fn = implementationOf(associations, f.id);
      const argumentsArbitrary = fc.tuple(
        ...f.parameters.map((p) => (p.optional ? fc.oneof(fc.constant(null), argumentFor(f.id, p.name)) : argumentFor(f.id, p.name))),
      );
      fc.assert(
        fc.property(argumentsArbitrary, (args) => {
          cases.add(`${f.id} hostile arguments`);
          const result = call(fn, args);
          expect({ fn: f.id, args, problems: problemsOf(result, f) }).toEqual({ fn: f.id, args, problems: [] });
          if (f.result?.dimensionality !== "matrix" || TABLE_FUNCTIONS.has(f.id)) return;
          const grid = result as unknown[][];
          const wholeCallError = grid.length === 1 && grid[0].length === 1 && isExcelError(grid[0][0]);
          const shape = expectedShape(args);
          if (shape === null) expect(wholeCallError).toBe(true);
          else if (!wholeCallError) expect([grid.length, grid[0].length]).toEqual(shape === "single" ? [1, 1] : shape);
        }),
        { numRuns: 300 },
      );
    }
  });

  it("keeps a bad row's error in that row: the other rows give what they give without it", () => {
    for (const f of metadata.functions.filter((fn) => fn.result?.dimensionality === "matrix" && !TABLE_FUNCTIONS.has(fn.id))) {
      const fn = implementationOf(associations, f.id);
      // Parameters whose sample is a column run down the rows; the others are single cells applying to every row.
      const sample = (name: string) => validArgument(f.id, name)!;
      const columns = f.parameters.filter((p) => sample(p.name).length > 1).map((p) => p.name);
      if (columns.length === 0) continue;
      const corruption = fc.record({
        rows: fc.integer({ min: 2, max: 8 }),
        bad: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...columns), hostileCell), { minLength: 1, maxLength: 3 }),
      });
      fc.assert(
        fc.property(corruption, ({ rows, bad }) => {
          cases.add(`${f.id} one bad row`);
          const column = (name: string) => Array.from({ length: rows }, (_, r) => [sample(name)[r % sample(name).length][0]]);
          const argsOf = (cells: Map<string, unknown[][]>) => f.parameters.map((p) => cells.get(p.name) ?? sample(p.name));
          const clean = new Map(columns.map((name) => [name, column(name)]));
          const dirty = new Map(columns.map((name) => [name, column(name)]));
          const badRows = new Set<number>();
          for (const [row, name, value] of bad) {
            dirty.get(name)![row % rows][0] = value;
            badRows.add(row % rows);
          }
          const before = call(fn, argsOf(clean)) as unknown[][];
          const after = call(fn, argsOf(dirty)) as unknown[][];
          expect(problemsOf(after, f)).toEqual([]);
          expect(after).toHaveLength(rows);
          for (let r = 0; r < rows; r++) if (!badRows.has(r)) expect({ row: r, result: after[r] }).toEqual({ row: r, result: before[r] });
        }),
        { numRuns: 150 },
      );
    }
  });

  it("spills a result for every row of a long column", () => {
    const f = metadata.functions.find((fn) => fn.id === "WEEKS")!;
    const fn = implementationOf(associations, f.id);
    const rows = 20_000;
    const start = Array.from({ length: rows }, (_, r) => [40_000 + (r % 3000)]);
    const end = Array.from({ length: rows }, (_, r) => [r % 10 === 0 ? "" : 40_100 + (r % 3000)]);
    const result = call(fn, [start, end, [["2023-04-01"]], [["2024-03-31"]]]) as unknown[][];
    cases.add("long column");
    expect(result).toHaveLength(rows);
    expect(problemsOf(result, f)).toEqual([]);
    expect(result.flat().filter(isExcelError)).toEqual([]);
  });
});

describe("LAC.COSTSUMMARY on hostile tables", () => {
  it("says how many episode rows it could not read, and names the first by its row number", () => {
    const f = () => metadata.functions.find((fn) => fn.id === "COSTSUMMARY")!;
    const episodeCell = fc.constantFrom<unknown>("A", "B", "", null, "2023-04-01", 45_200, "1900-02-29", "9999-12-31", "2023-03-01", "U4", "K2", "PR4", -50, "abc", 700, "OUT");
    const episodes = fc.array(fc.array(episodeCell, { minLength: 7, maxLength: 7 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(episodes, (rows) => {
        cases.add("COSTSUMMARY accounting");
        const block = [VALID_ARGUMENT.episodes[0], ...rows];
        const fn = implementationOf(associations, "COSTSUMMARY");
        const result = call(fn, [block, VALID_ARGUMENT.children, [["2023-04-01"]], [["2024-03-31"]], null]) as unknown[][];
        expect(problemsOf(result, f())).toEqual([]);
        const read = readEpisodes(tableFromBlock(block as never));
        const note = result.map((row) => row[0]).find((cell) => typeof cell === "string" && cell.startsWith("Rows not read")) as string | undefined;
        if (read.rowsRejected === 0) {
          // Child rows the episodes contradict (a birth after the first DECOM) may be noted; no episode row is.
          expect(note ?? "").not.toMatch(/episode row/);
          return;
        }
        expect(note).toContain(`${read.rowsRejected} episode row${read.rowsRejected === 1 ? "" : "s"}`);
        const first = read.issues.find((i) => i.action === "rejected")!;
        expect(note).toContain(`row ${first.row}`);
      }),
      { numRuns: 300 },
    );
  });
});
