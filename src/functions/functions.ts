/**
 * The LAC.* custom functions. Each is a thin wrapper: read the arguments (coerce.ts), call the
 * engine, and turn any problem into an Excel error value with a reason (errors.ts). Every
 * argument may be a single cell or a range; the JSDoc below is what Excel's function wizard
 * shows, and custom-functions-metadata-plugin builds functions.json from it and registers each
 * function with CustomFunctions.associate when webpack bundles this file.
 */

import { Day, ageInYears, excelSerialOfDay, financialYearLabel, formatIsoDate } from "../engine/dates";
import { PLACEMENT_TYPE_BY_PLACE, PROVIDER_BY_CODE, locationOf } from "../engine/codes";
import { CostOptions, Period, checkPeriod, costInPeriod, weeksInPeriod } from "../engine/costs";
import { Child, Episode } from "../engine/episodes";
import { InputKind } from "../engine/inputs";
import { costSourcesOf, runPipeline, sourcesOf } from "../engine/pipeline";
import { ForecastOptions, runForecast, simpleStockAndFlow, targetDate } from "../engine/forecast";
import { placementGroupOf } from "../engine/placementGroups";
import * as savings from "../engine/savings";
import * as benchmarks from "../engine/benchmarks";
import { CommitmentError, apportion, commitment as placementCommitment } from "../engine/commitments";
import { Contribution, parseContribution } from "../engine/episodes";
import { SETTINGS } from "../engine/settings";
import { averageWeeklyCost, summariseCosts } from "../engine/summaries";
import { Table, TableError, cellNumber, tableFromBlock } from "../engine/table";
import {
  cellsOf,
  describeShape,
  gridOf,
  isBlank,
  optionalDate,
  optionalNumber,
  requiredDate,
  requiredNumber,
  settingOf,
  singleCellOf,
  textOf,
  toCell,
} from "./coerce";
import { RowsNotRead, costSummaryGrid, rowIssueNotes } from "./costSummaryGrid";
import { InputError, guard, missingInput } from "./errors";
import { projectedCostGrid, projectionGrid } from "./forecastGrids";
import { Argument, elementwise, guardGrid } from "./spill";

/**
 * Weeks an episode covers, from its start up to (not including) its end; with a period, only the weeks inside it.
 * @customfunction WEEKS
 * @param start Start date of the episode (DECOM), or a column of them.
 * @param end End date of the episode (DEC), or a column; leave blank for an episode still open.
 * @param [periodStart] First day of the reporting period, e.g. 1 April 2023. Optional.
 * @param [periodEnd] Last day of the reporting period, included, e.g. 31 March 2024. Needed for open episodes.
 * @returns Weeks (days ÷ 7), one per row.
 */
export function weeks(start: unknown[][], end: unknown[][], periodStart?: unknown[][], periodEnd?: unknown[][]): unknown[][] {
  return guardGrid(() =>
    elementwise(periodArguments(start, end, periodStart, periodEnd), ([s, e, ps, pe]) => {
      const episode = episodeInPeriod(s, e, ps, pe);
      return weeksInPeriod(episode.start, episode.end, episode.period);
    }),
  );
}

/**
 * Cost of an episode: weekly cost × days ÷ 7, from its start up to (not including) its end; with a period, only inside it.
 * @customfunction COST
 * @param weeklyCost Weekly cost of the placement in £, or a column of them.
 * @param start Start date of the episode (DECOM), or a column of them.
 * @param end End date of the episode (DEC), or a column; leave blank for an episode still open.
 * @param [periodStart] First day of the reporting period, e.g. 1 April 2023. Optional.
 * @param [periodEnd] Last day of the reporting period, included, e.g. 31 March 2024. Needed for open episodes.
 * @returns Cost in £, one per row.
 */
