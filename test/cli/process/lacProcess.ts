/** Runs `lac` as a program of its own, from the TypeScript sources, for what only a process shows: pipes, signals, kills. */

import { ChildProcess, spawn } from "child_process";
import * as path from "path";

const REPO = path.resolve(__dirname, "..", "..", "..");
const MAIN = path.join(REPO, "src", "cli", "main.ts");
const RUN_TYPESCRIPT = path.join(__dirname, "runTypeScript.cjs");
export const KILL_WHILE_WRITING = path.join(__dirname, "killWhileWriting.cjs");

export interface ProcessRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  /** More preload modules, e.g. KILL_WHILE_WRITING. */
  preload?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Called once the process has started, to act on it (close its stdout, send a signal). */
  whileRunning?: (child: ChildProcess) => void;
}

export function startLac(args: readonly string[], options: ProcessOptions = {}): { child: ChildProcess; done: Promise<ProcessRun> } {
  const preload = [RUN_TYPESCRIPT, ...(options.preload ?? [])].flatMap((file) => ["-r", file]);
  const child = spawn(process.execPath, [...preload, MAIN, ...args], { cwd: REPO, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stdout?.on("error", () => undefined);
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const done = new Promise<ProcessRun>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  options.whileRunning?.(child);
  return { child, done };
}

export function runLac(args: readonly string[], options: ProcessOptions = {}): Promise<ProcessRun> {
  return startLac(args, options).done;
}
