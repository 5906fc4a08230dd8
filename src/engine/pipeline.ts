/**
 * The one input pipeline (docs/pipeline.md; the layers in docs/developers.md): from the tables a source hands over
 * (a workbook's tables, CSV files, a function's ranges) to what every figure is computed from.
 * Refresh, the pane's presets, `lac costs`, `lac forecast`, `lac backtest` and the functions all
 * come through here, so each rule has one place:
 *
 * 1. read each table with its reader, counting rows in, used, rejected (readInputs);
 * 2. combine the returns: each child's header row from the latest YEAR of return, the earlier
 *    ones counted as superseded, not rejected (latestReturnOnly); a date of birth after the
 *    child's first episode, or after the data's last date, is rejected (checkBirthDates);
 * 3. clean the episodes once into the episode ledger (ledger.ts), each rule counting its rows.
 */

import { ChildNumbers, numberChildren } from "./childNumbers";
import { Child, Episode, UASC_FIELDS, checkBirthDates, childReading, episodeReader, readChildren, readEpisodes } from "./episodes";
import { INPUT_KINDS, InputKind } from "./inputs";
import { EpisodeLedger, LedgerRule, buildEpisodeLedger } from "./ledger";
import { PlacementTypeOverrides, readPlacementTypeOverrides } from "./placementGroups";
import { PlacementReview, readPlacementReviews } from "./placementReview";
import { ReadResult, RowIssue, TableReading, readRows } from "./quality";
import { Scenario, readScenarios } from "./scenarios";
import { Cell, ColumnMapping, Table, TableBatches, TableError, cellNumber, cellText, isBlankRow, normaliseHeader, resolveColumns, rowNumberOf } from "./table";
import { UnitCostTable, readUnitCosts } from "./unitCosts";
import type { CostOptions } from "./costs";
import { nationalUnitCostTable } from "./nationalUnitCosts";
import { BudgetLine, readBudget } from "./variance";
import { Day } from "./dates";
import { EngineLines, budgetLinesWithForecasts } from "./figures";
import { dataStartFromYears } from "./forecast/dataStart";
import { collectionYearOfEpisode, placeCodeIssue } from "./codes";
import { BenchmarkRow, readBenchmarks } from "./benchmarks";

/** One input as a source found it: its table, or why there is none. */
export interface InputSource {
  kind: InputKind;
  /** Where it was found (`table "Episodes" on sheet "Data"`, a file's path), or null when not found. */
  label: string | null;
  table: Table | null;
  /** Why the input could not be read (named in the settings but not there, or unreadable). */
  problem: string | null;
}

/** One input table as the pipeline read it: rows in = rows used + rows rejected + rows superseded. */
export interface InputCount {
  /** The input's role, e.g. "Episodes", "Budget". */
  table: string;
  source: string | null;
  rowsIn: number;
  rowsUsed: number;
  rowsRejected: number;
  /** Header rows of a child that a later return replaces (not a fault). */
  rowsSuperseded: number;
  /** "Read", "Not found (optional)", "Could not read: …". */
  status: string;
}

export interface PipelineOptions {
  mappings?: Partial<Record<InputKind, ColumnMapping>>;
  /**
   * Cost what neither WEEKLY_COST nor the Unit costs table costs from the national card
   * (nationalUnitCosts.ts), and say so wherever it counts; true unless false.
   */
  nationalUnitCosts?: boolean;
  /** Budget lines whose forecast outturn the engine supplies (their blank FORECAST is then no fault). */
  engineLines?: EngineLines;
}

/** Everything the engine computes from, read and cleaned once. */
export interface EngineInputs {
  ledger: EpisodeLedger;
  /** False when no Episodes table could be read (as against one with no rows). */
  hasEpisodes: boolean;
  unitCosts?: UnitCostTable;
  nationalUnitCosts?: UnitCostTable;
  overrides?: PlacementTypeOverrides;
  /** Null when the input was not found or could not be read. */
  budget: BudgetLine[] | null;
  /** The budget lines whose forecast outturn the engine supplies: the setting applied to the Budget's lines, once, here. */
  engineForecastLines: string[];
  scenarios: Scenario[] | null;
  /** The Placement review table's planned changes; null when the input was not found or could not be read. */
  reviews: PlacementReview[] | null;
  /** The Benchmarks table's rows (docs/method/neighbours.md); null when the input was not found or could not be read. */
  benchmarks: BenchmarkRow[] | null;
  /** Children flagged UASC by the UASC table or column; null when neither was given. */
  uascChildren: number | null;
  /** The latest DECOM or DEC in the ledger. */
  lastDate: Day | null;
  /** The data's first day as the open model dates stacked returns: 1 April of (earliest YEAR − 1); null without a YEAR column. */
  dataStart: Day | null;
  issues: RowIssue[];
  counts: InputCount[];
  sources: Readonly<Record<InputKind, InputSource>>;
}

