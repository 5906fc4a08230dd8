#!/usr/bin/env node
/**
 * The reference part of docs/functions.md, made from what Excel itself reads: the functions'
 * metadata (functions.json, generated from src/functions/functions.ts by custom-functions-metadata,
 * the generator the build's webpack plugin runs) and the pane's help lines
 * (src/taskpane/functionHelp.ts). `npm run docs` (run by `npm run build` and `build:node`) rewrites
 * the part between the markers; test/docs/functions.test.ts fails when the committed page differs,
 * so the page cannot drift from the code.
 *
 *   node scripts/docs-functions.js            rewrite docs/functions.md
 *   node scripts/docs-functions.js --check    exit 1 if docs/functions.md is out of date
 */

const fs = require("fs");
const path = require("path");
const Module = require("module");

const REPO = path.resolve(__dirname, "..");
const PAGE = path.join(REPO, "docs", "functions.md");
const FUNCTIONS_SOURCE = path.join(REPO, "src", "functions", "functions.ts");
const HELP_SOURCE = path.join(REPO, "src", "taskpane", "functionHelp.ts");
const START = "<!-- functions-reference -->";
const END = "<!-- /functions-reference -->";

/** A table cell's text: a "|" would end the cell, a line break the row. */
function cell(text) {
  return String(text).replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

/** `LAC.NAME(a, b, [c])`: optional parameters in square brackets, as Excel's own help writes them. */
function syntax(namespace, fn) {
  const parameters = fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name));
  return `${namespace}.${fn.name}(${parameters.join(", ")})`;
}

/**
 * The markdown between the markers: for each function in the metadata's order, its syntax, the
 * description Excel shows, the pane's help line and example, and each parameter's help text.
 * @param {{ functions: Array<{ name: string, description?: string, parameters: Array<{ name: string, description?: string, optional?: boolean }> }> }} metadata
 * @param {ReadonlyArray<{ name: string, help: string, example: string }>} paneHelp
 * @param {string} namespace
 */
function functionsReference(metadata, paneHelp, namespace) {
  const helpByName = new Map(paneHelp.map((h) => [h.name, h]));
  const sections = metadata.functions.map((fn) => {
    const help = helpByName.get(`${namespace}.${fn.name}`);
    const lines = [`### ${namespace}.${fn.name}`, "", `\`${syntax(namespace, fn)}\``, "", fn.description ?? ""];
    if (help) lines.push("", `In the pane: ${help.help} For example \`${help.example}\`.`);
    if (fn.parameters.length > 0) {
      lines.push("", "| parameter | | help text |", "|---|---|---|");
      for (const p of fn.parameters) lines.push(`| \`${p.name}\` | ${p.optional ? "optional" : "required"} | ${cell(p.description ?? "")} |`);
    }
    return lines.join("\n");
  });
  return sections.join("\n\n");
}

/** The page with the part between the markers replaced by the reference. */
function pageWithReference(page, reference) {
  const start = page.indexOf(START);
  const end = page.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/functions.md: the markers ${START} and ${END} are missing`);
  return `${page.slice(0, start + START.length)}\n${reference}\n${page.slice(end)}`;
}

/** The functions' metadata as the build generates functions.json. */
async function generatedMetadata() {
  const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
  const generated = await generateCustomFunctionsMetadata(FUNCTIONS_SOURCE, false);
  if (generated.errors.length > 0) throw new Error(`functions.ts metadata has errors: ${generated.errors.join("; ")}`);
  return JSON.parse(generated.metadataJson);
}

/** FUNCTION_HELP from functionHelp.ts, a module of plain data, compiled to JavaScript here (no build needed). */
function paneHelp() {
  const ts = require("typescript");
  const { outputText } = ts.transpileModule(fs.readFileSync(HELP_SOURCE, "utf8"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
  const compiled = new Module(HELP_SOURCE);
  compiled._compile(outputText, HELP_SOURCE);
  return compiled.exports.FUNCTION_HELP;
}

/** The functions' namespace as the manifest declares it ("LAC"). */
function manifestNamespace() {
  const manifest = fs.readFileSync(path.join(REPO, "manifest.xml"), "utf8");
  const namespace = /<bt:String id="Functions\.Namespace" DefaultValue="([^"]+)"/.exec(manifest)?.[1];
  if (!namespace) throw new Error("manifest.xml declares no Functions.Namespace string");
  return namespace;
}

async function main() {
  const page = fs.readFileSync(PAGE, "utf8");
  const updated = pageWithReference(page, functionsReference(await generatedMetadata(), paneHelp(), manifestNamespace()));
  if (process.argv.includes("--check")) {
    if (updated !== page) {
      console.error("docs/functions.md is out of date with src/functions/functions.ts: run npm run docs");
      process.exitCode = 1;
    }
    return;
  }
  if (updated !== page) fs.writeFileSync(PAGE, updated);
  console.log(updated === page ? "docs/functions.md is up to date" : "Wrote docs/functions.md");
}

module.exports = { functionsReference, pageWithReference, PAGE };

if (require.main === module) {
  main().catch((error) => {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  });
}