export function cost(
  weeklyCost: unknown[][],
  start: unknown[][],
  end: unknown[][],
  periodStart?: unknown[][],
  periodEnd?: unknown[][],
): unknown[][] {
  return guardGrid(() =>
    elementwise(
      [{ label: "weeklyCost", value: weeklyCost }, ...periodArguments(start, end, periodStart, periodEnd)],
      ([w, s, e, ps, pe]) => {
        const weekly = requiredNumber(w, "weeklyCost");
        if (weekly < 0) throw new InputError(`weeklyCost must be zero or more (it is ${weekly})`);
        const episode = episodeInPeriod(s, e, ps, pe);
        return costInPeriod(weekly, episode.start, episode.end, episode.period);
      },
    ),
  );
}

/**
 * Average cost per week: total £ ÷ total weeks, over all rows or one placement group's (a header row is skipped).
 * @customfunction AVGWEEKLYCOST
 * @param totals Column of costs in £ (e.g. the Total £ column of a cost summary).
 * @param weeks Column of weeks, the same size as totals.
 * @param [groups] Column of placement groups, the same size as totals. Optional.
 * @param [group] The placement group to average, e.g. "Agency Foster Care out LA". Needed with groups.
 * @returns Average weekly cost in £.
 */
export function avgWeeklyCost(totals: unknown[][], weeks: unknown[][], groups?: unknown[][], group?: unknown[][]): unknown {
  return guard(() => {
    const totalCells = columnOf(totals, "totals");
    const weekCells = columnOf(weeks, "weeks");
    sameLength(weekCells, "weeks", totalCells, "totals");
    const groupCells = groups === null || groups === undefined ? null : columnOf(groups, "groups");
    if (groupCells) sameLength(groupCells, "groups", totalCells, "totals");
    const wanted = singleCellOf(group, "group");
    if (groupCells && isBlank(wanted)) throw missingInput("group is blank: say which placement group to average");
    if (!groupCells && !isBlank(wanted)) throw missingInput("group is given but groups is not: give the column of placement groups");
    const wantedGroup = groupCells ? textOf(wanted, "group").toLowerCase() : null;

    const first = isHeaderRow(totalCells[0], weekCells[0]) ? 1 : 0;
    let total = 0;
    let weekSum = 0;
    let rows = 0;
    for (let r = first; r < totalCells.length; r++) {
      if (groupCells && textOf(groupCells[r], `groups row ${r + 1}`).toLowerCase() !== wantedGroup) continue;
      const rowTotal = optionalNumber(totalCells[r], `totals row ${r + 1}`);
      const rowWeeks = optionalNumber(weekCells[r], `weeks row ${r + 1}`);
      if (rowTotal === null && rowWeeks === null) continue;
      total += rowTotal ?? 0;
      weekSum += rowWeeks ?? 0;
      rows += 1;
    }
    if (rows === 0) {
      throw missingInput(wantedGroup === null ? "no totals and weeks to average" : `no rows for the group "${textOf(wanted, "group")}"`);
    }
    const average = averageWeeklyCost(total, weekSum);
    if (average === null) throw missingInput("the weeks add up to zero or less, or to too little to divide by: there is no average per week");
    return average;
  });
}

/**
 * Placement group of an SSDA903 placement: provider, type and area, e.g. "Agency Foster Care out LA".
 * @customfunction PLACEMENTGROUP
 * @param place SSDA903 placement code (PLACE), e.g. U4, K2, R1; or a column of them.
 * @param [provider] Placement provider code (PLACE_PROVIDER), PR0 to PR5. Optional.
 * @param [location] IN or OUT of the council's area. Optional.
 * @returns Placement group, one per row.
 */
