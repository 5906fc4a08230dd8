/**
 * Refresh report, as the pane's button and the ribbon's command both run it: the reports'
 * refreshReports over the open workbook, with the settings saved in it.
 *
 * The pane and the ribbon are separate bundles on the one shared-runtime page, each with its own
 * copy of this module, so the refresh in progress and its latest outcome live on the page's
 * global object: a click on the ribbon while the pane refreshes (or the other way round) joins
 * the run in progress instead of writing the same sheets twice at once, and the pane shows the
 * progress and the outcome of a refresh the ribbon started. Only plain data goes on the board,
 * never an object whose class one bundle would not recognise.
 */

import { RefreshCancelled, RefreshProgress, RefreshSummary, refreshReports, rowsReadLine } from "../reports/refresh";
import { OfficeWorkbook } from "../workbook/office/officeWorkbook";
import type { WorkbookPort } from "../workbook/port";
import { paneEngine } from "./engineClient";
import { userMessage } from "./errors";
import type { Notice } from "./notices";

export type RefreshOrigin = "pane" | "ribbon";

export type RefreshState =
  | { status: "idle" }
  | { status: "running"; origin: RefreshOrigin; progress: RefreshProgress }
  | { status: "done"; origin: RefreshOrigin; summary: RefreshSummary }
  | { status: "failed"; origin: RefreshOrigin; message: string }
  | { status: "cancelled"; origin: RefreshOrigin };

interface RefreshBoard {
  state: RefreshState;
  running: Promise<RefreshSummary> | null;
  /** Cancels the refresh in progress (until it starts writing). */
  cancel: AbortController | null;
  events: EventTarget;
}

const STATE_EVENT = "refresh-state";

function board(): RefreshBoard {
  const holder = globalThis as typeof globalThis & { lacRefreshBoard?: RefreshBoard };
  holder.lacRefreshBoard ??= { state: { status: "idle" }, running: null, cancel: null, events: new EventTarget() };
  return holder.lacRefreshBoard;
}

function publish(state: RefreshState): void {
  const refreshBoard = board();
  refreshBoard.state = state;
  refreshBoard.events.dispatchEvent(new Event(STATE_EVENT));
}

export function refreshState(): RefreshState {
  return board().state;
}

/** Calls `listener` after each change of the refresh state; returns the function that stops it. */
export function onRefreshState(listener: () => void): () => void {
  const { events } = board();
  events.addEventListener(STATE_EVENT, listener);
  return () => events.removeEventListener(STATE_EVENT, listener);
}

/**
 * Rebuilds every report sheet. `port` is the pane's workbook (the ribbon's is a new
 * OfficeWorkbook); while a refresh runs, another call returns the same run.
 */
export function runRefresh(origin: RefreshOrigin, port: WorkbookPort = new OfficeWorkbook()): Promise<RefreshSummary> {
  const refreshBoard = board();
  if (refreshBoard.running) return refreshBoard.running;
  const cancel = new AbortController();
  publish({ status: "running", origin, progress: { step: "Starting", done: 0, total: 1, phase: "reading" } });
  const run = refreshReports(port, {}, (progress) => publish({ status: "running", origin, progress }), { engine: paneEngine, signal: cancel.signal })
    .then(
      (summary) => {
        publish({ status: "done", origin, summary });
        return summary;
      },
      (error: unknown) => {
        publish(error instanceof RefreshCancelled ? { status: "cancelled", origin } : { status: "failed", origin, message: userMessage(error) });
        throw error;
      },
    )
    .finally(() => {
      refreshBoard.running = null;
      refreshBoard.cancel = null;
    });
  refreshBoard.running = run;
  refreshBoard.cancel = cancel;
  return run;
}

/**
 * Stops the refresh in progress, whoever started it, if it has not begun writing: the engine's
 * worker is ended and no sheet is changed. The refresh then rejects with RefreshCancelled.
 */
export function cancelRefresh(): void {
  board().cancel?.abort();
}

/** Whether the refresh in progress can still be cancelled: it has not begun writing the sheets. */
export function cancellable(state: RefreshState): boolean {
  return state.status === "running" && (state.progress.phase === "reading" || state.progress.phase === "computing");
}

/** Rows read, used and rejected, in words. */
export function rowsLine(summary: RefreshSummary): string {
  return `${rowsReadLine(summary)}${summary.counts.rowsRejected > 0 ? " (see LAC Data Quality)" : ""}.`;
}

/** The outcome of a refresh in a few words, for the pane's notice after a ribbon refresh. */
export function refreshNotice(summary: RefreshSummary): Notice {
  const written = summary.written.map((w) => w.sheet);
  const rebuilt = written.length > 0 ? `Rebuilt ${written.join(", ")}. ` : "";
  if (summary.failed.length === 0) {
    return { intent: "success", title: "Report refreshed", message: `${rebuilt}${rowsLine(summary)}` };
  }
  const problems = summary.failed.map(
    (f) => `${f.sheet}: ${f.message}${f.suggestedName ? ` (the Refresh report section can write it as "${f.suggestedName}")` : ""}`,
  );
  return {
    intent: "warning",
    title: `Report refreshed, except ${summary.failed.length === 1 ? "one sheet" : `${summary.failed.length} sheets`}`,
    message: `${rebuilt}Not rebuilt: ${problems.join("; ")}`,
  };
}
