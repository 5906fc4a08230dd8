/**
 * LAC Commitments and LAC High-Cost Placements (docs/reports.md, "Commitments and the high-cost review"):
 * the open placements' commitments to 31 March with the slippage and the forecast outturn built
 * on them; the dearest placements with their contributions and net cost, and the review tracker.
 * Child-level rows are for the finance team: the sheets say so, and a committee pack carries only
 * the totals.
 */

import { Commitments, CommitmentsOutturn, PlacementCommitment, highCostPlacements } from "../engine/commitments";
import { formatUkDate } from "../engine/dates";
import type { ReviewTracker } from "../engine/placementReview";
import type { Block, SheetSpec } from "../workbook/spec";
import {
  DEFAULT_SHEET_NAMES,
  REPORT_TITLES,
  SheetOptions,
  TOTAL_LABEL,
  currencyColumn,
  dateColumn,
  datePair,
  integerColumn,
  note,
  percentColumn,
  plural,
  pounds,
  textColumn,
} from "./common";

export const COMMITMENTS_TABLES = { placements: "LAC_Commitments", slippage: "LAC_Commitments_Slippage" } as const;
export const HIGH_COST_TABLES = { placements: "LAC_HighCost_Placements", review: "LAC_HighCost_Review" } as const;

const INTERNAL_NOTE = "Internal: rows name children. Share the totals only (the committee pack carries the totals, not these rows).";

export function commitmentsReport(commitments: Commitments, outturn: CommitmentsOutturn | null, options: SheetOptions = {}): SheetSpec {
  const blocks: Block[] = [
    {
      kind: "keyValues",
      title: "Placement commitments",
      pairs: [
        datePair("As at", commitments.asAt),
        datePair("Counted to", commitments.yearEnd),
        { key: "Placements open on the as-at day", value: commitments.placements.length, kind: "integer" },
        { key: "Commitments to 31 March", value: commitments.total, kind: "currency" },
        { key: "Planned end already passed", value: commitments.plannedEndPassed.length, kind: "integer" },
        { key: "Uncosted placements", value: commitments.uncosted, kind: "integer" },
      ],
    },
    note(
      "Each placement open on the as-at day is costed from the next day to the earlier of its planned end (PLANNED_END, not itself counted, like DEC) " +
        "and 31 March (counted); without a planned end it runs to 31 March. The same as LAC.COMMITMENT row by row.",
    ),
  ];
  if (outturn !== null) {
    blocks.push(
      {
        kind: "keyValues",
        title: "Forecast outturn on commitments",
        pairs: [
          { key: "Spend to date", value: outturn.spendToDate, kind: "currency" },
          { key: "Commitments to 31 March", value: outturn.commitments, kind: "currency" },
          { key: "Provision for new demand and moves", value: outturn.provision, kind: "currency" },
          { key: "Forecast outturn on commitments", value: outturn.outturn, kind: "currency" },
          { key: "Engine forecast outturn (LAC Variance)", value: outturn.engineOutturn, kind: "currency" },
          { key: "Taken off by the planned ends", value: outturn.plannedEndsEffect, kind: "currency" },
        ],
      },
      note(
        "Provision = the forecast's cost to 31 March − the current placements continued to 31 March: the children expected to come into care and the moves, " +
          "as a total that names no child, so a child in care today is counted once, in the commitments. The outturn on commitments is the engine's forecast outturn " +
          "less what the planned ends take off; with no planned ends the two are the same.",
      ),
    );
    if (outturn.provision === null) blocks.push(note("The forecast did not reach 31 March, so there is no provision and no outturn on commitments: see LAC Forecast.", "warning"));
  }
  blocks.push({
    kind: "table",
    name: COMMITMENTS_TABLES.slippage,
    title: "If every planned end slips",
    columns: [integerColumn("Months slipped"), currencyColumn("Commitments"), currencyColumn("Extra cost")],
    rows: commitments.slippage.map((s) => [s.months, s.total, s.extra]),
  });
  if (commitments.placements.length === 0) {
    blocks.push(note("No placement is open on the as-at day.", "warning"));
  } else {
    blocks.push(note(INTERNAL_NOTE, "warning"), {
      kind: "table",
      name: COMMITMENTS_TABLES.placements,
      title: "By placement (internal)",
      columns: [
        textColumn("Child", TOTAL_LABEL),
        textColumn("Placement group"),
        dateColumn("Start"),
        dateColumn("Planned end"),
        currencyColumn("Weekly cost", { pence: true }),
        currencyColumn("Cost to date", { total: true }),
        currencyColumn("Commitment to 31 March", { total: true }),
        textColumn("Status"),
      ],
      rows: commitments.placements.map((p) => [p.child, p.group, p.start, p.plannedEnd, p.weeklyCost, p.spendToDate, p.commitment, p.status]),
    });
  }
  // Notes that vary with the data stand below the tables, so the tables keep their rows from one refresh to the next.
  if (commitments.plannedEndPassed.length > 0) {
    // The children are named in the placements table (their planned end beside them), not here: a note goes into the committee pack.
    blocks.push(
      note(
        `${plural(commitments.plannedEndPassed.length, "placement")} still open with a planned end on or before the as-at day, committed at £0 ` +
          "(in the table above, with their planned end). Check whether they ended, or give a new planned end; the slippage shows what they cost if they run on.",
        "warning",
      ),
    );
  }
  if (commitments.uncosted > 0) blocks.push(note(`${plural(commitments.uncosted, "placement")} could not be costed (no WEEKLY_COST, unit cost or national cost): committed at £0.`, "warning"));
  return { name: options.sheetName ?? DEFAULT_SHEET_NAMES.commitments, title: REPORT_TITLES.commitments, blocks };
}

