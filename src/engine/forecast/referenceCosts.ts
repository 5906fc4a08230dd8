/**
 * The open model's cost method, for reference mode (docs/forecast-reference.md, "Costs"): each
 * placement category is split into cost items by the child-days each item had in the reference
 * window; each projected day's population, rounded to whole children, is costed at the items'
 * weekly costs ÷ 7 in those proportions; inflation, when asked for, steps the prices up on each
 * anniversary of the first projected day; the days are summed to calendar months.
 */

import { PLACEMENT_CATEGORIES, PlacementCategory } from "../codes";
import { Day, addYears, formatIsoDate } from "../dates";
import { Episode } from "../episodes";
import { Cell, FieldSpec, Table, TableError, cellNumber, cellText, isBlankRow, resolveColumns, rowNumberOf } from "../table";
import { OPEN, Spells } from "./cleaning";
import type { MonthlyCost } from "./costs";
import { IN_CARE_STATES, categoryOfState } from "./states";

export interface CostItem {
  label: string;
  category: PlacementCategory;
  /** PLACE codes the item covers. */
  places: readonly string[];
  /** PLACE_PROVIDER codes it covers; empty: any provider. */
  providers: readonly string[];
  /** The open model's default weekly cost, £. */
  defaultWeeklyCost: number;
}

const IN_HOUSE = ["PR1", "PR2", "PR3"];
const EXTERNAL = ["PR4", "PR5"];
const RESIDENTIAL = ["K2", "R1", "P3", "S1"];

/** The open model's cost items, in its order (by category). */
export const COST_ITEMS: readonly CostItem[] = [
  { label: "Fostering (Friend/Relative)", category: "Fostering", places: ["U1", "U2", "U3"], providers: [], defaultWeeklyCost: 100 },
  { label: "Fostering (In-house)", category: "Fostering", places: ["U4", "U5", "U6"], providers: IN_HOUSE, defaultWeeklyCost: 150 },
  { label: "Fostering (IFA)", category: "Fostering", places: ["U4", "U5", "U6"], providers: EXTERNAL, defaultWeeklyCost: 250 },
  { label: "Residential (In-house)", category: "Residential", places: RESIDENTIAL, providers: IN_HOUSE, defaultWeeklyCost: 1000 },
  { label: "Residential (External)", category: "Residential", places: RESIDENTIAL, providers: EXTERNAL, defaultWeeklyCost: 1000 },
  { label: "Supported accommodation", category: "Supported", places: ["H5", "K3", "P2"], providers: [], defaultWeeklyCost: 1000 },
  { label: "Secure home", category: "Other", places: ["K1"], providers: [], defaultWeeklyCost: 1000 },
  { label: "Placed with family", category: "Other", places: ["P1"], providers: [], defaultWeeklyCost: 1000 },
  { label: "Other", category: "Other", places: [], providers: [], defaultWeeklyCost: 1000 },
];

const OTHER_ITEM = COST_ITEMS.length - 1;

const ITEM_BY_PLACEMENT: ReadonlyMap<string, number> = new Map(
  COST_ITEMS.flatMap((item, index) =>
    item.places.flatMap((place) => (item.providers.length === 0 ? [`${place}|`] : item.providers.map((p) => `${place}|${p}`)).map((key) => [key, index] as const)),
  ),
);

/**
 * The item of a placement: its PLACE with its PLACE_PROVIDER, else its PLACE with any provider,
 * else Other. So a U4 placement with provider PR0 is costed as Other, as in the open model.
 */
export function costItemOf(place: string, provider: string): number {
  return ITEM_BY_PLACEMENT.get(`${place}|${provider}`) ?? ITEM_BY_PLACEMENT.get(`${place}|`) ?? OTHER_ITEM;
}

/**
 * Each item's share of its category's child-days in the window (both ends counted, an open spell
 * running to the data's end). An item whose category had no child-days in the window gets 0.
 */
export function itemProportions(spells: Spells, episodes: readonly Episode[], windowStart: Day, windowEnd: Day): Float64Array {
  const days = new Float64Array(COST_ITEMS.length);
  const last = Math.min(windowEnd, spells.dataEnd);
  for (let k = 0; k < spells.count; k++) {
    const from = Math.max(spells.start[k], windowStart);
    const to = Math.min(spells.end[k] === OPEN ? spells.dataEnd : spells.end[k] - 1, last);
    if (to < from) continue;
    const episode = episodes[spells.source[k]];
    days[costItemOf(episode.place, episode.provider)] += to - from + 1;
  }
  const categoryDays = new Map<PlacementCategory, number>();
  COST_ITEMS.forEach((item, i) => categoryDays.set(item.category, (categoryDays.get(item.category) ?? 0) + days[i]));
  return days.map((d, i) => {
    const total = categoryDays.get(COST_ITEMS[i].category) ?? 0;
    return total > 0 ? d / total : 0;
  });
}

export interface ReferenceCostInput {
  /** The day the projection starts; its own stock is not costed (the open model's first costed day is the next). */
  start: Day;
  /** In-care populations of days start + 1 … start + days: [(t − 1) × IN_CARE_STATES + state]. */
  daily: Float64Array;
  days: number;
  proportions: Float64Array;
  /** Weekly cost per item, in COST_ITEMS order. */
  weeklyCosts: readonly number[];
  /** Yearly rate stepped on each anniversary of the first costed day; 0 for none. */
  inflation: number;
}

