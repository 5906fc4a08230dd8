/*
 * Preload for a child Node process (`node -r …/runTypeScript.cjs src/cli/main.ts …`) that runs
 * the TypeScript sources as they are: each .ts file is transpiled when required. Types are not
 * checked here; jest and tsc do that.
 */
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload for plain node */
const fs = require("fs");
const ts = require("typescript");

const OPTIONS = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true };

require.extensions[".ts"] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), { compilerOptions: OPTIONS, fileName: filename });
  module._compile(outputText, filename);
};
