/**
 * Files for the command line: CSV tables read as a stream (a large episode file is never held as
 * one string), and every file written atomically, whole or not at all (see AtomicFile). Every
 * failure becomes a CliError that names the file.
 */

import { isAscii } from "buffer";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Papa from "papaparse";
import { Transform } from "stream";
import {
  CsvDecoder,
  CsvEncoding,
  CsvError,
  CsvOptions,
  CsvTable,
  CsvTableBuilder,
  LineLengthGuard,
  NotUtf8Error,
  decodeCsv,
  detectCsvEncoding,
  papaConfig,
  writeCsv,
} from "../workbook/csv";
import { Cell, TableBatches } from "../engine/table";
import { CliError, EXIT_USAGE } from "./io";

const READ_CHUNK_BYTES = 256 * 1024;

/**
 * Reads a CSV file into a table (see parseCsv), streaming it through the parser chunk by chunk
 * (a file of up to a megabyte in one piece).
 * UTF-8, UTF-16 (with a byte-order mark) and Windows-1252 files are all read (csv.ts's
 * CsvDecoder): a file that proves not to be UTF-8 part way through is read again from the start
 * as Windows-1252.
 */
export async function readCsvFile(path: string, options: CsvOptions = {}): Promise<CsvTable> {
  let builder = new CsvTableBuilder(options);
  await streamCsvFile(path, options, {
    records: (records, errors) => builder.add(records, errors),
    restart: () => (builder = new CsvTableBuilder(options)),
  });
  return fileErrorOf(path, () => builder.finish());
}

/**
 * A CSV file as batches of rows, handed on as they are parsed (see TableBatches): a file of
 * millions of episodes goes through the pipeline without its rows ever being held all at once.
 * Each batch is one chunk of the file; a file with no header line is refused as readCsvFile does.
 */
export function csvFileBatches(path: string, options: CsvOptions = {}): TableBatches {
  return {
    read: async (take, restart) => {
      // The reader of the batches shares the texts it keeps (episodeReader): the rows are not shared here.
      let builder = new CsvTableBuilder(options, false);
      let taken = false;
      // The first batch goes on even without rows, so that a file of headers alone is still checked for its columns.
      const handOn = () => {
        const batch = builder.takeBatch();
        if (batch !== null && (!taken || batch.rows.length > 0 || batch.report.issues.length > 0)) {
          taken = true;
          take(batch);
        }
        return batch;
      };
      await streamCsvFile(path, options, {
        records: (records, errors) => {
          builder.add(records, errors);
          handOn();
        },
        restart: () => {
          builder = new CsvTableBuilder(options, false);
          taken = false;
          restart();
        },
      });
      // Before the header line there is no batch: finish() says why the file cannot be read.
      if (handOn() === null) fileErrorOf(path, () => builder.finish());
    },
  };
}

/** Where a stream of parsed records goes; `restart` when the file is read again from its start as Windows-1252. */
interface CsvSink {
  records(records: readonly string[][], errors: readonly Papa.ParseError[]): void;
  restart(): void;
}

/**
 * Files up to this size are read and parsed in one piece: for a return of a few thousand rows,
 * the streams cost more than the file (docs/benchmarks.md, "Start-up"), and holding it whole
 * costs little. Larger files stream.
 */
const WHOLE_FILE_BYTES = 1024 * 1024;

async function streamCsvFile(path: string, options: CsvOptions, sink: CsvSink): Promise<void> {
  const stats = checkReadable(path);
  try {
    // A pipe or a device (/dev/stdin) gives no size to go by: it streams.
    if (stats.isFile() && stats.size <= WHOLE_FILE_BYTES) {
      parseWholeCsvFile(path, options, sink);
      return;
    }
    const encoding = detectCsvEncoding(readHead(path));
    try {
      await parseCsvStream(path, encoding, options, sink);
    } catch (error) {
      if (!(error instanceof NotUtf8Error)) throw error;
      sink.restart();
      await parseCsvStream(path, "windows-1252", options, sink);
    }
  } catch (error) {
    throw fileError(path, error);
  }
}

function fileErrorOf<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw fileError(path, error);
  }
}

