/** SSDA903 code lists, and how the product groups them (docs/method/costs.md and docs/method/forecast.md). */

import { Day, financialYearStart } from "./dates";

export type PlacementType =
  | "Adoption"
  | "Kinship care"
  | "Foster care"
  | "Secure"
  | "Residential"
  | "Residential+Education"
  | "Residential+Health"
  | "Mother And Baby"
  | "Young Offenders Inst"
  | "Placed with parents"
  | "Independence"
  | "Semi-Independence"
  | "Hospital"
  | "Other"
  | "Unknown";

/** One SSDA903 placement code (PLACE) and how the product reads it. */
export interface PlaceCode {
  code: string;
  /** The DfE guide's description, shortened. */
  description: string;
  /** Placement type (docs/method/costs.md, "Placement groups"). */
  type: PlacementType;
  /** Forecast category (docs/method/forecast.md, "The model in detail"), as the open regional demand model groups the codes. */
  category: PlacementCategory;
  /** The placement itself raises the offender needs flag (docs/method/costs.md, "The three summaries"). */
  offender: boolean;
}

function placeCode(code: string, type: PlacementType, category: PlacementCategory, description: string, offender = false): PlaceCode {
  return { code, description, type, category, offender };
}

/**
 * Every PLACE code of every collection year since 2017-18 (PLACE_CODE_LISTS says which year has
 * which). Z11–Z14 replace Z1 from 2025-26; this engine reads them as Z1 was read, as Other.
 */
export const PLACE_CODES: readonly PlaceCode[] = [
  placeCode("A3", "Adoption", "Other", "Placed for adoption with consent, with current foster carer(s)"),
  placeCode("A4", "Adoption", "Other", "Placed for adoption with consent, not with current foster carer(s)"),
  placeCode("A5", "Adoption", "Other", "Placed for adoption with a placement order, with current foster carer(s)"),
  placeCode("A6", "Adoption", "Other", "Placed for adoption with a placement order, not with current foster carer(s)"),
  placeCode("U1", "Kinship care", "Fostering", "Foster placement with relative(s) or friend(s): long term"),
  placeCode("U2", "Kinship care", "Fostering", "Foster placement with relative(s) or friend(s) who are also approved adopters: FFA or concurrent planning"),
  placeCode("U3", "Kinship care", "Fostering", "Foster placement with relative(s) or friend(s): not long term, FFA or concurrent planning"),
  placeCode("U4", "Foster care", "Fostering", "Foster placement with other foster carer(s): long term"),
  placeCode("U5", "Foster care", "Fostering", "Foster placement with other foster carer(s) who are also approved adopters: FFA or concurrent planning"),
  placeCode("U6", "Foster care", "Fostering", "Foster placement with other foster carer(s): not long term, FFA or concurrent planning"),
  placeCode("K1", "Secure", "Other", "Secure children's home"),
  placeCode("K2", "Residential", "Residential", "Children's home subject to the Children's Homes Regulations"),
  placeCode("R1", "Residential", "Residential", "Residential care home"),
  placeCode("P3", "Residential", "Residential", "Residential employment"),
  placeCode("S1", "Residential+Education", "Residential", "Residential school, except where dual-registered as a school and children's home"),
  placeCode("R2", "Residential+Health", "Other", "NHS or health trust establishment providing medical or nursing care"),
  placeCode("R3", "Mother And Baby", "Other", "Family centre or mother and baby unit"),
  placeCode("R5", "Young Offenders Inst", "Other", "Young offender institution or prison", true),
  placeCode("P1", "Placed with parents", "Other", "Placed with own parent(s) or other person(s) with parental responsibility"),
  placeCode("P2", "Independence", "Supported", "Independent living, e.g. flat, lodgings, bedsit, B&B or with friends"),
  placeCode("H5", "Semi-Independence", "Supported", "Semi-independent living accommodation not subject to the Children's Homes Regulations"),
  placeCode("K3", "Semi-Independence", "Supported", "Supported accommodation registered with Ofsted (16 and 17 year olds)"),
  placeCode("T0", "Other", "Other", "Temporary move of any type"),
  placeCode("T1", "Hospital", "Other", "Temporary period in hospital"),
  placeCode("T2", "Other", "Other", "Temporary absence of the child on holiday"),
  placeCode("T3", "Other", "Other", "Temporary accommodation while the usual foster carer(s) are on holiday"),
  placeCode("T4", "Other", "Other", "Temporary accommodation of seven days or less, not covered by T1 to T3"),
  placeCode("Z1", "Other", "Other", "Other placement"),
  placeCode("Z11", "Other", "Other", "Other placement (one of the four codes that replace Z1 from 2025-26; see the DfE guide)"),
  placeCode("Z12", "Other", "Other", "Other placement (one of the four codes that replace Z1 from 2025-26; see the DfE guide)"),
  placeCode("Z13", "Other", "Other", "Other placement (one of the four codes that replace Z1 from 2025-26; see the DfE guide)"),
  placeCode("Z14", "Other", "Other", "Other placement (one of the four codes that replace Z1 from 2025-26; see the DfE guide)"),
];

