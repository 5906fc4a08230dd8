/**
 * `lac refresh` on an .xlsx file of 15,000 children: read the data sheets with ExcelJS, rebuild
 * every report, and write the file surgically (only the report sheets and the parts that list
 * them change; docs/file-writes.md). The workbook is `lac example --children 15000`, made in a
 * separate process in the untimed set-up, so that the peak memory shown is the refresh's alone.
 * See scripts/bench.js for the module contract.
 */

"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

const DIST = path.join(__dirname, "..", "..", "dist", "node");
const { runCli } = require(path.join(DIST, "cli", "main.js"));

const CHILDREN = 15_000;
const SEED = 5;

module.exports = {
  title: `lac refresh of an .xlsx of ${CHILDREN.toLocaleString("en-GB")} children (read, rebuild the reports, write surgically)`,
  async run(bench) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lac-bench-refresh-"));
    try {
      const input = path.join(folder, "budget.xlsx");
      const made = spawnSync(process.execPath, [path.join(DIST, "cli", "main.js"), "example", "--children", String(CHILDREN), "--seed", String(SEED), "--out", input], { encoding: "utf8" });
      if (made.status !== 0) throw new Error(`lac example failed: ${made.stderr}`);
      bench.note(`Data (not timed): lac example --children ${CHILDREN} --seed ${SEED}, ${(fs.statSync(input).size / 1048576).toFixed(1)} MB, with its report sheets.`);
      const quiet = { out: () => undefined, err: (text) => process.stderr.write(text) };
      bench.gc();
      const once = path.join(folder, "once.xlsx");
      const code = await bench.time("lac refresh --out (first)", () => runCli(["refresh", input, "--out", once], quiet));
      if (code !== 0) throw new Error(`lac refresh exited ${code}`);
      bench.gc();
      const twice = path.join(folder, "twice.xlsx");
      await bench.time("lac refresh --out (of the refreshed file)", () => runCli(["refresh", once, "--out", twice], quiet));
      bench.note(`The second refresh gives ${fs.readFileSync(once).equals(fs.readFileSync(twice)) ? "the same bytes as" : "a file different from"} the first.`);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  },
};
