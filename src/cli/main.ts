#!/usr/bin/env node
/**
 * `lac`: the cost engine on CSV files, from a terminal or a scheduled job. Nothing here opens a
 * network connection; every input is a local file named on the command line.
 *
 * Each command lives in its own module and registers itself with a `register…(program)`
 * function listed in COMMANDS. Only the module of the command named on the command line is
 * loaded (all of them for `lac --help` or a name lac does not know): a `lac forecast` does not
 * pay for ExcelJS, which only refresh and example need (docs/benchmarks.md). A command writes
 * through `outputOf(command)` (io.ts) and reports
 * a problem the user can fix by throwing a CliError; `runCli` turns that into one line on stderr
 * and an exit code, never a stack trace.
 *
 * As a program, `lac` also guards how it ends: output piped into a reader that stops early
 * (`lac costs … | head -1`) is dropped quietly and the command finishes its work, and Ctrl+C
 * or a kill signal removes the temporary files of writes under way (files.ts) before exiting.
 */

import { Command, CommanderError } from "commander";
import { CliError, CliIo, EXIT_DATA, EXIT_USAGE } from "./io";
import { removeTemporaryFiles } from "./files";

type Register = (program: Command) => void;

/** The commands a module registers, and how to load it (at the time of use, so only the one run is loaded). */
const COMMANDS: readonly { names: readonly string[]; load: () => Promise<Register> }[] = [
  { names: ["costs"], load: async () => (await import("./costsCommand")).registerCostsCommand },
  { names: ["sample"], load: async () => (await import("./sampleCommand")).registerSampleCommand },
  { names: ["forecast", "backtest"], load: async () => (await import("./forecastCommand")).registerForecastCommands },
  { names: ["refresh"], load: async () => (await import("./refreshCommand")).registerRefreshCommand },
  { names: ["example"], load: async () => (await import("./exampleCommand")).registerExampleCommand },
];

/** Set once the reader of standard output has gone (EPIPE): what follows is dropped, as Unix tools do. */
let stdoutClosed = false;

const TERMINAL: CliIo = {
  out: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  err: (text) => void process.stderr.write(text),
};

/** Exit codes of the signals lac stops on: 128 + the signal's number, as shells report them. */
const STOP_SIGNALS: readonly [NodeJS.Signals, number][] = [
  ["SIGINT", 130],
  ["SIGTERM", 143],
  ["SIGHUP", 129],
];

/** For `lac` as a program: a closed pipe on stdout is not an error, and no way of stopping leaves a temporary file. */
function guardTheProcess(): void {
  process.stdout.on("error", () => {
    stdoutClosed = true;
  });
  for (const [signal, code] of STOP_SIGNALS) {
    process.on(signal, () => {
      removeTemporaryFiles();
      process.exit(code);
    });
  }
  process.on("exit", removeTemporaryFiles);
}

/**
 * The program with the command `name` registered, or every command when `name` is undefined or
 * not a command (so that help, and commander's message for an unknown command, list them all).
 */
export async function buildProgram(io: CliIo, name?: string): Promise<Command> {
  const program = new Command("lac")
    .description("LAC Cost Engine: placement costs for looked-after children, from SSDA903 CSV files")
    .showHelpAfterError("(run lac --help, or lac <command> --help, for the options)")
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  const named = COMMANDS.filter((command) => name !== undefined && command.names.includes(name));
  for (const command of named.length > 0 ? named : COMMANDS) (await command.load())(program);
  // program.command() copies these settings to a subcommand, but addCommand(new Command()) does not.
  const configure = (command: Command) => {
    command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
    command.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}

/** Runs `lac` with the arguments after the program name; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = TERMINAL): Promise<number> {
  try {
    const program = await buildProgram(io, argv[0]);
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help the user asked for).
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof CliError) {
      io.err(`error: ${error.message}\n`);
      return error.exitCode;
    }
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.err(`error: unexpected problem in lac (${detail}); please report it with the command you ran\n`);
    return EXIT_DATA;
  }
}

/** `lac` as a program: bin/lac.js calls it in the bundle (docs/developers.md, "The command line's build"). */
export function runAsProgram(): void {
  guardTheProcess();
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) runAsProgram();
