#!/usr/bin/env node
/**
 * `lac`, the command line, as package.json's "bin" and `npm run lac` run it. It starts the
 * bundle webpack.cli.config.js builds (dist/node/lac.bundle.js: every module of the command line,
 * commander and Papa Parse in one file; ExcelJS and JSZip stay in node_modules and load only for
 * `lac refresh` and `lac example`), compiled with the V8 code cache written beside it at build
 * time (lac.bundle.cache), so that Node neither resolves a hundred files nor compiles their code
 * again at each start (docs/benchmarks.md, "Start-up").
 *
 * The cache is only a shortcut. V8 refuses it when another Node (or other V8 flags) runs lac, and
 * it is not offered when the bundle is newer than it (rebuilt without it): either way the bundle
 * is compiled as usual, with no message. Nothing is ever written at run time.
 */

"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const BUNDLE = path.join(__dirname, "..", "dist", "node", "lac.bundle.js");
const CODE_CACHE = path.join(__dirname, "..", "dist", "node", "lac.bundle.cache");

/** The bundle as a CommonJS module's function, so that its require() resolves from here, as Node's own loader would do it. */
function compileBundle(cachedData) {
  const source = fs.readFileSync(BUNDLE, "utf8");
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  return new vm.Script(wrapped, { filename: BUNDLE, cachedData });
}

/** The code cache when it was written for this very bundle, otherwise undefined. */
function freshCodeCache() {
  try {
    if (fs.statSync(CODE_CACHE).mtimeMs < fs.statSync(BUNDLE).mtimeMs) return undefined;
    return fs.readFileSync(CODE_CACHE);
  } catch {
    return undefined;
  }
}

/** Runs the compiled bundle; resolves to its exports (src/cli/main.ts). */
function exportsOf(script) {
  const bundleModule = { exports: {} };
  script.runInThisContext()(bundleModule.exports, require, bundleModule, BUNDLE, path.dirname(BUNDLE));
  return bundleModule.exports;
}

/**
 * For the build (webpack.cli.config.js): compiles the bundle, runs `lac --help` inside this
 * process with its output dropped, so that every command's modules have run and their code is
 * compiled, and writes V8's code cache of it beside the bundle.
 */
async function writeCodeCache() {
  const script = compileBundle(undefined);
  const silent = { out: () => undefined, err: () => undefined };
  await exportsOf(script).runCli(["--help"], silent);
  fs.writeFileSync(CODE_CACHE, script.createCachedData());
}

if (require.main === module) {
  if (!fs.existsSync(BUNDLE)) {
    process.stderr.write(`error: lac is not built (${path.relative(process.cwd(), BUNDLE)} is missing): run npm run build:node\n`);
    process.exitCode = 1;
  } else {
    exportsOf(compileBundle(freshCodeCache())).runAsProgram();
  }
}

module.exports = { writeCodeCache, BUNDLE, CODE_CACHE };
