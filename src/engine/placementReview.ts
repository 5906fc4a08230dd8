/**
 * The high-cost placement review tracker (docs/reports.md, "Commitments and the high-cost review"): each
 * planned change to a placement — a child (or a group of children) moving to another placement
 * group at a new weekly cost by a target date — with its in-year saving if on time, the total if
 * every timescale is met, and what is at risk if each slips by six months, the time such changes
 * typically take.
 *
 * A row's saving is worked out with the savings' one convention (savings.ts): (current weekly −
 * new weekly) × children × weeks per year × the share of the year from the target date to the year
 * end. The current weekly cost is the row's own, else the child's placement open on the as-at day.
 * Where a row cannot be worked out (a group of children with no weekly costs), the saving it
 * states is used and said to be stated; slipping scales it by the days it loses, as the worked
 * out saving is scaled.
 */

import { DateError, Day, addMonths, financialYearFirstDay, financialYearLastDay, parseDate } from "./dates";
import { ReadResult, readRows } from "./quality";
import { inYearSaving } from "./savings";
import { Cell, ColumnMapping, FieldSpec, Table, cellNumber, cellText, numberHint, resolveColumns } from "./table";
import { EPISODE_FIELDS } from "./episodes";

export const REVIEW_FIELDS: readonly FieldSpec[] = [
  { name: "CHILD", label: "Child ID", required: true, synonyms: EPISODE_FIELDS[0].synonyms },
  { name: "PLANNED_CHANGE", label: "Planned change", required: true, synonyms: ["planned change", "change to", "move to", "to group", "to placement", "planned placement"] },
  { name: "CHILDREN", label: "Children", required: false, synonyms: ["number of children", "no of children", "children"] },
  { name: "CURRENT_WEEKLY_COST", label: "Current weekly cost", required: false, synonyms: ["current weekly cost", "weekly cost now", "current weekly"] },
  { name: "NEW_WEEKLY_COST", label: "New weekly cost", required: false, synonyms: ["new weekly cost", "new weekly", "weekly cost after"] },
  { name: "TARGET_DATE", label: "Target date", required: true, synonyms: ["target date", "target", "due date", "by"] },
  { name: "STATUS", label: "Status", required: false, synonyms: ["review status", "progress"] },
  { name: "STATED_SAVING", label: "Stated saving", required: false, synonyms: ["stated saving", "in year saving", "saving this year", "saving"] },
];

/** One row of the Placement review table. */
export interface PlacementReview {
  row: number;
  /** The child, or a label for a group of children ("5 children"). */
  child: string;
  /** The placement group the child moves to. */
  change: string;
  children: number;
  /** Each child's weekly cost now and after the change; null when not given. */
  currentWeekly: number | null;
  newWeekly: number | null;
  targetDate: Day;
  status: string;
  /** The in-year saving the row states for all its children; null when not given. */
  statedSaving: number | null;
}

/** A status that means the change will not happen: listed, not counted. */
const NOT_GOING_AHEAD = /cancel|drop|abandon|withdrawn|not going ahead/i;

function weeklyOrIssue(cell: Cell, column: string, note: (column: string, reason: string) => void): number | null {
  const value = cellNumber(cell);
  if (value === null) return null;
  if (value === "invalid" || value < 0) {
    note(column, `${column} "${cellText(cell)}" is not a weekly cost of zero or more${numberHint(cell)}: not used`);
    return null;
  }
  return value;
}

export function readPlacementReviews(table: Table, mapping: ColumnMapping = {}): ReadResult<PlacementReview> {
  const col = resolveColumns(table.headers, REVIEW_FIELDS, mapping);
  const cell = (cells: readonly Cell[], field: string): Cell => (col[field] === undefined ? null : (cells[col[field]] ?? null));
  return readRows(table, "Placement review", (cells, row) => {
    const child = cellText(cell(cells, "CHILD"));
    const change = cellText(cell(cells, "PLANNED_CHANGE"));
    if (child === "") row.reject("CHILD", "CHILD is blank: name the child, or the group of children the row covers");
    if (change === "") row.reject("PLANNED_CHANGE", "PLANNED_CHANGE is blank: give the placement group the child moves to");
    let targetDate: Day | null = null;
    try {
      targetDate = parseDate(cell(cells, "TARGET_DATE"));
      if (targetDate === null) row.reject("TARGET_DATE", "TARGET_DATE is blank");
    } catch (error) {
      if (!(error instanceof DateError)) throw error;
      row.reject("TARGET_DATE", `TARGET_DATE: ${error.message}`);
    }
    const childrenCell = cell(cells, "CHILDREN");
    const count = cellNumber(childrenCell);
    let children = 1;
    if (count !== null) {
      if (count === "invalid" || !Number.isInteger(count) || count < 1) row.reject("CHILDREN", `CHILDREN "${cellText(childrenCell)}" is not a whole number of children, 1 or more`);
      else children = count;
    }
    const currentWeekly = weeklyOrIssue(cell(cells, "CURRENT_WEEKLY_COST"), "CURRENT_WEEKLY_COST", row.correct);
    const newWeekly = weeklyOrIssue(cell(cells, "NEW_WEEKLY_COST"), "NEW_WEEKLY_COST", row.correct);
    const stated = cellNumber(cell(cells, "STATED_SAVING"));
    if (stated === "invalid") row.correct("STATED_SAVING", `STATED_SAVING "${cellText(cell(cells, "STATED_SAVING"))}" is not an amount: not used`);
    const statedSaving = typeof stated === "number" ? stated : null;
    if (newWeekly === null && statedSaving === null) row.reject("NEW_WEEKLY_COST", "give NEW_WEEKLY_COST (or the STATED_SAVING): without either the change has no saving");
    if (row.rejected || targetDate === null) return undefined;
    return { row: row.number, child, change, children, currentWeekly, newWeekly, targetDate, status: cellText(cell(cells, "STATUS")), statedSaving };
  });
}

