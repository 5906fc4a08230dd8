/** SSDA903 code lists, and how the product groups them (DESIGN.md §3 and §4). */

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

export const PLACEMENT_TYPE_BY_PLACE: Readonly<Record<string, PlacementType>> = {
  A3: "Adoption",
  A4: "Adoption",
  A5: "Adoption",
  A6: "Adoption",
  U1: "Kinship care",
  U2: "Kinship care",
  U3: "Kinship care",
  U4: "Foster care",
  U5: "Foster care",
  U6: "Foster care",
  K1: "Secure",
  K2: "Residential",
  R1: "Residential",
  P3: "Residential",
  S1: "Residential+Education",
  R2: "Residential+Health",
  R3: "Mother And Baby",
  R5: "Young Offenders Inst",
  P1: "Placed with parents",
  P2: "Independence",
  H5: "Semi-Independence",
  K3: "Semi-Independence",
  T1: "Hospital",
  T0: "Other",
  T2: "Other",
  T3: "Other",
  T4: "Other",
  Z1: "Other",
};

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

/** Forecast categories (DESIGN.md §4), as the open regional demand model names them. */
export type PlacementCategory = "Fostering" | "Residential" | "Supported" | "Other";

export const PLACEMENT_CATEGORIES: readonly PlacementCategory[] = ["Fostering", "Residential", "Supported", "Other"];

export function placementCategory(place: string): PlacementCategory {
  switch (place) {
    case "U1":
    case "U2":
    case "U3":
    case "U4":
    case "U5":
    case "U6":
      return "Fostering";
    case "K2":
    case "R1":
    case "P3":
    case "S1":
      return "Residential";
    case "H5":
    case "K3":
    case "P2":
      return "Supported";
    default:
      return "Other";
  }
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
