/**
 * LAC Costs: the cost calculator's three summaries (docs/method/costs.md) for one period — by placement
 * group, by age × needs group, by time looked after — each totalling the same grand total.
 */

import { Day, financialYearFirstDay, financialYearLabel, financialYearLastDay, formatUkDate } from "../engine/dates";
import type { PlacementFigures } from "../engine/figures";
import { CostLine, CostSummaries, UNKNOWN_AGE } from "../engine/summaries";
import type { Block, KeyValuePair, SheetSpec } from "../workbook/spec";
import {
  DEFAULT_SHEET_NAMES,
  REPORT_TITLES,
  SheetOptions,
  TOTAL_LABEL,
  currencyColumn,
  datePair,
  integerColumn,
  note,
  periodText,
  plural,
  pounds,
  ratioTotal,
  textColumn,
  weeksColumn,
} from "./common";

export const COSTS_TABLES = {
  byGroup: "LAC_Costs_ByGroup",
  byAgeAndNeeds: "LAC_Costs_ByAgeNeeds",
  byTimeInCare: "LAC_Costs_ByTimeInCare",
} as const;

/** Each summary's average totals as its total cost over its costed weeks. */
const AVERAGE_TOTAL = ratioTotal("Total cost", "Costed (weeks)");

/** A line's total cost, blank where it has weeks but none of them costed (so it never reads as £0). */
function shownTotal(line: CostLine): number | null {
  return line.costedWeeks === 0 && line.weeks > 0 ? null : line.total;
}

/** How much of the total the national unit-cost card gave, in £ and weeks; "None" when it gave nothing. */
export function nationalShareText(total: CostLine): string {
  if (total.nationalWeeks === 0) return "None";
  const share = total.total > 0 ? ` (${((total.nationalTotal / total.total) * 100).toFixed(1)}% of the total)` : "";
  return `${pounds(total.nationalTotal)}${share} for ${total.nationalWeeks.toFixed(1)} weeks: national estimates, not this council's prices`;
}

/** What was read to produce the summaries, for the reader to judge them by. */
export interface CostsReadStats {
  /** The last date the episodes record (latest start or end). */
  lastDate: Day | null;
  episodesRead: number;
  childrenRead: number;
  /** Unit-cost rows read; 0 when there is no Unit costs table. */
  unitCosts: number;
  /** The placements figures of the year (docs/figures.md), shown where the period is that financial year. */
  placements?: PlacementFigures | null;
}

/** How the period's total splits, when the period is the financial year the figures describe: spent to date, and committed after it. */
function totalSplit(summaries: CostSummaries, placements: PlacementFigures | null | undefined): KeyValuePair[] {
  if (!placements || summaries.period.start !== placements.yearStart || summaries.period.end !== placements.yearEnd) return [];
  return [
    { key: `Of which spend to date (to ${formatUkDate(placements.asAt)})`, value: placements.spendToDate, kind: "currency" },
    { key: "Of which current placements continued to 31 March", value: placements.committedToYearEnd, kind: "currency" },
  ];
}

function periodLabel(summaries: CostSummaries): string {
  const { start, end } = summaries.period;
  const wholeYear = start === financialYearFirstDay(start) && end === financialYearLastDay(start);
  return wholeYear ? `Financial year ${financialYearLabel(start)}` : periodText(summaries.period);
}

