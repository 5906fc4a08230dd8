/**
 * Benchmarks against statistical neighbours, the region and England (docs/method/neighbours.md):
 * the council's rate of children looked after per 10,000 children, the number of children it
 * would look after at its neighbours' rate, its placement mix beside theirs, and what it would
 * save to move children from private to in-house provision until its mix matched a benchmark's.
 *
 * The children counted are the stock at the as-at day: the placements open on it
 * (openPlacements, the same set LAC Commitments lists), one per child. The full-year and
 * in-year savings are placementMove's (savings.ts), as on LAC Scenarios.
 */

import { openPlacements } from "./commitments";
import { CostOptions, GroupCache } from "./costs";
import { Day, ymdOfDay } from "./dates";
import type { Episode } from "./episodes";
import { ReadResult, readRows } from "./quality";
import { PlacementMove, placementMove } from "./savings";
import { percentSetting } from "./settings";
import { Cell, ColumnMapping, FieldSpec, Table, cellNumber, cellText, normaliseHeader, resolveColumns } from "./table";

export class BenchmarkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BenchmarkError";
  }
}

/* Rates ------------------------------------------------------------------------------------------ */

/** Children looked after per 10,000 children aged 0 to 17, as the DfE publishes the rate. */
export function ratePer10k(children: number, population: number): number {
  if (!Number.isFinite(children) || children < 0) throw new BenchmarkError(`the number of children looked after must be zero or more (it is ${children})`);
  if (!Number.isFinite(population) || population <= 0) throw new BenchmarkError(`the child population must be more than zero (it is ${population})`);
  return (children / population) * 10_000;
}

/** The children a council of this population would look after at this rate: population × rate ÷ 10,000. */
export function equivalentChildren(population: number, ratePer10kChildren: number): number {
  if (!Number.isFinite(population) || population < 0) throw new BenchmarkError(`the child population must be zero or more (it is ${population})`);
  if (!Number.isFinite(ratePer10kChildren) || ratePer10kChildren < 0 || ratePer10kChildren > 10_000) {
    throw new BenchmarkError(`the rate per 10,000 must be from 0 to 10,000 (it is ${ratePer10kChildren})`);
  }
  return (population * ratePer10kChildren) / 10_000;
}

/* England's published figures -------------------------------------------------------------------- */

export interface PublishedRate {
  /** The 31 March the figure is at. */
  year: number;
  children: number;
  ratePer10k: number;
  source: string;
  /** A citation without "https://": the add-in never opens it (docs/method/neighbours.md links it). */
  url: string;
}

const CLA_2025 =
  "DfE, Children looked after in England including adoptions, reporting year 2025 (published November 2025): " +
  "children looked after on 31 March 2021 to 2025, England, and the rate per 10,000 children under 18";
const CLA_2025_URL = "explore-education-statistics.service.gov.uk/find-statistics/children-looked-after-in-england-including-adoptions/2025";

/**
 * England's children looked after on 31 March and the rate per 10,000, as the 2025 release gives
 * the five years (earlier releases' figures were since revised by local authorities and by the
 * ONS's revised population estimates, so one release serves for all five).
 */
export const ENGLAND_RATES: readonly PublishedRate[] = [
  { year: 2021, children: 80_780, ratePer10k: 69, source: CLA_2025, url: CLA_2025_URL },
  { year: 2022, children: 82_090, ratePer10k: 70, source: CLA_2025, url: CLA_2025_URL },
  { year: 2023, children: 83_750, ratePer10k: 70, source: CLA_2025, url: CLA_2025_URL },
  { year: 2024, children: 83_530, ratePer10k: 69, source: CLA_2025, url: CLA_2025_URL },
  { year: 2025, children: 81_770, ratePer10k: 67, source: CLA_2025, url: CLA_2025_URL },
];

/** England's figure at the latest 31 March on or before `asAt`; the earliest shipped before it. */
export function englandRateAt(asAt: Day): PublishedRate {
  const { year, month, day } = ymdOfDay(asAt);
  const lastMarch = month > 3 || (month === 3 && day === 31) ? year : year - 1;
  const atOrBefore = ENGLAND_RATES.filter((r) => r.year <= lastMarch);
  return atOrBefore[atOrBefore.length - 1] ?? ENGLAND_RATES[0];
}