export function placementGroup(place: unknown[][], provider?: unknown[][], location?: unknown[][]): unknown[][] {
  return guardGrid(() =>
    elementwise(
      [
        { label: "place", value: place },
        { label: "provider", value: provider },
        { label: "location", value: location },
      ],
      ([p, pr, l]) => {
        const placeCode = textOf(p, "place").toUpperCase();
        if (placeCode === "") throw missingInput("place is blank");
        if (!PLACEMENT_TYPE_BY_PLACE[placeCode]) throw missingInput(`"${placeCode}" is not an SSDA903 placement code (e.g. U4, K2, R1)`);
        const providerCode = textOf(pr, "provider").toUpperCase();
        if (providerCode !== "" && !PROVIDER_BY_CODE[providerCode]) {
          throw missingInput(`"${providerCode}" is not a placement provider code (PR0 to PR5)`);
        }
        const locationText = textOf(l, "location");
        const where = locationOf(locationText);
        if (locationText !== "" && where === "N/A") throw new InputError(`location "${locationText}" is not IN or OUT`);
        return placementGroupOf(placeCode, providerCode, where).label;
      },
    ),
  );
}

/**
 * Age in whole years on a date, as birthdays count (29 February birthdays fall on 1 March in other years).
 * @customfunction AGE
 * @param dob Date of birth, or a column of them.
 * @param asAt The date to give the age on, e.g. 31 March 2024.
 * @returns Age in whole years, one per row.
 */
export function age(dob: unknown[][], asAt: unknown[][]): unknown[][] {
  return guardGrid(() =>
    elementwise(
      [
        { label: "dob", value: dob },
        { label: "asAt", value: asAt },
      ],
      ([d, a]) => {
        const born = requiredDate(d, "dob");
        const on = requiredDate(a, "asAt");
        if (on < born) throw new InputError(`asAt (${formatIsoDate(on)}) is before the date of birth (${formatIsoDate(born)})`);
        return ageInYears(born, on);
      },
    ),
  );
}

/**
 * The financial year (1 April to 31 March) a date falls in, e.g. "2023-24".
 * @customfunction FINYEAR
 * @param date A date, or a column of them.
 * @returns Financial year as text, one per row.
 */
export function financialYear(date: unknown[][]): unknown[][] {
  return guardGrid(() => elementwise([{ label: "date", value: date }], ([d]) => financialYearLabel(requiredDate(d, "date"))));
}

/**
 * Full-year saving of a placement move: (current weekly cost − new weekly cost) × weeks per year (52 unless given).
 * @customfunction FULLYEARSAVING
 * @param currentWeekly Weekly cost now in £ (one child's, or the total for all moved).
 * @param newWeekly Weekly cost after the move in £, on the same basis.
 * @param [weeksPerYear] Weeks in a full year, 52 to 52.2: give the Weeks per year setting if you changed it. Optional: 52.
 * @returns Saving over a full year in £; negative when the new placement costs more.
 */
export function fullYearSaving(currentWeekly: unknown[][], newWeekly: unknown[][], weeksPerYear?: unknown[][]): unknown[][] {
  return guardGrid(() => {
    const options = savingsOptionsOf(weeksPerYear);
    return elementwise(
      [
        { label: "currentWeekly", value: currentWeekly },
        { label: "newWeekly", value: newWeekly },
      ],
      ([c, n]) => savings.fullYearSaving(requiredNumber(c, "currentWeekly"), requiredNumber(n, "newWeekly"), options),
    );
  });
}

/** The Weeks per year setting as a function's optional argument reads it (the setting's own rule and range); blank: the default. */
function savingsOptionsOf(weeksPerYear: unknown): savings.SavingsOptions {
  return { weeksPerYear: settingOf(SETTINGS.weeksPerYear, weeksPerYear, "weeksPerYear") };
}

/**
 * In-year saving of a placement move: full-year saving × days from the effective date to the year end (both included) ÷ days in the year.
 * @customfunction INYEARSAVING
 * @param currentWeekly Weekly cost now in £ (one child's, or the total for all moved).
 * @param newWeekly Weekly cost after the move in £, on the same basis.
 * @param effectiveDate The date the move takes effect.
 * @param [yearEnd] Last day of the year to count to. Optional: 31 March of the effective date's financial year.
 * @param [weeksPerYear] Weeks in a full year, 52 to 52.2: give the Weeks per year setting if you changed it. Optional: 52.
 * @returns Saving to the year end in £.
 */
