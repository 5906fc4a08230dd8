/**
 * Preloaded into a process a bench runs (node -r peak-rss.cjs …, see process.cjs): on exit it
 * writes the process's own peak RSS (KB) and CPU time (µs, user + system, every thread), as
 * JSON, to the file named by LAC_BENCH_PEAK_RSS_FILE.
 * Kept tiny, so that it adds nothing measurable to the process it measures.
 */

"use strict";

const file = process.env.LAC_BENCH_PEAK_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    require("fs").writeFileSync(file, JSON.stringify({ maxRSS: usage.maxRSS, cpu: usage.userCPUTime + usage.systemCPUTime }));
  });
}
