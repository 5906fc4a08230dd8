/**
 * The messages between the pane and its engine (docs/task-pane-worker.md): the pane sends the
 * inputs it read from the workbook and the settings in force; the engine answers with its steps,
 * each report sheet built, and the summary's figures. Both sides use this module: the pane
 * (engineClient.ts) to send the job and gather the answer, the Web Worker (engine.worker.ts) to
 * gather the job and answer it.
 *
 * Every message is plain data, as structured clone copies it between threads: arrays, strings,
 * numbers, booleans and null (dates are engine Days, whole numbers). A large table goes in blocks
 * of rows, one message each, so that no single copy holds the pane's thread for long.
 */

import type { InputKind } from "../engine/inputs";
import type { InputSource } from "../engine/pipeline";
import type { Cell, Table } from "../engine/table";
import { messageOf } from "../engine/messages";
import { BuiltSheet, ComputedRefresh, RefreshJob, computeRefresh } from "../reports/refresh";

/** Rows per message: a block copies in a few milliseconds, and 200,000 rows take 20 messages. */
export const ROWS_PER_MESSAGE = 10_000;

/** A table without its rows, which follow in `rows` messages. */
export type TableHead = Omit<Table, "rows">;

/** From the pane to the engine: each input, its rows in blocks, then the settings that start the run. */
export type ToEngine =
  | { type: "input"; kind: InputKind; label: string | null; problem: string | null; table: TableHead | null }
  | { type: "rows"; kind: InputKind; rows: Cell[][] }
  | { type: "run"; settings: RefreshJob["settings"]; saved: RefreshJob["saved"] };

/** The summary's figures, without the sheets (each came in its own message). */
export type ComputedFigures = Omit<ComputedRefresh, "built">;

/** From the engine to the pane: each step as it starts, each sheet built, then the figures (or why it failed). */
export type FromEngine =
  | { type: "step"; step: string }
  | { type: "sheet"; sheet: BuiltSheet }
  | { type: "done"; figures: ComputedFigures }
  | { type: "failed"; message: string };

/** The job as messages, in the order the engine expects them. */
export function* jobMessages(job: RefreshJob, rowsPerMessage: number = ROWS_PER_MESSAGE): Generator<ToEngine> {
  for (const source of Object.values(job.sources)) {
    const { kind, label, problem, table } = source;
    if (table === null) {
      yield { type: "input", kind, label, problem, table: null };
      continue;
    }
    const { rows, ...head } = table;
    yield { type: "input", kind, label, problem, table: head };
    for (let at = 0; at < rows.length; at += rowsPerMessage) yield { type: "rows", kind, rows: rows.slice(at, at + rowsPerMessage) };
  }
  yield { type: "run", settings: job.settings, saved: job.saved };
}

/** Puts a job back together from its messages: the whole job once `run` arrives, null before. */
export class JobReceiver {
  private sources: Partial<Record<InputKind, InputSource>> = {};

  accept(message: ToEngine): RefreshJob | null {
    switch (message.type) {
      case "input": {
        const { kind, label, problem, table } = message;
        this.sources[kind] = { kind, label, problem, table: table === null ? null : { ...table, rows: [] } };
        return null;
      }
      case "rows": {
        const table = this.sources[message.kind]?.table;
        if (!table) throw new Error(`rows of ${message.kind} arrived before the table`);
        for (const row of message.rows) table.rows.push(row);
        return null;
      }
      case "run": {
        const job: RefreshJob = { sources: this.sources as Record<InputKind, InputSource>, settings: message.settings, saved: message.saved };
        this.sources = {};
        return job;
      }
    }
  }
}

/**
 * The engine's side: answers each job with computeRefresh, posting its steps, then each sheet,
 * then the figures. Returns the function that takes the pane's messages.
 */
export function serveRefreshEngine(post: (message: FromEngine) => void): (message: ToEngine) => void {
  const receiver = new JobReceiver();
  return (message) => {
    try {
      const job = receiver.accept(message);
      if (job === null) return;
      const { built, ...figures } = computeRefresh(job, (step) => post({ type: "step", step }));
      for (const sheet of built) post({ type: "sheet", sheet });
      post({ type: "done", figures });
    } catch (error) {
      post({ type: "failed", message: messageOf(error) });
    }
  };
}

/** Gathers the engine's answer: the result once `done` arrives, null before; throws the engine's failure. */
export class ResultReceiver {
  private built: BuiltSheet[] = [];

  constructor(private readonly onStep: (step: string) => void) {}

  accept(message: FromEngine): ComputedRefresh | null {
    switch (message.type) {
      case "step":
        this.onStep(message.step);
        return null;
      case "sheet":
        this.built.push(message.sheet);
        return null;
      case "done":
        return { built: this.built, ...message.figures };
      case "failed":
        throw new Error(message.message);
    }
  }
}