export function inYearSaving(currentWeekly: unknown[][], newWeekly: unknown[][], effectiveDate: unknown[][], yearEnd?: unknown[][], weeksPerYear?: unknown[][]): unknown[][] {
  return guardGrid(() => {
    const options = savingsOptionsOf(weeksPerYear);
    return elementwise(
      [
        { label: "currentWeekly", value: currentWeekly },
        { label: "newWeekly", value: newWeekly },
        { label: "effectiveDate", value: effectiveDate },
        { label: "yearEnd", value: yearEnd },
      ],
      ([c, n, e, y]) =>
        savings.inYearSaving(
          requiredNumber(c, "currentWeekly"),
          requiredNumber(n, "newWeekly"),
          requiredDate(e, "effectiveDate"),
          optionalDate(y, "yearEnd") ?? undefined,
          options,
        ),
    );
  });
}

/**
 * Committed cost of a placement: its weekly cost from the day after the as-at date to the earlier of its planned end (not counted) and the year end (counted).
 * @customfunction COMMITMENT
 * @param weeklyCost Weekly cost of the placement in £, or a column of them.
 * @param start Start date of the placement (DECOM), or a column.
 * @param plannedEnd The date the placement is planned to end (PLANNED_END), not itself counted; leave blank to run to the year end.
 * @param asAt The as-at date: the cost to date runs to it, the commitment from the day after.
 * @param [yearEnd] Last day to count, included. Optional: 31 March of the as-at date's financial year.
 * @returns Committed cost in £; 0 when the planned end is on or before the as-at date.
 */
export function commitment(weeklyCost: unknown[][], start: unknown[][], plannedEnd: unknown[][], asAt: unknown[][], yearEnd?: unknown[][]): unknown[][] {
  return guardGrid(() =>
    elementwise(
      [
        { label: "weeklyCost", value: weeklyCost },
        { label: "start", value: start },
        { label: "plannedEnd", value: plannedEnd },
        { label: "asAt", value: asAt },
        { label: "yearEnd", value: yearEnd },
      ],
      ([w, s, p, a, y]) =>
        placementCommitment(
          requiredNumber(w, "weeklyCost"),
          requiredDate(s, "start"),
          optionalDate(p, "plannedEnd"),
          requiredDate(a, "asAt"),
          optionalDate(y, "yearEnd") ?? undefined,
        ),
    ),
  );
}

/** A contribution argument: pounds a week, or a share written with a % sign ("25%"). */
function contributionOf(cell: unknown, label: string): Contribution | null {
  if (isBlank(cell)) return null;
  const read = parseContribution(toCell(cell, label));
  if (typeof read === "string") throw new CommitmentError(`${label} ${read}`);
  return read;
}

/**
 * The council's net weekly cost of a placement: its weekly cost less the health and education contributions (BCP's high-cost calculator).
 * @customfunction NETWEEKLYCOST
 * @param weeklyCost Weekly cost of the placement in £, or a column of them.
 * @param [health] Health's contribution: £ a week, or a share of the cost written with a % sign, e.g. "25%". Optional.
 * @param [education] Education's contribution, in the same forms. Optional.
 * @returns Net weekly cost to the council in £; an error when the contributions are more than the cost.
 */
export function netWeeklyCost(weeklyCost: unknown[][], health?: unknown[][], education?: unknown[][]): unknown[][] {
  return guardGrid(() =>
    elementwise(
      [
        { label: "weeklyCost", value: weeklyCost },
        { label: "health", value: health },
        { label: "education", value: education },
      ],
      ([w, h, e]) => apportion(requiredNumber(w, "weeklyCost"), contributionOf(h, "health"), contributionOf(e, "education")).net,
    ),
  );
}

/**
 * Costs by placement group in a period (Total £, weeks, average £ a week, episodes) and their total, as a table.
 * @customfunction COSTSUMMARY
 * @param episodes Episodes table with its header row: CHILD, DECOM, DEC, PLACE, PLACE_PROVIDER, and WEEKLY_COST or unit costs.
 * @param children Children table with its header row: CHILD, DOB.
 * @param periodStart First day of the reporting period, e.g. 1 April 2023.
 * @param periodEnd Last day of the reporting period, included, e.g. 31 March 2024.
 * @param [unitCosts] Unit costs table with its header row: TYPE, PROVIDED, LOCATION, WEEKLY_COST. Optional.
 * @returns A table of costs by placement group.
 */
