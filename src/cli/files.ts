/**
 * Files for the command line: CSV tables read as a stream (a large episode file is never held as
 * one string), and text written whole. Every failure becomes a CliError that names the file.
 */

import * as fs from "fs";
import Papa from "papaparse";
import { CsvError, CsvOptions, CsvTable, CsvTableBuilder, LineLengthGuard, papaConfig, writeCsv } from "../workbook/csv";
import { Cell } from "../engine/table";
import { CliError } from "./io";

const READ_CHUNK_BYTES = 1024 * 1024;

/** Reads a CSV file into a table (see parseCsv), streaming it through the parser chunk by chunk. */
export async function readCsvFile(path: string, options: CsvOptions = {}): Promise<CsvTable> {
  checkReadable(path);
  const guard = new LineLengthGuard(options.maxLineLength);
  const builder = new CsvTableBuilder(options);
  const stream = fs.createReadStream(path, { encoding: "utf8", highWaterMark: READ_CHUNK_BYTES });
  try {
    await new Promise<void>((resolve, reject) => {
      // Registered before the parser's own listener, so an over-long line stops the stream
      // before more than one chunk of it is held.
      stream.on("data", (chunk) => {
        try {
          guard.check(chunk as string);
        } catch (error) {
          stream.destroy(error as Error);
        }
      });
      Papa.parse<string[], NodeJS.ReadableStream>(stream, {
        ...papaConfig(options),
        chunk: (results) => builder.add(results.data, results.errors),
        complete: () => resolve(),
        error: (error) => reject(error),
      });
    });
    return builder.finish();
  } catch (error) {
    stream.destroy();
    throw fileError(path, error);
  }
}

function checkReadable(path: string): void {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(path);
  } catch (error) {
    throw fileError(path, error);
  }
  if (stats.isDirectory()) throw new CliError(`${path}: is a folder, not a file`);
}

/** A CliError naming the file, with the system's reason in words rather than an errno. */
export function fileError(path: string, error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof CsvError) return new CliError(`${path}: ${error.message}`);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === "ENOENT" ? "no such file" :
    code === "EACCES" || code === "EPERM" ? "permission denied" :
    code === "EISDIR" ? "is a folder, not a file" :
    code === "ENOTDIR" ? "a folder in the path is a file" :
    code === "ENOSPC" ? "the disk is full" :
    error instanceof Error ? error.message : String(error);
  return new CliError(`${path}: ${reason}`);
}

export function writeTextFile(path: string, text: string): void {
  try {
    fs.writeFileSync(path, text, "utf8");
  } catch (error) {
    throw fileError(path, error);
  }
}

/**
 * Writes a CSV file row by row in batches, for outputs too large to build as one string.
 * Call `rows` as often as needed, then `close`.
 */
export class CsvFileWriter {
  private readonly fd: number;
  private pending: Cell[][] = [];
  private static readonly BATCH_ROWS = 5000;

  constructor(
    private readonly path: string,
    headers: readonly string[],
  ) {
    try {
      this.fd = fs.openSync(path, "w");
    } catch (error) {
      throw fileError(path, error);
    }
    this.rows([headers]);
  }

  rows(rows: readonly (readonly Cell[])[]): void {
    for (const row of rows) this.pending.push(row as Cell[]);
    if (this.pending.length >= CsvFileWriter.BATCH_ROWS) this.flush();
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    try {
      fs.writeSync(this.fd, writeCsv(this.pending));
    } catch (error) {
      throw fileError(this.path, error);
    }
    this.pending = [];
  }
}