export function costsReport(summaries: CostSummaries, stats: CostsReadStats, options: SheetOptions = {}): SheetSpec {
  const { total, uncosted } = summaries;
  const blocks: Block[] = [
    {
      kind: "keyValues",
      title: periodLabel(summaries),
      pairs: [
        datePair("Period from", summaries.period.start),
        datePair("Period to", summaries.period.end),
        datePair("Data up to", stats.lastDate),
        { key: "Episodes read", value: stats.episodesRead, kind: "integer" },
        { key: "Children read", value: stats.childrenRead, kind: "integer" },
        { key: "Unit costs read", value: stats.unitCosts, kind: "integer" },
        { key: "Total cost", value: total.total, kind: "currency" },
        ...totalSplit(summaries, stats.placements),
        { key: "Time in care", value: total.weeks, kind: "weeks" },
        { key: "Time costed", value: total.costedWeeks, kind: "weeks" },
        { key: "Average cost per week", value: total.avgWeekly, kind: "currency", decimals: 2 },
        // Always listed, so that the reader knows whether any of the total is a national estimate.
        { key: "Costed from national unit costs", value: nationalShareText(total) },
        // Always listed, so that the tables below sit in the same place every month.
        {
          key: "Not costed (not in the totals)",
          value:
            uncosted.episodes === 0
              ? "None"
              : `${plural(uncosted.episodes, "episode")}, ${uncosted.weeks.toFixed(1)} weeks, in ${uncosted.groups.join(", ")}: add unit costs for them`,
        },
        {
          key: "Episodes of children not in Children",
          value: summaries.episodesWithoutChild === 0 ? "None" : `${plural(summaries.episodesWithoutChild, "episode")}, costed with age Unknown`,
        },
      ],
    },
    note(
      "Cost = weekly cost × days in the period ÷ 7, using the episode's own WEEKLY_COST, else the unit cost of its placement group, " +
        "else the national unit cost of its type and provider (docs/national-unit-costs.md); an open episode runs to the end of the period. " +
        "Time (weeks) counts every episode, costed or not; the average is over the costed weeks. Each table below totals the same grand total.",
    ),
  ];
  blocks.push(
    {
      kind: "table",
      name: COSTS_TABLES.byGroup,
      title: `Costs by placement group: ${pounds(total.total)}`,
      columns: [
        textColumn("Placement group", TOTAL_LABEL),
        textColumn("Type"),
        textColumn("Provided by"),
        textColumn("Location"),
        integerColumn("Episodes", true),
        currencyColumn("Total cost", { total: true }),
        weeksColumn("Time (weeks)", true),
        currencyColumn("Avg cost/week", { pence: true, total: AVERAGE_TOTAL }),
        weeksColumn("Costed (weeks)", true),
        currencyColumn("From national unit costs", { total: true }),
      ],
      rows: summaries.byGroup.map((r) => [r.group, r.type, r.provided, r.location, r.episodes, shownTotal(r), r.weeks, r.avgWeekly, r.costedWeeks, r.nationalTotal]),
    },
    {
      kind: "chart",
      chart: { type: "bar", title: "Total cost by placement group", table: COSTS_TABLES.byGroup, category: "Placement group", series: ["Total cost"] },
    },
    {
      kind: "table",
      name: COSTS_TABLES.byAgeAndNeeds,
      title: "Costs by age and needs group (episodes split at birthdays)",
      columns: [
        { header: "Age", kind: "integer", total: TOTAL_LABEL },
        textColumn("Needs group"),
        currencyColumn("Total cost", { total: true }),
        weeksColumn("Time (weeks)", true),
        currencyColumn("Avg cost/week", { pence: true, total: AVERAGE_TOTAL }),
        weeksColumn("Costed (weeks)", true),
      ],
      rows: summaries.byAgeAndNeeds.map((r) => [r.age === UNKNOWN_AGE ? "Unknown" : r.age, r.needs, shownTotal(r), r.weeks, r.avgWeekly, r.costedWeeks]),
    },
    {
      kind: "table",
      name: COSTS_TABLES.byTimeInCare,
      title: "Costs by time looked after (the child's continuous period of care)",
      columns: [
        textColumn("Time looked after", TOTAL_LABEL),
        currencyColumn("Total cost", { total: true }),
        weeksColumn("Time (weeks)", true),
        currencyColumn("Avg cost/week", { pence: true, total: AVERAGE_TOTAL }),
        weeksColumn("Costed (weeks)", true),
      ],
      rows: summaries.byTimeInCare.map((r) => [r.band, shownTotal(r), r.weeks, r.avgWeekly, r.costedWeeks]),
    },
    {
      kind: "chart",
      chart: {
        type: "column",
        title: "Total cost by time looked after",
        table: COSTS_TABLES.byTimeInCare,
        category: "Time looked after",
        series: ["Total cost"],
      },
    },
  );
  return { name: options.sheetName ?? DEFAULT_SHEET_NAMES.costs, title: REPORT_TITLES.costs, blocks };
}