export function costSummary(
  episodes: unknown[][],
  children: unknown[][],
  periodStart: unknown[][],
  periodEnd: unknown[][],
  unitCosts?: unknown[][],
): unknown[][] {
  return guardGrid(() => {
    const period: Period = {
      start: requiredDate(singleCellOf(periodStart, "periodStart"), "periodStart"),
      end: requiredDate(singleCellOf(periodEnd, "periodEnd"), "periodEnd"),
    };
    checkPeriod(period);
    const tables = readCareTables(episodes, children, unitCosts);
    const summaries = summariseCosts({ episodes: tables.episodes, children: tables.children, period, ...tables.costs });
    return costSummaryGrid(summaries, tables.notRead);
  });
}

/**
 * Forecast of children in care from the episodes, in the default mode unless mode says "reference": a row for the start and the 1st of each month after it.
 * @customfunction PROJECT
 * @param episodes Episodes table with its header row: CHILD, DECOM, DEC, PLACE, and RNE, REC where known.
 * @param children Children table with its header row: CHILD, DOB.
 * @param [months] How many months to forecast, 1 to 1200. Optional: 24.
 * @param [referenceStart] First day of the window the rates are measured over. Optional: in the default mode the window whose backtests erred least, in the reference mode three years before its end.
 * @param [referenceEnd] Last day of the window the rates are measured over. Optional: the last date in the episodes.
 * @param [start] The day the forecast starts from. Optional: the reference end.
 * @param [mode] "default", or "reference" to reproduce the open regional demand model. Optional: default.
 * @returns A table: date, children in care, lower and upper bound, and the children in each placement category.
 */
export function project(
  episodes: unknown[][],
  children: unknown[][],
  months?: unknown[][],
  referenceStart?: unknown[][],
  referenceEnd?: unknown[][],
  start?: unknown[][],
  mode?: unknown[][],
): unknown[][] {
  return guardGrid(() => {
    const options: ForecastOptions = { ...forecastWindow(months, referenceStart, referenceEnd, start), mode: settingOf(SETTINGS.forecastMode, mode, "mode") };
    const tables = readCareTables(episodes, children);
    // The projection shows no costs, so none are worked out (nor noted as missing).
    const uncosted = tables.episodes.map((episode) => ({ ...episode, weeklyCost: null }));
    const result = runForecast(uncosted, tables.children, { dataStart: tables.dataStart, ...options });
    return projectionGrid(result, [...rowIssueNotes(tables.notRead), ...result.notes]);
  });
}

/**
 * Forecast cost of care from the episodes (default mode): a row per month with the children in care at its start and its cost, then the total.
 * @customfunction PROJECTCOST
 * @param episodes Episodes table with its header row: CHILD, DECOM, DEC, PLACE, PLACE_PROVIDER, and WEEKLY_COST where known.
 * @param children Children table with its header row: CHILD, DOB.
 * @param [unitCosts] Unit costs table with its header row: TYPE, PROVIDED, LOCATION, WEEKLY_COST. Optional: costs episodes without a WEEKLY_COST.
 * @param [months] How many months to forecast, 1 to 1200. Optional: 24.
 * @param [referenceStart] First day of the window the rates are measured over. Optional: the window whose backtests erred least.
 * @param [referenceEnd] Last day of the window the rates are measured over. Optional: the last date in the episodes.
 * @param [start] The day the forecast starts from; its costs are the days after it, so the last day of a month gives whole months. Optional: the reference end.
 * @param [inflation] Yearly rise in costs from the start, -20% to 20%: 3%, 0.03 or 3 are all 3%. Optional: none.
 * @returns A table: date, children in care on it, cost of care in £ in its calendar month (after the start, up to the forecast's end), and a total row.
 */