const SUPERSEDED_RULE = {
  rule: "superseded by a later return",
  description: "header rows of a child who has a row in a later YEAR of return (or later in the same return), left out",
};

/** Where every figure's weekly costs come from: WEEKLY_COST, else the council's unit costs, else the national card. */
export function costSourcesOf(inputs: EngineInputs): CostOptions {
  return { unitCosts: inputs.unitCosts, nationalUnitCosts: inputs.nationalUnitCosts, overrides: inputs.overrides };
}

/** Sources given by kind; a kind not given is not found. */
export function sourcesOf(given: Partial<Record<InputKind, Table | null>>, label: (kind: InputKind) => string | null = (kind) => kind): Record<InputKind, InputSource> {
  return Object.fromEntries(
    INPUT_KINDS.map((kind) => {
      const table = given[kind] ?? null;
      return [kind, { kind, label: table === null ? null : label(kind), table, problem: null }];
    }),
  ) as Record<InputKind, InputSource>;
}

export function runPipeline(sources: Readonly<Record<InputKind, InputSource>>, options: PipelineOptions = {}): EngineInputs {
  const reading = new InputReading();
  const mapping = mappingOf(options, "Episodes");
  const table = sources.Episodes.table;
  const years = table === null ? null : new ReturnYears(yearColumnOf(table, mapping));
  const episodes = reading.read(sources.Episodes, (t) => readEpisodes(t, mapping));
  if (table !== null) years?.add(table);
  return afterEpisodes(sources, options, reading, episodes, years);
}

/** The inputs a source hands over in batches as it reads them: the episodes, and optionally the children. */
export interface InputBatches {
  Episodes: TableBatches;
  Children?: TableBatches;
}

/**
 * The pipeline over an Episodes table handed over in batches as its source reads it (a CSV file
 * of millions of episodes): each batch goes through the same reader as a whole table would and
 * is dropped, so the rows are never all held; the counts, issues and figures are a whole
 * table's. So are the children when handed over in batches (childrenOfBatches). The other
 * inputs are read as runPipeline reads them, and then let go of: the tables of `sources` are
 * set to null once read, the children's before the episodes are read, so that the caller,
 * holding none itself, never keeps a large children table beside the episodes. The results,
 * counts and issues are runPipeline's (a test compares them).
 */
export async function runPipelineOnBatches(
  sources: Readonly<Record<InputKind, InputSource>>,
  batches: InputBatches,
  options: PipelineOptions = {},
): Promise<EngineInputs> {
  // The children (and UASC) are read before the episodes stream, and their tables let go of:
  // a large return's children table is never held beside its episodes.
  const uasc = readUasc(sources, options);
  const children = batches.Children === undefined ? childrenOfTable(sources.Children.table, uasc.table, options) : await childrenOfBatches(batches.Children, uasc.table, options);
  const people: People = { uasc: uasc.tally, ...children };
  for (const kind of ["Children", "UASC"] as const) sources[kind].table = null;
  const reading = new InputReading();
  const mapping = mappingOf(options, "Episodes");
  let tally = new InputTally<Episode>(batchByBatch(episodeReader(mapping)));
  let years: ReturnYears | null = null;
  await batches.Episodes.read(
    (batch) => {
      years ??= new ReturnYears(yearColumnOf(batch, mapping));
      tally.add(batch);
      years.add(batch);
    },
    () => {
      tally = new InputTally<Episode>(batchByBatch(episodeReader(mapping)));
      years = null;
    },
  );
  const episodes = reading.record(sources.Episodes, tally);
  return afterEpisodes(sources, options, reading, episodes, years, people, true);
}

function mappingOf(options: PipelineOptions, kind: InputKind): ColumnMapping {
  return options.mappings?.[kind] ?? {};
}

