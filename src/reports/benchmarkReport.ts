/**
 * LAC Benchmark (docs/method/neighbours.md): the council's rate of children looked after per
 * 10,000 beside its statistical neighbours', the region's and England's; the children it would
 * look after at its neighbours' rate; its placement mix beside theirs, with a chart; and what
 * moving children from private to in-house provision to match each benchmark's mix would save.
 * It holds counts, rates and shares, never a child's record. Where an input is missing the sheet
 * says in a sentence what to add.
 */

import { BenchmarkComparison, BenchmarkMix, IN_HOUSE_CATEGORIES, MixMove, PRIVATE_CATEGORIES } from "../engine/benchmarks";
import { formatUkDate } from "../engine/dates";
import { formatPercent } from "../engine/settings";
import type { Block, KeyValuePair, SheetSpec } from "../workbook/spec";
import { DEFAULT_SHEET_NAMES, REPORT_TITLES, SheetOptions, TOTAL_LABEL, currencyColumn, datePair, integerColumn, note, percentColumn, plural, textColumn } from "./common";

export const BENCHMARK_TABLES = { mix: "LAC_Benchmark_Mix", provision: "LAC_Benchmark_Provision", moves: "LAC_Benchmark_Moves" } as const;

export interface BenchmarkReportOptions extends SheetOptions {
  /** Why there is no Benchmarks table to compare with ("not found", "could not be read"); null when it was read. */
  benchmarksMissing: "not found" | "could not be read" | null;
}

/** A share as a sentence gives it: whole per cent, or one decimal place where that matters (68.7%). */
function shareText(share: number): string {
  return formatPercent(Math.round(share * 1000) / 1000);
}

function ratePairs(c: BenchmarkComparison): KeyValuePair[] {
  const rate = (key: string, value: number | null): KeyValuePair => ({ key, value, kind: "number", decimals: 1 });
  const pairs: KeyValuePair[] = [datePair("As at", c.mix.asAt), { key: "Children in care on the as-at day", value: c.mix.children, kind: "integer" }];
  if (c.population !== null) {
    pairs.push({ key: "Child population (0 to 17)", value: c.population, kind: "integer" }, rate("This council's rate per 10,000", c.ratePer10k));
  }
  if (c.neighbours !== null) {
    pairs.push(
      rate(`Neighbours' average rate (${plural(c.neighbours.count, "neighbour")})`, c.neighbours.average),
      rate("Neighbours' lowest rate", c.neighbours.lowest),
      rate("Neighbours' highest rate", c.neighbours.highest),
    );
  }
  if (c.neighbourEquivalent !== null) {
    pairs.push(
      { key: "Children at the neighbours' average rate", value: c.neighbourEquivalent, kind: "number", decimals: 0 },
      { key: "Children in care less that number", value: c.mix.children - c.neighbourEquivalent, kind: "number", decimals: 0 },
    );
  }
  if (c.region?.ratePer10k != null) pairs.push(rate(`Region's rate (${c.region.area})`, c.region.ratePer10k));
  pairs.push(rate(`England's rate${c.englandRate.year === null ? "" : `, 31 March ${c.englandRate.year}`}`, c.englandRate.ratePer10k));
  return pairs;
}

function missingNotes(c: BenchmarkComparison, missing: BenchmarkReportOptions["benchmarksMissing"]): Block[] {
  const notes: Block[] = [];
  if (c.population === null) {
    notes.push(note('Add the council\'s child population aged 0 to 17 in LAC Settings ("Child population (0 to 17)") to show its rate per 10,000 and the children it would look after at its neighbours\' rate.', "warning"));
  }
  if (missing === "not found") {
    notes.push(
      note(
        'No Benchmarks table was found. Add a table or sheet named "Benchmarks" with the columns Area, Type (Neighbour, Region or England), Year and Rate per 10,000, ' +
          "and, where you have them, the placement shares (In-house foster care, Agency foster care, Kinship care, LA residential, Private residential, Supported accommodation, Other). " +
          "docs/method/neighbours.md says where the DfE publishes them and how to find your statistical neighbours.",
        "warning",
      ),
    );
  } else if (missing === "could not be read") {
    notes.push(note("The Benchmarks table could not be read: see LAC Data Quality.", "warning"));
  } else if (c.neighbours === null) {
    notes.push(note("The Benchmarks table gives no neighbour's rate per 10,000: add a row for each statistical neighbour, with Type Neighbour.", "warning"));
  }
  return notes;
}

