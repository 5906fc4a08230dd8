/**
 * The pane's refresh engine (docs/task-pane-worker.md): the pure part of a refresh (pipeline,
 * engine, report sheets) runs in a Web Worker, so that the pane and the custom functions, which
 * share its thread, answer while it computes. Office.js stays on this thread: the pane reads the
 * workbook, sends the worker plain data, and writes the sheets it gets back.
 *
 * Where there is no Worker (jest, Node, an old host) or the worker cannot start, the same
 * messages go to the same engine in this thread. Cancelling ends the worker at once.
 */

import { ComputedRefresh, RefreshCancelled, RefreshEngine, RefreshJob } from "../reports/refresh";
import { FromEngine, ResultReceiver, ToEngine, jobMessages, serveRefreshEngine } from "./engineProtocol";

/**
 * The worker's script, beside the page: webpack.config.js builds src/taskpane/engine.worker.ts
 * into it (entry "engine-worker"), and the page's Content-Security-Policy allows it (worker-src 'self').
 */
export const ENGINE_WORKER_SCRIPT = "engine-worker.js";

/** One run's line to an engine: in a worker or in this thread. */
export interface EngineChannel {
  post(message: ToEngine): void;
  /** Set before the first post: each of the engine's messages, or the reason the engine stopped without one. */
  listen(onMessage: (message: FromEngine) => void, onBroken: (reason: string) => void): void;
  /** Ends the engine; nothing more arrives. */
  close(): void;
}

/** The engine in this thread, through the same messages (not copied: nothing crosses a thread). */
export function inThreadChannel(): EngineChannel {
  let deliver: (message: FromEngine) => void = () => undefined;
  let closed = false;
  const handle = serveRefreshEngine((message) => {
    if (!closed) deliver(message);
  });
  return {
    post: (message) => handle(message),
    listen: (onMessage) => {
      deliver = onMessage;
    },
    close: () => {
      closed = true;
    },
  };
}

/** The engine in a new Web Worker. */
export function workerChannel(script: string = ENGINE_WORKER_SCRIPT): EngineChannel {
  const worker = new Worker(script);
  return {
    post: (message) => worker.postMessage(message),
    listen: (onMessage, onBroken) => {
      worker.onmessage = (event: MessageEvent<FromEngine>) => onMessage(event.data);
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        onBroken(event.message || "the engine's worker could not start");
      };
      worker.onmessageerror = () => onBroken("a message from the engine's worker could not be read");
    },
    close: () => worker.terminate(),
  };
}

/** A turn for the page between two messages: clicks, timers and the custom functions run in it. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A job on its way to the engine. The pane keeps it until the engine first answers (a worker
 * that cannot start gets it again, in this thread), then lets it go: its rows are the engine's
 * from then on, and the pane's heap, which its garbage collector walks while the worker
 * computes, no longer holds them (docs/task-pane-worker.md).
 */
export interface JobHandover {
  job: RefreshJob | null;
}

class EngineBroken extends Error {}

/**
 * Posts the job's messages, with a turn for the page between two, until `ended` says the run is
 * over. It reads the job from the handover and keeps it no longer than it sends.
 */
async function sendJob(channel: EngineChannel, handover: JobHandover, ended: () => boolean): Promise<void> {
  if (handover.job === null) throw new Error("the refresh's job was already handed over");
  for (const message of jobMessages(handover.job)) {
    if (ended()) return;
    channel.post(message);
    await nextTurn();
  }
}

/**
 * Sends the job over the channel, a block at a time with a turn for the page between blocks, and
 * gathers the answer. The handover lets go of the job at the engine's first answer. When
 * `signal` aborts, the channel is closed and the run rejects with RefreshCancelled.
 */
export async function runOverChannel(channel: EngineChannel, handover: JobHandover, onStep: (step: string) => void, signal?: AbortSignal): Promise<ComputedRefresh> {
  const receiver = new ResultReceiver(onStep);
  let cancel: () => void = () => undefined;
  const answer = new Promise<ComputedRefresh>((resolve, reject) => {
    // The run's end closes the channel, ending the worker.
    cancel = () => reject(new RefreshCancelled());
    channel.listen(
      (message) => {
        handover.job = null;
        try {
          const computed = receiver.accept(message);
          if (computed !== null) resolve(computed);
        } catch (error) {
          reject(error);
        }
      },
      (reason) => reject(new EngineBroken(reason)),
    );
  });
  if (signal?.aborted) cancel();
  signal?.addEventListener("abort", cancel);
  try {
    // Whatever ends the run first (an answer, a failure, a cancel) ends the sending too.
    let ended = false;
    void answer.catch(() => undefined).finally(() => (ended = true));
    await sendJob(channel, handover, () => ended);
    return await answer;
  } finally {
    signal?.removeEventListener("abort", cancel);
    channel.close();
  }
}

/** Whether this page can start a Web Worker. */
function workersAvailable(): boolean {
  return typeof Worker !== "undefined";
}

/**
 * The pane's engine: a new worker per refresh (ended when it answers or is cancelled), or, where
 * there is none or it cannot start, the same engine in this thread. The job goes into a handover
 * at once, so that nothing here holds it after the engine has answered.
 */
export const paneEngine: RefreshEngine = (job, onStep, signal) => runInPane({ job }, onStep, signal);

async function runInPane(handover: JobHandover, onStep: (step: string) => void, signal?: AbortSignal): Promise<ComputedRefresh> {
  if (!workersAvailable()) return runOverChannel(inThreadChannel(), handover, onStep, signal);
  try {
    return await runOverChannel(workerChannel(), handover, onStep, signal);
  } catch (error) {
    // A worker that broke after it answered has the job: the refresh fails with its reason.
    if (!(error instanceof EngineBroken) || handover.job === null) throw error;
    console.warn(`The refresh's worker could not start (${error.message}): computing in the pane instead.`);
    return runOverChannel(inThreadChannel(), handover, onStep, signal);
  }
}