/** Everything after reading the episodes: the other inputs, combining the returns, the ledger. */
function afterEpisodes(
  sources: Readonly<Record<InputKind, InputSource>>,
  options: PipelineOptions,
  reading: InputReading,
  episodes: ReadResult<Episode> | null,
  years: ReturnYears | null,
  people: People = readPeople(sources, options),
  letGoOfTables = false,
): EngineInputs {
  const episodeRecords = episodes?.records ?? ([] as Episode[]);
  const read = readOtherInputs(sources, options, reading, episodeRecords, people);
  // Read, the tables are let go of on the batch path: a large return's children table is not held beside its ledger.
  if (letGoOfTables) for (const kind of INPUT_KINDS) sources[kind].table = null;
  const childRecords: Child[] = read.children?.records ?? [];
  const ledger = buildEpisodeLedger(episodeRecords, childRecords, read.childNumbers);
  const lastDate = ledger.lastDate;
  // Pushed one by one: a large return may hold more of them than a call takes arguments.
  for (const issue of placeCodesOfTheirYear(ledger.episodes, lastDate)) reading.issues.push(issue);
  const superseded: LedgerRule = { ...SUPERSEDED_RULE, rowsTouched: read.superseded.length, rows: read.superseded };
  ledger.rules.unshift(superseded);
  reading.counts.sort((a, b) => INPUT_KINDS.indexOf(a.table as InputKind) - INPUT_KINDS.indexOf(b.table as InputKind));
  return {
    ledger,
    hasEpisodes: episodes !== null,
    unitCosts: read.unitCosts ? new UnitCostTable(read.unitCosts.records) : undefined,
    nationalUnitCosts: options.nationalUnitCosts === false ? undefined : nationalUnitCostTable(),
    overrides: read.overrides?.overrides,
    budget: read.budget?.records ?? null,
    engineForecastLines: read.budget?.engineForecastLines ?? [],
    scenarios: read.scenarios?.records ?? null,
    reviews: read.reviews?.records ?? null,
    benchmarks: read.benchmarks?.records ?? null,
    uascChildren: read.uasc !== null || read.uascColumn ? childRecords.filter((c) => c.uasc).length : null,
    lastDate,
    dataStart: years === null ? null : years.dataStart(reading.issues),
    issues: reading.issues,
    counts: reading.counts,
    sources,
  };
}

/**
 * The UASC and Children tables read by their readers, not yet counted: what the children's own
 * episodes say of their dates of birth is checked once the episodes are read (readOtherInputs).
 */
interface People {
  uasc: InputTally<string> | null;
  children: InputTally<Child> | null;
  superseded: number[];
  uascColumn: boolean;
}

function readPeople(sources: Readonly<Record<InputKind, InputSource>>, options: PipelineOptions): People {
  const uasc = readUasc(sources, options);
  return { uasc: uasc.tally, ...childrenOfTable(sources.Children.table, uasc.table, options) };
}

/** The UASC table read, and the table itself once read (its children are flagged in the children's records). */
function readUasc(sources: Readonly<Record<InputKind, InputSource>>, options: PipelineOptions): { tally: InputTally<string> | null; table: Table | undefined } {
  const table = sources.UASC.table;
  const tally = table === null ? null : InputTally.of<string, ReadResult<string>>(table, (t) => readUascRows(t, mappingOf(options, "UASC")));
  return { tally, table: tally !== null && tally.failure === null ? (table as Table) : undefined };
}

function childrenMappingOf(options: PipelineOptions): ColumnMapping {
  return { ...mappingOf(options, "UASC"), ...mappingOf(options, "Children") };
}

/** The children of a whole table: each child's row of the latest return (latestReturnOnly), read by their reader. */
function childrenOfTable(table: Table | null, uascTable: Table | undefined, options: PipelineOptions): Omit<People, "uasc"> {
  if (table === null) return { children: null, superseded: [], uascColumn: false };
  const latest = latestReturnOnly(table, mappingOf(options, "Children"));
  return {
    children: InputTally.of<Child, ReadResult<Child>>(latest.table, (t) => readChildren(t, uascTable, childrenMappingOf(options))),
    superseded: latest.superseded,
    uascColumn: resolvesUasc(latest.table, mappingOf(options, "Children")),
  };
}

/**
 * The children of a table handed over in batches (a CSV file), read batch by batch and never
 * held whole (docs/pipeline.md): a child repeated in a later batch is found as in a whole table.
 * A table that stacks several returns (a YEAR column) is gathered whole and read as
 * childrenOfTable reads it, as each child's latest row is known only at the table's end.
 */