/* The placement mix ------------------------------------------------------------------------------- */

export type MixCategory =
  | "In-house foster care"
  | "Agency foster care"
  | "Kinship care"
  | "LA residential"
  | "Private residential"
  | "Supported accommodation"
  | "Other";

export const MIX_CATEGORIES: readonly MixCategory[] = [
  "In-house foster care",
  "Agency foster care",
  "Kinship care",
  "LA residential",
  "Private residential",
  "Supported accommodation",
  "Other",
];

/** In-house provision as councils' reports count it: their own foster carers, kinship carers and homes. */
export const IN_HOUSE_CATEGORIES: readonly MixCategory[] = ["In-house foster care", "Kinship care", "LA residential"];
/** Private provision: independent fostering agencies and private (or voluntary) children's homes. */
export const PRIVATE_CATEGORIES: readonly MixCategory[] = ["Agency foster care", "Private residential"];

/** The placement types counted as residential: children's homes, secure units and residential schools. */
const RESIDENTIAL_TYPES = new Set(["Residential", "Secure", "Residential+Education"]);
const SUPPORTED_TYPES = new Set(["Semi-Independence", "Independence"]);

/**
 * The mix category of a placement, from its group (type and provider, the user's placement types
 * applied). Foster care or a home whose provider is not known is counted as Other, so no child is
 * counted as in-house or private on a guess.
 */
export function mixCategoryOf(type: string, provided: string): MixCategory {
  if (type === "Kinship care") return "Kinship care";
  if (SUPPORTED_TYPES.has(type)) return "Supported accommodation";
  const inHouse = provided === "LA";
  const agency = provided === "Agency";
  if (type === "Foster care") return inHouse ? "In-house foster care" : agency ? "Agency foster care" : "Other";
  if (RESIDENTIAL_TYPES.has(type)) return inHouse ? "LA residential" : agency ? "Private residential" : "Other";
  return "Other";
}

export interface MixShare {
  category: MixCategory;
  children: number;
  /** children ÷ the stock; 0 when no child is in care. */
  share: number;
  /** The mean weekly cost of these placements (WEEKLY_COST, else unit costs, else the national card); null when none is costed. */
  averageWeekly: number | null;
}

export interface PlacementMix {
  asAt: Day;
  /** Children in care on the as-at day: one placement each. */
  children: number;
  shares: MixShare[];
  /** Children whose placement's provider is not known, counted as Other. */
  providerUnknown: number;
}

/**
 * The placement mix of the children in care on `asAt`. A child with two placements open that day
 * (overlapping records) is counted once, at the later-starting one.
 */
export function placementMix(episodes: readonly Episode[], asAt: Day, sources: CostOptions = {}): PlacementMix {
  const byChild = new Map<string, Episode>();
  for (const e of openPlacements(episodes, asAt)) {
    const held = byChild.get(e.child);
    if (held === undefined || e.start >= held.start) byChild.set(e.child, e);
  }
  const groups = new GroupCache(sources);
  const counts = new Map<MixCategory, { children: number; costed: number; weekly: number }>(MIX_CATEGORIES.map((c) => [c, { children: 0, costed: 0, weekly: 0 }]));
  let providerUnknown = 0;
  for (const e of byChild.values()) {
    const lookup = groups.lookup(e.place, e.provider, e.location);
    const category = mixCategoryOf(lookup.group.type, lookup.group.provided);
    if (category === "Other" && mixCategoryOf(lookup.group.type, "LA") !== "Other") providerUnknown += 1;
    const count = counts.get(category)!;
    count.children += 1;
    const weekly = e.weeklyCost ?? lookup.unitWeeklyCost;
    if (weekly !== null) {
      count.costed += 1;
      count.weekly += weekly;
    }
  }
  const children = byChild.size;
  return {
    asAt,
    children,
    shares: MIX_CATEGORIES.map((category) => {
      const c = counts.get(category)!;
      return { category, children: c.children, share: children === 0 ? 0 : c.children / children, averageWeekly: c.costed === 0 ? null : c.weekly / c.costed };
    }),
    providerUnknown,
  };
}

