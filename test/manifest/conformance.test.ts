/**
 * What Microsoft's documentation requires of the add-in, checked offline since nothing here runs in
 * Excel: the manifest valid against Microsoft's XML schemas, custom function names that follow the
 * naming guidelines, requirement sets declared for every feature the code and functions.json use,
 * a production manifest only on a real host, and a help page for SupportUrl and LearnMoreUrl.
 * Sources: docs/excel-conformance.md.
 */

import fs from "fs";
import os from "os";
import path from "path";
import { spawnSync } from "child_process";
import { XMLParser } from "fast-xml-parser";
import { ICustomFunctionsMetadata } from "custom-functions-metadata";
import { generateFunctions, REPO } from "../functions/harness";
import { productionManifest, productionUrl } from "../../scripts/manifest-urls";
import { FUNCTION_HELP } from "../../src/taskpane/functionHelp";
import { functionReferenceHtml } from "../../src/help/help";

const MANIFEST_TEXT = fs.readFileSync(path.join(REPO, "manifest.xml"), "utf8");
const SCHEMAS = path.resolve(REPO, "..", "shared", "schemas", "office-addin-manifest");
const SCHEMA = path.join(SCHEMAS, "OfficeAppManifestV1_1.xsd");

type XmlNode = { [key: string]: unknown };
const manifest = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_" }).parse(MANIFEST_TEXT) as XmlNode;
const app = manifest.OfficeApp as XmlNode;

let metadata: ICustomFunctionsMetadata & { allowCustomDataForDataTypeAny?: boolean; allowErrorForDataTypeAny?: boolean };
beforeAll(async () => {
  ({ metadata } = await generateFunctions());
});

// ---------------------------------------------------------------------------------------------
// The manifest against Microsoft's XSDs (xmllint, from Debian's libxml2-utils: see the doc above)

function installed(command: string): boolean {
  return spawnSync(command, ["--version"], { stdio: "ignore" }).error === undefined;
}

const hasSchemas = fs.existsSync(SCHEMA);
const hasXmllint = installed("xmllint");
// CI installs xmllint (libxml2-utils): there, a missing one is a failure, not a skip.
const describeWithSchemas = hasSchemas && (hasXmllint || process.env.CI) ? describe : describe.skip;
if (!hasSchemas) console.log(`Skipping the manifest schema test: ${SCHEMAS} is absent (../shared holds Microsoft's manifest XSDs)`);
else if (!hasXmllint && !process.env.CI) console.log("Skipping the manifest schema test: xmllint is not installed (apt-get install libxml2-utils)");

