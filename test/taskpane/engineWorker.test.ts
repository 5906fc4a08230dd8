/**
 * The pane's engine in a Web Worker (docs/task-pane-worker.md), in Node: the messages survive
 * structured clone (the copy between threads) and give what the engine gives in this thread; a
 * worker that cannot start, or no Worker at all, falls back to this thread; Cancel ends the
 * worker and nothing is written. The browser test runs the real worker in Chromium.
 */

import { dayFromYmd } from "../../src/engine/dates";
import { sourcesOf } from "../../src/engine/pipeline";
import { generateSample } from "../../src/engine/sample";
import type { Cell, Table } from "../../src/engine/table";
import { REPORT_KEYS } from "../../src/reports/common";
import { RefreshCancelled, RefreshJob, computeRefresh, refreshReports } from "../../src/reports/refresh";
import { JobHandover, inThreadChannel, paneEngine, runOverChannel, workerChannel } from "../../src/taskpane/engineClient";
import { FromEngine, JobReceiver, ToEngine, jobMessages, serveRefreshEngine } from "../../src/taskpane/engineProtocol";
import { FakeWorkbook } from "../reports/fakeWorkbook";

const sample = generateSample({ children: 120, seed: 18, end: dayFromYmd(2024, 3, 31) });
const budget: Table = {
  headers: ["Budget line", "Budget", "Actual to date", "Forecast outturn"],
  rows: [["Placements", 9_000_000, 6_000_000, 9_100_000]],
};
const job = (): RefreshJob => ({
  sources: sourcesOf({ Episodes: sample.episodes, Children: sample.children, UASC: sample.uasc, "Unit costs": sample.unitCosts, Budget: budget }),
  settings: { forecast: { months: 12 } },
  saved: { issues: [{ table: "LAC Settings", row: 4, action: "rejected", reason: "not a setting" }], count: null },
});
const expected = computeRefresh(job());

/** What a worker does with each message: a copy by structured clone, delivered on a later turn. */
const crossThread = <T>(message: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(structuredClone(message)), 0));

type Listener<T> = ((event: { data: T }) => void) | null;

/** A Worker as the page sees one: it runs the engine's side of the protocol, every message copied both ways. */
class ClonedWorker {
  static started: ClonedWorker[] = [];
  onmessage: Listener<FromEngine> = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  readonly received: ToEngine[] = [];
  protected readonly engine = serveRefreshEngine((message) => void crossThread(message).then((data) => !this.terminated && this.onmessage?.({ data })));

  constructor(readonly script: string) {
    ClonedWorker.started.push(this);
  }

  postMessage(message: ToEngine): void {
    void crossThread(message).then((data) => {
      if (this.terminated) return;
      this.received.push(data);
      this.handle(data);
    });
  }

  protected handle(message: ToEngine): void {
    this.engine(message);
  }

  terminate(): void {
    this.terminated = true;
  }
}

/** A worker whose script cannot be loaded (refused by the page's policy, or missing). */
class UnloadableWorker extends ClonedWorker {
  constructor(script: string) {
    super(script);
    setTimeout(() => this.onerror?.({ message: `${script} could not be loaded`, preventDefault: () => undefined }), 0);
  }
  protected override handle(): void {}
}

/** A worker that takes the job and is still computing when the user cancels. */
class ComputingWorker extends ClonedWorker {
  static onRun: () => void = () => undefined;
  protected override handle(message: ToEngine): void {
    if (message.type === "run") ComputingWorker.onRun();
  }
}

function withWorker<T>(worker: typeof ClonedWorker | undefined, run: () => Promise<T>): Promise<T> {
  const global = globalThis as { Worker?: unknown };
  const before = global.Worker;
  global.Worker = worker;
  ClonedWorker.started = [];
  return run().finally(() => {
    global.Worker = before;
  });
}

