/**
 * The page's main thread as Chromium's own tracing sees it (the DevTools protocol's Tracing
 * domain): each task the thread ran, with its wall time and its thread time, the time it was
 * actually on a core. A timer's gaps measure wall time, which a busy machine stretches while the
 * thread waits for a core; thread time counts only the page's own work (docs/task-pane-worker.md).
 */

import * as fs from "fs";
import type { Page } from "playwright-core";

/** One task of the page's main thread, in the page's own clock (performance.now(), ms). */
export interface MainThreadTask {
  start: number;
  wall: number;
  /** Thread time: how long the task ran on a core. */
  cpu: number;
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  /** Microseconds, on the tracing clock. */
  ts: number;
  dur?: number;
  tdur?: number;
}

/** A mark the page sets, to find its main thread in the trace and to set the trace's clock to the page's. */
const CLOCK_MARK = "lac-main-thread-clock";

/**
 * Starts recording the page's main thread; the function returned stops and gives its tasks.
 * Only the categories needed are traced ("toplevel" holds each task, "blink.user_timing" the mark),
 * so that recording costs the page next to nothing.
 */
export async function recordMainThread(page: Page): Promise<() => Promise<MainThreadTask[]>> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  await cdp.send("Tracing.start", { traceConfig: { includedCategories: ["toplevel", "blink.user_timing"], recordMode: "recordContinuously" } });
  const markedAt = await page.evaluate((name) => performance.mark(name).startTime, CLOCK_MARK);
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once("Tracing.tracingComplete", () => resolve()));
    await cdp.send("Tracing.end");
    await complete;
    await cdp.detach();
    const mark = events.find((e) => e.name === CLOCK_MARK && e.cat.includes("blink.user_timing"));
    if (mark === undefined) throw new Error("the trace holds no mark from the page: its main thread cannot be told apart");
    return events
      .filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.name === "ThreadControllerImpl::RunTask" && e.ph === "X")
      .map((e) => ({ start: markedAt + (e.ts - mark.ts) / 1000, wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? 0) / 1000 }));
  };
}

/** For each gap between two ticks of a timer: its length in wall time, and the thread time the page's own tasks took in it. */
export function gapsBetweenTicks(ticks: readonly number[], tasks: readonly MainThreadTask[]): { at: number; wall: number; ownWork: number }[] {
  const sorted = [...tasks].sort((a, b) => a.start - b.start);
  let next = 0;
  return ticks.slice(1).map((tick, i) => {
    const from = ticks[i];
    while (next < sorted.length && sorted[next].start < from) next += 1;
    let ownWork = 0;
    for (let j = next; j < sorted.length && sorted[j].start < tick; j += 1) ownWork += sorted[j].cpu;
    return { at: from, wall: tick - from, ownWork };
  });
}

/**
 * How busy the machine's cores were from now until the function returned is called, as a
 * fraction of all of them (Linux's /proc/stat), or null where there is no /proc/stat. Wall-time
 * figures mean little without it: the tests share the machine.
 */
export function machineLoad(): () => { busy: number; cores: number } | null {
  const read = () => (fs.existsSync(PROC_STAT) ? fs.readFileSync(PROC_STAT, "utf8").split("\n") : null);
  const before = read();
  return () => {
    const after = read();
    if (before === null || after === null) return null;
    /** user nice system idle iowait irq softirq steal, in clock ticks, over all cores. */
    const ticks = (lines: string[]) => lines[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const [was, now] = [ticks(before), ticks(after)];
    const spent = now.map((n, i) => n - was[i]);
    const total = spent.reduce((a, b) => a + b, 0);
    const idle = spent[3] + spent[4];
    return { busy: total > 0 ? (total - idle) / total : 0, cores: after.filter((line) => /^cpu\d+ /.test(line)).length };
  };
}

const PROC_STAT = "/proc/stat";
