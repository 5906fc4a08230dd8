/**
 * The pane's Web Worker (docs/task-pane-worker.md): the pure part of a refresh, away from the
 * thread the pane and the custom functions share. It touches neither Office.js nor the page: it
 * takes the pane's messages and answers them (engineProtocol.ts). webpack.config.js builds it
 * into engine-worker.js.
 */

import { FromEngine, ToEngine, serveRefreshEngine } from "./engineProtocol";

/** What the worker uses of its global scope (the DOM's types describe a page, not a worker). */
interface EngineWorkerScope {
  postMessage(message: FromEngine): void;
  onmessage: ((event: MessageEvent<ToEngine>) => void) | null;
}

const scope = self as unknown as EngineWorkerScope;
const handle = serveRefreshEngine((message) => scope.postMessage(message));
scope.onmessage = (event) => handle(event.data);
