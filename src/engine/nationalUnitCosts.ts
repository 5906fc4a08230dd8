/**
 * The national unit-cost card (docs/method/costs.md, "Days, weeks and costs"): a weekly cost per placement
 * type × provider from published national sources, for a council whose return carries no
 * WEEKLY_COST. It is used only where neither the episode nor the council's own Unit costs table
 * gives a cost, and every output says how much was costed from it. docs/national-unit-costs.md
 * explains each row; where no national figure could be confirmed the row is left blank.
 */

import { PlacementType } from "./codes";
import { UnitCost, UnitCostTable } from "./unitCosts";

/** The price year the card's weekly costs are in. */
export const NATIONAL_PRICE_YEAR = "2024-25";

/** One year's value of the uplift index. */
export interface PriceIndexValue {
  year: string;
  value: number;
}

/**
 * The index that brings a figure to NATIONAL_PRICE_YEAR prices: the DfE's annual uplift of the
 * national minimum fostering allowance (6.88% for 2024-25, set "based on inflation and what is
 * affordable for local government"). It is the only year-on-year uplift for children's placements
 * that could be confirmed from a published source, so figures from years it does not reach are
 * left at their own price base and say so.
 */
export const PRICE_INDEX = {
  name: "DfE uplift of the national minimum fostering allowance",
  values: [
    { year: "2023-24", value: 100 },
    { year: "2024-25", value: 106.88 },
  ] as readonly PriceIndexValue[],
  source:
    "The Fostering Network, 'Foster carers in England to receive more money next year as government announces allowance increase' (2023): " +
    "a 6.88% uplift for 2024-25; confirmed in a DfE answer to a written parliamentary question (2024-25 up 6.88% after 12.43% in 2023-24)",
  /** A citation without "https://", as NationalUnitCostRow.url. */
  url: "www.thefosteringnetwork.org.uk/media-release/2023/foster-carers-england-receive-more-money-next-year-government-announces",
};

export interface NationalUnitCostRow {
  type: PlacementType;
  /** "LA" (in-house), "Agency" (independent or private), or null for any provider. */
  provided: "LA" | "Agency" | null;
  /** The published figure this row is worked out from, as published; null when there is none. */
  published: string | null;
  /** The published figure as a weekly cost at its own price base; null when there is none. */
  baseWeeklyCost: number | null;
  /** The financial year the published figure's prices are in (its price base); null when there is none. */
  priceBase: string | null;
  /** Who published it, and where; for a blank row, where we looked and why it is blank. */
  source: string;
  /**
   * The page it is published on, as a citation for the reader. Written without "https://": the
   * add-in never opens it, and its source names no address it could connect to
   * (test/trust/cli.noNetwork.test.ts); docs/national-unit-costs.md links each page.
   */
  url: string | null;
  /** The year of the figure's data (or, for a blank row, of the card). */
  year: string;
  /** What the figure covers, and what it leaves out. */
  includes: string;
}

/** Weekly cost of an annual amount over a year of `days` days, so that costing the whole year at 7 days a week gives the annual amount back. */
function weeklyOfAnnual(annual: number, days: number): number {
  return (annual * 7) / days;
}

const NMA_SOURCE =
  "DfE national minimum allowance for foster carers, 6 April 2024 to 5 April 2025, rest of England, age 11 to 15 (£165–£249 by age; London £191–£289)";
const NMA_URL = "www.gov.uk/support-for-foster-parents/help-with-the-cost-of-fostering";
const NMA_INCLUDES =
  "The weekly allowance paid to the carer for the child's day-to-day costs only. It leaves out any fee or reward to the carer, " +
  "the supervising social worker, recruitment, training and overheads, so it understates the full cost of a placement.";

const NAO_SOURCE =
  "National Audit Office, Managing children's residential care (September 2025): councils' £3.1 billion on residential care in 2023-24, " +
  "an average of £318,400 for each children's home place";
const NAO_URL = "www.nao.org.uk/press-releases/government-needs-better-oversight-to-tackle-market-failures-in-childrens-residential-care";
const NAO_INCLUDES =
  "Council spending per children's home place over the year, all providers together (about 84% of places are private), " +
  "so the same figure serves in-house and agency homes. Weekly = £318,400 × 7 ÷ 366 days of 2023-24.";

const NO_FIGURE = "No national weekly figure found";

/** A children's home place at the NAO's average, the same for LA and private homes (the NAO gives one figure for both). */
function childrensHome(provided: "LA" | "Agency"): NationalUnitCostRow {
  return {
    type: "Residential",
    provided,
    published: "£318,400 a place a year",
    baseWeeklyCost: weeklyOfAnnual(318_400, 366),
    priceBase: "2023-24",
    source: NAO_SOURCE,
    url: NAO_URL,
    year: "2023-24",
    includes: NAO_INCLUDES,
  };
}

function blank(type: PlacementType, provided: NationalUnitCostRow["provided"], why: string): NationalUnitCostRow {
  return {
    type,
    provided,
    published: null,
    baseWeeklyCost: null,
    priceBase: null,
    source: `${NO_FIGURE}: ${why}`,
    url: null,
    year: NATIONAL_PRICE_YEAR,
    includes: "Left blank: such episodes stay uncosted unless the council's own Unit costs table gives a cost.",
  };
}