function readHead(file: string): Uint8Array {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(512);
    return head.subarray(0, fs.readSync(fd, head, 0, head.length, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/** The file as one piece of text, through the same decoding, line-length check and parser settings as a stream. */
function parseWholeCsvFile(file: string, options: CsvOptions, sink: CsvSink): void {
  const { text } = decodeCsv(fs.readFileSync(file));
  new LineLengthGuard(options.maxLineLength).check(text);
  const result = Papa.parse<string[]>(text, papaConfig(options));
  sink.records(result.data, result.errors);
}

/** Bytes that are all ASCII as text, else null (see CsvDecoder): Node reads them as Latin-1 in one copy. */
function asciiText(bytes: Uint8Array): string | null {
  return isAscii(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1") : null;
}

async function parseCsvStream(file: string, encoding: CsvEncoding, options: CsvOptions, sink: CsvSink): Promise<void> {
  const guard = new LineLengthGuard(options.maxLineLength);
  const decoder = new CsvDecoder(encoding, asciiText);
  const stream = fs.createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });
  // Text for the parser, checked line by line as it arrives, so an over-long line stops the
  // stream before more than one chunk of it is held.
  const text = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      try {
        const piece = decoder.decode(chunk);
        guard.check(piece);
        done(null, piece === "" ? undefined : piece);
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        const piece = decoder.decode(new Uint8Array(0), true);
        guard.check(piece);
        done(null, piece === "" ? undefined : piece);
      } catch (error) {
        done(error as Error);
      }
    },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      stream.on("error", reject);
      text.on("error", reject);
      Papa.parse<string[], NodeJS.ReadableStream>(stream.pipe(text), {
        ...papaConfig(options),
        chunk: (results) => sink.records(results.data, results.errors),
        complete: () => resolve(),
        error: (error) => reject(error),
      });
    });
  } finally {
    stream.destroy();
    text.destroy();
  }
}

/** What the file system says of the file, once it is known not to be a folder; a CliError naming it when it is missing or a folder. */
export function checkReadable(path: string): fs.Stats {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(path);
  } catch (error) {
    throw fileError(path, error);
  }
  if (stats.isDirectory()) throw new CliError(`${path}: is a folder, not a file`);
  return stats;
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

/*
 * Writing. Every file a command writes goes through AtomicFile: the bytes go to a temporary file
 * beside the target and replace it by a rename only once complete and flushed to disk, so a full
 * disk, an error or a kill leaves the previous file whole. A file being replaced keeps its mode
 * and owner; a symbolic link stays a link (the file it points to is replaced); a read-only file,
 * or a workbook Excel or LibreOffice has open, is refused rather than replaced under its user.
 */

/** Temporary files this process is writing, removed by whatever ends it early (see removeTemporaryFiles). */
const temporaryFiles = new Set<string>();
let temporaryCount = 0;

/** The lock files office programs keep beside a workbook they have open. */
const LOCK_FILES: readonly { program: string; name: (file: string) => string }[] = [
  { program: "Excel", name: (file) => `~$${file}` },
  { program: "LibreOffice", name: (file) => `.~lock.${file}#` },
];

/** Removes the temporary files of writes still under way: for the exit, signal and error paths. */
export function removeTemporaryFiles(): void {
  for (const file of temporaryFiles) fs.rmSync(file, { force: true });
  temporaryFiles.clear();
}

/**
 * Where a write to `file` lands: the file a symbolic link points to (so the link stays a link),
 * otherwise the name itself.
 */
function writeTarget(file: string): string {
  // A device or a pipe (/dev/stdout) is written as named: its real path may be no file at all.
  const stats = statOrNull(file);
  if (stats !== null && !stats.isFile()) return file;
  try {
    return fs.realpathSync(file);
  } catch {
    // A new file, or a link to one not made yet.
    try {
      if (fs.lstatSync(file).isSymbolicLink()) return path.resolve(path.dirname(file), fs.readlinkSync(file));
    } catch {
      // Nothing there yet.
    }
    return file;
  }
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw fileError(file, error);
  }
}

/** The office program that has `file` open, by the lock file it keeps beside it, and that lock file. */
function openBy(file: string): { program: string; lockFile: string } | null {
  for (const { program, name } of LOCK_FILES) {
    const lockFile = path.join(path.dirname(file), name(path.basename(file)));
    if (fs.existsSync(lockFile)) return { program, lockFile };
  }
  return null;
}

/** Refuses to replace a file its user cannot write, or one an office program has open. */
function checkReplaceable(shown: string, target: string): void {
  const open = openBy(shown) ?? openBy(target);
  if (open) {
    throw new CliError(
      `${shown} is open in ${open.program} (its lock file ${path.basename(open.lockFile)} is beside it), so it was not written: ` +
        `close it there and run lac again. If ${open.program} is not running, the lock file was left by a crash: delete ${open.lockFile}`,
    );
  }
  // Marked read-only (no write permission for anyone, as a read-only file on Windows), or not writable by this user.
  const readOnly = (fs.statSync(target).mode & 0o222) === 0 || !canWrite(target);
  if (readOnly) throw new CliError(`${shown} is read-only, so it was not written: make it writable, or write to another file`);
}