/** A mix's share of a group of categories. */
function shareOf(shares: ReadonlyMap<MixCategory, number>, categories: readonly MixCategory[]): number | null {
  if (!categories.every((c) => shares.has(c))) return null;
  return categories.reduce((sum, c) => sum + (shares.get(c) ?? 0), 0);
}

/* The Benchmarks table --------------------------------------------------------------------------- */

export type AreaType = "Neighbour" | "Region" | "England";

/** The fields of a share, each a placement-mix category. */
const SHARE_FIELDS: readonly (FieldSpec & { category: MixCategory })[] = [
  { name: "IN_HOUSE_FOSTER", label: "In-house foster care", category: "In-house foster care", required: false, synonyms: ["in-house foster care", "in house foster", "la foster care", "in-house fostering"] },
  { name: "AGENCY_FOSTER", label: "Agency foster care", category: "Agency foster care", required: false, synonyms: ["agency foster care", "ifa", "independent fostering agency", "private foster care"] },
  { name: "KINSHIP", label: "Kinship care", category: "Kinship care", required: false, synonyms: ["kinship care", "kinship", "connected persons", "family and friends"] },
  { name: "LA_RESIDENTIAL", label: "Local authority residential", category: "LA residential", required: false, synonyms: ["la residential", "in-house residential", "la children's homes"] },
  { name: "PRIVATE_RESIDENTIAL", label: "Private residential", category: "Private residential", required: false, synonyms: ["private residential", "private children's homes", "external residential"] },
  { name: "SUPPORTED", label: "Supported accommodation", category: "Supported accommodation", required: false, synonyms: ["supported accommodation", "semi-independent", "independent living", "supported"] },
  { name: "OTHER", label: "Other", category: "Other", required: false, synonyms: ["other", "other placements"] },
];

export const BENCHMARK_FIELDS: readonly FieldSpec[] = [
  { name: "AREA", label: "Area", required: true, synonyms: ["area", "local authority", "la", "authority", "council", "name"] },
  { name: "TYPE", label: "Neighbour, Region or England", required: false, synonyms: ["type", "area type", "comparator", "kind"] },
  { name: "YEAR", label: "Year (31 March)", required: false, synonyms: ["year", "at 31 march", "as at"] },
  { name: "RATE", label: "Rate per 10,000", required: false, synonyms: ["rate per 10,000", "cla per 10,000", "per 10,000", "rate"] },
  ...SHARE_FIELDS,
  { name: "IN_HOUSE", label: "In-house provision", required: false, synonyms: ["in-house provision", "in-house", "in house"] },
  { name: "PRIVATE", label: "Private provision", required: false, synonyms: ["private provision", "private", "external provision"] },
];

export interface BenchmarkRow {
  row: number;
  area: string;
  type: AreaType;
  year: number | null;
  ratePer10k: number | null;
  /** The shares given, by category (fractions). */
  shares: ReadonlyMap<MixCategory, number>;
  /** In-house and private provision: as given, else the sum of their categories when all are given. */
  inHouse: number | null;
  private: number | null;
}

/** A share as the settings read a percentage: "23%", 0.23 or 23. */
const SHARE = percentSetting({ label: "Share", description: "A placement-mix share.", default: undefined, min: 0, max: 1, example: "23%, 0.23 or 23" });

/** Rounded shares of seven categories can add to a little over 100%; beyond this the row is a slip. */
const SHARES_TOLERANCE = 0.05;

function areaTypeOf(text: string, area: string): AreaType | null {
  const word = normaliseHeader(text);
  if (word === "") return normaliseHeader(area) === "england" ? "England" : "Neighbour";
  if (["neighbour", "neighbor", "statisticalneighbour", "sn", "neighbours"].includes(word)) return "Neighbour";
  if (["region", "regional"].includes(word)) return "Region";
  if (["england", "national"].includes(word)) return "England";
  return null;
}

