import fc from "fast-check";
import {
  BenchmarkError,
  ENGLAND_RATES,
  MIX_CATEGORIES,
  benchmarkComparison,
  englandRateAt,
  equivalentChildren,
  placementMix,
  ratePer10k,
  readBenchmarks,
} from "../../src/engine/benchmarks";
import { openPlacements } from "../../src/engine/commitments";
import { dayFromYmd } from "../../src/engine/dates";
import type { Episode } from "../../src/engine/episodes";
import { tableFromBlock } from "../../src/engine/table";
import { BENCHMARK_TABLES, benchmarkReport } from "../../src/reports/benchmarkReport";
import type { NoteBlock, SheetSpec, TableBlock } from "../../src/workbook/spec";
import { anEpisode } from "./builders";

const AS_AT = dayFromYmd(2016, 3, 31);

/** `count` children each in one open placement of this PLACE and provider, at this weekly cost. */
function children(prefix: string, count: number, place: string, provider: string, weeklyCost: number | null = null): Episode[] {
  return Array.from({ length: count }, (_, i) => anEpisode({ child: `${prefix}${i}`, start: dayFromYmd(2015, 6, 1), place, provider, weeklyCost }));
}

/**
 * A council of 100 children in care with Dorset's 2016 mix: 69% in-house (own foster carers,
 * kinship carers and homes), 23% private (agencies and private homes), 8% placed with parents.
 */
const DORSET_LIKE: Episode[] = [
  ...children("IH", 50, "U4", "PR1", 450),
  ...children("KIN", 15, "U1", "PR1", 300),
  ...children("LAR", 4, "K2", "PR1", 4_000),
  ...children("IFA", 18, "U4", "PR4", 900),
  ...children("PRR", 5, "K2", "PR4", 5_500),
  ...children("PAR", 8, "P1", "PR0", 0),
];

/** Dorset's published comparators: the region's and England's in-house and private shares in 2016. */
const DORSET_BENCHMARKS = tableFromBlock([
  ["Area", "Type", "Year", "Rate per 10,000", "In-house provision", "Private provision"],
  ["South West", "Region", 2016, null, "60%", "29%"],
  ["England", "England", 2016, 60, 0.55, 33],
]);

function notes(spec: SheetSpec): string[] {
  return spec.blocks.filter((b): b is NoteBlock => b.kind === "note").map((b) => b.text);
}

function table(spec: SheetSpec, name: string): TableBlock | undefined {
  return spec.blocks.find((b): b is TableBlock => b.kind === "table" && b.name === name);
}

