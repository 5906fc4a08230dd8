/** `lac sample`: writes a synthetic SSDA903 dataset (episodes, header, UASC, unit costs) as CSV files. */

import * as fs from "fs";
import * as path from "path";
import { Command } from "commander";
import { DEFAULT_SAMPLE_END, SAMPLE_CHILD_HEADERS, SAMPLE_EPISODE_HEADERS, SAMPLE_UASC_HEADERS, SampleRowWriter, sampleChildren, sampleUnitCosts } from "../engine/sample";
import { formatIsoDate } from "../engine/dates";
import { writeCsv } from "../workbook/csv";
import { CliError, CliIo, EXIT_USAGE, outputOf } from "./io";
import { CsvFileWriter, fileError, writeTextFile } from "./files";
import { dateArgument, wholeNumberArgument } from "./arguments";
import { formatCount } from "./textTable";

export interface SampleCommandOptions {
  children: string;
  seed: string;
  out: string;
  start?: string;
  end?: string;
}

export const SAMPLE_FILES = { episodes: "episodes.csv", children: "header.csv", uasc: "uasc.csv", unitCosts: "unit-costs.csv" } as const;

/** The most children one run writes: about 3.5 million episodes, a file of some 400 MB. */
const MAX_CHILDREN = 1_600_000;

export function registerSampleCommand(program: Command): void {
  program
    .command("sample")
    .description("write a synthetic SSDA903 dataset with weekly costs (no real children) for trying the other commands")
    .requiredOption("--out <folder>", "folder for episodes.csv, header.csv, uasc.csv and unit-costs.csv (created if missing)")
    .option("--children <n>", "number of children", "1000")
    .option("--seed <n>", "any whole number; the same seed gives the same data", "1")
    .option("--end <date>", `last day of the data; episodes running past it are open (default ${formatIsoDate(DEFAULT_SAMPLE_END)})`)
    .option("--start <date>", "first day of the data (default five years before the end)")
    .action(async (options: SampleCommandOptions, command: Command) => runSample(options, outputOf(command)));
}

/** Children written between turns of the event loop, so that Ctrl+C is heard (and cleans up) during a long run. */
const CHILDREN_PER_TURN = 10_000;

export async function runSample(options: SampleCommandOptions, io: CliIo): Promise<void> {
  const children = wholeNumberArgument("--children", options.children, 1, MAX_CHILDREN);
  const seed = wholeNumberArgument("--seed", options.seed, -2_147_483_648, 4_294_967_295);
  const end = options.end === undefined ? undefined : dateArgument("--end", options.end);
  const start = options.start === undefined ? undefined : dateArgument("--start", options.start);
  if (start !== undefined && start > (end ?? DEFAULT_SAMPLE_END)) throw new CliError("--start: the start is after the end", EXIT_USAGE);
  try {
    fs.mkdirSync(options.out, { recursive: true });
  } catch (error) {
    throw fileError(options.out, error);
  }
  const file = (name: string) => path.join(options.out, name);

  const writer = new SampleRowWriter(seed);
  // Each file appears whole, or not at all, when the run ends.
  const writers: CsvFileWriter[] = [];
  const open = (name: string, headers: readonly string[]) => {
    const csv = new CsvFileWriter(file(name), headers);
    writers.push(csv);
    return csv;
  };
  let episodeCount = 0;
  let uascCount = 0;
  let openCount = 0;
  try {
    const episodes = open(SAMPLE_FILES.episodes, SAMPLE_EPISODE_HEADERS);
    const header = open(SAMPLE_FILES.children, SAMPLE_CHILD_HEADERS);
    const uasc = open(SAMPLE_FILES.uasc, SAMPLE_UASC_HEADERS);
    let written = 0;
    for (const sample of sampleChildren({ children, seed, start, end })) {
      episodes.rows(writer.episodeRows(sample));
      episodeCount += sample.episodes.length;
      openCount += sample.episodes.filter((e) => e.end === null).length;
      header.rows([writer.childRow(sample)]);
      const uascRow = writer.uascRow(sample);
      if (uascRow) {
        uasc.rows([uascRow]);
        uascCount += 1;
      }
      if (++written % CHILDREN_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    for (const csv of writers) csv.close();
  } catch (error) {
    for (const csv of writers) csv.abandon();
    throw error;
  }
  const unitCosts = sampleUnitCosts();
  writeTextFile(file(SAMPLE_FILES.unitCosts), writeCsv([unitCosts.headers, ...unitCosts.rows]));

  io.out(
    `Wrote a synthetic sample (seed ${seed}) to ${options.out}:\n` +
      `  ${SAMPLE_FILES.episodes}    ${formatCount(episodeCount)} episodes (${formatCount(openCount)} open)\n` +
      `  ${SAMPLE_FILES.children}      ${formatCount(children)} children\n` +
      `  ${SAMPLE_FILES.uasc}        ${formatCount(uascCount)} unaccompanied asylum-seeking children\n` +
      `  ${SAMPLE_FILES.unitCosts}  ${formatCount(unitCosts.rows.length)} weekly unit costs\n`,
  );
}