/**
 * Reads the Benchmarks table. A row needs an area and a rate or a share; an area given twice for
 * the same year keeps the later row.
 */
export function readBenchmarks(table: Table, mapping: ColumnMapping = {}): ReadResult<BenchmarkRow> {
  const col = resolveColumns(table.headers, BENCHMARK_FIELDS, mapping);
  const cell = (cells: readonly Cell[], field: string): Cell | undefined => (col[field] === undefined ? undefined : cells[col[field]]);
  return readRows(
    table,
    "Benchmarks",
    (cells, row) => {
      const area = cellText(cell(cells, "AREA"));
      if (area === "") return row.reject("AREA", "AREA is blank: name the neighbour, the region or England");
      const type = areaTypeOf(cellText(cell(cells, "TYPE")), area);
      if (type === null) row.reject("TYPE", `TYPE "${cellText(cell(cells, "TYPE"))}" is not Neighbour, Region or England`);
      const yearCell = cellNumber(cell(cells, "YEAR"));
      if (yearCell === "invalid" || (typeof yearCell === "number" && (!Number.isInteger(yearCell) || yearCell < 1990 || yearCell > 2100))) {
        row.reject("YEAR", `YEAR "${cellText(cell(cells, "YEAR"))}" is not a year such as 2025`);
      }
      const rate = cellNumber(cell(cells, "RATE"));
      if (rate === "invalid" || (typeof rate === "number" && (rate < 0 || rate > 10_000))) {
        row.reject("RATE", `RATE "${cellText(cell(cells, "RATE"))}" is not a number of children per 10,000 (from 0 to 10,000)`);
      }
      const shareOfField = (field: string): number | null => {
        const read = SHARE.parse(cell(cells, field));
        if (!read.ok) return row.reject(field, `${field}: ${read.message}`) ?? null;
        return read.value ?? null;
      };
      const shares = new Map<MixCategory, number>();
      for (const field of SHARE_FIELDS) {
        const value = shareOfField(field.name);
        if (value !== null) shares.set(field.category, value);
      }
      const total = [...shares.values()].reduce((sum, s) => sum + s, 0);
      if (total > 1 + SHARES_TOLERANCE) row.reject("OTHER", `the placement shares add to ${Math.round(total * 100)}%, more than 100%`);
      const inHouse = shareOfField("IN_HOUSE") ?? shareOf(shares, IN_HOUSE_CATEGORIES);
      const privateShare = shareOfField("PRIVATE") ?? shareOf(shares, PRIVATE_CATEGORIES);
      if (typeof rate !== "number" && shares.size === 0 && inHouse === null && privateShare === null) {
        row.reject("RATE", "the row gives no rate per 10,000 and no placement share");
      }
      if (row.rejected || type === null) return undefined;
      return {
        row: row.number,
        area,
        type,
        year: typeof yearCell === "number" ? yearCell : null,
        ratePer10k: typeof rate === "number" ? rate : null,
        shares,
        inHouse,
        private: privateShare,
      };
    },
    { key: (r) => `${normaliseHeader(r.area)}|${r.year ?? ""}`, column: "AREA", name: (key) => `AREA ${key.split("|")[0]}`, position: "latest" },
  );
}

/** Each area's latest row: a table holding several years compares with the latest. */
function latestPerArea(rows: readonly BenchmarkRow[]): BenchmarkRow[] {
  const byArea = new Map<string, BenchmarkRow>();
  for (const r of rows) {
    const key = normaliseHeader(r.area);
    const held = byArea.get(key);
    if (held === undefined || (r.year ?? -Infinity) >= (held.year ?? -Infinity)) byArea.set(key, r);
  }
  return [...byArea.values()];
}

/* The comparison --------------------------------------------------------------------------------- */

/** A benchmark's mix: the shares given, in-house and private provision. */
export interface BenchmarkMix {
  label: string;
  shares: ReadonlyMap<MixCategory, number>;
  inHouse: number | null;
  private: number | null;
}

