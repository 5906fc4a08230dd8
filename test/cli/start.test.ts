/**
 * `npm start` without Excel: it refreshes the example with the command line and prints the
 * headline figures. It is the first thing a new user runs, so it must run again and again.
 */

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const built = fs.existsSync(path.join(ROOT, "dist", "node", "cli", "main.js"));
if (!built) console.log("test/cli/start.test.ts: skipped, dist/node is not built (npm run build:node)");
const itBuilt = built ? it : it.skip;

describe("npm start without Excel", () => {
  itBuilt("runs twice in a row, replacing its own refreshed copy, and prints the placements figures", () => {
    for (let run = 1; run <= 2; run++) {
      const result = spawnSync(process.execPath, [path.join(ROOT, "scripts", "start.js")], {
        cwd: ROOT,
        env: { ...process.env, LAC_START: "cli" },
        encoding: "utf8",
        timeout: 120_000,
      });
      expect({ run, status: result.status, stderr: result.stderr }).toEqual({ run, status: 0, stderr: "" });
      expect(result.stdout).toMatch(/Placements forecast outturn \d{4}-\d{2}: £[\d,]+/);
    }
  });
});
