/**
 * Synthetic SSDA903 data for demonstrations, tests and the benchmark: children, their periods of
 * care and placement episodes with weekly costs, drawn from a seeded generator so that the same
 * options always give the same data. The mix follows what English councils report: most children
 * fostered (in-house, agency and kinship carers), a minority in costly residential placements, older
 * teenagers in semi-independent accommodation, and a few unaccompanied asylum-seeking children.
 * No real child is described.
 */

import { Child, Episode } from "./episodes";
import { Day, addYears, birthday, dayFromYmd, formatIsoDate } from "./dates";
import { Location, PlacementType, Provider } from "./codes";
import { Cell, Table } from "./table";
import { Random, hash32 } from "./random";

export interface SampleOptions {
  /** How many children to generate (each with at least one episode in the window). */
  children: number;
  /** Any 32-bit integer; the same seed gives the same data. */
  seed: number;
  /** First day of the window the data covers; five years before `end` unless given. */
  start?: Day;
  /** Last day of the data; episodes running past it are open (blank DEC). 31 March 2024 unless given. */
  end?: Day;
}

export interface SampleChild {
  child: Child;
  episodes: Episode[];
  /** The day the child stops being an unaccompanied asylum-seeking child (18th birthday); null if not UASC. */
  uascCeased: Day | null;
  /** Postcode district of the child's home, the same for all their episodes. */
  homePostcode: string;
}

export const DEFAULT_SAMPLE_END: Day = dayFromYmd(2024, 3, 31);

/** A kind of placement: the codes it is recorded under, the group it is costed as, and its weekly cost range. */
interface PlacementKind {
  name: string;
  places: readonly string[];
  providers: readonly string[];
  type: PlacementType;
  provided: Provider;
  /** Share placed outside the council's area. */
  outOfArea: number;
  /** Weekly cost range in £, or null when nobody records a cost (uncosted unless a unit cost exists). */
  weekly: readonly [number, number] | null;
  /** A small share of the most complex placements cost far more than the usual range. */
  highCost?: { share: number; weekly: readonly [number, number] };
  /** Whether the unit-cost table lists this group. */
  unitCost: boolean;
  /** Mean length of an episode in this placement, in days. */
  meanStay: number;
  /** Relative likelihood by age band at the start of the episode: under 5, 5–9, 10–15, 16 and over. */
  weights: readonly [number, number, number, number];
  /** Relative likelihood for unaccompanied asylum-seeking children (by the same age bands). */
  uascWeights: readonly [number, number, number, number];
}

/** Out-of-area placements cost a little more: travel, and the market outside the council's own area. */
const OUT_OF_AREA_UPLIFT = 1.05;

