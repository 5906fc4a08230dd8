/**
 * Large inputs, whole processes: `lac costs` and `lac forecast` on generated returns of 1 million
 * and 5 million episodes, timed from spawn to exit, with each process's own peak memory. The
 * files are written first (src/engine/sample.ts, not timed). Targets: a million episodes in at
 * most 3 s (costs) and 4 s (forecast); 5 million within 2 GB. See scripts/bench.js for the
 * module contract; `LAC_BENCH_LARGE=1000000` runs the million alone.
 *
 * The million's commands run five times each, in turns (costs, forecast, costs, …), and the
 * medians are reported with every run listed: on a machine shared with other work one run can
 * be a quarter slower than the next (docs/benchmarks.md, "Large inputs, fourth pass").
 * The 5 million's run once each (half a minute apiece).
 */

"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { writeGeneratedSample, SEED } = require("./generated-sample.cjs");
const { runLac, median } = require("./process.cjs");

const SIZES = (process.env.LAC_BENCH_LARGE ?? "1000000,5000000").split(",").map(Number);
const TARGETS = {
  1_000_000: { costs: { ms: 3000 }, forecast: { ms: 4000 } },
  5_000_000: { costs: { mb: 2048 }, forecast: { mb: 2048 } },
};
/** Runs of each command, in turns: the million's are quick enough to take a median of. */
const RUNS = { 1_000_000: 5, 5_000_000: 1 };

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
        const runs = RUNS[size] ?? 1;
        const measured = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
        const failed = new Set();
        for (let turn = 0; turn < runs; turn++) {
          for (const [name, args] of Object.entries(commands)) {
            if (failed.has(name)) continue;
            const run = await runLac(args);
            if (run.code !== 0) {
              const why = run.signal ? `killed by ${run.signal}` : `exit code ${run.code}`;
              bench.note(`lac ${name}, ${count(size)} episodes: failed after ${(run.ms / 1000).toFixed(1)} s (${why}): ${run.stderr.trim().split("\n").slice(-3).join(" / ")}`);
              failed.add(name);
              continue;
            }
            measured[name].push(run);
          }
        }
        for (const [name, list] of Object.entries(measured)) {
          if (failed.has(name)) continue;
          const label = `lac ${name}, ${count(size)} episodes${runs > 1 ? `, median of ${runs}` : ""}`;
          // A run that wrote no figures (scripts/bench/process.cjs) leaves the peak unknown rather than 0.
          const peakMb = list.some((run) => run.peakMb === null) ? null : Math.max(...list.map((run) => run.peakMb));
          bench.record(label, { ms: median(list.map((run) => run.ms)), peakMb, target: TARGETS[size]?.[name] ?? null, per: { count: size, unit: "episode" } });
          const cpu = `CPU time ${(median(list.map((run) => run.cpuMs)) / 1000).toFixed(2)} s (user + system, all threads${runs > 1 ? ", median" : ""})`;
          const all = runs > 1 ? `; all runs ${list.map((run) => (run.ms / 1000).toFixed(2)).join(", ")} s; peak RSS the highest of them` : "";
          bench.note(`lac ${name}, ${count(size)} episodes: ${cpu}${all}.`);
        }
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    }
    bench.note("Each time is spawn to exit (Node's start-up, reading the CSV files, the pipeline, the command, printing); Peak RSS is the process's own.");
  },
};