/** xmllint's verdict on a manifest: whether it is valid, and what it said. */
function validate(text: string): { valid: boolean; output: string } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lac-manifest-"));
  try {
    const file = path.join(folder, "manifest.xml");
    fs.writeFileSync(file, text);
    const run = spawnSync("xmllint", ["--noout", "--nonet", "--schema", SCHEMA, file], { encoding: "utf8" });
    if (run.error) throw run.error;
    return { valid: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

describeWithSchemas("the manifest against Microsoft's schemas (OfficeApp 1.1, TaskPane VersionOverrides 1.0)", () => {
  it("is valid, as written and as a production build rewrites it", () => {
    expect(validate(MANIFEST_TEXT)).toEqual({ valid: true, output: expect.stringContaining("validates") });
    expect(validate(productionManifest(MANIFEST_TEXT, "https://finance.example.gov.uk/lac/")).valid).toBe(true);
  });

  it("is valid in dist/ as the last build wrote it", () => {
    const built = ["manifest.prod.xml", "manifest.dev.xml"].map((name) => path.join(REPO, "dist", name)).filter((file) => fs.existsSync(file));
    if (built.length === 0) console.log("No manifest in dist/ to check: run npm run build (or npm run build:prod) first");
    for (const file of built) expect({ file, ...validate(fs.readFileSync(file, "utf8")) }).toEqual(expect.objectContaining({ file, valid: true }));
  });

  it.each([
    ["an element the schema does not know", (text: string) => text.replace("<ProviderName>", "<Publisher>LAC</Publisher><ProviderName>")],
    ["the required Id left out", (text: string) => text.replace(/<Id>[^<]*<\/Id>/, "")],
    ["elements out of order", (text: string) => text.replace(/(<Version>[^<]*<\/Version>)(\s*)(<Id>[^<]*<\/Id>)/, "$3$2$1").replace(/(<Id>[^<]*<\/Id>)(\s*)(<Version>[^<]*<\/Version>)/, "$3$2$1")],
    ["a runtime lifetime that does not exist", (text: string) => text.replace('lifetime="long"', 'lifetime="forever"')],
  ])("is invalid with %s", (_what, mutate) => {
    const mutated = mutate(MANIFEST_TEXT);
    expect(mutated).not.toBe(MANIFEST_TEXT);
    const verdict = validate(mutated);
    expect(verdict.valid).toBe(false);
    expect(verdict.output).toMatch(/fails to validate/);
  });
});

// ---------------------------------------------------------------------------------------------
// Custom function names (docs/excel-conformance.md, after Microsoft's custom-functions-naming page)

const EXCEL_BUILT_IN = new Set(
  fs
    .readFileSync(path.join(__dirname, "excel-builtin-functions.txt"), "utf8")
    .split("\n")
    .map((line) => line.trim().toUpperCase())
    .filter((line) => line !== "" && !line.startsWith("#")),
);

/** A1 to XFD1048576, or R1C1 to R1048576C16384: names Excel would read as a cell. */
function isCellReference(name: string): boolean {
  const a1 = /^([A-Z]{1,3})([0-9]+)$/.exec(name.toUpperCase());
  if (a1) {
    const column = [...a1[1]].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
    const row = Number(a1[2]);
    return column <= 16_384 && row >= 1 && row <= 1_048_576;
  }
  const r1c1 = /^R([0-9]+)C([0-9]+)$/.exec(name.toUpperCase());
  return r1c1 !== null && Number(r1c1[1]) >= 1 && Number(r1c1[1]) <= 1_048_576 && Number(r1c1[2]) >= 1 && Number(r1c1[2]) <= 16_384;
}

/** What is wrong with a custom function's id or name under the naming guidelines; [] when nothing. */
function namingProblems(id: string, name: string): string[] {
  const problems: string[] = [];
  if (!/^[A-Za-z0-9_.]+$/.test(id)) problems.push(`id ${id} uses characters other than A-Z, 0-9, _ and .`);
  if (!/^[\p{L}\p{N}_.]+$/u.test(name)) problems.push(`name ${name} uses characters other than letters, digits, _ and .`);
  for (const [what, value] of [["id", id], ["name", name]]) {
    if (!/^[A-Za-z]/.test(value)) problems.push(`${what} ${value} does not start with a letter`);
    if (value.length < 3) problems.push(`${what} ${value} is shorter than three characters`);
  }
  if (EXCEL_BUILT_IN.has(name.toUpperCase())) problems.push(`name ${name} is one of Excel's own functions`);
  if (isCellReference(name)) problems.push(`name ${name} is a cell reference`);
  return problems;
}

describe("custom function names", () => {
  it("keeps a list of Excel's own functions that holds the ones a name could clash with", () => {
    expect(EXCEL_BUILT_IN.size).toBeGreaterThan(450);
    for (const name of ["FORECAST", "FORECAST.LINEAR", "SUM", "XLOOKUP", "WEEKDAY", "RUN", "ECHO"]) expect(EXCEL_BUILT_IN).toContain(name);
    expect(EXCEL_BUILT_IN).not.toContain("FY");
  });

  it("catches every kind of name the guidelines forbid", () => {
    expect(namingProblems("FY", "FY")).toEqual(expect.arrayContaining([expect.stringMatching(/shorter than three/)]));
    expect(namingProblems("FORECAST", "FORECAST")).toEqual([expect.stringMatching(/one of Excel's own functions/)]);
    expect(namingProblems("1COST", "1COST")).toEqual(expect.arrayContaining([expect.stringMatching(/does not start with a letter/)]));
    expect(namingProblems("COST-2", "COST")).toEqual([expect.stringMatching(/id COST-2 uses characters/)]);
    expect(namingProblems("LAC1", "LAC1")).toEqual([expect.stringMatching(/cell reference/)]);
    expect(namingProblems("R1C2", "R1C2")).toEqual([expect.stringMatching(/cell reference/)]);
    expect(namingProblems("FINYEAR", "FINYEAR")).toEqual([]);
  });

  it("follows the guidelines for every function functions.json declares", () => {
    expect(metadata.functions.length).toBeGreaterThan(10);
    for (const f of metadata.functions) expect({ id: f.id, problems: namingProblems(f.id, f.name) }).toEqual({ id: f.id, problems: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// Requirement sets: declared in the manifest for everything used (docs/excel-conformance.md)

interface Use {
  set: string;
  version: string;
  feature: string;
}

/** API features and the requirement set that brought them, as Microsoft's API reference gives it. */
const CODE_FEATURES: { pattern: RegExp; set: string; version: string; feature: string }[] = [
  { pattern: /\.merge\(|\.rowHeight\b|\.columnWidth\b/, set: "ExcelApi", version: "1.2", feature: "Range.merge, RangeFormat.rowHeight/columnWidth" },
  { pattern: /\.showFilterButton\b/, set: "ExcelApi", version: "1.3", feature: "Table.showFilterButton" },
  { pattern: /OrNullObject\(/, set: "ExcelApi", version: "1.4", feature: "*OrNullObject methods" },
  { pattern: /\.names\.add\(/, set: "ExcelApi", version: "1.4", feature: "NamedItemCollection.add" },
  { pattern: /\.series\.add\(|\.setXAxisValues\(|\.setValues\(/, set: "ExcelApi", version: "1.7", feature: "ChartSeriesCollection.add, ChartSeries.setValues/setXAxisValues" },
  { pattern: /\.pageLayout\b|\.setPrintTitleRows\(/, set: "ExcelApi", version: "1.9", feature: "Worksheet.pageLayout" },
  { pattern: /\.indentLevel\b/, set: "ExcelApi", version: "1.9", feature: "RangeFormat.indentLevel" },
  { pattern: /\.resize\(/, set: "ExcelApi", version: "1.13", feature: "Table.resize" },
  { pattern: /\.onChanged\b|\.onSelectionChanged\b/, set: "ExcelApi", version: "1.7", feature: "worksheet events" },
  { pattern: /new CustomFunctions\.Error\(/, set: "CustomFunctionsRuntime", version: "1.2", feature: "CustomFunctions.Error" },
  { pattern: /Office\.addin\./, set: "SharedRuntime", version: "1.1", feature: "Office.addin" },
];

/** A set the code checks for at run time (`["ExcelApi", "1.13"]` handed to isSetSupported) is optional: the code works without it. */
function checkedAtRunTime(source: string, set: string, version: string): boolean {
  return new RegExp(`\\[\\s*"${set}",\\s*"${version.replace(".", "\\.")}"\\s*\\]`).test(source) && /isSetSupported/.test(source);
}

function usesInCode(source: string): Use[] {
  return CODE_FEATURES.filter((f) => f.pattern.test(source) && !checkedAtRunTime(source, f.set, f.version)).map(({ set, version, feature }) => ({ set, version, feature }));
}

function usesInMetadata(json: { allowCustomDataForDataTypeAny?: boolean; allowErrorForDataTypeAny?: boolean }): Use[] {
  return json.allowCustomDataForDataTypeAny ? [{ set: "CustomFunctionsRuntime", version: "1.4", feature: "allowCustomDataForDataTypeAny" }] : [];
}

function usesInManifest(text: string): Use[] {
  return /<Runtimes>/.test(text) ? [{ set: "SharedRuntime", version: "1.1", feature: "Runtimes (shared runtime)" }] : [];
}

function declaredSets(text: string): Map<string, string> {
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_" }).parse(text) as XmlNode;
  const sets = ((parsed.OfficeApp as XmlNode).Requirements as XmlNode).Sets as XmlNode;
  const list = ([] as XmlNode[]).concat(sets.Set as XmlNode | XmlNode[]);
  return new Map(list.map((s) => [String(s["@_Name"]), String(s["@_MinVersion"] ?? sets["@_DefaultMinVersion"])]));
}

const versionParts = (version: string) => version.split(".").map(Number);
function atLeast(version: string, wanted: string): boolean {
  const [a, b] = [versionParts(version), versionParts(wanted)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

/** Uses the declared sets do not cover. */
function shortfalls(declared: Map<string, string>, uses: readonly Use[]): string[] {
  return uses
    .filter((use) => !declared.has(use.set) || !atLeast(declared.get(use.set)!, use.version))
    .map((use) => `${use.feature} needs ${use.set} ${use.version}; the manifest declares ${declared.has(use.set) ? `${use.set} ${declared.get(use.set)}` : `no ${use.set}`}`);
}

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("requirement sets", () => {
  // Only the code that runs inside Excel: the engine, reports and command line never touch Office.js.
  const officeCode = ["functions", "taskpane", "commands", "help", path.join("workbook", "office")]
    .flatMap((folder) => sourceFiles(path.join(REPO, "src", folder)))
    .map((file) => fs.readFileSync(file, "utf8"))
    .join("\n");

  it("finds the features that need a newer set, and notices a manifest that declares too little", () => {
    expect(usesInCode("chart.series.add(name)")).toEqual([expect.objectContaining({ set: "ExcelApi", version: "1.7" })]);
    expect(usesInCode("table.resize(range)")).toEqual([expect.objectContaining({ set: "ExcelApi", version: "1.13" })]);
    // Behind a run-time check it is optional, and the manifest need not require it.
    expect(usesInCode('const API = ["ExcelApi", "1.13"]; Office.context.requirements.isSetSupported(...API); table.resize(range)')).toEqual([]);
    expect(usesInMetadata({ allowCustomDataForDataTypeAny: true })).toEqual([expect.objectContaining({ set: "CustomFunctionsRuntime", version: "1.4" })]);
    const old = MANIFEST_TEXT.replace('Name="CustomFunctionsRuntime" MinVersion="1.4"', 'Name="CustomFunctionsRuntime" MinVersion="1.2"').replace(/\s*<Set Name="ExcelApi"[^>]*\/>/, "");
    expect(shortfalls(declaredSets(old), [...usesInCode(officeCode), ...usesInMetadata(metadata)])).toEqual(
      expect.arrayContaining([expect.stringMatching(/needs ExcelApi 1\.9; the manifest declares no ExcelApi/), expect.stringMatching(/allowCustomDataForDataTypeAny needs CustomFunctionsRuntime 1\.4; the manifest declares CustomFunctionsRuntime 1\.2/)]),
    );
    expect(atLeast("1.10", "1.9")).toBe(true);
    expect(atLeast("1.9", "1.13")).toBe(false);
  });

  it("declares at least every set the code, functions.json and the manifest use", () => {
    // Set on purpose (coerce.ts reads a data type by its basic value), so CustomFunctionsRuntime 1.4 must be declared.
    expect(metadata.allowCustomDataForDataTypeAny).toBe(true);
    const uses = [...usesInCode(officeCode), ...usesInMetadata(metadata), ...usesInManifest(MANIFEST_TEXT)];
    expect(uses.map((u) => `${u.set} ${u.version}`)).toEqual(expect.arrayContaining(["ExcelApi 1.7", "ExcelApi 1.9", "CustomFunctionsRuntime 1.4", "SharedRuntime 1.1"]));
    expect(shortfalls(declaredSets(MANIFEST_TEXT), uses)).toEqual([]);
  });

  it("needs no runtime check for a set the manifest already requires", () => {
    // A check for a set the manifest declares is a branch that never runs (Excel would not load the add-in).
    const checks = [...officeCode.matchAll(/isSetSupported\(\s*"(\w+)",\s*"([\d.]+)"/g)].map((m) => ({ set: m[1], version: m[2] }));
    const declared = declaredSets(MANIFEST_TEXT);
    for (const check of checks) expect({ ...check, alreadyRequired: declared.has(check.set) && atLeast(declared.get(check.set)!, check.version) }).toEqual({ ...check, alreadyRequired: false });
  });

  it("leaves error cells to Excel (allowErrorForDataTypeAny off), as docs/functions.md's Errors section says", () => {
    expect(metadata.allowErrorForDataTypeAny).toBeUndefined();
    const functionsPage = fs.readFileSync(path.join(REPO, "docs", "functions.md"), "utf8");
    expect(functionsPage).toMatch(/A cell that already holds an error[^\n]*\n?[^\n]*Excel does not call the function/);
  });
});

// ---------------------------------------------------------------------------------------------
// The production manifest: only on a real host

describe("the production build", () => {
  it("refuses to write a production manifest without LAC_ADDIN_URL, or on a placeholder host, saying why", () => {
    expect(() => productionUrl({})).toThrow(/LAC_ADDIN_URL is not set/);
    for (const placeholder of ["https://www.contoso.com/", "https://contoso.com/addin/", "https://localhost:3000/"]) {
      expect(() => productionUrl({ LAC_ADDIN_URL: placeholder })).toThrow(/is a placeholder/);
      expect(() => productionManifest(MANIFEST_TEXT, placeholder)).toThrow(/is a placeholder/);
    }
    expect(() => productionUrl({ LAC_ADDIN_URL: "http://finance.example.gov.uk/" })).toThrow(/must start with https:\/\//);
    expect(productionUrl({ LAC_ADDIN_URL: "https://finance.example.gov.uk/lac/" })).toBe("https://finance.example.gov.uk/lac/");
  });

  it("fails in webpack's configuration when a production manifest is asked for without a host, and builds a dev manifest otherwise", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(path.join(REPO, "webpack.config.js")) as (env: object, options: object) => Promise<{ plugins: { patterns?: { to: string }[] }[] }>;
    const saved = process.env.LAC_ADDIN_URL;
    delete process.env.LAC_ADDIN_URL;
    try {
      await expect(config({ prodManifest: true }, { mode: "production" })).rejects.toThrow(/LAC_ADDIN_URL is not set/);
      const plain = await config({}, { mode: "production" });
      const copied = plain.plugins.flatMap((plugin) => plugin.patterns ?? []).map((pattern) => pattern.to);
      expect(copied).toContain("manifest.dev.xml");
      process.env.LAC_ADDIN_URL = "https://www.contoso.com/";
      await expect(config({}, { mode: "production" })).rejects.toThrow(/is a placeholder/);
      process.env.LAC_ADDIN_URL = "https://finance.example.gov.uk/lac/";
      const real = await config({ prodManifest: true }, { mode: "production" });
      expect(real.plugins.flatMap((plugin) => plugin.patterns ?? []).map((pattern) => pattern.to)).toContain("manifest.prod.xml");
    } finally {
      if (saved === undefined) delete process.env.LAC_ADDIN_URL;
      else process.env.LAC_ADDIN_URL = saved;
    }
  });
});

// ---------------------------------------------------------------------------------------------
// SupportUrl and LearnMoreUrl: a help page readable outside Excel

describe("the help page", () => {
  it("is where SupportUrl and LearnMoreUrl point, not the task pane", () => {
    expect((app.SupportUrl as XmlNode)["@_DefaultValue"]).toBe("https://localhost:3000/help.html");
    const learnMore = /<LearnMoreUrl resid="([^"]+)"\/>/.exec(MANIFEST_TEXT)?.[1];
    expect(MANIFEST_TEXT).toContain(`<bt:Url id="${learnMore}" DefaultValue="https://localhost:3000/help.html"/>`);
    const webpackConfig = fs.readFileSync(path.join(REPO, "webpack.config.js"), "utf8");
    expect(webpackConfig).toMatch(/filename: "help\.html", template: "\.\/src\/help\/help\.html"/);
  });

  it("lists every function by its name and syntax, as the pane does", () => {
    const html = functionReferenceHtml(FUNCTION_HELP);
    expect(FUNCTION_HELP.map((f) => f.name).sort()).toEqual(metadata.functions.map((f) => `LAC.${f.name}`).sort());
    for (const f of FUNCTION_HELP) {
      expect(html).toContain(`<dt id="${f.name}"><code>${f.syntax}</code></dt>`);
    }
    expect(functionReferenceHtml([{ name: "LAC.X", syntax: "<b>", help: "a & b", example: '="x"' }])).toBe(
      '<dt id="LAC.X"><code>&lt;b&gt;</code></dt><dd>a &amp; b<br />Example: <code>=&quot;x&quot;</code></dd>',
    );
    const page = fs.readFileSync(path.join(REPO, "src", "help", "help.html"), "utf8");
    expect(page).toContain('<dl id="functions">');
  });
});
