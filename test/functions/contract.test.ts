/**
 * The contract between functions.ts, the functions.json Excel reads, the manifest and the pane:
 * metadata is generated from the source exactly as the webpack plugin does, and every function
 * it lists is called the way Excel calls it (ranges as 2-D arrays, omitted optionals as null).
 */

import { IAssociate, ICustomFunctionsMetadata } from "custom-functions-metadata";
import { isExcelError } from "./customFunctionsShim";
import { exportedFunctions, generateFunctions, implementationOf as implementationIn, validArgument } from "./harness";
import { FUNCTION_HELP } from "../../src/taskpane/functionHelp";

const EXPECTED_FUNCTIONS = [
  "WEEKS", "COST", "AVGWEEKLYCOST", "PLACEMENTGROUP", "AGE", "FINYEAR", "FULLYEARSAVING", "INYEARSAVING", "COMMITMENT", "NETWEEKLYCOST", "COSTSUMMARY",
  "PROJECT", "PROJECTCOST", "TARGETDATE", "SIMPLEFORECAST", "RATEPER10K", "EQUIVALENTCHILDREN", "PLACEMENTMIX",
];

let metadata: ICustomFunctionsMetadata;
let associations: IAssociate[];
let namespace: string;

beforeAll(async () => {
  ({ metadata, associations, namespace } = await generateFunctions());
});

const implementationOf = (id: string) => implementationIn(associations, id);

describe("functions.json", () => {
  it("lists exactly the functions functions.ts exports, each associated by its id", () => {
    expect(metadata.functions.map((f) => f.id).sort()).toEqual([...EXPECTED_FUNCTIONS].sort());
    expect(associations.map((a) => a.id).sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    expect(associations.map((a) => a.functionName).sort()).toEqual([...exportedFunctions().keys()].sort());
  });

  it("names each function LAC.<NAME> in Excel", () => {
    expect(namespace).toBe("LAC");
    const names = metadata.functions.map((f) => `${namespace}.${f.name}`);
    expect(names.sort()).toEqual(EXPECTED_FUNCTIONS.map((id) => `LAC.${id}`).sort());
    for (const f of metadata.functions) {
      expect(f.name).toMatch(/^[A-Z][A-Z0-9]*$/);
      expect(f.name).toBe(f.id);
    }
  });

  it("describes every function and parameter for the function wizard, on one line", () => {
    for (const f of metadata.functions) {
      expect(f.description?.trim()).toBeTruthy();
      expect(f.description).not.toMatch(/\n/);
      expect(f.parameters.length).toBeGreaterThan(0);
      for (const p of f.parameters) {
        expect({ fn: f.id, param: p.name, description: p.description?.trim() || "" }).toEqual(
          expect.objectContaining({ description: expect.stringMatching(/\S/) }),
        );
        expect(p.description).not.toMatch(/\n/);
        expect(p.name).toMatch(/^[a-z][A-Za-z]*$/);
        // Every argument may be a cell or a range.
        expect(p.dimensionality).toBe("matrix");
      }
      // Optional parameters come last, as Excel requires.
      const firstOptional = f.parameters.findIndex((p) => p.optional);
      if (firstOptional >= 0) expect(f.parameters.slice(firstOptional).every((p) => p.optional)).toBe(true);
    }
  });

  it("matches the pane's list of functions, with the same parameters", () => {
    expect(FUNCTION_HELP.map((h) => h.name).sort()).toEqual(metadata.functions.map((f) => `LAC.${f.name}`).sort());
    for (const f of metadata.functions) {
      const help = FUNCTION_HELP.find((h) => h.name === `LAC.${f.name}`);
      const parameters = f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
      expect(help?.syntax).toBe(`LAC.${f.name}(${parameters})`);
      expect(help?.example.startsWith(`=LAC.${f.name}(`)).toBe(true);
    }
  });
});

describe("every function, called as Excel calls it", () => {
  const ids = () => metadata.functions.map((f) => f.id);

  it("has a sample value for every parameter (add one here for a new parameter)", () => {
    for (const f of metadata.functions) for (const p of f.parameters) expect([f.id, p.name, validArgument(f.id, p.name) !== undefined]).toEqual([f.id, p.name, true]);
  });

  it.each(EXPECTED_FUNCTIONS)("%s gives results of the declared shape, without errors, with and without its optional arguments", (id) => {
    expect(ids()).toContain(id);
    const f = metadata.functions.find((fn) => fn.id === id)!;
    const fn = implementationOf(id);
    for (const withOptionals of [false, true]) {
      const args = f.parameters.map((p) => (p.optional && !withOptionals ? null : validArgument(id, p.name)));
      const result = fn(...args);
      if (f.result?.dimensionality === "matrix") {
        expect(Array.isArray(result) && (result as unknown[]).every(Array.isArray)).toBe(true);
        const cells = (result as unknown[][]).flat();
        expect(cells.filter(isExcelError)).toEqual([]);
        expect(cells.length).toBeGreaterThan(0);
      } else {
        expect(Array.isArray(result)).toBe(false);
        expect(isExcelError(result)).toBe(false);
        expect(typeof result).toBe(f.result?.type ?? "number");
      }
    }
  });

  it.each(EXPECTED_FUNCTIONS)("%s answers text where a value belongs with #VALUE! or #N/A and a reason", (id) => {
    const f = metadata.functions.find((fn) => fn.id === id)!;
    const fn = implementationOf(id);
    for (const [index, parameter] of f.parameters.entries()) {
      if (parameter.optional) continue;
      const args = f.parameters.map((p, i) => (i === index ? [["?!"]] : p.optional ? null : validArgument(id, p.name)));
      const result = fn(...args);
      const errors = (Array.isArray(result) ? (result as unknown[][]).flat() : [result]).filter(isExcelError);
      expect({ parameter: parameter.name, errors: errors.length > 0 }).toEqual({ parameter: parameter.name, errors: true });
      for (const error of errors) {
        expect(["#VALUE!", "#N/A"]).toContain(error.code);
        expect(error.message.length).toBeGreaterThan(10);
      }
    }
  });
});
