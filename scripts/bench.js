#!/usr/bin/env node
/**
 * The benchmark (`npm run bench`, which builds dist/node first): runs each module in
 * scripts/bench/*.js in a Node process of its own, so that the peak memory reported for a bench
 * (process.resourceUsage().maxRSS) is that bench's alone, and prints the figures with their
 * targets beside them. It asserts nothing and never fails on a slow figure: speed and memory are
 * read by people, not by the test suite. `node scripts/bench.js costs` runs only the modules whose
 * file name contains "costs".
 *
 * Bench module contract (scripts/bench/<name>.js, CommonJS):
 *
 *   module.exports = {
 *     title: "Costs",                          // heading of the bench's table
 *     async run(bench) { ... },                // the bench itself
 *   };
 *
 * `bench` offers:
 *   bench.note(text)        a line printed under the table: what was measured, on which data, how.
 *   await bench.time(label, fn, options?)
 *                           runs `await fn()` and records its wall time and the process's peak RSS
 *                           after it, plus how much that peak rose during fn. options:
 *                             target: { ms?: number, mb?: number }  printed beside the figures,
 *                                       with whether they are met (ms: time, mb: peak RSS);
 *                             runs: n   runs fn n times and reports the first run and the median
 *                                       of the others (n ≥ 2), for code that warms up;
 *                             per: { count: number, unit: string }  also prints time per item.
 *                           Returns what the first run of fn returned.
 *   bench.record(label, { ms, peakMb, target?, per? })
 *                           records a figure measured some other way, e.g. a whole `lac` process
 *                           run by the bench (scripts/bench/process.cjs): its time and its own peak RSS.
 *   bench.gc()              a full garbage collection (children run with --expose-gc), before a
 *                           timed step, so that the step does not pay for its set-up's garbage.
 *
 * Untimed set-up (generating data, loading modules) belongs outside bench.time. Modules require
 * the compiled code in dist/node (tsc -p tsconfig.node.json), never the TypeScript sources.
 */

"use strict";

const { fork } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const BENCH_DIR = path.join(__dirname, "bench");

function peakRssMb() {
  return process.resourceUsage().maxRSS / 1024;
}

/** What a bench module is given: records timings in its own process. */
class Recorder {
  constructor() {
    this.rows = [];
    this.notes = [];
  }

  note(text) {
    this.notes.push(text);
  }

  record(label, { ms, peakMb, target = null, per = null }) {
    this.rows.push({ label, ms, target, peakMb, riseMb: null, per });
  }

  gc() {
    if (typeof global.gc === "function") global.gc();
  }

  async time(label, fn, options = {}) {
    const runs = Math.max(1, options.runs ?? 1);
    const peakBefore = peakRssMb();
    const timings = [];
    let firstResult;
    for (let i = 0; i < runs; i++) {
      const started = process.hrtime.bigint();
      const result = await fn();
      timings.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (i === 0) firstResult = result;
    }
    const peakAfter = peakRssMb();
    const row = { label, ms: timings[0], target: options.target ?? null, peakMb: peakAfter, riseMb: peakAfter - peakBefore, per: options.per ?? null };
    this.rows.push(row);
    if (runs > 1) {
      const rest = timings.slice(1).sort((a, b) => a - b);
      const median = rest[Math.floor((rest.length - 1) / 2)];
      row.label = `${label} (first run)`;
      this.rows.push({ ...row, label: `${label} (median of next ${rest.length})`, ms: median, riseMb: null });
    }
    return firstResult;
  }
}

async function runChild(file) {
  const bench = require(file);
  const recorder = new Recorder();
  const started = process.hrtime.bigint();
  const title = bench.title ?? path.basename(file);
  let report;
  try {
    await bench.run(recorder);
    report = { title, rows: recorder.rows, notes: recorder.notes, peakMb: peakRssMb(), wallMs: Number(process.hrtime.bigint() - started) / 1e6 };
  } catch (error) {
    report = { title, error: error && error.stack ? error.stack : String(error) };
  }
  // The open IPC channel would keep this process alive: close it once the report is sent.
  process.send(report, () => process.disconnect());
}

function runInChild(file) {
  return new Promise((resolve) => {
    let report = null;
    const child = fork(__filename, ["--child", file], { execArgv: ["--expose-gc"], stdio: ["inherit", "inherit", "inherit", "ipc"] });
    child.on("message", (message) => {
      report = message;
    });
    child.on("exit", (code, signal) => {
      resolve(report ?? { title: path.basename(file), error: `the bench process ended (${signal ?? `exit code ${code}`}) without a report` });
    });
  });
}

function formatMs(ms) {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  if (ms >= 0.1) return `${ms.toFixed(2)} ms`;
  if (ms >= 0.001) return `${(ms * 1000).toFixed(2)} µs`;
  return `${(ms * 1e6).toFixed(0)} ns`;
}

function formatMb(mb) {
  return mb >= 1024 ? `${(mb / 1024).toFixed(2)} GB` : `${mb.toFixed(0)} MB`;
}

function targetText(target) {
  if (!target) return "";
  const parts = [];
  if (target.ms !== undefined) parts.push(`≤ ${formatMs(target.ms)}`);
  if (target.mb !== undefined) parts.push(`≤ ${formatMb(target.mb)}`);
  return parts.join(", ");
}

function metText(row) {
  if (!row.target) return "";
  const timeMet = row.target.ms === undefined || row.ms <= row.target.ms;
  const memoryMet = row.target.mb === undefined || row.peakMb <= row.target.mb;
  return timeMet && memoryMet ? "yes" : "NO";
}

function table(headers, rows, rightAligned) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (rightAligned[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function printReport(report) {
  console.log(`\n${report.title}`);
  if (report.error) {
    console.log(`  the bench failed: ${report.error}`);
    return;
  }
  const rows = report.rows.map((row) => [
    row.label,
    formatMs(row.ms),
    row.per ? `${formatMs(row.ms / row.per.count)} / ${row.per.unit}` : "",
    targetText(row.target),
    metText(row),
    row.peakMb === null ? "" : formatMb(row.peakMb),
    row.riseMb === null ? "" : `+${formatMb(row.riseMb)}`,
  ]);
  console.log(
    table(["Measurement", "Time", "Per item", "Target", "Met", "Peak RSS", "Peak rise"], rows, [false, true, true, false, false, true, true]),
  );
  for (const note of report.notes) console.log(`  ${note}`);
  console.log(`  (whole bench process: ${formatMs(report.wallMs)}, peak RSS ${formatMb(report.peakMb)})`);
}

async function main() {
  const filter = process.argv[2];
  const files = fs
    .readdirSync(BENCH_DIR)
    .filter((name) => name.endsWith(".js") && (!filter || name.includes(filter)))
    .sort()
    .map((name) => path.join(BENCH_DIR, name));
  if (files.length === 0) {
    console.error(`no bench module in ${BENCH_DIR}${filter ? ` matches "${filter}"` : ""}`);
    process.exitCode = 2;
    return;
  }
  const cpu = os.cpus()[0];
  console.log(
    `LAC Cost Engine benchmark: Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} × ${cpu ? cpu.model.trim() : "CPU"}, ` +
      `${formatMb(os.totalmem() / 1024 / 1024)} memory`,
  );
  console.log("Figures, not assertions: each bench runs in its own process; Peak RSS is that process's peak so far (set-up included).");
  for (const file of files) printReport(await runInChild(file));
}

if (process.argv[2] === "--child") {
  runChild(process.argv[3]).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  main();
}