/** Cost per calendar month and item, months in order, items in COST_ITEMS order. */
export function referenceMonthlyCosts(input: ReferenceCostInput): MonthlyCost[] {
  const { start, daily, days, proportions, weeklyCosts, inflation } = input;
  const itemsOf = PLACEMENT_CATEGORIES.map((category) => COST_ITEMS.flatMap((item, i) => (item.category === category ? [i] : [])));
  const perDay = weeklyCosts.map((weekly) => weekly / 7);
  const months: MonthlyCost[] = [];
  let month = "";
  let sums = new Float64Array(COST_ITEMS.length);
  const close = () => COST_ITEMS.forEach((item, i) => months.push({ month, item: item.label, cost: sums[i] }));
  let anniversary = start + 1;
  for (let t = 1; t <= days; t++) {
    const day = start + t;
    if (inflation !== 0 && day === addYears(anniversary, 1)) {
      for (let i = 0; i < perDay.length; i++) perDay[i] = inflateAsTheModel(perDay[i], inflation);
      anniversary = day;
    }
    const label = formatIsoDate(day).slice(0, 7);
    if (label !== month) {
      if (month !== "") close();
      month = label;
      sums = new Float64Array(COST_ITEMS.length);
    }
    for (let s = 0; s < IN_CARE_STATES; s++) {
      const children = roundHalfToEven(daily[(t - 1) * IN_CARE_STATES + s]);
      if (children === 0) continue;
      for (const i of itemsOf[categoryOfState(s)]) sums[i] += children * perDay[i] * proportions[i];
    }
  }
  if (month !== "") close();
  return months;
}

/** numpy's rounding (half to even), which the open model applies to each day's population. */
export function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction !== 0.5) return fraction < 0.5 ? floor : floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * cost × (1 + rate) as the open model works it: in Python decimals of the numbers' shortest
 * decimal forms, with 6 significant digits (its decimal context), rounded half to even.
 */
export function inflateAsTheModel(cost: number, rate: number): number {
  const factor = roundToSixDigits(addDecimals(parseDecimal("1"), parseDecimal(String(rate))));
  const product = roundToSixDigits(multiplyDecimals(parseDecimal(String(cost)), factor));
  return Number(`${product.coefficient}e${product.exponent}`);
}

/** coefficient × 10^exponent, the coefficient signed. */
interface Decimal {
  coefficient: bigint;
  exponent: number;
}

function parseDecimal(text: string): Decimal {
  const match = /^(-?)(\d*)\.?(\d*)(?:e([+-]?\d+))?$/i.exec(text);
  if (!match) throw new RangeError(`not a decimal number: ${text}`);
  const [, sign, whole, fraction, exponent] = match;
  const coefficient = BigInt(`${sign}${whole}${fraction}` || "0");
  return { coefficient, exponent: Number(exponent ?? 0) - fraction.length };
}

function addDecimals(a: Decimal, b: Decimal): Decimal {
  const exponent = Math.min(a.exponent, b.exponent);
  const scale = (d: Decimal) => d.coefficient * 10n ** BigInt(d.exponent - exponent);
  return { coefficient: scale(a) + scale(b), exponent };
}

function multiplyDecimals(a: Decimal, b: Decimal): Decimal {
  return { coefficient: a.coefficient * b.coefficient, exponent: a.exponent + b.exponent };
}

function roundToSixDigits(d: Decimal): Decimal {
  const negative = d.coefficient < 0n;
  let magnitude = negative ? -d.coefficient : d.coefficient;
  let exponent = d.exponent;
  const excess = magnitude.toString().length - 6;
  if (excess > 0) {
    const divisor = 10n ** BigInt(excess);
    const kept = magnitude / divisor;
    const remainder = magnitude % divisor;
    const twice = remainder * 2n;
    magnitude = twice > divisor || (twice === divisor && kept % 2n === 1n) ? kept + 1n : kept;
    exponent += excess;
  }
  return { coefficient: negative ? -magnitude : magnitude, exponent };
}

const ITEM_COST_FIELDS: readonly FieldSpec[] = [
  { name: "ITEM", required: true, synonyms: ["cost item", "placement type", "label"] },
  { name: "WEEKLY_COST", required: true, synonyms: ["weekly cost", "cost per week", "cost"] },
];

/**
 * Weekly costs per item from a table of ITEM, WEEKLY_COST (items named as in COST_ITEMS, any case);
 * items the table leaves out keep the open model's defaults.
 */
export function readItemCosts(table: Table): number[] {
  const col = resolveColumns(table.headers, ITEM_COST_FIELDS);
  const weekly = COST_ITEMS.map((item) => item.defaultWeeklyCost);
  const byLabel = new Map(COST_ITEMS.map((item, i) => [item.label.toLowerCase(), i]));
  table.rows.forEach((row: Cell[], index) => {
    if (isBlankRow(row)) return;
    const where = `row ${rowNumberOf(table, index)}`;
    const label = cellText(row[col.ITEM]);
    const item = byLabel.get(label.toLowerCase());
    if (item === undefined) throw new TableError(`${where}: "${label}" is not a cost item; the items are ${COST_ITEMS.map((i) => i.label).join(", ")}`);
    const cost = cellNumber(row[col.WEEKLY_COST]);
    if (typeof cost !== "number" || cost < 0) throw new TableError(`${where}: the weekly cost of ${COST_ITEMS[item].label} must be a number of pounds, 0 or more`);
    weekly[item] = cost;
  });
  return weekly;
}
