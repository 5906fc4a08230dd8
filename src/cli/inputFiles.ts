/**
 * The input files of `lac costs`, `lac forecast` and `lac backtest`, read through the same port,
 * finding and pipeline as a workbook's tables (docs/pipeline.md): each file is one input.
 */

import * as fs from "fs";
import * as v8 from "v8";
import { INPUT_KINDS, InputKind } from "../engine/inputs";
import { EngineInputs, PipelineOptions, runPipeline, runPipelineOnBatches } from "../engine/pipeline";
import type { Table } from "../engine/table";
import { loadInputs } from "../reports/inputs";
import { TablesWorkbook } from "../workbook/tables/tablesWorkbook";
import { checkReadable, csvFileBatches, readCsvFile } from "./files";
import { CliError } from "./io";

/** The file given for each input, e.g. { Episodes: "episodes.csv", Children: "header.csv" }. */
export type InputFiles = Partial<Record<InputKind, string | undefined>>;

/** The options by which `lac costs`, `lac forecast` and `lac backtest` name their input files. */
export interface InputFileOptions {
  episodes: string;
  children: string;
  uasc?: string;
  unitCosts?: string;
  placementTypes?: string;
}

export function inputFilesOf(options: InputFileOptions): InputFiles {
  return { Episodes: options.episodes, Children: options.children, UASC: options.uasc, "Unit costs": options.unitCosts, "Placement types": options.placementTypes };
}

/**
 * Reads the files and runs them through the pipeline. The episodes file, which may hold millions
 * of rows, and with it the children file, are streamed through it batch by batch
 * (runPipelineOnBatches), never held whole; the others are read as tables. A file without a
 * column the engine needs is the file's fault, reported with its name; Episodes and Children
 * must be readable.
 */
export async function readInputFiles(files: InputFiles, options: PipelineOptions = {}): Promise<EngineInputs> {
  if (files.Episodes !== undefined) holdHeapCloseToWhatIsLive(files.Episodes);
  const given = Object.entries(files).filter((entry): entry is [InputKind, string] => entry[1] !== undefined);
  const streamed: readonly InputKind[] = files.Episodes === undefined ? [] : ["Episodes", "Children"];
  const tables = new Map<string, Table>();
  for (const [kind, path] of given) {
    // The children file, streamed, is read in the pipeline: one missing, or a folder, is still named before the files given after it, as when it was read here.
    if (!streamed.includes(kind)) tables.set(kind, await readCsvFile(path, { tableName: kind }));
    else if (kind !== "Episodes") checkReadable(path);
  }
  const kinds = INPUT_KINDS.filter((kind) => !streamed.includes(kind));
  const sources = await loadInputs(new TablesWorkbook(tables), { sources: Object.fromEntries(given.map(([kind]) => [kind, kind])) }, new Set(), {}, kinds);
  // Held by `sources` alone, which the pipeline lets go of once read (runPipelineOnBatches).
  tables.clear();
  for (const [kind, path] of given) sources[kind].label = path;
  const inputs =
    files.Episodes === undefined
      ? runPipeline(sources, options)
      : await runPipelineOnBatches(
          sources,
          {
            Episodes: csvFileBatches(files.Episodes, { tableName: "Episodes" }),
            Children: files.Children === undefined ? undefined : csvFileBatches(files.Children, { tableName: "Children" }),
          },
          options,
        );
  for (const [kind, path] of given) {
    const count = inputs.counts.find((c) => c.table === kind);
    if (count?.status.startsWith("Could not read")) throw new CliError(`${path}: ${count.status.replace(/^Could not read: /, "")}`);
  }
  return inputs;
}

/** An episodes file this large holds a few million episodes (a million take about 79 MB). */
const LARGE_EPISODES_FILE_BYTES = 200 * 1024 * 1024;

/**
 * For an episodes file of a few million episodes, lets the heap grow by at most 20% between full
 * garbage collections rather than V8's up to fourfold: reading 5 million episodes, with about
 * 1.2 GB live, otherwise lets what is no longer used (the children table once read, the file's
 * text) pile up to a peak of 2.7 GB in `lac costs` and `lac forecast` alike; so both stay under
 * 2 GB, for a tenth to a fifth more CPU (docs/benchmarks.md). A smaller file keeps V8's default,
 * which is faster. The flag only tunes when the collector runs.
 */
function holdHeapCloseToWhatIsLive(episodesFile: string): void {
  let bytes = 0;
  try {
    bytes = fs.statSync(episodesFile).size;
  } catch {
    // A file that cannot be read is reported by the reading.
  }
  if (bytes >= LARGE_EPISODES_FILE_BYTES) v8.setFlagsFromString("--heap-growing-percent=20");
}