function canWrite(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether two names are the same file: the same file on disk when both exist (links included), else the same place. */
export function sameFile(a: string, b: string): boolean {
  const first = statOrNull(a);
  const second = statOrNull(b);
  if (first && second) return first.dev === second.dev && first.ino === second.ino;
  return path.resolve(writeTarget(a)) === path.resolve(writeTarget(b));
}

/**
 * Checks the files a command is asked to write (by option, e.g. "--out"), before it does any
 * work: none may be one of its input files (not even with --force), no two may be the same file,
 * and a file that exists is replaced only with --force, and only if it could be.
 */
export function checkOutputFiles(outputs: Readonly<Record<string, string | undefined>>, inputs: readonly (string | undefined)[], force: boolean): void {
  const checked: [string, string][] = [];
  for (const [option, file] of Object.entries(outputs)) {
    if (file === undefined) continue;
    const input = inputs.find((i) => i !== undefined && sameFile(i, file));
    if (input !== undefined) throw new CliError(`${option} ${file} is an input of this command (${input}): lac never writes over its input; choose another name`, EXIT_USAGE);
    const twin = checked.find(([, other]) => sameFile(other, file));
    if (twin) throw new CliError(`${option} and ${twin[0]} name the same file (${file}): choose two names`, EXIT_USAGE);
    checked.push([option, file]);
    const existing = statOrNull(writeTarget(file));
    if (existing === null) continue;
    if (existing.isDirectory()) throw new CliError(`${option} ${file}: is a folder, not a file`, EXIT_USAGE);
    // A device or a pipe (--out /dev/stdout) is written to, not replaced.
    if (!existing.isFile()) continue;
    if (!force) throw new CliError(`${option} ${file} already exists: choose another name, or add --force to replace it`, EXIT_USAGE);
    checkReplaceable(file, writeTarget(file));
  }
}

/** What tells one version of a file from the next: its size, time of change and identity on disk; null when there is none. */
export function fileVersion(file: string): string | null {
  const stats = statOrNull(writeTarget(file));
  return stats === null ? null : `${stats.size}:${stats.mtimeMs}:${stats.ino}`;
}

/** Checks, before the work, that a file refreshed in place could be replaced. */
export function checkWritableInPlace(file: string): void {
  const target = writeTarget(file);
  // A missing file is reported by the reading that follows.
  if (statOrNull(target)?.isFile()) checkReplaceable(file, target);
}

/**
 * A file written whole or not at all: `write` as often as needed, then `commit` to put it in
 * place, or `abandon`. Nothing is visible under the name until `commit`.
 */
export class AtomicFile {
  private readonly target: string;
  private readonly existing: fs.Stats | null;
  private readonly temporary: string | null;
  private fd: number | null;

  /** `modeOf`: a file whose mode and owner a new file takes (a backup takes its original's). */
  constructor(
    private readonly shown: string,
    private readonly modeOf: fs.Stats | null = null,
  ) {
    this.target = writeTarget(shown);
    this.existing = statOrNull(this.target);
    if (this.existing?.isDirectory()) throw new CliError(`${shown}: is a folder, not a file`);
    // A device or a pipe (/dev/stdout, a named pipe) has no previous version to keep: written directly.
    if (this.existing && !this.existing.isFile()) {
      this.temporary = null;
      this.fd = this.open(this.target, "w");
      return;
    }
    if (this.existing) checkReplaceable(shown, this.target);
    removeLeftovers(this.target);
    this.temporary = temporaryName(this.target);
    temporaryFiles.add(this.temporary);
    this.fd = this.open(this.temporary, "wx");
  }

  write(data: string | Uint8Array): void {
    try {
      const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      let written = 0;
      while (written < bytes.length) written += fs.writeSync(this.openFd(), bytes, written, bytes.length - written);
    } catch (error) {
      this.abandon();
      throw fileError(this.shown, error);
    }
  }

  /** Puts the file in place, replacing what was there (keeping its mode and owner). */
  commit(): void {
    this.finish(() => {
      fs.renameSync(this.temporary as string, this.target);
      return true;
    });
  }

  /** Puts the file in place only if no file has its name yet; false (and nothing written) when one has. */
  commitAsNew(): boolean {
    return this.finish(() => {
      try {
        // A hard link, unlike a rename, never replaces a file that is there.
        fs.linkSync(this.temporary as string, this.target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EEXIST") return false;
        // A file system without hard links (FAT, some network shares): checked, then renamed.
        if (!["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"].includes(code ?? "") || fs.existsSync(this.target)) throw error;
        fs.renameSync(this.temporary as string, this.target);
        return true;
      }
      fs.rmSync(this.temporary as string, { force: true });
      return true;
    });
  }

  abandon(): void {
    if (this.fd !== null) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // Already unusable: the file is removed below either way.
      }
      this.fd = null;
    }
    if (this.temporary !== null) {
      fs.rmSync(this.temporary, { force: true });
      temporaryFiles.delete(this.temporary);
    }
  }

  private finish(place: () => boolean): boolean {
    try {
      const fd = this.openFd();
      if (this.temporary === null) {
        fs.closeSync(fd);
        this.fd = null;
        return true;
      }
      fs.fsyncSync(fd);
      const model = this.existing ?? this.modeOf;
      if (model) keepModeAndOwner(this.shown, fd, model);
      fs.closeSync(fd);
      this.fd = null;
      // Excel may have opened the file while this one was being written.
      if (this.existing) checkReplaceable(this.shown, this.target);
      const placed = place();
      this.abandon();
      if (placed) syncFolder(path.dirname(this.target));
      return placed;
    } catch (error) {
      this.abandon();
      throw fileError(this.shown, error);
    }
  }

  private open(file: string, flags: string): number {
    try {
      return fs.openSync(file, flags, 0o666);
    } catch (error) {
      if (this.temporary !== null) temporaryFiles.delete(this.temporary);
      throw fileError(this.shown, error);
    }
  }

  private openFd(): number {
    if (this.fd === null) throw new Error(`${this.shown} is already closed`);
    return this.fd;
  }
}