async function childrenOfBatches(batches: TableBatches, uascTable: Table | undefined, options: PipelineOptions): Promise<Omit<People, "uasc">> {
  const mapping = mappingOf(options, "Children");
  // What the batches so far give: the first batch (its headers), and the children read or the stacked table's rows gathered.
  type Gathered = { rows: Cell[][]; issues: RowIssue[]; rowsRejected: number };
  type Read = { first: Table; tally: InputTally<Child> } | { first: Table; stacked: Gathered };
  let read: Read | null = null;
  await batches.read(
    (batch) => {
      read ??=
        yearColumnOf(batch, mapping) >= 0
          ? { first: batch, stacked: { rows: [], issues: [], rowsRejected: 0 } }
          : { first: batch, tally: new InputTally<Child>(childReading(uascTable, childrenMappingOf(options))) };
      if ("tally" in read) {
        read.tally.add(batch);
        return;
      }
      // Pushed one by one: a batch may hold more rows than a call takes arguments.
      for (const row of batch.rows) read.stacked.rows.push(row);
      for (const issue of batch.report?.issues ?? []) read.stacked.issues.push(issue);
      read.stacked.rowsRejected += batch.report?.rowsRejected ?? 0;
    },
    () => {
      read = null;
    },
  );
  // Set in the callbacks, which the compiler does not follow.
  const done = read as Read | null;
  if (done === null) return { children: null, superseded: [], uascColumn: false };
  if ("stacked" in done) {
    const { rows, issues, rowsRejected } = done.stacked;
    return childrenOfTable({ headers: done.first.headers, rows, firstRowNumber: done.first.firstRowNumber, report: { issues, rowsRejected } }, uascTable, options);
  }
  return { children: done.tally, superseded: [], uascColumn: resolvesUasc(done.first, mapping) };
}

/** Every input but the episodes, each read with its reader (what is read, not the tables it came from). */
function readOtherInputs(
  sources: Readonly<Record<InputKind, InputSource>>,
  options: PipelineOptions,
  reading: InputReading,
  episodes: readonly Episode[],
  people: People,
) {
  const mapping = (kind: InputKind) => mappingOf(options, kind);
  const uasc = reading.record(sources.UASC, people.uasc);
  // A date of birth the child's own episodes contradict is rejected, so no age is worked out from it.
  // The episodes' children are numbered once, against the children as read, for that check and the ledger (childNumbers.ts).
  let childNumbers: ChildNumbers | undefined;
  people.children?.refine((children) => checkBirthDates(children, episodes, (childNumbers = numberChildren(episodes, children.records))));
  const children = reading.record(sources.Children, people.children, people.superseded.length);
  return {
    uasc,
    children,
    childNumbers,
    superseded: people.superseded,
    uascColumn: people.uascColumn,
    unitCosts: reading.read(sources["Unit costs"], (t) => readUnitCosts(t, mapping("Unit costs"))),
    overrides: reading.read(sources["Placement types"], (t) => readPlacementTypeOverrides(t, mapping("Placement types"))),
    budget: reading.read(sources.Budget, (t) => budgetLinesWithForecasts(readBudget(t, mapping("Budget")), options.engineLines)),
    scenarios: reading.read(sources.Scenarios, (t) => readScenarios(t, mapping("Scenarios"))),
    reviews: reading.read(sources["Placement review"], (t) => readPlacementReviews(t, mapping("Placement review"))),
    benchmarks: reading.read(sources.Benchmarks, (t) => readBenchmarks(t, mapping("Benchmarks"))),
  };
}

/** The index of the returns' YEAR column (by its name or the mapping's), or -1 without one. */
function yearColumnOf(table: Table, mapping: ColumnMapping): number {
  return table.headers.findIndex((header) => normaliseHeader(header) === normaliseHeader(mapping.YEAR ?? "YEAR"));
}

/**
 * Placement codes change between collection years (codes.ts): each episode's PLACE is read
 * against the list of the return it last appears in, the year of its last day in care (for an
 * open episode, of the data's last date). A code that year does not list is noted on its row;
 * the episode is still costed under the code's placement type.
 */
function placeCodesOfTheirYear(episodes: readonly Episode[], lastDate: Day | null): RowIssue[] {
  if (lastDate === null) return [];
  const issues: RowIssue[] = [];
  // A return holds a few dozen codes over a few years: each code's reading in each year is worked out once.
  const readings = new Map<string, Map<number, string | null>>();
  for (const e of episodes) {
    const year = collectionYearOfEpisode(e.end, lastDate);
    let byYear = readings.get(e.place);
    if (byYear === undefined) readings.set(e.place, (byYear = new Map()));
    let reason = byYear.get(year);
    if (reason === undefined) byYear.set(year, (reason = placeCodeIssue(e.place, year)));
    if (reason !== null) issues.push({ table: "Episodes", row: e.row, column: "PLACE", action: "noted", reason });
  }
  return issues;
}

