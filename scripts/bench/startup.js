/**
 * Start-up bench: `lac forecast` on the shared Social Finance sample as a whole process (start
 * Node, load the command, read the CSV files, forecast, print), beside a bare `node -e 1`, run
 * in turns in the same bench so that both meet the same load on the machine. Reports the median
 * of each and their ratio (target: at most 2). `lac` is run as a user runs it, through
 * package.json's "bin" (bin/lac.js, which starts the bundle and its code cache). Three more
 * commands run in the same turns to show what is start-up and what is the forecast's own work:
 * `lac forecast --help` (start-up alone), the forecast with a given reference window (no window
 * to choose) and `lac costs` for a year. Last, the floor under the ratio: the forecast command's
 * own work (reading the files to printing) run again and again in this process, so that its later
 * runs go at the speed V8 reaches once it has compiled and optimised every function; with the
 * start-up of `lac forecast --help` before it, that is as fast as a process running this code could be.
 * See scripts/bench.js for the module contract.
 */

"use strict";

const fs = require("fs");
const path = require("path");
const { runNode, runLac, median } = require("./process.cjs");

const SF_SAMPLE = path.resolve(__dirname, "..", "..", "..", "shared", "data", "ssda903-sf-sample");
const BUNDLE = path.join(__dirname, "..", "..", "dist", "node", "lac.bundle.js");
const CODE_CACHE = path.join(__dirname, "..", "..", "dist", "node", "lac.bundle.cache");
/** Turns of runs; the first turn warms the file cache and is not counted. */
const PAIRS = 9;
/** Runs of the forecast in one process; the warmed speed is the median of the last WARM_RUNS of them. */
const IN_PROCESS_RUNS = 30;
const WARM_RUNS = 10;
const TARGET_RATIO = 2;

