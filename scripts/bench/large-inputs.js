/**
 * Large inputs, whole processes: `lac costs` and `lac forecast` on generated returns of 1 million
 * and 5 million episodes, timed from spawn to exit, with each process's own peak memory. The
 * files are written first (src/engine/sample.ts, not timed). Targets: a million episodes in at
 * most 3 s (costs) and 4 s (forecast); 5 million within 2 GB. See scripts/bench.js for the
 * module contract; `LAC_BENCH_LARGE=1000000` runs the million alone.
 */

"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { writeGeneratedSample, SEED } = require("./generated-sample.cjs");
const { runLac } = require("./process.cjs");

const SIZES = (process.env.LAC_BENCH_LARGE ?? "1000000,5000000").split(",").map(Number);
const TARGETS = {
  1_000_000: { costs: { ms: 3000 }, forecast: { ms: 4000 } },
  5_000_000: { costs: { mb: 2048 }, forecast: { mb: 2048 } },
};

function count(n) {
  return n.toLocaleString("en-GB");
}

module.exports = {
  title: "Large inputs: lac costs and lac forecast over generated episodes, whole processes",

  async run(bench) {
    for (const size of SIZES) {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lac-bench-large-"));
      try {
        const files = writeGeneratedSample(folder, size);
        bench.note(
          `${count(size)} episodes of ${count(files.childCount)} children (seed ${SEED}), episodes.csv ${(files.bytes / 1024 / 1024).toFixed(0)} MB, ` +
            `written before timing.`,
        );
        const inputs = ["--episodes", files.episodes, "--children", files.children];
        const commands = {
          costs: ["costs", ...inputs, "--from", "2023-04-01", "--to", "2024-03-31"],
          forecast: ["forecast", ...inputs],
        };
        for (const [name, args] of Object.entries(commands)) {
          const run = await runLac(args);
          const label = `lac ${name}, ${count(size)} episodes`;
          if (run.code !== 0) {
            const why = run.signal ? `killed by ${run.signal}` : `exit code ${run.code}`;
            bench.note(`${label}: failed after ${(run.ms / 1000).toFixed(1)} s (${why}): ${run.stderr.trim().split("\n").slice(-3).join(" / ")}`);
            continue;
          }
          bench.record(label, { ms: run.ms, peakMb: run.peakMb, target: TARGETS[size]?.[name] ?? null, per: { count: size, unit: "episode" } });
          bench.note(`${label}: CPU time ${(run.cpuMs / 1000).toFixed(2)} s (user + system, all threads).`);
        }
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    }
    bench.note("Each time is one run, spawn to exit (Node's start-up, reading the CSV files, the pipeline, the command, printing); Peak RSS is that process's own.");
  },
};