/**
 * Stacked returns carry the collection YEAR on each episode row: the data starts on 1 April of
 * (earliest YEAR − 1). A YEAR that is not a year is reported on its row and not counted. Fed the
 * Episodes table whole or batch by batch.
 */
class ReturnYears {
  private readonly years = new Set<number>();
  private readonly issues: RowIssue[] = [];

  /** `yearColumn` −1: the episodes have no YEAR column, and the data start is not dated from them. */
  constructor(private readonly yearColumn: number) {}

  add(table: Table): void {
    const yearColumn = this.yearColumn;
    if (yearColumn < 0) return;
    table.rows.forEach((row, index) => {
      if (isBlankRow(row)) return;
      const year = cellNumber(row[yearColumn]);
      if (year === null) return;
      if (year === "invalid" || !Number.isInteger(year) || year < 1900 || year > 9999) {
        this.issues.push({ table: "Episodes", row: rowNumberOf(table, index), column: "YEAR", action: "corrected", reason: `YEAR "${cellText(row[yearColumn])}" is not a year: not used to date the data` });
        return;
      }
      this.years.add(year);
    });
  }

  /** The data's first day, or null without a YEAR column; the YEARs that are not years go to `issues`. */
  dataStart(issues: RowIssue[]): Day | null {
    if (this.yearColumn < 0) return null;
    for (const issue of this.issues) issues.push(issue);
    return dataStartFromYears(this.years);
  }
}

/** Counts and issues of every reader run, in the order of INPUT_KINDS. */
class InputReading {
  readonly issues: RowIssue[] = [];
  readonly counts: InputCount[] = [];

  /** Runs a reader over an input; a table without the columns it needs is one issue and every row rejected. */
  read<T, R extends ReadResult<T>>(input: InputSource, reader: (table: Table) => R, superseded = 0): R | null {
    return this.record(input, input.table === null ? null : InputTally.of<T, R>(input.table, reader), superseded);
  }

  /** Counts an input read (whole, or batch by batch), or not found when there is no tally; its result, or null. */
  record<T, R extends ReadResult<T>>(input: InputSource, tally: InputTally<T, R> | null, superseded = 0): R | null {
    const optional = input.kind !== "Episodes" && input.kind !== "Children";
    if (tally === null) {
      const status = input.problem !== null ? `Could not read: ${input.problem}` : optional ? "Not found (optional)" : "Not found";
      this.counts.push({ table: input.kind, source: input.label, rowsIn: 0, rowsUsed: 0, rowsRejected: 0, rowsSuperseded: 0, status });
      return null;
    }
    if (tally.failure !== null) {
      const rows = tally.nonBlankRows + tally.parsedRejected;
      this.issues.push({ table: input.kind, row: tally.failure.headerRow, action: "rejected", reason: `${tally.failure.message}: no row of this table was used` });
      this.counts.push({ table: input.kind, source: input.label, rowsIn: rows, rowsUsed: 0, rowsRejected: rows, rowsSuperseded: 0, status: `Could not read: ${tally.failure.message}` });
      return null;
    }
    const result = tally.result();
    for (const issue of tally.issues()) this.issues.push(issue);
    this.counts.push({
      table: input.kind,
      source: input.label,
      rowsIn: result.rowsIn + tally.parsedRejected + superseded,
      rowsUsed: result.rowsIn - result.rowsRejected,
      rowsRejected: result.rowsRejected + tally.parsedRejected,
      rowsSuperseded: superseded,
      status: "Read",
    });
    return result;
  }
}

/**
 * A reader of whole tables run over batches whose results add up (records, issues, rows in and
 * rejected): only for a reader whose rows do not depend on one another (readEpisodes). A single
 * batch gives the reader's own result.
 */
function batchByBatch<T, R extends ReadResult<T>>(reader: (table: Table) => R): TableReading<R> {
  let last: R | null = null;
  let batches = 0;
  const records: T[] = [];
  const issues: RowIssue[] = [];
  let rowsIn = 0;
  let rowsRejected = 0;
  return {
    read: (table) => {
      const result = reader(table);
      last = result;
      batches += 1;
      // Pushed one by one: a batch of a large file may hold more of them than a call takes arguments.
      for (const record of result.records) records.push(record);
      for (const issue of result.issues) issues.push(issue);
      rowsIn += result.rowsIn;
      rowsRejected += result.rowsRejected;
    },
    result: () => (batches === 1 && last !== null ? last : { ...(last ?? ({} as R)), records, issues, rowsIn, rowsRejected }),
  };
}