export interface HighCostOptions extends SheetOptions {
  /** How many placements to list (the High-cost placements listed setting). */
  count: number;
  weeksPerYear: number;
  /** The year's spend: spend to date + commitments to 31 March; each placement's share is of it. */
  yearSpend: number;
}

function highCostRow(p: PlacementCommitment, options: HighCostOptions): (string | number | null)[] {
  const weekly = p.weeklyCost ?? 0;
  const a = p.apportionment;
  const thisYear = p.spendToDate + p.commitment;
  return [
    p.child,
    p.group,
    weekly,
    weekly * options.weeksPerYear,
    a?.health ?? null,
    a?.education ?? null,
    a?.net ?? null,
    a === null ? null : a.net * options.weeksPerYear,
    thisYear,
    options.yearSpend > 0 ? thisYear / options.yearSpend : null,
  ];
}

export function highCostReport(commitments: Commitments, tracker: ReviewTracker | null, options: HighCostOptions): SheetSpec {
  const top = highCostPlacements(commitments, options.count);
  const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
  const weekly = sum(top.map((p) => p.weeklyCost ?? 0));
  const net = sum(top.map((p) => p.apportionment?.net ?? p.weeklyCost ?? 0));
  const thisYear = sum(top.map((p) => p.spendToDate + p.commitment));
  const blocks: Block[] = [
    note(INTERNAL_NOTE, "warning"),
    {
      kind: "keyValues",
      title: `The ${top.length} dearest placements open on ${formatUkDate(commitments.asAt)}`,
      pairs: [
        { key: "Weekly cost", value: weekly, kind: "currency" },
        { key: `Annualised (× ${options.weeksPerYear} weeks)`, value: weekly * options.weeksPerYear, kind: "currency" },
        { key: "Net weekly cost to the council", value: net, kind: "currency" },
        { key: "Cost this year (to date + commitments)", value: thisYear, kind: "currency" },
        { key: "Share of the year's placements spend", value: options.yearSpend > 0 ? thisYear / options.yearSpend : null, kind: "percent" },
      ],
    },
    {
      kind: "table",
      name: HIGH_COST_TABLES.placements,
      title: "High-cost placements (internal)",
      columns: [
        textColumn("Child", TOTAL_LABEL),
        textColumn("Placement group"),
        currencyColumn("Weekly cost", { total: true }),
        currencyColumn("Annualised cost", { total: true }),
        currencyColumn("Health per week", { total: true }),
        currencyColumn("Education per week", { total: true }),
        currencyColumn("Net weekly cost", { total: true }),
        currencyColumn("Net annual cost", { total: true }),
        currencyColumn("Cost this year", { total: true }),
        percentColumn("Share of year's spend", "sum"),
      ],
      rows: top.map((p) => highCostRow(p, options)),
    },
    note(
      `Annualised = weekly cost × ${options.weeksPerYear}. Contributions (HEALTH_CONTRIBUTION, EDUCATION_CONTRIBUTION) are pounds a week or a share of the weekly cost; ` +
        "net = weekly cost − both. Share = the placement's cost this year ÷ the year's placements spend (spend to date + commitments).",
    ),
  ];
  if (tracker === null) {
    blocks.push(note('No Placement review table was found. Add a table named "Placement review" with CHILD, PLANNED_CHANGE, NEW_WEEKLY_COST, TARGET_DATE and STATUS.'));
  } else {
    blocks.push(
      {
        kind: "keyValues",
        title: "Review tracker",
        pairs: [
          { key: "In-year saving if all timescales are met", value: tracker.totalIfOnTime, kind: "currency" },
          { key: `At risk if each slips ${tracker.slipMonths} months`, value: tracker.totalAtRisk, kind: "currency" },
          { key: `Saving if each slips ${tracker.slipMonths} months`, value: tracker.totalIfSlipped, kind: "currency" },
        ],
      },
      {
        kind: "table",
        name: HIGH_COST_TABLES.review,
        title: "Planned changes (internal)",
        columns: [
          textColumn("Child", TOTAL_LABEL),
          textColumn("Planned change"),
          integerColumn("Children", true),
          currencyColumn("Current weekly cost", { pence: true }),
          currencyColumn("New weekly cost", { pence: true }),
          dateColumn("Target date"),
          textColumn("Status"),
          textColumn("Saving"),
          currencyColumn("In-year saving if on time", { total: true }),
          currencyColumn(`At risk if ${tracker.slipMonths} months late`, { total: true }),
          textColumn("Counted"),
        ],
        rows: tracker.lines.map((l) => [
          l.review.child,
          l.review.change,
          l.review.children,
          l.currentWeekly,
          l.review.newWeekly,
          l.review.targetDate,
          l.review.status,
          l.basis,
          l.counted ? l.inYearSaving : null,
          l.counted ? l.atRisk : null,
          l.counted ? "Yes" : l.inYearSaving === null ? "No: not valued" : "No: not going ahead",
        ]),
      },
      note(
        `In-year saving = (current − new weekly cost) × children × ${options.weeksPerYear} × the share of the year from the target date to 31 March; the current cost is the row's own, ` +
          `else the child's open placement's. A row with neither weekly cost uses the saving it states, scaled by the days lost when it slips. Totals: ${pounds(tracker.totalIfOnTime)} if on time.`,
      ),
    );
  }
  return { name: options.sheetName ?? DEFAULT_SHEET_NAMES.highCost, title: REPORT_TITLES.highCost, blocks };
}