export function projectCost(
  episodes: unknown[][],
  children: unknown[][],
  unitCosts?: unknown[][],
  months?: unknown[][],
  referenceStart?: unknown[][],
  referenceEnd?: unknown[][],
  start?: unknown[][],
  inflation?: unknown[][],
): unknown[][] {
  return guardGrid(() => {
    const options: ForecastOptions = { ...forecastWindow(months, referenceStart, referenceEnd, start), inflation: settingOf(SETTINGS.inflation, inflation, "inflation") };
    const tables = readCareTables(episodes, children, unitCosts);
    const result = runForecast(tables.episodes, tables.children, { dataStart: tables.dataStart, ...options, ...tables.costs });
    return projectedCostGrid(result, [...rowIssueNotes(tables.notRead), ...result.notes]);
  });
}

/**
 * The first month whose total reaches the target: at or above it when the totals start below it, at or below it when they start above. #N/A if never.
 * @customfunction TARGETDATE
 * @param months Column of months (dates), e.g. the Date column of LAC.PROJECT; a header row and rows without a total are skipped.
 * @param totals Column of totals, the same size as months, e.g. the Children in care column of LAC.PROJECT.
 * @param target The total to reach, e.g. 400 children.
 * @returns The month as an Excel date number: format the cell as a date to read it.
 */
export function targetMonth(months: unknown[][], totals: unknown[][], target: unknown[][]): unknown {
  return guard(() => {
    const monthCells = columnOf(months, "months");
    const totalCells = columnOf(totals, "totals");
    sameLength(totalCells, "totals", monthCells, "months");
    const goal = requiredNumber(singleCellOf(target, "target"), "target");
    const days: Day[] = [];
    const values: number[] = [];
    const first = isHeaderRow(monthCells[0], totalCells[0]) ? 1 : 0;
    for (let r = first; r < monthCells.length; r++) {
      const total = optionalNumber(totalCells[r], `totals row ${r + 1}`);
      if (total === null) continue;
      const day = requiredDate(monthCells[r], `months row ${r + 1}`);
      if (days.length > 0 && day <= days[days.length - 1]) {
        throw new InputError(`months row ${r + 1} (${formatIsoDate(day)}) is not after the month before it: give the months in date order`);
      }
      days.push(day);
      values.push(total);
    }
    if (days.length === 0) throw missingInput("there are no totals to search");
    const reached = targetDate(days, values, goal);
    if (reached === null) {
      const direction = values[0] <= goal ? "rise to" : "fall to";
      throw missingInput(
        `the totals never ${direction} ${goal}: they go from ${roundForMessage(values[0])} on ${formatIsoDate(days[0])} ` +
          `to ${roundForMessage(values[values.length - 1])} on ${formatIsoDate(days[days.length - 1])}`,
      );
    }
    return excelSerialOfDay(reached);
  });
}

/**
 * Simple forecast from totals alone: each month a share of the children leave and new ones arrive, next = previous × (1 − exit rate) + entries.
 * @customfunction SIMPLEFORECAST
 * @param opening Children in care at the start, e.g. 200.
 * @param entriesPerMonth Children coming into care each month, e.g. 10.
 * @param exitRatePerMonth Share of the children in care who leave each month, e.g. 10% or 0.1.
 * @param months How many months to forecast, 1 to 1200.
 * @returns A column: the children in care at the end of each month.
 */
export function simpleForecast(opening: unknown[][], entriesPerMonth: unknown[][], exitRatePerMonth: unknown[][], months: unknown[][]): unknown[][] {
  return guardGrid(() => {
    const number = (value: unknown, label: string) => requiredNumber(singleCellOf(value, label), label);
    const values = simpleStockAndFlow(
      number(opening, "opening"),
      number(entriesPerMonth, "entriesPerMonth"),
      number(exitRatePerMonth, "exitRatePerMonth"),
      number(months, "months"),
    );
    return values.map((value) => [value]);
  });
}

