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
 * For the build (webpack.cli.config.js): compiles the bundle and runs, inside this process with
 * their output dropped, `lac --help` (so that every command's modules have run) and `lac costs`
 * and `lac forecast` on a small synthetic sample (`lac sample`, in a temporary folder removed
 * after), so that the code they run is compiled; then writes V8's code cache of it all beside the
 * bundle. Code compiled on the way is in the cache too, which spares `lac` compiling it again.
 */
async function writeCodeCache() {
  const os = require("os");
  const script = compileBundle(undefined);
  const { runCli } = exportsOf(script);
  const silent = { out: () => undefined, err: () => undefined };
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lac-code-cache-"));
  try {
    const inputs = ["--episodes", path.join(folder, "episodes.csv"), "--children", path.join(folder, "header.csv")];
    const warmUps = [
      ["--help"],
      ["sample", "--out", folder, "--children", "300"],
      ["costs", ...inputs, "--from", "2023-04-01", "--to", "2024-03-31"],
      ["forecast", ...inputs],
    ];
    for (const args of warmUps) {
      const code = await runCli(args, silent);
      if (code !== 0) throw new Error(`lac ${args.join(" ")} failed (exit code ${code}) while filling the code cache`);
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
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

module.exports = { writeCodeCache, compileBundle, freshCodeCache, BUNDLE, CODE_CACHE };