describe("Dorset's published shares entered as benchmarks", () => {
  const read = readBenchmarks(DORSET_BENCHMARKS);
  const comparison = benchmarkComparison(DORSET_LIKE, AS_AT, { benchmarks: read.records });
  const spec = benchmarkReport(comparison, { benchmarksMissing: null });

  it("reads the shares however they are typed: 60%, 0.55 and 33 are all per cent", () => {
    expect(read.issues).toEqual([]);
    expect(read.records.map((r) => [r.area, r.inHouse, r.private])).toEqual([
      ["South West", 0.6, 0.29],
      ["England", 0.55, 0.33],
    ]);
  });

  it("shows the same percentages beside the council's 69% and 23%", () => {
    const provision = table(spec, BENCHMARK_TABLES.provision)!;
    expect(provision.columns.map((c) => c.header)).toEqual(["Provision", "This council", "Region", "England"]);
    expect(provision.rows.map((r) => r.slice(1).map((v) => Math.round((v as number) * 100)))).toEqual([
      [69, 60, 55],
      [23, 29, 33],
    ]);
  });

  it("says the council has more in-house and less private provision than the region and England", () => {
    expect(notes(spec)).toEqual(
      expect.arrayContaining([
        "Region: in-house provision 69% here against 60%: higher; private provision 23% here against 29%: lower.",
        "England: in-house provision 69% here against 55%: higher; private provision 23% here against 33%: lower.",
      ]),
    );
  });

  it("moves no child to match a benchmark whose private share is higher than the council's", () => {
    expect(comparison.moves.length).toBeGreaterThan(0);
    expect(comparison.moves.every((m) => m.children === 0 && m.saving?.fullYearSaving === 0)).toBe(true);
  });

  it("moves children from private to in-house provision where the benchmark's private share is lower, at the council's own weekly costs", () => {
    const lower = readBenchmarks(
      tableFromBlock([
        ["Area", "Type", "Agency foster care", "Private residential"],
        ["Neighbour", "Neighbour", "10%", "3%"],
      ]),
    ).records;
    const c = benchmarkComparison(DORSET_LIKE, AS_AT, { benchmarks: lower, weeksPerYear: 52 });
    const [foster, homes] = c.moves;
    // (18% − 10%) × 100 children = 8; (5% − 3%) × 100 = 2.
    expect([foster.children, homes.children]).toEqual([8, 2]);
    expect([foster.fromWeekly, foster.toWeekly, homes.fromWeekly, homes.toWeekly]).toEqual([900, 450, 5_500, 4_000]);
    expect(foster.saving?.fullYearSaving).toBeCloseTo(8 * (900 - 450) * 52, 6);
    expect(homes.saving?.fullYearSaving).toBeCloseTo(2 * (5_500 - 4_000) * 52, 6);
    // From 1 April, the in-year saving is the full year's.
    expect(foster.saving?.inYearSaving).toBeCloseTo(foster.saving!.fullYearSaving, 6);
  });
});

describe("the rate per 10,000 and the neighbour-equivalent number of children", () => {
  it("divides by the population and multiplies back", () => {
    expect(ratePer10k(520, 78_400)).toBeCloseTo(66.33, 2);
    expect(equivalentChildren(78_400, 51)).toBeCloseTo(399.84, 2);
    expect(() => ratePer10k(5, 0)).toThrow(BenchmarkError);
    expect(() => equivalentChildren(1000, -1)).toThrow(/from 0 to 10,000/);
  });

  it("takes the neighbours' average, lowest and highest over their latest year", () => {
    const rows = readBenchmarks(
      tableFromBlock([
        ["Area", "Year", "Rate"],
        ["A", 2015, 90],
        ["A", 2016, 50],
        ["B", 2016, 56],
        ["C", 2016, 59],
      ]),
    ).records;
    const c = benchmarkComparison(DORSET_LIKE, AS_AT, { benchmarks: rows, population: 78_400 });
    expect(c.neighbours).toEqual({ count: 3, average: 55, lowest: 50, highest: 59 });
    expect(c.neighbourEquivalent).toBeCloseTo(431.2, 6);
    expect(c.ratePer10k).toBeCloseTo((100 / 78_400) * 10_000, 9);
  });
});

describe("the Benchmarks table", () => {
  it("rejects a row without an area, a type it does not know, a rate out of range, shares over 100% and a row with nothing to compare", () => {
    const read = readBenchmarks(
      tableFromBlock([
        ["Area", "Type", "Rate per 10,000", "In-house foster care", "Agency foster care"],
        ["", "Neighbour", 50, null, null],
        ["X", "County", 50, null, null],
        ["Y", "Neighbour", -3, null, null],
        ["Z", "Neighbour", 50, "80%", "40%"],
        ["W", "Neighbour", null, null, null],
        ["OK", "", 50, null, null],
      ]),
    );
    expect(read.records.map((r) => [r.area, r.type])).toEqual([["OK", "Neighbour"]]);
    expect(read.issues.map((i) => i.column)).toEqual(["AREA", "TYPE", "RATE", "OTHER", "RATE"]);
    expect(read.rowsRejected).toBe(5);
  });
});