/**
 * Children looked after per 10,000 children aged 0 to 17, as the DfE publishes the rate: children ÷ population × 10,000.
 * @customfunction RATEPER10K
 * @param children Children looked after, e.g. 520, or a column of them.
 * @param population Children aged 0 to 17 in the council's area (ONS mid-year estimate), or a column.
 * @returns Rate per 10,000 children, one per row.
 */
export function ratePer10k(children: unknown[][], population: unknown[][]): unknown[][] {
  return numbersCellByCell(
    [
      { label: "children", value: children },
      { label: "population", value: population },
    ],
    (children, population) => benchmarks.ratePer10k(children, population),
  );
}

/**
 * The children a council would look after at a given rate, e.g. its statistical neighbours' average: population × rate ÷ 10,000.
 * @customfunction EQUIVALENTCHILDREN
 * @param population Children aged 0 to 17 in the council's area, or a column.
 * @param rate Children looked after per 10,000 children, e.g. 55, or a column.
 * @returns Children looked after at that rate, one per row.
 */
export function equivalentChildren(population: unknown[][], rate: unknown[][]): unknown[][] {
  return numbersCellByCell(
    [
      { label: "population", value: population },
      { label: "rate", value: rate },
    ],
    (population, rate) => benchmarks.equivalentChildren(population, rate),
  );
}

/**
 * The placement mix of the children in care on a date: children and share in in-house, agency and kinship foster care, LA and private residential, supported accommodation and other.
 * @customfunction PLACEMENTMIX
 * @param episodes Episodes table with its header row: CHILD, DECOM, DEC, PLACE, PLACE_PROVIDER.
 * @param asAt The date to count the children in care on, e.g. 31 March 2024.
 * @returns A table: placement, children and share, with a total row, and notes of any rows not read or read with a correction.
 */
export function placementMix(episodes: unknown[][], asAt: unknown[][]): unknown[][] {
  return guardGrid(() => {
    const day = requiredDate(singleCellOf(asAt, "asAt"), "asAt");
    const tables = readCareTables(episodes, undefined);
    const mix = benchmarks.placementMix(tables.episodes, day, tables.costs);
    return [
      ["Placement", "Children", "Share"],
      ...mix.shares.map((s) => [s.category, s.children, s.share]),
      ["Total", mix.children, mix.children === 0 ? 0 : 1],
      ...rowIssueNotes(tables.notRead).map((text) => [text, "", ""]),
    ];
  });
}

/** A function of numbers only, cell by cell over its ranges: each argument read as a required number. */
function numbersCellByCell(args: readonly Argument[], compute: (...values: number[]) => number): unknown[][] {
  return guardGrid(() => elementwise(args, (cells) => compute(...cells.map((cell, i) => requiredNumber(cell, args[i].label)))));
}

function periodArguments(start: unknown, end: unknown, periodStart: unknown, periodEnd: unknown) {
  return [
    { label: "start", value: start },
    { label: "end", value: end },
    { label: "periodStart", value: periodStart },
    { label: "periodEnd", value: periodEnd },
  ];
}

/**
 * An episode's dates and the period to count it in. Without a period the episode counts whole,
 * so a missing period start is the episode's start and a missing period end the day before its end.
 */
function episodeInPeriod(s: unknown, e: unknown, ps: unknown, pe: unknown): { start: Day; end: Day | null; period: Period } {
  const start = requiredDate(s, "start");
  const end = optionalDate(e, "end");
  if (end !== null && end < start) throw new InputError(`end (${formatIsoDate(end)}) is before start (${formatIsoDate(start)})`);
  const periodStart = optionalDate(ps, "periodStart");
  const periodEnd = optionalDate(pe, "periodEnd");
  if (periodStart !== null && periodEnd !== null) checkPeriod({ start: periodStart, end: periodEnd });
  const countTo = periodEnd ?? (end === null ? null : end - 1);
  if (countTo === null) throw missingInput("end is blank (the episode is open), so periodEnd is needed to say when to count to");
  return { start, end, period: { start: periodStart ?? start, end: countTo } };
}