const PLACEMENT_KINDS: readonly PlacementKind[] = [
  {
    name: "LA foster care", places: ["U4", "U4", "U6", "U6", "U6"], providers: ["PR1"], type: "Foster care", provided: "LA",
    outOfArea: 0.15, weekly: [450, 550], unitCost: true, meanStay: 420, weights: [40, 38, 30, 14], uascWeights: [0, 0, 30, 15],
  },
  {
    name: "IFA foster care", places: ["U4", "U4", "U6", "U6", "U6"], providers: ["PR4", "PR4", "PR5"], type: "Foster care", provided: "Agency",
    outOfArea: 0.55, weekly: [800, 1000], unitCost: true, meanStay: 450, weights: [14, 20, 27, 14], uascWeights: [0, 0, 40, 20],
  },
  {
    name: "kinship care", places: ["U1", "U3", "U3"], providers: ["PR1"], type: "Kinship care", provided: "LA",
    outOfArea: 0.25, weekly: [250, 400], unitCost: true, meanStay: 600, weights: [20, 18, 13, 5], uascWeights: [0, 0, 2, 1],
  },
  {
    name: "LA children's home", places: ["K2"], providers: ["PR1"], type: "Residential", provided: "LA",
    outOfArea: 0.1, weekly: [3500, 5000], unitCost: true, meanStay: 260, weights: [0, 0.5, 3.5, 2.5], uascWeights: [0, 0, 1, 1],
  },
  {
    name: "independent children's home", places: ["K2", "K2", "K2", "R1"], providers: ["PR4", "PR4", "PR5"], type: "Residential", provided: "Agency",
    outOfArea: 0.7, weekly: [4000, 8000], highCost: { share: 0.08, weekly: [8000, 15000] }, unitCost: true, meanStay: 230,
    weights: [0, 1, 11, 7], uascWeights: [0, 0, 1, 1],
  },
  {
    name: "residential school", places: ["S1"], providers: ["PR4", "PR5"], type: "Residential+Education", provided: "Agency",
    outOfArea: 0.8, weekly: [3000, 6000], unitCost: true, meanStay: 365, weights: [0, 0.3, 1.2, 0.8], uascWeights: [0, 0, 0, 0],
  },
  {
    name: "secure children's home", places: ["K1"], providers: ["PR1", "PR2"], type: "Secure", provided: "LA",
    outOfArea: 0.9, weekly: [6500, 9000], unitCost: true, meanStay: 90, weights: [0, 0, 0.3, 0.3], uascWeights: [0, 0, 0, 0],
  },
  {
    name: "semi-independent accommodation", places: ["H5"], providers: ["PR4", "PR4", "PR5"], type: "Semi-Independence", provided: "Agency",
    outOfArea: 0.45, weekly: [1000, 2500], unitCost: true, meanStay: 320, weights: [0, 0, 0.3, 30], uascWeights: [0, 0, 0.3, 60],
  },
  {
    name: "independent living", places: ["P2"], providers: ["PR1"], type: "Independence", provided: "LA",
    outOfArea: 0.2, weekly: [150, 300], unitCost: true, meanStay: 250, weights: [0, 0, 0, 5], uascWeights: [0, 0, 0, 3],
  },
  {
    name: "placed with parents", places: ["P1"], providers: ["PR0"], type: "Placed with parents", provided: "Parents",
    outOfArea: 0.1, weekly: [0, 100], unitCost: true, meanStay: 240, weights: [9, 8, 6, 4], uascWeights: [0, 0, 0, 0],
  },
  {
    name: "placed for adoption", places: ["A5", "A6", "A6", "A3", "A4"], providers: ["PR1", "PR2"], type: "Adoption", provided: "LA",
    outOfArea: 0.4, weekly: [0, 0], unitCost: true, meanStay: 260, weights: [12, 2.5, 0, 0], uascWeights: [0, 0, 0, 0],
  },
  {
    name: "mother and baby unit", places: ["R3"], providers: ["PR4"], type: "Mother And Baby", provided: "Agency",
    outOfArea: 0.6, weekly: [2500, 4500], unitCost: true, meanStay: 90, weights: [1.5, 0, 0.1, 0.8], uascWeights: [0, 0, 0, 0],
  },
  {
    name: "young offender institution", places: ["R5"], providers: ["PR3"], type: "Young Offenders Inst", provided: "LA",
    outOfArea: 0.9, weekly: [0, 0], unitCost: true, meanStay: 120, weights: [0, 0, 0.3, 0.6], uascWeights: [0, 0, 0, 0],
  },
  {
    // Temporary placements and hospital stays: no weekly cost is recorded and no unit cost exists,
    // so these come out as the uncosted episodes a real extract always has.
    name: "temporary or other", places: ["T0", "T1", "T2", "T3", "T4", "Z1"], providers: ["PR1"], type: "Other", provided: "LA",
    outOfArea: 0.3, weekly: null, unitCost: false, meanStay: 30, weights: [0.4, 0.4, 0.6, 0.6], uascWeights: [0, 0, 0.3, 0.3],
  },
];

const ADOPTION = PLACEMENT_KINDS.findIndex((k) => k.name === "placed for adoption");
const PLACED_WITH_PARENTS = PLACEMENT_KINDS.findIndex((k) => k.name === "placed with parents");
const FOSTERING = new Set(["LA foster care", "IFA foster care", "kinship care"]);

/** Share of episodes whose finance record carries no weekly cost, so the unit cost is used. */
const MISSING_WEEKLY_COST = 0.1;
/** Share of children who come back into care after a period of care ends. */
const RETURN_TO_CARE = 0.12;
/** How far before the window a child's care may have begun (so the window opens with children in care). */
const YEARS_OF_HISTORY = 3;