export interface NeighbourRates {
  /** Neighbours that give a rate. */
  count: number;
  average: number;
  lowest: number;
  highest: number;
}

/** Children to move from private to in-house provision, for one kind of placement. */
export interface MixMove {
  benchmark: string;
  from: MixCategory;
  to: MixCategory;
  /** The council's weekly cost of each: its own placements' mean, else its unit cost or the national card. */
  fromWeekly: number | null;
  toWeekly: number | null;
  /** Null when a weekly cost is unknown (the children are still counted). */
  saving: PlacementMove | null;
  children: number;
}

export interface BenchmarkComparison {
  mix: PlacementMix;
  population: number | null;
  /** The council's rate from the stock on the as-at day; null without a population. */
  ratePer10k: number | null;
  neighbours: NeighbourRates | null;
  /** population × the neighbours' average rate ÷ 10,000; null without both. */
  neighbourEquivalent: number | null;
  region: BenchmarkRow | null;
  /** England's row of the table, else the shipped figure for the as-at day. */
  englandRate: { ratePer10k: number; year: number | null; source: string };
  /** Neighbours' average mix, the region's and England's, where the table gives any share. */
  benchmarkMixes: BenchmarkMix[];
  /** For each benchmark with a private share: the children to move to match it, and the saving. */
  moves: MixMove[];
  councilMix: BenchmarkMix;
}

