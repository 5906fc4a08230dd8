/**
 * docs/functions.md's reference is made from the functions' metadata (functions.json) and the
 * pane's help lines by scripts/docs-functions.js; this regenerates it and fails when the committed
 * page differs, so the page cannot drift from the code (run `npm run docs` to update it).
 */

import fs from "fs";
import { functionsReference, pageWithReference, PAGE } from "../../scripts/docs-functions";
import { FUNCTION_HELP } from "../../src/taskpane/functionHelp";
import { generateFunctions } from "../functions/harness";

describe("docs/functions.md", () => {
  it("holds the reference generated from functions.json (run npm run docs if this fails)", async () => {
    const { metadata, namespace } = await generateFunctions();
    const page = fs.readFileSync(PAGE, "utf8");
    expect(page).toBe(pageWithReference(page, functionsReference(metadata, FUNCTION_HELP, namespace)));
  });

  it("gives every function its syntax, description and the help text of each parameter", async () => {
    const { metadata, namespace } = await generateFunctions();
    const reference = functionsReference(metadata, FUNCTION_HELP, namespace);
    for (const fn of metadata.functions) {
      expect(reference).toContain(`### ${namespace}.${fn.name}\n`);
      expect(reference).toContain(fn.description);
      for (const p of fn.parameters) expect(reference).toContain(`| \`${p.name}\` | ${p.optional ? "optional" : "required"} | ${p.description}`);
    }
  });

  it("refuses a page without the markers rather than losing its hand-written part", () => {
    expect(() => pageWithReference("# The functions\n", "x")).toThrow(/markers/);
  });
});