export type SavingBasis = "worked out" | "stated" | "not valued";

export interface ReviewLine {
  review: PlacementReview;
  /** Each child's weekly cost now: the row's own, else the child's open placement's; null when neither. */
  currentWeekly: number | null;
  currentFrom: "review table" | "placement" | null;
  basis: SavingBasis;
  /** In-year saving if the change happens on its target date; null when not valued. */
  inYearSaving: number | null;
  /** What is lost if it happens `slipMonths` later. */
  atRisk: number | null;
  /** Counted in the totals (valued, and not cancelled). */
  counted: boolean;
}

export interface ReviewTracker {
  yearEnd: Day;
  slipMonths: number;
  lines: ReviewLine[];
  /** In-year saving if every timescale is met, over the counted lines. */
  totalIfOnTime: number;
  totalAtRisk: number;
  /** The saving left if every change slips `slipMonths`. */
  totalIfSlipped: number;
}

export interface ReviewOptions {
  /** The as-at day: the tracker counts savings in its financial year. */
  asAt: Day;
  /** Each child's weekly cost of the placement open on the as-at day. */
  currentWeeklyOf?: (child: string) => number | null;
  weeksPerYear?: number;
  /** Months each change is slipped by for the saving at risk: 6, the time such changes typically take. */
  slipMonths?: number;
}

/** Days from `from` (no earlier than 1 April) to the year end, both counted; 0 after the year end. */
function daysInEffect(from: Day, yearStart: Day, yearEnd: Day): number {
  return Math.max(0, yearEnd - Math.max(from, yearStart) + 1);
}

export function reviewTracker(reviews: readonly PlacementReview[], options: ReviewOptions): ReviewTracker {
  const yearStart = financialYearFirstDay(options.asAt);
  const yearEnd = financialYearLastDay(options.asAt);
  const slipMonths = options.slipMonths ?? 6;
  const savingFrom = (current: number, review: PlacementReview, from: Day): number => {
    if (daysInEffect(from, yearStart, yearEnd) === 0) return 0;
    return review.children * inYearSaving(current, review.newWeekly ?? 0, Math.max(from, yearStart), yearEnd, { weeksPerYear: options.weeksPerYear });
  };
  const lines = reviews.map((review): ReviewLine => {
    const own = review.currentWeekly;
    const placement = own === null ? (options.currentWeeklyOf?.(review.child) ?? null) : null;
    const currentWeekly = own ?? placement;
    const currentFrom = own !== null ? "review table" : placement !== null ? "placement" : null;
    const slipped = addMonths(review.targetDate, slipMonths);
    let basis: SavingBasis = "not valued";
    let inYear: number | null = null;
    let ifSlipped: number | null = null;
    if (currentWeekly !== null && review.newWeekly !== null) {
      basis = "worked out";
      inYear = savingFrom(currentWeekly, review, review.targetDate);
      ifSlipped = savingFrom(currentWeekly, review, slipped);
    } else if (review.statedSaving !== null) {
      basis = "stated";
      inYear = review.statedSaving;
      const onTime = daysInEffect(review.targetDate, yearStart, yearEnd);
      ifSlipped = onTime === 0 ? 0 : (review.statedSaving * daysInEffect(slipped, yearStart, yearEnd)) / onTime;
    }
    const counted = inYear !== null && !NOT_GOING_AHEAD.test(review.status);
    return { review, currentWeekly, currentFrom, basis, inYearSaving: inYear, atRisk: inYear === null || ifSlipped === null ? null : inYear - ifSlipped, counted };
  });
  const counted = lines.filter((l) => l.counted);
  const totalIfOnTime = counted.reduce((sum, l) => sum + (l.inYearSaving ?? 0), 0);
  const totalAtRisk = counted.reduce((sum, l) => sum + (l.atRisk ?? 0), 0);
  return { yearEnd, slipMonths, lines, totalIfOnTime, totalAtRisk, totalIfSlipped: totalIfOnTime - totalAtRisk };
}