/**
 * `.<name>.lac-<machine>-<pid>-<n>.tmp`: hidden, beside the target (a rename never crosses
 * disks), and traceable to the machine and process writing it.
 */
function temporaryName(target: string): string {
  temporaryCount += 1;
  return path.join(path.dirname(target), `.${path.basename(target)}.lac-${THIS_MACHINE}-${process.pid}-${temporaryCount}.tmp`);
}

/** This computer's name, as temporary file names carry it (letters and digits only). */
const THIS_MACHINE = os.hostname().replace(/[^A-Za-z0-9]/g, "") || "host";

/**
 * Removes the temporary files left in `target`'s folder by lac processes of this computer that
 * no longer run (killed outright, which no handler can clean up after): a later write tidies up
 * after them. Another computer's, on a shared folder, are left alone: its processes cannot be
 * seen from here.
 */
function removeLeftovers(target: string): void {
  const folder = path.dirname(target);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const [, machine, pid] = /^\..+\.lac-([A-Za-z0-9]+)-(\d+)-\d+\.tmp$/.exec(name) ?? [];
    if (machine !== THIS_MACHINE || pid === undefined) continue;
    if (Number(pid) !== process.pid && !isRunning(Number(pid))) fs.rmSync(path.join(folder, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Gives the new file the mode and owner of the one it replaces. */
function keepModeAndOwner(shown: string, fd: number, existing: fs.Stats): void {
  fs.fchmodSync(fd, existing.mode & 0o7777);
  if (process.platform === "win32" || typeof process.getuid !== "function") return;
  if (existing.uid === process.getuid() && existing.gid === process.getgid?.()) return;
  try {
    fs.fchownSync(fd, existing.uid, existing.gid);
  } catch {
    throw new CliError(`${shown} belongs to another user (or group), and replacing it would change its owner, so it was not written: write to another file`);
  }
}

/** Makes the rename itself durable; a folder that cannot be flushed (Windows) is left to the system. */
function syncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(folder, "r");
    fs.fsyncSync(fd);
  } catch {
    // Not supported here: the rename is still atomic.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** Writes a whole file atomically (see AtomicFile). */
export function writeFileAtomically(file: string, data: string | Uint8Array): void {
  const out = new AtomicFile(file);
  out.write(data);
  out.commit();
}

/** Copies `source` to `copy` whole or not at all, never over a file already there; false when `copy` exists. */
export function copyToNewFile(source: string, copy: string): boolean {
  if (fs.existsSync(copy)) return false;
  const out = new AtomicFile(copy, statOrNull(source));
  try {
    out.write(fs.readFileSync(source));
  } catch (error) {
    out.abandon();
    throw fileError(source, error);
  }
  return out.commitAsNew();
}

export function writeTextFile(file: string, text: string): void {
  writeFileAtomically(file, text);
}

/**
 * Writes a CSV file row by row in batches, for outputs too large to build as one string.
 * Call `rows` as often as needed, then `close`.
 */
export class CsvFileWriter {
  private readonly file: AtomicFile;
  private pending: Cell[][] = [];
  private static readonly BATCH_ROWS = 5000;

  constructor(path: string, headers: readonly string[]) {
    this.file = new AtomicFile(path);
    this.rows([headers]);
  }

  rows(rows: readonly (readonly Cell[])[]): void {
    for (const row of rows) this.pending.push(row as Cell[]);
    if (this.pending.length >= CsvFileWriter.BATCH_ROWS) this.flush();
  }

  /** Puts the whole file in place; until then nothing is visible under its name. */
  close(): void {
    this.flush();
    this.file.commit();
  }

  abandon(): void {
    this.file.abandon();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.file.write(writeCsv(this.pending));
    this.pending = [];
  }
}
