/**
 * The workbook the browser test opens the pane on, made from the engine's synthetic sample (no
 * real child): the children, unit costs and budget as sheets of the user's own, and a sheet of
 * the user's called "LAC Variance" that the add-in must not overwrite. The children's date of
 * birth is headed "Born on", which the add-in does not know, so the user maps it once. The
 * episodes are not in it: the test imports them from a CSV file through the pane.
 */

import { dayFromYmd } from "../../../src/engine/dates";
import { rectAddress } from "../../../src/workbook/addresses";
import type { ExcelRun } from "../../../src/workbook/office/officeWorkbook";
import { SampleTables, generateSample } from "../../../src/engine/sample";
import type { Cell } from "../../../src/engine/table";

export const SAMPLE_OPTIONS = { children: 150, seed: 903, end: dayFromYmd(2023, 12, 31) };

export function sampleTables(): SampleTables {
  return generateSample(SAMPLE_OPTIONS);
}

export interface SeedSheet {
  name: string;
  rows: Cell[][];
  /** An Excel table over the rows, when the user keeps them as one. */
  table?: string;
}

export const BIRTH_DATE_HEADER = "Born on";

export const USER_VARIANCE_NOTE = "My own variance workings - not the add-in's";

/**
 * Writes the sheets into a fake Excel through its object model, as a user's typing would land
 * (text that looks like a number becomes one). `run` is the fake's Excel.run.
 */
export async function seedWorkbook(run: ExcelRun, sheets: readonly SeedSheet[]): Promise<void> {
  await run(async (context) => {
    for (const sheet of sheets) {
      const width = Math.max(...sheet.rows.map((r) => r.length));
      const rows = sheet.rows.map((r) => [...r, ...Array(width - r.length).fill(null)].map((c) => (c === null ? "" : c)));
      const address = rectAddress({ top: 0, left: 0, bottom: rows.length - 1, right: width - 1 });
      const worksheet = context.workbook.worksheets.getItem(sheet.name);
      worksheet.getRange(address).values = rows;
      if (sheet.table) worksheet.tables.add(address, true).name = sheet.table;
    }
    await context.sync();
  });
}

export function seedSheets(sample: SampleTables = sampleTables()): SeedSheet[] {
  return [
    { name: "Children", rows: [sample.children.headers.map((h) => (h === "DOB" ? BIRTH_DATE_HEADER : h)), ...sample.children.rows] },
    { name: "Rates", rows: [sample.unitCosts.headers, ...sample.unitCosts.rows], table: "Unit_costs" },
    {
      name: "Budget",
      rows: [
        ["Budget line", "Budget", "Actual to date", "Forecast outturn", "Last month's forecast"],
        ["Placements", 2_600_000, 1_900_000, 2_700_000, 2_650_000],
        ["Agency social workers", 1_200_000, 950_000, 1_310_000, 1_290_000],
        ["SEN transport", 800_000, 590_000, 790_000, 800_000],
        ["High needs block", 2_400_000, 1_850_000, 2_520_000, 2_500_000],
      ],
      table: "Budget",
    },
    { name: "LAC Variance", rows: [[USER_VARIANCE_NOTE], ["Placements", 123]] },
  ];
}

/** Episode rows in the large workbook the pane must stay responsive over while it refreshes. */
export const LARGE_EPISODE_ROWS = 200_000;

/** The episode columns the large workbook keeps: what costs and forecasts need, fewer cells for the fake Excel to hold. */
const LARGE_EPISODE_COLUMNS = ["CHILD", "DECOM", "LS", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "WEEKLY_COST"];

/**
 * A workbook of LARGE_EPISODE_ROWS episode rows and their children: the sample's 1,000 children
 * again and again under new IDs (generating 95,000 children would take the page many seconds).
 */
export function largeSheets(): SeedSheet[] {
  const sample = generateSample({ ...SAMPLE_OPTIONS, children: 1_000 });
  const keep = LARGE_EPISODE_COLUMNS.map((name) => sample.episodes.headers.indexOf(name));
  const episodes: Cell[][] = [LARGE_EPISODE_COLUMNS];
  const children: Cell[][] = [sample.children.headers];
  for (let copy = 0; episodes.length <= LARGE_EPISODE_ROWS; copy += 1) {
    const id = (child: Cell) => `${copy}-${child}`;
    for (const row of sample.children.rows) children.push([id(row[0]), ...row.slice(1)]);
    for (const row of sample.episodes.rows.slice(0, LARGE_EPISODE_ROWS + 1 - episodes.length)) episodes.push(keep.map((i) => (i === 0 ? id(row[0]) : row[i])));
  }
  return [
    { name: "Episodes", rows: episodes },
    { name: "Children", rows: children },
  ];
}
