/** Weekly unit costs per placement group, used where an episode carries no WEEKLY_COST of its own. */

import { Location, Provider, locationOf } from "./codes";
import { PlacementGroup, canonicalPlacementType, providerFromText } from "./placementGroups";
import { MAX_WEEKLY_COST } from "./costs";
import { ReadResult, readRows } from "./quality";
import { Cell, ColumnMapping, FieldSpec, Table, cellNumber, cellText, normaliseHeader, numberHint, resolveColumns } from "./table";

export interface UnitCost {
  type: string;
  /** "Parents", "LA", "Agency" (or a spelling providerFromText reads); null: any provider. */
  provided: string | null;
  /** "In LA", "Out LA", "N/A" (or IN / OUT); null: any location. */
  location: string | null;
  weeklyCost: number;
  row: number;
}

export const UNIT_COST_FIELDS: readonly FieldSpec[] = [
  { name: "TYPE", label: "Placement type", required: true, synonyms: ["placement type", "type"] },
  { name: "PROVIDED", label: "Provided by", required: false, synonyms: ["provided by", "provider"] },
  { name: "LOCATION", label: "In or out of area", required: false, synonyms: ["in out", "area", "placement location"] },
  { name: "WEEKLY_COST", label: "Weekly cost", required: true, synonyms: ["weekly cost", "unit cost", "cost per week", "weekly rate"] },
];

/** Words that leave a column open to any value, as people fill in a rate card. */
const ANY = new Set(["", "any", "all"]);

function lookupKey(type: string, provided: string | null, location: string | null): string {
  return `${normaliseHeader(type)}\u0000${provided ?? ""}\u0000${location ?? ""}`;
}

/** A rate card's provider: null when left open (blank, "any", "all"), undefined when unreadable. */
function providedFilter(text: string | null): Provider | null | undefined {
  if (text === null || ANY.has(text.trim().toLowerCase())) return null;
  return providerFromText(text) ?? undefined;
}

/** A rate card's location (In LA / Out LA as locationOf reads them, or N/A): null when left open, undefined when unreadable. */
function locationFilter(text: string | null): Location | null | undefined {
  if (text === null || ANY.has(text.trim().toLowerCase())) return null;
  if (normaliseHeader(text) === "na") return "N/A";
  const location = locationOf(text);
  return location === "N/A" ? undefined : location;
}

/**
 * Reads a unit-cost table: one weekly cost per type, optionally narrowed by provider and location
 * (a blank, "any" or "all" provider or location applies to every one). A row whose type, provider
 * or location cannot be read, or whose cost is blank or below zero, is rejected; where the same
 * group appears twice the later row is used.
 */
export function readUnitCosts(table: Table, mapping: ColumnMapping = {}): ReadResult<UnitCost> {
  const col = resolveColumns(table.headers, UNIT_COST_FIELDS, mapping);
  const text = (cells: readonly Cell[], field: string) => (col[field] === undefined ? "" : cellText(cells[col[field]]));
  return readRows(
    table,
    "Unit costs",
    (cells, row) => {
      const type = text(cells, "TYPE");
      if (type === "") row.reject("TYPE", "TYPE (placement type) is blank");

      const providedText = text(cells, "PROVIDED");
      const provided = providedFilter(providedText);
      if (provided === undefined) {
        row.reject("PROVIDED", `PROVIDED "${providedText}" is not Parents, LA or Agency (leave it blank for any provider)`);
      }

      const locationText = text(cells, "LOCATION");
      const location = locationFilter(locationText);
      if (location === undefined) {
        row.reject("LOCATION", `LOCATION "${locationText}" is not In LA, Out LA or N/A (leave it blank for any location)`);
      }

      const cost = cellNumber(cells[col.WEEKLY_COST]);
      if (cost === null) row.reject("WEEKLY_COST", "WEEKLY_COST is blank");
      else if (cost === "invalid" || cost < 0) {
        row.reject("WEEKLY_COST", `WEEKLY_COST "${cellText(cells[col.WEEKLY_COST])}" is not a cost of zero or more${numberHint(cells[col.WEEKLY_COST])}`);
      } else if (cost > MAX_WEEKLY_COST) {
        row.reject("WEEKLY_COST", `WEEKLY_COST "${cellText(cells[col.WEEKLY_COST])}" is more than £1,000,000 a week, which no placement costs`);
      }

      if (row.rejected || typeof cost !== "number" || provided === undefined || location === undefined) return undefined;
      return { type: canonicalPlacementType(type), provided, location, weeklyCost: cost, row: row.number };
    },
    {
      key: (record) => lookupKey(record.type, record.provided, record.location),
      column: "TYPE",
      name: () => "the same placement group",
      position: "latest",
    },
  );
}

export class UnitCostTable {
  private readonly byKey = new Map<string, number>();

  /** Records as readUnitCosts gives them; a provider or location no reader would accept matches no episode. */
  constructor(costs: readonly UnitCost[]) {
    for (const cost of costs) {
      const provided = providedFilter(cost.provided);
      const location = locationFilter(cost.location);
      if (provided !== undefined && location !== undefined) this.byKey.set(lookupKey(cost.type, provided, location), cost.weeklyCost);
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  /**
   * The most specific cost that fits: type × provided × location, else type × provided,
   * else type × location, else type alone; null when the table has none for the type.
   * Types match whatever their case and punctuation ("Foster Care" = "foster care").
   */
  weeklyCostFor(group: Pick<PlacementGroup, "type" | "provided" | "location">): number | null {
    return (
      this.byKey.get(lookupKey(group.type, group.provided, group.location)) ??
      this.byKey.get(lookupKey(group.type, group.provided, null)) ??
      this.byKey.get(lookupKey(group.type, null, group.location)) ??
      this.byKey.get(lookupKey(group.type, null, null)) ??
      null
    );
  }
}
