/**
 * The layers of src/ (docs/developers.md, "Layout"; docs/pipeline.md): data flows one way, and inputs are read
 * only through the pipeline. Read from the source's import lines, so a new file is checked too.
 */

import * as fs from "fs";
import * as path from "path";

const SRC = path.resolve(__dirname, "..", "..", "src");

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

interface Import {
  file: string;
  /** The module as written: "../engine/episodes", "react". */
  module: string;
  /** The src/ path it resolves to ("engine/episodes"), or null for a package. */
  target: string | null;
  names: string[];
}

const IMPORT = /^\s*(?:import|export)\s+(?:type\s+)?(?:([\s\S]*?)\s+from\s+)?["']([^"']+)["']/gm;

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, "utf8");
  const found: Import[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const module = match[2];
    const target = module.startsWith(".") ? path.relative(SRC, path.resolve(path.dirname(file), module)).split(path.sep).join("/") : null;
    const names = (match[1] ?? "").replace(/[{}]/g, " ").split(/[\s,]+/).filter((n) => /^\w+$/.test(n) && n !== "type" && n !== "as");
    found.push({ file: path.relative(SRC, file).split(path.sep).join("/"), module, target, names });
  }
  return found;
}

const ALL = sourceFiles(SRC).flatMap(importsOf);
const layerOf = (srcPath: string) => srcPath.split("/")[0];

/** Each layer and the layers it may import from: the engine at the bottom, the shells at the top. */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  engine: ["engine"],
  reports: ["engine", "reports", "workbook"],
  workbook: ["engine", "workbook"],
  functions: ["engine", "functions"],
  commands: ["engine", "reports", "workbook", "taskpane", "commands"],
  taskpane: ["engine", "reports", "workbook", "taskpane"],
  cli: ["engine", "reports", "workbook", "cli"],
  help: ["engine", "reports", "taskpane", "help"],
};

/** The readers of the inputs: only the pipeline calls them. */
const READERS = ["readEpisodes", "readChildren", "readUnitCosts", "readPlacementTypeOverrides", "readBudget", "readScenarios", "readPlacementReviews"];

/**
 * Files that call a reader without computing a figure from it, each with the reason. Every
 * other file must come through engine/pipeline.ts.
 */
const READER_EXCEPTIONS: Readonly<Record<string, string>> = {
  // Each reader's own module defines it.
  "engine/episodes.ts": "defines readEpisodes and readChildren",
  "engine/unitCosts.ts": "defines readUnitCosts",
  "engine/placementGroups.ts": "defines readPlacementTypeOverrides",
  "engine/variance.ts": "defines readBudget",
  "engine/scenarios.ts": "defines readScenarios",
  "engine/placementReview.ts": "defines readPlacementReviews",
  "engine/pipeline.ts": "the pipeline",
  // The example generator writes the sample's rows with each row's own function results; its figures come from the pipeline.
  "cli/exampleWorkbook.ts": "lays out the generated sample row by row",
};

describe("the layers of src/", () => {
  it("finds the source's imports (a reader of nothing would pass anything)", () => {
    expect(ALL.length).toBeGreaterThan(300);
    expect(ALL.some((i) => i.file === "engine/pipeline.ts" && i.target === "engine/episodes" && i.names.includes("readEpisodes"))).toBe(true);
  });

  it("never imports from a layer above", () => {
    const wrong = ALL.filter((i) => i.target !== null)
      .filter((i) => {
        const allowed = MAY_IMPORT[layerOf(i.file)];
        return allowed === undefined || !allowed.includes(layerOf(i.target as string));
      })
      .map((i) => `${i.file} imports ${i.module}`);
    expect(wrong).toEqual([]);
  });

  it("keeps the engine pure: no Office, no DOM, no files, no React", () => {
    const engine = ALL.filter((i) => layerOf(i.file) === "engine" && i.target === null).map((i) => `${i.file} imports ${i.module}`);
    expect(engine).toEqual([]);
    for (const file of sourceFiles(path.join(SRC, "engine"))) {
      expect({ file, office: /\b(Office|Excel)\.[A-Za-z]|\bdocument\.[a-z]/.test(fs.readFileSync(file, "utf8")) }).toEqual({ file, office: false });
    }
  });

  it("reads inputs only through the pipeline", () => {
    const readers = ALL.filter((i) => i.names.some((n) => READERS.includes(n)) && !(i.file in READER_EXCEPTIONS)).map(
      (i) => `${i.file} imports ${i.names.filter((n) => READERS.includes(n)).join(", ")}`,
    );
    expect(readers).toEqual([]);
  });
});
