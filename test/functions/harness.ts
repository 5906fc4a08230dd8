/**
 * The custom functions as Excel sees them: metadata generated from functions.ts exactly as the
 * webpack plugin does (written and read back as dist/functions.json is), each id's implementation,
 * and a valid value for every parameter. Shared by the contract test and the trust fuzz suite.
 */

import fs from "fs";
import os from "os";
import path from "path";
import { XMLParser } from "fast-xml-parser";
import { IAssociate, ICustomFunctionsMetadata, generateCustomFunctionsMetadata } from "custom-functions-metadata";
import * as functions from "../../src/functions/functions";

export const REPO = path.resolve(__dirname, "..", "..");
const FUNCTIONS_SOURCE = path.join(REPO, "src", "functions", "functions.ts");

export type ExcelFunction = (...args: unknown[]) => unknown;

/** A valid value for each parameter name, as Excel would pass it (a range: rows of cells); see VALID_ARGUMENT_OF for exceptions. */
export const VALID_ARGUMENT: Record<string, unknown[][]> = {
  start: [["2023-04-01"], ["2023-06-01"]],
  end: [["2023-04-15"], ["2023-07-01"]],
  periodStart: [["2023-04-01"]],
  periodEnd: [["2024-03-31"]],
  weeklyCost: [[700], [1_000]],
  totals: [["Total £"], [1_400], [3_000]],
  weeks: [["Time (weeks)"], [2], [3]],
  groups: [["Placement group"], ["Agency Foster Care out LA"], ["LA Foster Care in LA"]],
  group: [["Agency Foster Care out LA"]],
  place: [["U4"], ["K2"]],
  provider: [["PR4"], ["PR1"]],
  location: [["OUT"], ["IN"]],
  dob: [["2010-05-01"], ["2008-02-29"]],
  asAt: [["2024-03-31"]],
  date: [["2023-10-01"], [45_000]],
  currentWeekly: [[13_110]],
  newWeekly: [[6_930]],
  effectiveDate: [["2023-10-01"]],
  yearEnd: [["2024-03-31"]],
  weeksPerYear: [[52.14]],
  plannedEnd: [["2024-01-01"], [""]],
  health: [["25%"], [100]],
  education: [[200], ["10%"]],
  // Enough history for the forecast to measure rates from: an exit (B) and an entry (A) in the data.
  episodes: [
    ["CHILD", "DECOM", "DEC", "PLACE", "PLACE_PROVIDER", "WEEKLY_COST", "LOCATION"],
    ["A", "2023-04-01", "", "U4", "PR4", 700, "OUT"],
    ["B", "2022-06-01", "2023-01-15", "K2", "PR1", 3_500, "IN"],
    ["C", "2022-09-01", "2023-10-01", "U1", "PR1", "", "IN"],
  ],
  children: [
    ["CHILD", "DOB"],
    ["A", "2010-05-01"],
    ["B", "2008-01-01"],
    ["C", "2015-09-09"],
  ],
  unitCosts: [
    ["TYPE", "PROVIDED", "WEEKLY_COST"],
    ["Foster care", "Agency", 800],
  ],
  months: [[6]],
  referenceStart: [["2022-04-01"]],
  referenceEnd: [["2023-10-01"]],
  mode: [["reference"]],
  inflation: [[0.03]],
  target: [[2_000]],
  opening: [[200]],
  entriesPerMonth: [[10]],
  exitRatePerMonth: [[0.1]],
  population: [[78_400], [150_000]],
  rate: [[51]],
};

/** Samples for a parameter whose name means something else in one function (TARGETDATE's months are dates, not a count). */
const VALID_ARGUMENT_OF: Record<string, Record<string, unknown[][]>> = {
  PROJECT: { start: [["2023-10-01"]] },
  COMMITMENT: { asAt: [["2023-09-30"]] },
  PROJECTCOST: { start: [["2023-10-01"]] },
  TARGETDATE: { months: [["Date"], ["2024-04-01"], ["2024-05-01"]] },
  RATEPER10K: { children: [[520], [1_000]] },
};

/** A valid value for a function's parameter, as Excel would pass it; undefined when there is none. */
export function validArgument(functionId: string, parameter: string): unknown[][] | undefined {
  return VALID_ARGUMENT_OF[functionId]?.[parameter] ?? VALID_ARGUMENT[parameter];
}

export interface GeneratedFunctions {
  metadata: ICustomFunctionsMetadata;
  associations: IAssociate[];
  /** The namespace the manifest gives the functions ("LAC"). */
  namespace: string;
}

export async function generateFunctions(): Promise<GeneratedFunctions> {
  const generated = await generateCustomFunctionsMetadata(FUNCTIONS_SOURCE, false);
  if (generated.errors.length > 0) throw new Error(`functions.ts metadata has errors: ${generated.errors.join("; ")}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lac-functions-"));
  let metadata: ICustomFunctionsMetadata;
  try {
    fs.writeFileSync(path.join(dir, "functions.json"), generated.metadataJson);
    metadata = JSON.parse(fs.readFileSync(path.join(dir, "functions.json"), "utf8"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const manifest = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(fs.readFileSync(path.join(REPO, "manifest.xml"), "utf8"));
  const strings = manifest.OfficeApp.VersionOverrides.Resources["bt:ShortStrings"]["bt:String"] as { id: string; DefaultValue: string }[];
  const namespace = strings.find((s) => s.id === "Functions.Namespace")?.DefaultValue ?? "";
  return { metadata, associations: generated.associate, namespace };
}

export function exportedFunctions(): Map<string, ExcelFunction> {
  return new Map(Object.entries(functions).filter((entry): entry is [string, ExcelFunction] => typeof entry[1] === "function"));
}

export function implementationOf(associations: readonly IAssociate[], id: string): ExcelFunction {
  const association = associations.find((a) => a.id === id);
  if (!association) throw new Error(`${id} is not associated with any function`);
  const fn = exportedFunctions().get(association.functionName);
  if (!fn) throw new Error(`${id} is associated with ${association.functionName}, which functions.ts does not export`);
  return fn;
}
