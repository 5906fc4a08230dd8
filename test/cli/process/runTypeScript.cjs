/*
 * Preload for a child Node process (`node -r …/runTypeScript.cjs src/cli/main.ts …`) that runs
 * the TypeScript sources as they are: each .ts file is transpiled when required. Types are not
 * checked here; jest and tsc do that.
 */
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload for plain node */
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const ts = require("typescript");

/** Transpiled files are kept between runs, by path and content, so that each process starts quickly. */
const CACHE = path.join(os.tmpdir(), "lac-test-transpiled");
fs.mkdirSync(CACHE, { recursive: true });

const OPTIONS = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true };

require.extensions[".ts"] = (module, filename) => {
  const source = fs.readFileSync(filename, "utf8");
  const cached = path.join(CACHE, `${crypto.createHash("sha1").update(filename).update("\0").update(source).digest("hex")}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, "utf8");
  } catch {
    output = ts.transpileModule(source, { compilerOptions: OPTIONS, fileName: filename }).outputText;
    fs.writeFileSync(cached, output);
  }
  module._compile(output, filename);
};
