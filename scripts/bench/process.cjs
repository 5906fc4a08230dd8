/**
 * Whole processes for the benches: runs `node <args>` as a user would, timing it from spawn to
 * exit, and reads the process's own peak memory (maximum resident set size) and CPU time, which
 * it writes on exit through a tiny preload (peak-rss.cjs). CPU time varies less than wall time
 * on a machine shared with other work. A .cjs file, so that scripts/bench.js (which runs
 * every .js here) does not take it for a bench.
 */

"use strict";

const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const PEAK_FILE_VARIABLE = "LAC_BENCH_PEAK_RSS_FILE";
const PRELOAD = path.join(__dirname, "peak-rss.cjs");
/** The `lac` a user runs (package.json's "bin"): it starts the bundle `npm run build:node` writes. */
const LAC = path.join(__dirname, "..", "..", "bin", "lac.js");

/**
 * Runs node with `args`; resolves to { ms, cpuMs, peakMb, code, signal, stderr }. cpuMs and peakMb
 * are null when the process ended without writing them (killed, or out of memory). Output on stdout is read and dropped.
 */
function runNode(args, { measurePeak = true } = {}) {
  const peakFile = path.join(os.tmpdir(), `lac-bench-peak-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const execArgs = measurePeak ? ["-r", PRELOAD, ...args] : args;
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, execArgs, { env: { ...process.env, [PEAK_FILE_VARIABLE]: measurePeak ? peakFile : "" }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stdout.resume();
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code, signal) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let peakMb = null;
      let cpuMs = null;
      if (measurePeak && fs.existsSync(peakFile)) {
        const usage = JSON.parse(fs.readFileSync(peakFile, "utf8"));
        peakMb = usage.maxRSS / 1024;
        cpuMs = usage.cpu / 1000;
        fs.rmSync(peakFile, { force: true });
      }
      resolve({ ms, cpuMs, peakMb, code, signal, stderr });
    });
  });
}

/** Runs `lac <args>` as the installed `lac` and `npm run lac` do. */
function runLac(args, options) {
  return runNode([LAC, ...args], options);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

module.exports = { runNode, runLac, median };