/** The card, one row per placement type × provider. */
export const NATIONAL_UNIT_COSTS: readonly NationalUnitCostRow[] = [
  {
    type: "Foster care",
    provided: "LA",
    published: "£213 a week",
    baseWeeklyCost: 213,
    priceBase: "2024-25",
    source: NMA_SOURCE,
    url: NMA_URL,
    year: "2024-25",
    includes: NMA_INCLUDES,
  },
  {
    type: "Foster care",
    provided: "Agency",
    published: "about £820 a week",
    baseWeeklyCost: 820,
    priceBase: "2019-20",
    source:
      "Competition and Markets Authority, Children's social care market study, interim report (October 2021) and appendices: " +
      "average weekly price charged by the largest independent fostering agencies, from their financial data for FY 2020 (taken here as 2019-20)",
    url: "www.gov.uk/government/publications/childrens-social-care-market-study-interim-report/interim-report",
    year: "2019-20",
    includes:
      "The price a council pays an independent fostering agency: the carer's allowance and fee, the agency's social work and support, overheads and profit. " +
      "Not uplifted: no published index value linking 2019-20 to 2024-25 could be confirmed, so this figure is in 2019-20 prices and understates today's price.",
  },
  {
    type: "Kinship care",
    provided: null,
    published: "£213 a week",
    baseWeeklyCost: 213,
    priceBase: "2024-25",
    source: `${NMA_SOURCE}; the DfE says allowances apply equally whether the foster carer is related to the child or not`,
    url: NMA_URL,
    year: "2024-25",
    includes: NMA_INCLUDES,
  },
  childrensHome("LA"),
  childrensHome("Agency"),
  blank("Residential+Education", null, "residential schools are funded jointly with education and no national weekly price for a looked-after child's place was found"),
  blank("Secure", null, "no confirmed national cost per secure children's home place; the NAO figure is for children's homes in general"),
  blank("Semi-Independence", null, "no national figure for supported accommodation for 16 and 17 year olds (H5, K3) could be confirmed; published figures are single councils' prices"),
  blank("Independence", null, "independent living (P2) has no national weekly cost"),
  blank("Mother And Baby", null, "no national figure for family centres or mother and baby units"),
  blank("Placed with parents", null, "no placement fee is paid for a child placed with parents and no national figure exists; a council that counts it at nil may enter 0"),
  blank("Adoption", null, "no national weekly figure for a child placed for adoption"),
  blank("Hospital", null, "hospital stays are paid for by the NHS, not the council's placements budget"),
  blank("Residential+Health", null, "NHS and health establishments are paid for by health, not the council's placements budget"),
  blank("Young Offenders Inst", null, "custody is paid for by the Youth Custody Service, not the council's placements budget"),
  blank("Other", null, "temporary and other placements have no national weekly figure"),
];

/** The uplift from a price base to NATIONAL_PRICE_YEAR; null when the index does not reach that year. */
export function upliftFactor(priceBase: string): number | null {
  const from = PRICE_INDEX.values.find((v) => v.year === priceBase);
  const to = PRICE_INDEX.values.find((v) => v.year === NATIONAL_PRICE_YEAR);
  return from && to ? to.value / from.value : null;
}

/**
 * A row's weekly cost in NATIONAL_PRICE_YEAR prices, to the penny: the base weekly cost × the
 * uplift, or the base weekly cost where the index does not reach its price base; null when blank.
 */
export function nationalWeeklyCost(row: NationalUnitCostRow): number | null {
  if (row.baseWeeklyCost === null || row.priceBase === null) return null;
  const uplifted = row.baseWeeklyCost * (upliftFactor(row.priceBase) ?? 1);
  return Math.round(uplifted * 100) / 100;
}

/** The card's costed rows as unit costs (any location), in the form a council's own table takes. */
export function nationalUnitCostRecords(): UnitCost[] {
  return NATIONAL_UNIT_COSTS.flatMap((row, index) => {
    const weeklyCost = nationalWeeklyCost(row);
    return weeklyCost === null ? [] : [{ type: row.type, provided: row.provided, location: null, weeklyCost, row: index + 1 }];
  });
}

/** The card as a lookup table, for the engine's fallback. */
export function nationalUnitCostTable(): UnitCostTable {
  return new UnitCostTable(nationalUnitCostRecords());
}

/** Headers of the card written as a Unit costs table; the first four are what readUnitCosts reads back. */
export const NATIONAL_UNIT_COST_HEADERS = ["TYPE", "PROVIDED", "LOCATION", "WEEKLY_COST", "PRICE_YEAR", "PUBLISHED", "PRICE_BASE", "SOURCE", "URL", "INCLUDES"];

/**
 * The card as rows of a Unit costs table a council can edit and read back: the costed rows only,
 * since a blank WEEKLY_COST is a row the reader rejects.
 */
export function nationalUnitCostRows(): (string | number)[][] {
  return NATIONAL_UNIT_COSTS.flatMap((row) => {
    const weeklyCost = nationalWeeklyCost(row);
    if (weeklyCost === null) return [];
    const uplift = row.priceBase === null ? null : upliftFactor(row.priceBase);
    const priceYear = uplift === null ? `${row.priceBase} (not uplifted)` : NATIONAL_PRICE_YEAR;
    return [[row.type, row.provided ?? "Any", "Any", weeklyCost, priceYear, row.published ?? "", row.priceBase ?? "", row.source, row.url ?? "", row.includes]];
  });
}