/** Age at first entry to care, in years: [from, to) with its weight. Teenagers are the largest group. */
const AGE_AT_ENTRY: readonly (readonly [number, number, number])[] = [
  [0, 1, 14],
  [1, 5, 13],
  [5, 10, 16],
  [10, 16, 42],
  [16, 18, 15],
];

const CIN_CODES = ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"] as const;
const CIN_WEIGHTS = [58, 3.5, 3.5, 8, 15, 2, 0.5, 9.5];
const ETHNIC_CODES = ["WBRI", "WIRI", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"];
const ETHNIC_WEIGHTS = [66, 1, 4, 1, 4, 1.5, 1.5, 3, 1, 2, 1, 1.5, 2, 3, 1.5, 0.3, 2, 1.2, 0.5];
const UASC_ETHNIC_CODES = ["AOTH", "BAFR", "BOTH", "OOTH", "MOTH"];

/** Legal status at the start of a period of care (not UASC): interim care orders and section 20 accommodation lead. */
const FIRST_LEGAL_STATUS = ["C1", "V2", "C2", "L1", "L2", "J1"];
const FIRST_LEGAL_STATUS_WEIGHTS = [38, 36, 12, 4, 4, 3];
/** The status a change of legal status usually leads to. */
const NEXT_LEGAL_STATUS: Readonly<Record<string, readonly string[]>> = {
  C1: ["C2", "C2", "C2", "V2"],
  V2: ["C1", "C1", "C2"],
  C2: ["E1", "E1", "V2"],
  L1: ["C1", "V2"],
  L2: ["C1", "V2"],
  J1: ["V2", "J2", "J3"],
  J2: ["V2", "J1"],
  J3: ["V2", "C2"],
  E1: ["C2"],
};

/** Kinds of change that start a new episode within a period of care (RNE), with their weights. */
const CHANGE_CODES = ["P", "L", "T", "U", "B"];
const CHANGE_WEIGHTS = [64, 16, 14, 3, 3];

const PLACEMENT_CHANGE_REASONS = ["CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHRON", "LAREQ", "PLACE", "OTHER"];
const PLACEMENT_CHANGE_WEIGHTS = [18, 4, 2, 2, 1, 6, 3, 10, 25, 20, 9];

const AGE_BANDS_UPPER = [5, 10, 16] as const;

function ageBand(ageYears: number): number {
  if (ageYears < AGE_BANDS_UPPER[0]) return 0;
  if (ageYears < AGE_BANDS_UPPER[1]) return 1;
  if (ageYears < AGE_BANDS_UPPER[2]) return 2;
  return 3;
}

const DAYS_PER_YEAR = 365.25;

/**
 * Children one by one with their episodes, lazily, so a caller can stop early or stream them
 * to a file. Episode and child row numbers are the rows they take in the tables
 * `generateSample` builds (header on row 1).
 */
export function* sampleChildren(options: SampleOptions): Generator<SampleChild> {
  const end = options.end ?? DEFAULT_SAMPLE_END;
  const start = options.start ?? addYears(end, -5) + 1;
  if (!(start <= end)) throw new RangeError("the sample's start date must not be after its end date");
  if (!Number.isInteger(options.children) || options.children < 0) throw new RangeError("the number of children must be a whole number, 0 or more");
  const random = new Random(options.seed);
  const earliestEntry = addYears(start, -YEARS_OF_HISTORY);
  let produced = 0;
  let nextEpisodeRow = 2;
  let candidate = 0;
  while (produced < options.children) {
    candidate += 1;
    const sample = simulateChild(random, candidate, options.seed, earliestEntry, start, end);
    if (sample === null) continue;
    sample.child.row = produced + 2;
    for (const episode of sample.episodes) episode.row = nextEpisodeRow++;
    produced += 1;
    yield sample;
  }
}

function simulateChild(random: Random, number: number, seed: number, earliestEntry: Day, start: Day, end: Day): SampleChild | null {
  const firstEntry = random.int(earliestEntry, end);
  const ageBandAtEntry = AGE_AT_ENTRY[random.weightedIndex(AGE_AT_ENTRY.map((a) => a[2]))];
  const ageAtEntry = random.between(ageBandAtEntry[0], ageBandAtEntry[1]);
  const dob = firstEntry - Math.floor(ageAtEntry * DAYS_PER_YEAR);
  const uasc = ageAtEntry >= 14 && random.chance(0.24);
  const sex = random.chance(uasc ? 0.92 : 0.55) ? "1" : "2";
  const ethnic = uasc ? random.pick(UASC_ETHNIC_CODES) : ETHNIC_CODES[random.weightedIndex(ETHNIC_WEIGHTS)];
  const cin = uasc ? "N8" : CIN_CODES[random.weightedIndex(CIN_WEIGHTS)];
  const id = String(1_000_000 + number);
  const adulthood = birthday(dob, 18);
  const episodes: Episode[] = [];

  let periodStart = firstEntry;
  while (periodStart <= end && periodStart < adulthood) {
    const periodEnd = Math.min(periodStart + periodLength(random), adulthood);
    let legalStatus = uasc ? "V2" : FIRST_LEGAL_STATUS[random.weightedIndex(FIRST_LEGAL_STATUS_WEIGHTS)];
    let kind = drawPlacement(random, (periodStart - dob) / DAYS_PER_YEAR, uasc, -1);
    let placement = placementDetails(random, kind);
    let rne = "S";
    let episodeStart = periodStart;
    for (;;) {
      const kindSpec = PLACEMENT_KINDS[kind];
      let episodeEnd = episodeStart + Math.max(1, Math.round(random.exponential(kindSpec.meanStay)));
      // An adoption placement ends the period with the adoption order; a return to parents usually does.
      const endsPeriod = episodeEnd >= periodEnd || kind === ADOPTION || (kind === PLACED_WITH_PARENTS && random.chance(0.6));
      if (endsPeriod) episodeEnd = Math.min(episodeEnd, periodEnd);
      const open = episodeEnd > end;
      const change = endsPeriod || open ? "" : CHANGE_CODES[random.weightedIndex(CHANGE_WEIGHTS)];
      const placementChanges = change !== "" && change !== "L";
      if (open || episodeEnd > start) {
        episodes.push({
          row: 0,
          child: id,
          start: episodeStart,
          end: open ? null : episodeEnd,
          rne,
          ls: legalStatus,
          cin,
          place: placement.place,
          provider: placement.provider,
          rec: open ? "" : endsPeriod ? exitReason(random, kind, episodeEnd >= adulthood) : "X1",
          reasonPlaceChange: placementChanges ? PLACEMENT_CHANGE_REASONS[random.weightedIndex(PLACEMENT_CHANGE_WEIGHTS)] : "",
          urn: placement.place === "K2" || placement.place === "K1" ? `SC${String(hash32(seed, number, episodeStart) % 1_000_000).padStart(6, "0")}` : "",
          weeklyCost: placement.weeklyCost,
          location: placement.location,
          ebd: false,
        });
      }
      if (open || endsPeriod) break;
      if (change !== "P" && change !== "B") legalStatus = nextLegalStatus(random, legalStatus);
      rne = change;
      if (placementChanges) {
        // "B": a new placement with the same carers, e.g. short-term foster care becoming long-term.
        kind = change === "B" ? kind : drawPlacement(random, (episodeEnd - dob) / DAYS_PER_YEAR, uasc, kind);
        placement = placementDetails(random, kind);
        // Placement for adoption under a placement order (A5, A6) comes with that order: a change of both.
        if ((placement.place === "A5" || placement.place === "A6") && legalStatus !== "E1") {
          legalStatus = "E1";
          if (rne === "P" || rne === "B") rne = "T";
        }
      }
      episodeStart = episodeEnd;
    }
    if (periodEnd > end || periodEnd >= adulthood || !random.chance(RETURN_TO_CARE)) break;
    periodStart = periodEnd + random.int(30, 730);
  }
  if (episodes.length === 0) return null;
  return {
    child: { row: 0, child: id, sex, dob, ethnic, uasc },
    episodes,
    uascCeased: uasc ? adulthood : null,
    homePostcode: postcode(hash32(seed, number)),
  };
}

/** Length of a period of care in days: a third leave within six months, many stay for years. */
function periodLength(random: Random): number {
  const roll = random.next();
  if (roll < 0.3) return random.int(1, 182);
  if (roll < 0.6) return random.int(183, 730);
  return random.int(731, 2600);
}

function drawPlacement(random: Random, ageYears: number, uasc: boolean, previous: number): number {
  const band = ageBand(ageYears);
  const weights = PLACEMENT_KINDS.map((k, index) => {
    const weight = uasc ? k.uascWeights[band] : k.weights[band];
    // Nobody is placed for adoption on the day they come into care.
    if (previous === -1 && index === ADOPTION) return 0;
    // A move is less often to another placement of the same kind.
    return index === previous ? weight * 0.5 : weight;
  });
  return random.weightedIndex(weights);
}

interface PlacementDetails {
  place: string;
  provider: string;
  location: Location;
  weeklyCost: number | null;
}

function placementDetails(random: Random, kind: number): PlacementDetails {
  const spec = PLACEMENT_KINDS[kind];
  const location: Location = random.chance(spec.outOfArea) ? "Out LA" : "In LA";
  let weeklyCost: number | null = null;
  if (spec.weekly !== null) {
    const range = spec.highCost && random.chance(spec.highCost.share) ? spec.highCost.weekly : spec.weekly;
    const weekly = random.between(range[0], range[1]) * (location === "Out LA" ? OUT_OF_AREA_UPLIFT : 1);
    weeklyCost = random.chance(MISSING_WEEKLY_COST) ? null : Math.round(weekly * 100) / 100;
  }
  return { place: random.pick(spec.places), provider: random.pick(spec.providers), location, weeklyCost };
}

function nextLegalStatus(random: Random, current: string): string {
  const options = NEXT_LEGAL_STATUS[current];
  return options ? random.pick(options) : "C2";
}

function exitReason(random: Random, kind: number, reachedAdulthood: boolean): string {
  const name = PLACEMENT_KINDS[kind].name;
  if (kind === ADOPTION) return random.chance(0.7) ? "E11" : "E12";
  if (reachedAdulthood) {
    if (FOSTERING.has(name) && random.chance(0.45)) return "E17";
    return random.pick(["E5", "E5", "E6", "E8"]);
  }
  if (kind === PLACED_WITH_PARENTS) return random.chance(0.85) ? "E4A" : "E13";
  if (name === "kinship care") return random.pick(["E41", "E45", "E46", "E46", "E4A"]);
  if (name === "semi-independent accommodation" || name === "independent living") return random.pick(["E5", "E6", "E8"]);
  if (name === "young offender institution") return "E9";
  return random.pick(["E4A", "E4A", "E4B", "E13", "E8", "E48", "E3"]);
}

const POSTCODE_AREAS = ["AB", "B", "BS", "CB", "CV", "DE", "E", "L", "LE", "M", "N", "NG", "NR", "OX", "S", "SE", "SW", "W"];
const POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

/** A made-up postcode in the UK pattern ("NG7 2RD"), from a hash so it costs no draws from the generator. */
function postcode(hash: number): string {
  const area = POSTCODE_AREAS[hash % POSTCODE_AREAS.length];
  const district = (hash >>> 5) % 30;
  const sector = (hash >>> 10) % 10;
  const unit = POSTCODE_LETTERS[(hash >>> 14) % 20] + POSTCODE_LETTERS[(hash >>> 19) % 20];
  return `${area}${district} ${sector}${unit}`;
}

export const SAMPLE_EPISODE_HEADERS = [
  "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE",
  "HOME_POST", "PL_POST", "URN", "WEEKLY_COST", "LOCATION",
];
export const SAMPLE_CHILD_HEADERS = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"];
export const SAMPLE_UASC_HEADERS = ["CHILD", "SEX", "DOB", "DUC"];
export const SAMPLE_UNIT_COST_HEADERS = ["TYPE", "PROVIDED", "LOCATION", "WEEKLY_COST"];

/**
 * Writes a sample child's rows in SSDA903 layout (ISO dates), for CSV files or tables.
 * Formatting dates dominates the cost of a large sample, so each distinct day is formatted once.
 */
export class SampleRowWriter {
  private readonly dates = new Map<Day, string>();

  constructor(private readonly seed: number) {}

  episodeRows(sample: SampleChild): Cell[][] {
    return sample.episodes.map((e) => [
      e.child,
      this.date(e.start),
      e.rne,
      e.ls,
      e.cin,
      e.place,
      e.provider,
      e.end === null ? null : this.date(e.end),
      e.rec === "" ? null : e.rec,
      e.reasonPlaceChange === "" ? null : e.reasonPlaceChange,
      sample.homePostcode,
      e.place === "P1" ? sample.homePostcode : postcode(hash32(this.seed, e.row)),
      e.urn === "" ? null : e.urn,
      e.weeklyCost,
      e.location === "Out LA" ? "OUT" : "IN",
    ]);
  }

  childRow(sample: SampleChild): Cell[] {
    const { child } = sample;
    return [child.child, child.sex, this.date(child.dob), child.ethnic, upn(hash32(this.seed, child.row)), null, null];
  }

  /** The UASC table's row, or null for a child who is not UASC. */
  uascRow(sample: SampleChild): Cell[] | null {
    if (sample.uascCeased === null) return null;
    const { child } = sample;
    return [child.child, child.sex, this.date(child.dob), this.date(sample.uascCeased)];
  }

  private date(day: Day): string {
    let text = this.dates.get(day);
    if (text === undefined) {
      text = formatIsoDate(day);
      this.dates.set(day, text);
    }
    return text;
  }
}

/** A made-up unique pupil number in the DfE pattern (a letter and 12 digits). */
function upn(hash: number): string {
  return `${POSTCODE_LETTERS[hash % 20]}${String(hash).padStart(10, "0")}${String(hash % 97).padStart(2, "0")}`;
}

/**
 * The unit-cost table matching the sample's placements: the midpoint of each group's weekly
 * cost range in the council's area, a little more out of it, the same midpoint where the
 * location is not recorded, and for each type a rate for any provider (its first kind's, e.g.
 * in-house foster care), so that data from elsewhere can be costed with it too. Temporary
 * placements and hospital stays have no unit cost.
 */
export function sampleUnitCosts(): Table {
  const rows: Cell[][] = [];
  const anyProvider: Cell[][] = [];
  const seen = new Set<string>();
  for (const kind of PLACEMENT_KINDS) {
    if (!kind.unitCost || kind.weekly === null) continue;
    const midpoint = Math.round((kind.weekly[0] + kind.weekly[1]) / 2);
    if (!seen.has(kind.type)) anyProvider.push([kind.type, null, null, midpoint]);
    seen.add(kind.type);
    if (midpoint > 0) {
      rows.push([kind.type, kind.provided, "In LA", midpoint]);
      rows.push([kind.type, kind.provided, "Out LA", Math.round(midpoint * OUT_OF_AREA_UPLIFT)]);
    }
    rows.push([kind.type, kind.provided, null, midpoint]);
  }
  return { headers: [...SAMPLE_UNIT_COST_HEADERS], rows: [...rows, ...anyProvider], firstRowNumber: 2 };
}

export interface SampleTables {
  episodes: Table;
  children: Table;
  uasc: Table;
  unitCosts: Table;
}

/** The whole sample as tables in SSDA903 layout, ready for the readers or for writing as CSV. */
export function generateSample(options: SampleOptions): SampleTables {
  const writer = new SampleRowWriter(options.seed);
  const episodes: Cell[][] = [];
  const children: Cell[][] = [];
  const uasc: Cell[][] = [];
  for (const sample of sampleChildren(options)) {
    for (const row of writer.episodeRows(sample)) episodes.push(row);
    children.push(writer.childRow(sample));
    const uascRow = writer.uascRow(sample);
    if (uascRow) uasc.push(uascRow);
  }
  return {
    episodes: { headers: [...SAMPLE_EPISODE_HEADERS], rows: episodes, firstRowNumber: 2 },
    children: { headers: [...SAMPLE_CHILD_HEADERS], rows: children, firstRowNumber: 2 },
    uasc: { headers: [...SAMPLE_UASC_HEADERS], rows: uasc, firstRowNumber: 2 },
    unitCosts: sampleUnitCosts(),
  };
}