function mixBlocks(c: BenchmarkComparison): Block[] {
  const mixes: BenchmarkMix[] = [c.councilMix, ...c.benchmarkMixes];
  const withShares = mixes.filter((m) => m === c.councilMix || m.shares.size > 0);
  const mixTable: Block = {
    kind: "table",
    name: BENCHMARK_TABLES.mix,
    title: `Placement mix of the children in care on ${formatUkDate(c.mix.asAt)}`,
    columns: [textColumn("Placement", TOTAL_LABEL), integerColumn("Children", true), ...withShares.map((m) => percentColumn(m.label, "sum"))],
    rows: c.mix.shares.map((s) => [s.category, s.children, ...withShares.map((m) => m.shares.get(s.category) ?? null)]),
  };
  const blocks: Block[] = [mixTable];
  if (c.mix.providerUnknown > 0) {
    blocks.push(note(`${plural(c.mix.providerUnknown, "child")} in foster care or a home whose provider (PLACE_PROVIDER) is not known are counted as Other.`));
  }
  blocks.push({
    kind: "chart",
    chart: { type: "column", title: "Placement mix", table: BENCHMARK_TABLES.mix, category: "Placement", series: withShares.map((m) => m.label) },
  });
  blocks.push({
    kind: "table",
    name: BENCHMARK_TABLES.provision,
    title: "In-house and private provision",
    columns: [textColumn("Provision"), ...mixes.map((m) => percentColumn(m.label))],
    rows: [
      [`In-house: ${IN_HOUSE_CATEGORIES.join(", ")}`, ...mixes.map((m) => m.inHouse)],
      [`Private: ${PRIVATE_CATEGORIES.join(", ")}`, ...mixes.map((m) => m.private)],
    ],
  });
  for (const b of c.benchmarkMixes) {
    const sentence = directionSentence(c.councilMix, b);
    if (sentence !== null) blocks.push(note(sentence));
  }
  return blocks;
}

function direction(council: number, benchmark: number): string {
  const gap = Math.round((council - benchmark) * 1000);
  return gap > 0 ? "higher" : gap < 0 ? "lower" : "the same";
}

/** "Against the region (60% and 29%): in-house provision 69% here, higher; private provision 23%, lower." */
export function directionSentence(council: BenchmarkMix, benchmark: BenchmarkMix): string | null {
  const parts: string[] = [];
  if (council.inHouse !== null && benchmark.inHouse !== null) {
    parts.push(`in-house provision ${shareText(council.inHouse)} here against ${shareText(benchmark.inHouse)}: ${direction(council.inHouse, benchmark.inHouse)}`);
  }
  if (council.private !== null && benchmark.private !== null) {
    parts.push(`private provision ${shareText(council.private)} here against ${shareText(benchmark.private)}: ${direction(council.private, benchmark.private)}`);
  }
  return parts.length === 0 ? null : `${benchmark.label}: ${parts.join("; ")}.`;
}

function movesBlocks(c: BenchmarkComparison, moves: readonly MixMove[]): Block[] {
  if (c.mix.children === 0) return [];
  if (moves.length === 0) {
    return [note("Add the private shares to the Benchmarks table (Agency foster care and Private residential, or Private provision) to see what matching a benchmark's mix would save.")];
  }
  const yearEnd = moves.find((m) => m.saving !== null)?.saving?.yearEnd ?? null;
  const blocks: Block[] = [
    note(
      "Children who would move from private to in-house provision for this council's mix to match each benchmark's, where its private share is higher, " +
        "at this council's weekly costs (its own placements' average; where it has none, its unit costs, else the national card), from the day after the as-at day.",
    ),
    {
      kind: "table",
      name: BENCHMARK_TABLES.moves,
      title: "What the gap costs",
      columns: [
        textColumn("Benchmark"),
        textColumn("Move"),
        integerColumn("Children"),
        currencyColumn("Weekly cost now", { pence: true }),
        currencyColumn("Weekly cost in-house", { pence: true }),
        currencyColumn("Full-year saving"),
        currencyColumn(yearEnd === null ? "In-year saving" : `In-year saving to ${formatUkDate(yearEnd)}`),
      ],
      rows: moves.map((m) => [m.benchmark, `${m.from} to ${m.to}`, m.children, m.fromWeekly, m.toWeekly, m.saving?.fullYearSaving ?? null, m.saving?.inYearSaving ?? null]),
    },
  ];
  if (moves.some((m) => m.saving === null)) blocks.push(note("A blank saving: no weekly cost is known for one side of the move (no WEEKLY_COST, unit cost or national figure)."));
  return blocks;
}

export function benchmarkReport(c: BenchmarkComparison, options: BenchmarkReportOptions): SheetSpec {
  const blocks: Block[] = [
    { kind: "keyValues", title: "Children looked after per 10,000 children", pairs: ratePairs(c) },
    note(
      `The children in care are those in a placement on the as-at day, as LAC Commitments counts them. England's rate: ${c.englandRate.source}. ` +
        "Rates compare best at 31 March, the day the DfE counts.",
    ),
    ...missingNotes(c, options.benchmarksMissing),
  ];
  if (c.mix.children === 0) {
    blocks.push(note("No child is in a placement on the as-at day, so there is no placement mix to compare.", "warning"));
  } else {
    blocks.push(...mixBlocks(c), ...movesBlocks(c, c.moves));
  }
  return { name: options.sheetName ?? DEFAULT_SHEET_NAMES.benchmark, title: REPORT_TITLES.benchmark, blocks };
}