module.exports = {
  title: "Start-up: lac forecast on the SF sample beside a bare Node, whole processes",

  async run(bench) {
    if (!fs.existsSync(path.join(SF_SAMPLE, "episodes.csv"))) {
      bench.note(`Not run: the SF sample (${SF_SAMPLE}) is absent.`);
      return;
    }
    if (!fs.existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build:node first`);
    const inputs = ["--episodes", path.join(SF_SAMPLE, "episodes.csv"), "--children", path.join(SF_SAMPLE, "header.csv")];
    const forecast = ["forecast", ...inputs];
    const help = { label: "lac forecast --help (loads the command, reads no file)", args: ["forecast", "--help"], ms: [], cpuMs: [] };
    const others = [
      help,
      { label: "lac forecast --reference-start 2021-04-01 (no window to choose)", args: [...forecast, "--reference-start", "2021-04-01"], ms: [], cpuMs: [] },
      { label: "lac costs --from 2021-04-01 --to 2022-03-31", args: ["costs", ...inputs, "--from", "2021-04-01", "--to", "2022-03-31"], ms: [], cpuMs: [] },
    ];
    const bare = [];
    const lac = [];
    const bareCpu = [];
    const lacCpu = [];
    const peaks = [];
    await runLac(forecast);
    await runNode(["-e", "1"]);
    for (let pair = 0; pair < PAIRS; pair++) {
      const node = await runNode(["-e", "1"]);
      const run = await runLac(forecast);
      if (run.code !== 0) throw new Error(`lac forecast failed (exit code ${run.code}): ${run.stderr}`);
      bare.push(node.ms);
      lac.push(run.ms);
      bareCpu.push(node.cpuMs);
      lacCpu.push(run.cpuMs);
      peaks.push(run.peakMb);
      for (const other of others) {
        const otherRun = await runLac(other.args);
        if (otherRun.code !== 0) throw new Error(`${other.label} failed (exit code ${otherRun.code}): ${otherRun.stderr}`);
        other.ms.push(otherRun.ms);
        other.cpuMs.push(otherRun.cpuMs);
      }
    }
    const bareMedian = median(bare);
    const lacMedian = median(lac);
    bench.record(`node -e 1, median of ${PAIRS}`, { ms: bareMedian, peakMb: null });
    bench.record(`lac forecast (SF sample, default mode), median of ${PAIRS}`, {
      ms: lacMedian,
      peakMb: Math.max(...peaks),
      target: { ms: TARGET_RATIO * bareMedian },
    });
    for (const other of others) bench.record(`${other.label}, median of ${PAIRS}`, { ms: median(other.ms), peakMb: null });
    const ratio = lacMedian / bareMedian;
    bench.note(
      `Ratio lac forecast ÷ node -e 1: ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? "met" : "NOT met"}). ` +
        `${PAIRS} pairs run in turns (node, then lac), after one untimed pair; each time is spawn to exit, ` +
        `so it includes Node's own start-up, which is the bare run's whole time.`,
    );
    const cpuRatio = median(lacCpu) / median(bareCpu);
    bench.note(
      `CPU time (user + system, all threads), less sensitive to other work on the machine: node -e 1 ${median(bareCpu).toFixed(0)} ms, ` +
        `lac forecast ${median(lacCpu).toFixed(0)} ms (medians), ratio ${cpuRatio.toFixed(2)}×.`,
    );
    bench.note(`CPU time of the others (medians): ${others.map((other) => `${other.label.split(" (")[0]} ${median(other.cpuMs).toFixed(0)} ms`).join("; ")}.`);
    bench.note(`All runs, ms: node -e 1 ${bare.map((ms) => ms.toFixed(0)).join(", ")}; lac forecast ${lac.map((ms) => ms.toFixed(0)).join(", ")}.`);
    const cacheFresh = fs.existsSync(CODE_CACHE) && fs.statSync(CODE_CACHE).mtimeMs >= fs.statSync(BUNDLE).mtimeMs;
    bench.note(`lac run as bin/lac.js: the bundle ${cacheFresh ? "with its code cache" : "WITHOUT a code cache (lac.bundle.cache missing or older than the bundle)"}.`);

    await floorOfTheRatio(bench, forecast, { bare: bareMedian, help: median(help.ms) });
  },
};

/**
 * Times the forecast command in this process, its files read and its output dropped: the first
 * run (the bundle loaded beforehand with require, so compiled without its code cache, and the
 * command's module loaded in the run) and the warmed runs.
 */
async function floorOfTheRatio(bench, forecast, startUp) {
  const { runCli } = require(BUNDLE);
  let errors = "";
  const quiet = { out: () => undefined, err: (text) => (errors += text) };
  const times = [];
  for (let run = 0; run < IN_PROCESS_RUNS; run++) {
    const started = process.hrtime.bigint();
    const code = await runCli(forecast, quiet);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (code !== 0) throw new Error(`lac forecast failed in the bench's process (exit code ${code}): ${errors}`);
  }
  const warm = median(times.slice(-WARM_RUNS));
  bench.record("lac forecast's own work in one process, first run (compiled without the code cache; loads the command)", { ms: times[0], peakMb: null });
  bench.record(`lac forecast's own work in one process, warmed (median of runs ${IN_PROCESS_RUNS - WARM_RUNS + 1}–${IN_PROCESS_RUNS})`, { ms: warm, peakMb: null });
  const floor = startUp.help + warm;
  bench.note(
    `The floor under the ratio: lac forecast --help's ${startUp.help.toFixed(0)} ms (Node, the bundle, the command) plus the forecast's own work at its warmed ` +
      `speed, ${warm.toFixed(0)} ms, make ${floor.toFixed(0)} ms, ${(floor / startUp.bare).toFixed(2)}× node -e 1: what a whole process would take if every ` +
      `function ran optimised from its first call. The rest of lac forecast's time is V8 running the forecast's code before it has compiled and optimised ` +
      `it, which each new process pays again. All in-process runs, ms: ${times.map((ms) => ms.toFixed(0)).join(", ")}.`,
  );
}