export const PLACE_CODE_BY_CODE: ReadonlyMap<string, PlaceCode> = new Map(PLACE_CODES.map((entry) => [entry.code, entry]));

export const PLACEMENT_TYPE_BY_PLACE: Readonly<Record<string, PlacementType>> = Object.fromEntries(PLACE_CODES.map((entry) => [entry.code, entry.type]));

/** PLACE codes that raise the offender needs flag. */
export const OFFENDER_PLACES: ReadonlySet<string> = new Set(PLACE_CODES.filter((entry) => entry.offender).map((entry) => entry.code));

/** The PLACE codes valid in one SSDA903 collection year, and where the list comes from. */
export interface PlaceCodeList {
  /** The year the collection starts: 2017 is the 2017-18 return (1 April 2017 to 31 March 2018). */
  year: number;
  codes: ReadonlySet<string>;
  source: string;
}

const CODES_2017_TO_2024 = ["A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1"];
const CODES_2024_25 = [...CODES_2017_TO_2024, "K3"];
const CODES_2025_26 = [...CODES_2024_25.filter((code) => !["H5", "P2", "Z1"].includes(code)), "Z11", "Z12", "Z13", "Z14"];

const GUIDE = "DfE, Children looked after by local authorities in England: guide to the SSDA903 collection";
const VALIDATOR = "the public SSDA903 validator (github.com/data-to-insight/csc-validator-be-903), rule 146";

function codeList(year: number, codes: readonly string[], validatorRules: string): PlaceCodeList {
  return { year, codes: new Set(codes), source: `${GUIDE} ${year}-${String((year + 1) % 100).padStart(2, "0")}; ${VALIDATOR} in ${validatorRules}` };
}

/**
 * The PLACE code list of each collection year (docs/national-unit-costs.md lists the sources).
 * 2024-25 adds K3 for the supported accommodation registered from October 2023; 2025-26 drops H5,
 * P2 and Z1 and adds Z11–Z14.
 */
export const PLACE_CODE_LISTS: readonly PlaceCodeList[] = [
  ...[2017, 2018, 2019, 2020, 2021, 2022, 2023].map((year) =>
    codeList(year, CODES_2017_TO_2024, year < 2022 ? "validator903/validators.py (SocialFinanceDigitalLabs/quality-lac-data-beta-validator)" : "lac_validator/rules/lac2022_23/rule_146.py"),
  ),
  codeList(2024, CODES_2024_25, "lac_validator/rules/lac2024_25/rule_146.py"),
  codeList(2025, CODES_2025_26, "lac_validator/rules/lac2025_26/rule_146.py"),
];

const FIRST_LIST = PLACE_CODE_LISTS[0];
const LAST_LIST = PLACE_CODE_LISTS[PLACE_CODE_LISTS.length - 1];

/** The code list that applies to a collection year: before 2017-18 the 2017-18 list, after the last listed year the last list. */
export function placeCodeListFor(collectionYear: number): PlaceCodeList {
  if (collectionYear <= FIRST_LIST.year) return FIRST_LIST;
  if (collectionYear >= LAST_LIST.year) return LAST_LIST;
  return PLACE_CODE_LISTS.find((list) => list.year === collectionYear) ?? LAST_LIST;
}

/** "2017-18" for 2017. */
export function collectionYearLabel(collectionYear: number): string {
  return `${collectionYear}-${String((collectionYear + 1) % 100).padStart(2, "0")}`;
}

export type PlaceCodeStatus = "known" | "unknown-for-year" | "not-a-code";

/** Whether a PLACE code is in the list of its collection year, in another year's list only, or in none. */
export function placeCodeStatus(place: string, collectionYear: number): PlaceCodeStatus {
  const code = place.trim().toUpperCase();
  if (placeCodeListFor(collectionYear).codes.has(code)) return "known";
  return PLACE_CODE_BY_CODE.has(code) ? "unknown-for-year" : "not-a-code";
}

/** The collection years whose list holds a code, as "2017-18 to 2024-25"; empty when none does. */
function yearsOfCode(code: string): string {
  const years = PLACE_CODE_LISTS.filter((list) => list.codes.has(code)).map((list) => list.year);
  if (years.length === 0) return "";
  const first = collectionYearLabel(years[0]);
  const last = collectionYearLabel(years[years.length - 1]);
  return first === last ? first : `${first} to ${last}`;
}

/**
 * A row-level message for a PLACE code its collection year does not list, or null when it does
 * (or is blank, which the episode reader reports). The episode is still costed under the type
 * PLACE_CODES gives the code.
 */
