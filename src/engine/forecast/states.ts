/**
 * The model's states (docs/method/forecast.md, "The model in detail"): age band × placement
 * category for children in care, and one "Not in care" sink per age band that collects the
 * children who leave.
 */

import { PLACEMENT_CATEGORIES, PlacementCategory, placementCategory } from "../codes";

/** The open model measures ages as days ÷ 365.24 to decide which band an episode starts in. */
export const YEAR_IN_DAYS = 365.24;

export interface AgeBand {
  label: string;
  /** Age in years at which the band starts (included) and ends (excluded). */
  minAge: number;
  maxAge: number;
}

/**
 * The open model's bands. The first starts at −1 so that an episode recorded a little before
 * birth still has a band; the last runs to 30, so nobody ages out of care in the reference mode.
 */
export const AGE_BANDS: readonly AgeBand[] = [
  { label: "Birth to 1", minAge: -1, maxAge: 1 },
  { label: "1 to 5", minAge: 1, maxAge: 5 },
  { label: "5 to 10", minAge: 5, maxAge: 10 },
  { label: "10 to 16", minAge: 10, maxAge: 16 },
  { label: "16 to 18+", minAge: 16, maxAge: 30 },
];

export const BAND_COUNT = AGE_BANDS.length;
export const CATEGORY_COUNT = PLACEMENT_CATEGORIES.length;
export const IN_CARE_STATES = BAND_COUNT * CATEGORY_COUNT;
export const STATE_COUNT = IN_CARE_STATES + BAND_COUNT;
export const NOT_IN_CARE = "Not in care";
/** The oldest age the model knows: the open model has no band from 30 on. */
export const OLDEST_AGE = AGE_BANDS[BAND_COUNT - 1].maxAge;

/** The band an age in years falls in, or -1 outside [−1, 30). */
export function bandOfAge(age: number): number {
  for (let band = 0; band < BAND_COUNT; band++) {
    if (age >= AGE_BANDS[band].minAge && age < AGE_BANDS[band].maxAge) return band;
  }
  return -1;
}

export function inCareState(band: number, category: number): number {
  return band * CATEGORY_COUNT + category;
}

export function notInCareState(band: number): number {
  return IN_CARE_STATES + band;
}

export function isInCare(state: number): boolean {
  return state < IN_CARE_STATES;
}

export function bandOfState(state: number): number {
  return state < IN_CARE_STATES ? Math.floor(state / CATEGORY_COUNT) : state - IN_CARE_STATES;
}

/** The category index of an in-care state; -1 for a Not in care state. */
export function categoryOfState(state: number): number {
  return state < IN_CARE_STATES ? state % CATEGORY_COUNT : -1;
}

export interface ForecastState {
  index: number;
  /** "10 to 16 - Fostering", "16 to 18+ - Not in care". */
  name: string;
  band: string;
  category: PlacementCategory | typeof NOT_IN_CARE;
  inCare: boolean;
}

export const STATES: readonly ForecastState[] = Array.from({ length: STATE_COUNT }, (_, index) => {
  const band = AGE_BANDS[bandOfState(index)].label;
  const category = isInCare(index) ? PLACEMENT_CATEGORIES[categoryOfState(index)] : NOT_IN_CARE;
  return { index, name: `${band} - ${category}`, band, category, inCare: isInCare(index) };
});

const STATE_BY_NAME = new Map(STATES.map((state) => [state.name.toLowerCase(), state.index]));

/** The state named, whatever its case; undefined when there is none. */
export function stateIndexOf(name: string): number | undefined {
  return STATE_BY_NAME.get(name.trim().replace(/\s+/g, " ").toLowerCase());
}

/**
 * The category index of a PLACE code. The open model's table (Fostering U1–U6; Residential K2,
 * R1, P3, S1; Supported H5, K3, P2; the rest Other), which both modes share
 * (docs/method/forecast.md, "The two modes").
 */
export function categoryIndexOf(place: string): number {
  return PLACEMENT_CATEGORIES.indexOf(placementCategory(place));
}