describe("England's shipped figures", () => {
  it("each has a year, a source naming the DfE release and a citation", () => {
    expect(ENGLAND_RATES.length).toBeGreaterThanOrEqual(1);
    for (const r of ENGLAND_RATES) {
      expect(Number.isInteger(r.year) && r.year >= 2000 && r.year <= 2100).toBe(true);
      expect(r.source).toMatch(/^DfE, Children looked after in England including adoptions, reporting year \d{4}/);
      expect(r.url).toMatch(/^explore-education-statistics\.service\.gov\.uk\//);
      expect(r.ratePer10k).toBeGreaterThan(0);
      expect(r.children).toBeGreaterThan(0);
    }
    expect(ENGLAND_RATES.find((r) => r.year === 2025)).toEqual(expect.objectContaining({ children: 81_770, ratePer10k: 67 }));
  });

  it("gives the figure at the latest 31 March on or before the as-at day", () => {
    expect(englandRateAt(dayFromYmd(2025, 3, 31)).year).toBe(2025);
    expect(englandRateAt(dayFromYmd(2025, 3, 30)).year).toBe(2024);
    expect(englandRateAt(dayFromYmd(2030, 1, 1)).year).toBe(2025);
    expect(englandRateAt(dayFromYmd(2010, 1, 1)).year).toBe(ENGLAND_RATES[0].year);
  });
});

describe("the placement mix", () => {
  const day = (n: number) => dayFromYmd(2020, 1, 1) + n;
  const episodeArbitrary = fc.record({
    child: fc.constantFrom("a", "b", "c", "d", "e", "f", "g"),
    start: fc.integer({ min: 0, max: 400 }),
    length: fc.option(fc.integer({ min: 1, max: 400 })),
    place: fc.constantFrom("U1", "U4", "U6", "K2", "K1", "S1", "H5", "K3", "P2", "P1", "A4", "R5", "Z1", "XX"),
    provider: fc.constantFrom("PR0", "PR1", "PR2", "PR3", "PR4", "PR5", ""),
  });

  it("counts each child in care on the as-at day once, and its shares add to 100%", () => {
    fc.assert(
      fc.property(fc.array(episodeArbitrary, { maxLength: 30 }), fc.integer({ min: 0, max: 800 }), (drawn, asAtOffset) => {
        const episodes = drawn.map((e) => anEpisode({ child: e.child, start: day(e.start), end: e.length === null ? null : day(e.start + e.length), place: e.place, provider: e.provider }));
        const asAt = day(asAtOffset);
        const mix = placementMix(episodes, asAt);
        const stock = new Set(openPlacements(episodes, asAt).map((e) => e.child)).size;
        expect(mix.children).toBe(stock);
        expect(mix.shares.map((s) => s.category)).toEqual(MIX_CATEGORIES);
        expect(mix.shares.reduce((sum, s) => sum + s.children, 0)).toBe(stock);
        const shares = mix.shares.reduce((sum, s) => sum + s.share, 0);
        expect(Math.abs(shares - (stock === 0 ? 0 : 1))).toBeLessThan(1e-9);
      }),
    );
  });

  it("puts foster care of an unknown provider in Other rather than guess", () => {
    const mix = placementMix([anEpisode({ child: "x", start: AS_AT - 10, place: "U4", provider: "" })], AS_AT);
    expect(mix.shares.find((s) => s.category === "Other")?.children).toBe(1);
    expect(mix.providerUnknown).toBe(1);
  });
});

describe("LAC Benchmark with inputs missing", () => {
  it("says what to add, in sentences, and shows no table without rows", () => {
    const c = benchmarkComparison(DORSET_LIKE, AS_AT, { benchmarks: null });
    const spec = benchmarkReport(c, { benchmarksMissing: "not found" });
    const text = notes(spec).join("\n");
    expect(text).toMatch(/Add the council's child population aged 0 to 17 in LAC Settings/);
    expect(text).toMatch(/No Benchmarks table was found\. Add a table or sheet named "Benchmarks"/);
    expect(text).toMatch(/Add the private shares to the Benchmarks table/);
    for (const block of spec.blocks) if (block.kind === "table") expect(block.rows.length).toBeGreaterThan(0);
    expect(table(spec, BENCHMARK_TABLES.moves)).toBeUndefined();
  });
});