export function placeCodeIssue(place: string, collectionYear: number): string | null {
  const code = place.trim().toUpperCase();
  if (code === "") return null;
  const status = placeCodeStatus(code, collectionYear);
  if (status === "known") return null;
  const year = collectionYearLabel(collectionYear);
  if (status === "unknown-for-year") {
    return `PLACE ${code} is not in the ${year} SSDA903 code list (it is used in ${yearsOfCode(code)}); costed as ${PLACEMENT_TYPE_BY_PLACE[code]}`;
  }
  return `PLACE "${place.trim()}" is not an SSDA903 placement code in any year since 2017-18; costed as Unknown`;
}

/**
 * The collection year of an episode without a YEAR: the financial year of its last day in care
 * (the day before DEC), or for an open episode the financial year of `asAt`, the data's last date.
 */
export function collectionYearOfEpisode(end: Day | null, asAt: Day): number {
  return financialYearStart(end === null ? asAt : end - 1);
}

/**
 * The collection year (its first year: 2017 for 2017-18) of a YEAR column value: "2017-18",
 * "2017/18", or one year. One year names the year the collection starts, as the open model's
 * extracts write it (YEAR 2017 holds episodes to 31 March 2018); null when unreadable.
 */
export function collectionYearOfText(text: string): number | null {
  const match = /^\s*(\d{4})(?:\s*[-/]\s*(\d{2}|\d{4}))?\s*$/.exec(text);
  if (match === null) return null;
  const first = Number(match[1]);
  if (match[2] !== undefined && Number(match[2].slice(-2)) !== (first + 1) % 100) return null;
  return first;
}

export const PLACEMENT_TYPES: readonly PlacementType[] = [
  "Foster care",
  "Kinship care",
  "Adoption",
  "Residential",
  "Residential+Education",
  "Residential+Health",
  "Secure",
  "Semi-Independence",
  "Independence",
  "Mother And Baby",
  "Young Offenders Inst",
  "Placed with parents",
  "Hospital",
  "Other",
  "Unknown",
];

export type Provider = "Parents" | "LA" | "Agency" | "Unknown";

export const PROVIDER_BY_CODE: Readonly<Record<string, Provider>> = {
  PR0: "Parents",
  PR1: "LA",
  PR2: "LA",
  PR3: "LA",
  PR4: "Agency",
  PR5: "Agency",
};

export type Location = "In LA" | "Out LA" | "N/A";

/** Reads the optional LOCATION column: IN/OUT as the design gives them, and the spellings finance systems use. */
export function locationOf(value: string | null | undefined): Location {
  const text = (value ?? "").trim().toUpperCase().replace(/[\s_-]+/g, " ");
  if (["IN", "IN LA", "INSIDE", "IN AREA", "INSIDE LA", "WITHIN"].includes(text)) return "In LA";
  if (["OUT", "OUT LA", "OUTSIDE", "OUT OF AREA", "OUTSIDE LA", "OOA"].includes(text)) return "Out LA";
  return "N/A";
}

/** Forecast categories (docs/method/forecast.md, "The model in detail"), as the open regional demand model names them. */
export type PlacementCategory = "Fostering" | "Residential" | "Supported" | "Other";

export const PLACEMENT_CATEGORIES: readonly PlacementCategory[] = ["Fostering", "Residential", "Supported", "Other"];

export function placementCategory(place: string): PlacementCategory {
  return PLACE_CODE_BY_CODE.get(place)?.category ?? "Other";
}

/** Routes out of care by the episode's reason for ending (REC). */
export type ExitRoute = "Returned home" | "Adopted" | "Special guardianship / CAO" | "Aged out / independent living" | "Other";

export const EXIT_ROUTES: readonly ExitRoute[] = [
  "Returned home",
  "Adopted",
  "Special guardianship / CAO",
  "Aged out / independent living",
  "Other",
];

export function exitRoute(rec: string): ExitRoute {
  switch (rec) {
    case "E4A":
    case "E4B":
    case "E13":
      return "Returned home";
    case "E11":
    case "E12":
      return "Adopted";
    case "E41":
    case "E45":
    case "E46":
    case "E47":
    case "E48":
      return "Special guardianship / CAO";
    case "E5":
    case "E6":
    case "E15":
    case "E17":
      return "Aged out / independent living";
    default:
      return "Other";
  }
}

/** RNE codes of an episode that continues the same period of care with a change of placement or legal status. */
export const CONTINUING_RNE: ReadonlySet<string> = new Set(["L", "T", "U"]);

/** Legal statuses of children on remand or sentenced (offender needs flag). */
export const OFFENDER_LEGAL_STATUSES: ReadonlySet<string> = new Set(["J1", "J2", "J3"]);

/** CIN code of a child in need because of disability. */
export const DISABILITY_CIN = "N2";
