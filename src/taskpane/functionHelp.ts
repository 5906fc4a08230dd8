/** The LAC.* functions as the pane lists them: syntax, one line of help and an example formula. */

export interface FunctionHelp {
  /** As typed in a cell, with Excel's namespace: "LAC.WEEKS". */
  name: string;
  /** Optional parameters in square brackets, as Excel's own help writes them. */
  syntax: string;
  help: string;
  example: string;
}

export const FUNCTION_HELP: readonly FunctionHelp[] = [
  {
    name: "LAC.COST",
    syntax: "LAC.COST(weeklyCost, start, end, [periodStart], [periodEnd])",
    help: "Cost of each episode (weekly cost × days ÷ 7), in the period if given. Give columns to get a column back.",
    example: '=LAC.COST(L2:L500, B2:B500, H2:H500, "2023-04-01", "2024-03-31")',
  },
  {
    name: "LAC.WEEKS",
    syntax: "LAC.WEEKS(start, end, [periodStart], [periodEnd])",
    help: "Weeks each episode covers, in the period if given; an open episode runs to the period end.",
    example: '=LAC.WEEKS(B2:B500, H2:H500, "2023-04-01", "2024-03-31")',
  },
  {
    name: "LAC.AVGWEEKLYCOST",
    syntax: "LAC.AVGWEEKLYCOST(totals, weeks, [groups], [group])",
    help: "Total £ ÷ total weeks, over all rows or one placement group's.",
    example: '=LAC.AVGWEEKLYCOST(M2:M500, N2:N500, O2:O500, "Agency Foster Care out LA")',
  },
  {
    name: "LAC.PLACEMENTGROUP",
    syntax: "LAC.PLACEMENTGROUP(place, [provider], [location])",
    help: "Placement group of SSDA903 codes, e.g. U4, PR4, OUT → Agency Foster Care out LA.",
    example: "=LAC.PLACEMENTGROUP(F2:F500, G2:G500, K2:K500)",
  },
  {
    name: "LAC.COSTSUMMARY",
    syntax: "LAC.COSTSUMMARY(episodes, children, periodStart, periodEnd, [unitCosts])",
    help: "Costs by placement group with a total row, spilled as a table. Ranges include headers.",
    example: '=LAC.COSTSUMMARY(Episodes!A1:O500, Children!A1:G200, "2023-04-01", "2024-03-31", Rates!A1:D30)',
  },
  {
    name: "LAC.PROJECT",
    syntax: "LAC.PROJECT(episodes, children, [months], [referenceStart], [referenceEnd], [start], [mode])",
    help: "Forecast of children in care by month, with a 95% band and the placement mix, spilled as a table (default mode unless mode is \"reference\").",
    example: '=LAC.PROJECT(Episodes!A1:O500, Children!A1:G200, 24, , , "2024-04-01")',
  },
  {
    name: "LAC.PROJECTCOST",
    syntax: "LAC.PROJECTCOST(episodes, children, [unitCosts], [months], [referenceStart], [referenceEnd], [start], [inflation])",
    help: "Forecast cost of care by month, with the children in care and a total row, spilled as a table.",
    example: '=LAC.PROJECTCOST(Episodes!A1:O500, Children!A1:G200, Rates!A1:D30, 24, , , "2024-03-31", 3%)',
  },
  {
    name: "LAC.TARGETDATE",
    syntax: "LAC.TARGETDATE(months, totals, target)",
    help: "First month whose total reaches the target, rising or falling; #N/A if never. Returns a date number: format the cell as a date.",
    example: "=LAC.TARGETDATE(A2:A26, B2:B26, 400)",
  },
  {
    name: "LAC.SIMPLEFORECAST",
    syntax: "LAC.SIMPLEFORECAST(opening, entriesPerMonth, exitRatePerMonth, months)",
    help: "Simple forecast from totals: each month next = previous × (1 − exit rate) + entries, spilled down a column.",
    example: "=LAC.SIMPLEFORECAST(200, 10, 10%, 3)",
  },
  {
    name: "LAC.FULLYEARSAVING",
    syntax: "LAC.FULLYEARSAVING(currentWeekly, newWeekly, [weeksPerYear])",
    help: "Saving of a placement move over a full year: weekly saving × 52.",
    example: "=LAC.FULLYEARSAVING(13110, 6930)",
  },
  {
    name: "LAC.INYEARSAVING",
    syntax: "LAC.INYEARSAVING(currentWeekly, newWeekly, effectiveDate, [yearEnd], [weeksPerYear])",
    help: "Saving from the date a move takes effect to the end of the financial year: the full-year saving × days left ÷ days in the year.",
    example: '=LAC.INYEARSAVING(13110, 6930, "2023-10-01")',
  },
  {
    name: "LAC.RATEPER10K",
    syntax: "LAC.RATEPER10K(children, population)",
    help: "Children looked after per 10,000 children aged 0 to 17, as the DfE publishes the rate.",
    example: "=LAC.RATEPER10K(520, 78400)",
  },
  {
    name: "LAC.EQUIVALENTCHILDREN",
    syntax: "LAC.EQUIVALENTCHILDREN(population, rate)",
    help: "The children the council would look after at another rate, e.g. its statistical neighbours' average: population × rate ÷ 10,000.",
    example: "=LAC.EQUIVALENTCHILDREN(78400, 51)",
  },
  {
    name: "LAC.PLACEMENTMIX",
    syntax: "LAC.PLACEMENTMIX(episodes, asAt)",
    help: "Spills the placement mix of the children in care on a date: children and share in each kind of placement, with a total.",
    example: '=LAC.PLACEMENTMIX(Episodes!A1:O500, "2024-03-31")',
  },
  {
    name: "LAC.COMMITMENT",
    syntax: "LAC.COMMITMENT(weeklyCost, start, plannedEnd, asAt, [yearEnd])",
    help: "Committed cost of a placement from the day after the as-at date to the earlier of its planned end (not counted) and 31 March; 0 if the planned end has passed.",
    example: '=LAC.COMMITMENT(L2:L500, B2:B500, P2:P500, "2024-09-30")',
  },
  {
    name: "LAC.NETWEEKLYCOST",
    syntax: "LAC.NETWEEKLYCOST(weeklyCost, [health], [education])",
    help: 'Net weekly cost to the council: the weekly cost less health\'s and education\'s contributions, each £ a week or a share such as "25%".',
    example: '=LAC.NETWEEKLYCOST(6000, "30%", 1200)',
  },
  {
    name: "LAC.AGE",
    syntax: "LAC.AGE(dob, asAt)",
    help: "Age in whole years on a date.",
    example: '=LAC.AGE(C2:C200, "2024-03-31")',
  },
  {
    name: "LAC.FINYEAR",
    syntax: "LAC.FINYEAR(date)",
    help: "Financial year (1 April – 31 March) of a date, e.g. 2023-24.",
    example: "=LAC.FINYEAR(B2:B500)",
  },
];