/** A one-column range as its cells, top to bottom. */
function columnOf(value: unknown, label: string): unknown[] {
  const grid = gridOf(value, label);
  if (grid === null) throw missingInput(`${label} is missing`);
  if (grid[0].length !== 1) throw new InputError(`${label} must be a single column, not a range of ${describeShape(grid)}`);
  return grid.map((row) => row[0]);
}

function sameLength(cells: readonly unknown[], label: string, other: readonly unknown[], otherLabel: string): void {
  if (cells.length !== other.length) {
    throw new InputError(`${label} has ${cells.length} rows but ${otherLabel} has ${other.length}: give columns of the same size`);
  }
}

/** Text that is not a number at the top of both columns: their headers. */
function isHeaderRow(total: unknown, weeks: unknown): boolean {
  const isHeading = (cell: unknown) => typeof cell === "string" && cellNumber(cell) === "invalid";
  return isHeading(total) && isHeading(weeks);
}

/** A table argument (a range with its header row); a malformed range is reported against the argument. */
function tableArgument(value: unknown, label: string): Table {
  try {
    return tableFromBlock(cellsOf(value, label));
  } catch (error) {
    if (error instanceof TableError) throw new InputError(`${label}: ${error.message}`);
    throw error;
  }
}

interface CareTables {
  episodes: readonly Episode[];
  children: readonly Child[];
  /** Unit costs, then the national card, as every figure is costed (docs/figures.md). */
  costs: CostOptions;
  /** 1 April of (earliest YEAR − 1) when the episodes carry the returns' YEAR, as the forecast dates its data. */
  dataStart?: Day;
  notRead: RowsNotRead[];
}

const ARGUMENT_OF: Partial<Record<InputKind, { label: string; what: string }>> = {
  Episodes: { label: "episodes", what: "episode" },
  Children: { label: "children", what: "child" },
  "Unit costs": { label: "unitCosts", what: "unit-cost" },
};

/**
 * The episodes, children and (when given) unit costs through the pipeline (docs/pipeline.md), as
 * a refresh combines them, with the rows of each that could not be read or were corrected.
 */
function readCareTables(episodes: unknown, children: unknown, unitCosts?: unknown): CareTables {
  const given = {
    Episodes: tableArgument(episodes, "episodes"),
    // undefined from a function that takes no children table (LAC.PLACEMENTMIX); a required one Excel left blank is null, and refused.
    Children: children === undefined ? null : tableArgument(children, "children"),
    "Unit costs": unitCosts === null || unitCosts === undefined ? null : tableArgument(unitCosts, "unitCosts"),
  };
  const inputs = runPipeline(sourcesOf(given));
  const notRead: RowsNotRead[] = [];
  for (const count of inputs.counts) {
    const argument = ARGUMENT_OF[count.table as InputKind];
    if (argument === undefined || count.source === null) continue;
    if (count.status.startsWith("Could not read: ")) throw new InputError(`${argument.label}: ${count.status.slice("Could not read: ".length)}`);
    notRead.push({ what: argument.what, rowsRejected: count.rowsRejected, issues: inputs.issues.filter((i) => i.table === count.table) });
  }
  return { episodes: inputs.ledger.episodes, children: inputs.ledger.children, costs: costSourcesOf(inputs), dataStart: inputs.dataStart ?? undefined, notRead };
}

/** The forecast's horizon and reference window; a blank leaves the engine's default. */
function forecastWindow(months: unknown, referenceStart: unknown, referenceEnd: unknown, start: unknown): ForecastOptions {
  return {
    months: settingOf(SETTINGS.forecastMonths, months, "months"),
    referenceStart: settingOf(SETTINGS.ratesFrom, referenceStart, "referenceStart"),
    referenceEnd: settingOf(SETTINGS.ratesTo, referenceEnd, "referenceEnd"),
    start: settingOf(SETTINGS.forecastStart, start, "start"),
  };
}

/** A total as a message shows it: whole numbers as they are, others to one decimal place. */
function roundForMessage(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