/**
 * One input read by its reader, whole or batch by batch, with what the source said of its rows
 * (a CSV line it could not split): the result is one run over the whole table's. A table
 * without the columns the reader needs is a failure, every row of it then counted.
 */
class InputTally<T, R extends ReadResult<T> = ReadResult<T>> {
  failure: { message: string; headerRow: number } | null = null;
  nonBlankRows = 0;
  parsedRejected = 0;
  private readonly parsedIssues: RowIssue[] = [];
  private refined: R | null = null;

  constructor(private readonly reading: TableReading<R>) {}

  /** A whole table read by its reader. */
  static of<T, R extends ReadResult<T>>(table: Table, reader: (table: Table) => R): InputTally<T, R> {
    const tally = new InputTally<T, R>(batchByBatch<T, R>(reader));
    tally.add(table);
    return tally;
  }

  add(table: Table): void {
    const parsed = table.report ?? { issues: [], rowsRejected: 0 };
    this.parsedRejected += parsed.rowsRejected;
    if (this.failure === null) {
      try {
        this.reading.read(table);
        for (const issue of parsed.issues) this.parsedIssues.push(issue);
        return;
      } catch (error) {
        if (!(error instanceof TableError)) throw error;
        this.failure = { message: error.message, headerRow: rowNumberOf(table, 0) - 1 };
      }
    }
    this.nonBlankRows += table.rows.filter((row) => !isBlankRow(row)).length;
  }

  /**
   * Replaces the result by `refine` of it, as if the reader had been `refine` after it: for the
   * children, whose dates of birth are checked against their episodes once those are read.
   */
  refine(refine: (result: R) => R): void {
    if (this.failure === null) this.refined = refine(this.result());
  }

  /** What one run over the whole table gives. */
  result(): R {
    return this.refined ?? this.reading.result();
  }

  /** The source's issues and the reader's, by row (the source's first on a row). */
  issues(): RowIssue[] {
    return [...this.parsedIssues, ...this.result().issues].sort((a, b) => a.row - b.row);
  }
}

/** The UASC table's children, counted like the other readers count (a row without CHILD is rejected). */
function readUascRows(table: Table, mapping: ColumnMapping): ReadResult<string> {
  const col = resolveColumns(table.headers, UASC_FIELDS, mapping);
  return readRows(table, "UASC", (cells, row) => {
    const child = cellText(cells[col.CHILD]);
    return child === "" ? row.reject("CHILD", "CHILD is blank") : child;
  });
}

function resolvesUasc(table: Table, mapping: ColumnMapping): boolean {
  return table.headers.some((h) => normaliseHeader(h) === normaliseHeader(mapping.UASC ?? "UASC"));
}

/**
 * Stacked returns hold one header row per child per YEAR: the latest YEAR's row is the child's
 * (a later row wins a tie). The others are blanked, not removed, so that row numbers in messages
 * still match the source, and listed as superseded. Without a YEAR column nothing changes here.
 */
export function latestReturnOnly(table: Table, mapping: ColumnMapping = {}): { table: Table; superseded: number[] } {
  const yearColumn = yearColumnOf(table, mapping);
  if (yearColumn < 0) return { table, superseded: [] };
  let childColumn: number;
  try {
    childColumn = resolveColumns(table.headers, [{ name: "CHILD", required: true, synonyms: UASC_FIELDS[0].synonyms }], mapping).CHILD;
  } catch (error) {
    if (error instanceof TableError) return { table, superseded: [] };
    throw error;
  }
  const yearOf = (row: readonly Cell[]) => {
    const year = cellNumber(row[yearColumn]);
    return typeof year === "number" ? year : -Infinity;
  };
  const latestRow = new Map<string, number>();
  table.rows.forEach((row, index) => {
    if (isBlankRow(row)) return;
    const child = cellText(row[childColumn]);
    if (child === "") return;
    const best = latestRow.get(child);
    if (best === undefined || yearOf(row) >= yearOf(table.rows[best])) latestRow.set(child, index);
  });
  const superseded: number[] = [];
  const rows = table.rows.map((row, index) => {
    const child = cellText(row[childColumn]);
    if (isBlankRow(row) || child === "" || latestRow.get(child) === index) return row;
    superseded.push(rowNumberOf(table, index));
    return row.map(() => null);
  });
  return { table: { ...table, rows }, superseded };
}
