/**
 * What every command shares: where its output goes, and the one kind of error it raises for the
 * user. Commands write through the program's commander output configuration, so `runCli` can
 * capture output in tests and `lac` sends it to the terminal.
 */

import { Command } from "commander";

export interface CliIo {
  /** Standard output: results. */
  out(text: string): void;
  /** Standard error: messages about problems. */
  err(text: string): void;
}

/** Exit codes: 1 when the input files are wrong or unreadable, 2 when the command line itself is. */
export const EXIT_DATA = 1;
export const EXIT_USAGE = 2;

/** A problem the user can fix, reported as one line on stderr with the given exit code; never a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_DATA,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** The output of a command, as `runCli` (or the terminal) configured it on the program. */
export function outputOf(command: Command): CliIo {
  const output = command.configureOutput();
  const write = (writer: ((text: string) => void) | undefined, stream: NodeJS.WriteStream) =>
    writer ?? ((text: string) => void stream.write(text));
  return { out: write(output.writeOut, process.stdout), err: write(output.writeErr, process.stderr) };
}