export interface ComparisonOptions {
  population?: number;
  benchmarks: readonly BenchmarkRow[] | null;
  sources?: CostOptions;
  weeksPerYear?: number;
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** The neighbours' average of each share, and of in-house and private provision, over the neighbours giving it. */
function neighboursMix(rows: readonly BenchmarkRow[]): BenchmarkMix | null {
  const shares = new Map<MixCategory, number>();
  for (const category of MIX_CATEGORIES) {
    const given = rows.flatMap((r) => (r.shares.has(category) ? [r.shares.get(category)!] : []));
    if (given.length > 0) shares.set(category, mean(given));
  }
  const average = (pick: (r: BenchmarkRow) => number | null) => {
    const given = rows.flatMap((r) => (pick(r) === null ? [] : [pick(r)!]));
    return given.length === 0 ? null : mean(given);
  };
  const mix = { label: "Neighbours' average", shares, inHouse: average((r) => r.inHouse), private: average((r) => r.private) };
  return shares.size === 0 && mix.inHouse === null && mix.private === null ? null : mix;
}

function rowMix(label: string, row: BenchmarkRow | null): BenchmarkMix | null {
  if (row === null || (row.shares.size === 0 && row.inHouse === null && row.private === null)) return null;
  return { label, shares: row.shares, inHouse: row.inHouse, private: row.private };
}

/** The two moves from private to in-house provision, and a PLACE code to cost each kind by when the council has none open. */
const MOVE_PAIRS: readonly { from: MixCategory; to: MixCategory; place: string }[] = [
  { from: "Agency foster care", to: "In-house foster care", place: "U4" },
  { from: "Private residential", to: "LA residential", place: "K2" },
];

/**
 * The children who would move from private to in-house provision for the council's mix to match
 * a benchmark's: for each kind (fostering, residential) where the benchmark gives the private
 * share, (the council's share − the benchmark's) × the stock, rounded, when the council's is
 * higher; where the benchmark gives only private provision as a whole, that gap in children,
 * split between the kinds as the council's own private placements are.
 */
function movesToMatch(benchmark: BenchmarkMix, mix: PlacementMix, weeklyOf: (c: MixCategory) => number | null, effectiveDate: Day, weeksPerYear?: number): MixMove[] {
  const councilShare = new Map(mix.shares.map((s) => [s.category, s.share]));
  const councilCount = new Map(mix.shares.map((s) => [s.category, s.children]));
  const excess = (council: number, bench: number) => Math.max(0, Math.round((council - bench) * mix.children));
  let children: number[];
  if (MOVE_PAIRS.every((p) => benchmark.shares.has(p.from))) {
    children = MOVE_PAIRS.map((p) => excess(councilShare.get(p.from)!, benchmark.shares.get(p.from)!));
  } else if (benchmark.private !== null) {
    const councilPrivate = PRIVATE_CATEGORIES.reduce((sum, c) => sum + councilShare.get(c)!, 0);
    const total = excess(councilPrivate, benchmark.private);
    const [fosterCount, homesCount] = MOVE_PAIRS.map((p) => councilCount.get(p.from)!);
    const foster = fosterCount + homesCount === 0 ? 0 : Math.round((total * fosterCount) / (fosterCount + homesCount));
    children = [foster, total - foster];
  } else {
    return [];
  }
  return MOVE_PAIRS.map(({ from, to }, index) => {
    const fromWeekly = weeklyOf(from);
    const toWeekly = weeklyOf(to);
    const saving =
      fromWeekly === null || toWeekly === null
        ? null
        : placementMove({ children: children[index], currentWeekly: fromWeekly, newWeekly: toWeekly, basis: "per child", effectiveDate, weeksPerYear });
    return { benchmark: benchmark.label, from, to, fromWeekly, toWeekly, saving, children: children[index] };
  });
}

/** Everything LAC Benchmark shows, from the stock on `asAt`, the population and the Benchmarks table. */
export function benchmarkComparison(episodes: readonly Episode[], asAt: Day, options: ComparisonOptions): BenchmarkComparison {
  const sources = options.sources ?? {};
  const mix = placementMix(episodes, asAt, sources);
  const population = options.population ?? null;
  const rows = latestPerArea(options.benchmarks ?? []);
  const neighbourRows = rows.filter((r) => r.type === "Neighbour");
  const rates = neighbourRows.flatMap((r) => (r.ratePer10k === null ? [] : [r.ratePer10k]));
  const neighbours = rates.length === 0 ? null : { count: rates.length, average: mean(rates), lowest: Math.min(...rates), highest: Math.max(...rates) };
  const region = rows.find((r) => r.type === "Region") ?? null;
  const englandRow = rows.find((r) => r.type === "England") ?? null;
  const shipped = englandRateAt(asAt);
  const englandRate =
    englandRow?.ratePer10k != null
      ? { ratePer10k: englandRow.ratePer10k, year: englandRow.year, source: "the Benchmarks table" }
      : { ratePer10k: shipped.ratePer10k, year: shipped.year, source: shipped.source };

  const councilShares = new Map(mix.shares.map((s) => [s.category, s.share]));
  const councilMix: BenchmarkMix = { label: "This council", shares: councilShares, inHouse: shareOf(councilShares, IN_HOUSE_CATEGORIES), private: shareOf(councilShares, PRIVATE_CATEGORIES) };
  const benchmarkMixes = [neighboursMix(neighbourRows), rowMix("Region", region), rowMix("England", englandRow)].filter((m): m is BenchmarkMix => m !== null);

  const groups = new GroupCache(sources);
  const ownAverage = new Map(mix.shares.map((s) => [s.category, s.averageWeekly]));
  const weeklyOf = (category: MixCategory): number | null => {
    const own = ownAverage.get(category) ?? null;
    if (own !== null) return own;
    const pair = MOVE_PAIRS.find((p) => p.from === category || p.to === category);
    return pair === undefined ? null : groups.lookup(pair.place, pair.from === category ? "PR4" : "PR1", "N/A").unitWeeklyCost;
  };
  // The move takes effect the day after the as-at day, as the commitments run from it.
  const effectiveDate = asAt + 1;
  const moves = mix.children === 0 ? [] : benchmarkMixes.flatMap((b) => movesToMatch(b, mix, weeklyOf, effectiveDate, options.weeksPerYear));

  return {
    mix,
    population,
    ratePer10k: population === null ? null : ratePer10k(mix.children, population),
    neighbours,
    neighbourEquivalent: population === null || neighbours === null ? null : equivalentChildren(population, neighbours.average),
    region,
    englandRate,
    benchmarkMixes,
    moves,
    councilMix,
  };
}
