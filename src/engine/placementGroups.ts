/**
 * Placement groups (docs/method/costs.md, "Placement groups"): the type × provided-by × location description each episode
 * is costed and summarised under, labelled as the Loughborough cost calculator does
 * ("Agency Foster Care in LA").
 */

import { Location, PLACEMENT_TYPES, PLACEMENT_TYPE_BY_PLACE, PROVIDER_BY_CODE, PlacementType, Provider } from "./codes";
import { ReadResult, readRows } from "./quality";
import { ColumnMapping, FieldSpec, Table, cellText, normaliseHeader, resolveColumns } from "./table";

export interface PlacementGroup {
  /** A PlacementType, or the user's own type name when a workbook override gives one. */
  type: PlacementType | string;
  provided: Provider;
  location: Location;
  /** e.g. "Agency Foster Care in LA", "LA Residential out LA", "Agency Foster Care" when location is N/A. */
  label: string;
}

/** PLACE code -> placement type; a workbook table may override the default mapping of docs/method/costs.md. */
export type PlacementTypeOverrides = ReadonlyMap<string, string>;

export interface PlacementTypeOverride {
  row: number;
  place: string;
  type: string;
}

const PLACEMENT_TYPE_BY_KEY: ReadonlyMap<string, PlacementType> = new Map(PLACEMENT_TYPES.map((type) => [normaliseHeader(type), type]));

/** The built-in type a user's spelling names ("foster care", "Semi Independence"), or the text as typed. */
export function canonicalPlacementType(text: string): PlacementType | string {
  const trimmed = text.trim();
  return PLACEMENT_TYPE_BY_KEY.get(normaliseHeader(trimmed)) ?? trimmed;
}

export function placementTypeOf(place: string, overrides?: PlacementTypeOverrides): PlacementType | string {
  const code = place.trim().toUpperCase();
  return overrides?.get(code) ?? PLACEMENT_TYPE_BY_PLACE[code] ?? "Unknown";
}

/** Provided-by from a PLACE_PROVIDER code (PR0–PR5); anything else is Unknown. */
export function providedByOf(providerCode: string): Provider {
  return PROVIDER_BY_CODE[providerCode.trim().toUpperCase()] ?? "Unknown";
}

const PROVIDER_BY_WORD: ReadonlyMap<string, Provider> = new Map<string, Provider>([
  ["parents", "Parents"],
  ["parent", "Parents"],
  ["la", "LA"],
  ["localauthority", "LA"],
  ["council", "LA"],
  ["inhouse", "LA"],
  ["own", "LA"],
  ["agency", "Agency"],
  ["independent", "Agency"],
  ["ifa", "Agency"],
  ["private", "Agency"],
  ["external", "Agency"],
  ["voluntary", "Agency"],
  ["unknown", "Unknown"],
]);

/**
 * Provided-by as people write it in a unit-cost table: "LA", "In-house", "Agency", "IFA", or a
 * PLACE_PROVIDER code. Null when the text names no provider.
 */
export function providerFromText(text: string): Provider | null {
  const code = text.trim().toUpperCase();
  if (PROVIDER_BY_CODE[code]) return PROVIDER_BY_CODE[code];
  return PROVIDER_BY_WORD.get(normaliseHeader(text)) ?? null;
}

/** Every word capitalised, the rest left alone: "Foster care" -> "Foster Care", "IFA" stays "IFA". */
function titleCase(text: string): string {
  return text.replace(/(^|\s)(\S)/g, (_match, space: string, first: string) => space + first.toUpperCase());
}

/**
 * The group's label: provided-by, type in title case, then "in LA" / "out LA".
 * An unknown provider is left out ("Foster Care in LA") rather than printed as a word that
 * reads like part of the type; an unknown type reads "Unknown Placement".
 */
export function placementGroupLabel(type: string, provided: Provider, location: Location): string {
  const typeWords = type === "Unknown" ? "Unknown Placement" : titleCase(type);
  const providedWord = provided === "Unknown" ? "" : `${provided} `;
  const where = location === "In LA" ? " in LA" : location === "Out LA" ? " out LA" : "";
  return `${providedWord}${typeWords}${where}`;
}

export function placementGroupOf(
  place: string,
  providerCode: string,
  location: Location,
  overrides?: PlacementTypeOverrides,
): PlacementGroup {
  const type = placementTypeOf(place, overrides);
  const provided = providedByOf(providerCode);
  return { type, provided, location, label: placementGroupLabel(type, provided, location) };
}

export const PLACEMENT_TYPE_OVERRIDE_FIELDS: readonly FieldSpec[] = [
  { name: "PLACE", label: "Placement code", required: true, synonyms: ["place code", "placement code", "code", "ssda903 code"] },
  { name: "TYPE", label: "Placement type", required: true, synonyms: ["placement type", "type", "group", "placement group"] },
];

/**
 * Reads a PLACE -> TYPE table. A type that names a built-in one in other spelling takes the
 * built-in name, so unit costs and summaries line up; other names are kept as typed.
 * Where a code appears twice the later row is used and the earlier one reported.
 */
export function readPlacementTypeOverrides(
  table: Table,
  mapping: ColumnMapping = {},
): ReadResult<PlacementTypeOverride> & { overrides: PlacementTypeOverrides } {
  const col = resolveColumns(table.headers, PLACEMENT_TYPE_OVERRIDE_FIELDS, mapping);
  const read = readRows(
    table,
    "Placement types",
    (cells, row) => {
      const place = cellText(cells[col.PLACE]).toUpperCase();
      const type = cellText(cells[col.TYPE]);
      if (place === "") row.reject("PLACE", "PLACE (placement code) is blank");
      if (type === "") row.reject("TYPE", "TYPE (placement type) is blank");
      if (place === "" || type === "") return undefined;
      return { row: row.number, place, type: canonicalPlacementType(type) };
    },
    { key: (record) => record.place, column: "PLACE", name: (place) => `PLACE ${place}`, position: "latest" },
  );
  return { ...read, overrides: new Map(read.records.map((record) => [record.place, record.type])) };
}