describe("the messages between the pane and its engine", () => {
  it("send a table in blocks of rows, and put the job back together as it was", () => {
    const messages = [...jobMessages(job(), 50)];
    const episodes = messages.filter((m): m is Extract<ToEngine, { type: "rows" }> => m.type === "rows" && m.kind === "Episodes");
    expect(episodes.map((m) => m.rows.length)).toEqual(Array.from({ length: Math.ceil(sample.episodes.rows.length / 50) }, (_, i) => Math.min(50, sample.episodes.rows.length - i * 50)));
    expect(messages[messages.length - 1].type).toBe("run");
    const receiver = new JobReceiver();
    const rebuilt = messages.map((m) => receiver.accept(structuredClone(m))).find((j) => j !== null);
    expect(rebuilt).toEqual(job());
  });

  it("are plain data: each survives structured clone unchanged, both ways", () => {
    for (const message of jobMessages(job())) expect(structuredClone(message)).toEqual(message);
    const answers: FromEngine[] = [];
    const engine = serveRefreshEngine((m) => answers.push(m));
    for (const message of jobMessages(job())) engine(message);
    expect(answers.map((a) => a.type)).toEqual([...Array(2 + REPORT_KEYS.length).fill("step"), ...Array(REPORT_KEYS.length).fill("sheet"), "done"]);
    for (const answer of answers) expect(structuredClone(answer)).toEqual(answer);
  });

  it("say why the engine failed", async () => {
    const broken = job();
    const episodes = broken.sources.Episodes.table as Table;
    // A row that is not an array cannot be read by any reader: the engine throws, and says so.
    broken.sources.Episodes.table = { ...episodes, rows: [...episodes.rows, null as unknown as Cell[]] };
    const thrown = (() => {
      try {
        computeRefresh(broken);
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(thrown).toEqual(expect.any(String));
    await expect(runOverChannel(inThreadChannel(), { job: broken }, () => undefined)).rejects.toThrow(thrown);
    await expect(withWorker(ClonedWorker, () => paneEngine(broken, () => undefined))).rejects.toThrow(thrown);
    expect(() => new JobReceiver().accept({ type: "rows", kind: "Episodes", rows: [] })).toThrow("rows of Episodes arrived before the table");
  });
});

describe("the pane's engine", () => {
  it("in a worker gives what the engine gives in this thread, and reports each step", async () => {
    const steps: string[] = [];
    const computed = await withWorker(ClonedWorker, () => paneEngine(job(), (step) => steps.push(step)));
    expect(computed).toEqual(expected);
    expect(steps).toEqual(["Cleaning the inputs", "Running the engine", ...expected.built.map((b) => `Building ${b.sheet}`)]);
    const [worker] = ClonedWorker.started;
    expect(worker.script).toBe("engine-worker.js");
    expect(worker.received.filter((m) => m.type === "run")).toHaveLength(1);
    // Ended once it has answered: a worker per refresh.
    expect(worker.terminated).toBe(true);
  });

  it("lets go of the job once the engine answers: by the first step it shows, the pane holds no rows", async () => {
    const handover: JobHandover = { job: job() };
    const heldAtStep: boolean[] = [];
    const computed = await withWorker(ClonedWorker, () => runOverChannel(workerChannel(), handover, () => heldAtStep.push(handover.job !== null)));
    expect(computed).toEqual(expected);
    expect(heldAtStep).toEqual(Array(2 + REPORT_KEYS.length).fill(false));
    expect(handover.job).toBeNull();
  });

  it("runs in this thread where there is no Worker, or where the worker cannot start", async () => {
    const steps: string[] = [];
    await expect(withWorker(undefined, () => paneEngine(job(), (step) => steps.push(step)))).resolves.toEqual(expected);
    expect(steps).toHaveLength(2 + REPORT_KEYS.length); // cleaning, the engine, each sheet built
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    await expect(withWorker(UnloadableWorker, () => paneEngine(job(), () => undefined))).resolves.toEqual(expected);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^The refresh's worker could not start \(engine-worker.js could not be loaded\)/));
    warn.mockRestore();
  });

  it("cancelled while it computes: the worker is ended, the refresh stops and no sheet is written", async () => {
    const workbook = new FakeWorkbook()
      .addSheet("Episodes", [sample.episodes.headers, ...sample.episodes.rows])
      .addSheet("Children", [sample.children.headers, ...sample.children.rows]);
    const cancel = new AbortController();
    ComputingWorker.onRun = () => cancel.abort();
    const phases: string[] = [];
    const refresh = withWorker(ComputingWorker, () => refreshReports(workbook, {}, (p) => phases.push(p.phase), { engine: paneEngine, signal: cancel.signal }));
    await expect(refresh).rejects.toBeInstanceOf(RefreshCancelled);
    expect(ClonedWorker.started).toHaveLength(1);
    expect(ClonedWorker.started[0].terminated).toBe(true);
    expect(workbook.writes).toBe(0);
    expect(workbook.reports.size).toBe(0);
    expect(phases).not.toContain("writing");
  });

  it("cancelled while it reads: the engine never starts", async () => {
    const workbook = new FakeWorkbook().addSheet("Episodes", [sample.episodes.headers, ...sample.episodes.rows]);
    const cancel = new AbortController();
    const refresh = withWorker(ClonedWorker, () =>
      refreshReports(workbook, {}, (p) => p.step === "Reading Episodes" && cancel.abort(), { engine: paneEngine, signal: cancel.signal }),
    );
    await expect(refresh).rejects.toThrow("The refresh was cancelled: no sheet was changed");
    expect(ClonedWorker.started).toEqual([]);
    expect(workbook.writes).toBe(0);
  });
});
