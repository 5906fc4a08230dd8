/** Sheet specs shaped like the reports', for the workbook tests. */

import type { Cell } from "../../src/engine/table";
import { dayFromYmd } from "../../src/engine/dates";
import type { SheetSpec } from "../../src/workbook/spec";

const GROUPS = ["Agency Foster Care out LA", "LA Foster Care in LA", "Agency Residential out LA", "LA Residential in LA", "Semi-Independence"];

/** A costs-like sheet: title, key figures, a table with totals, a chart, a warning. */
export function costsSpec(rows: number, name = "LAC Costs"): SheetSpec {
  const data: Cell[][] = [];
  for (let i = 0; i < rows; i++) {
    const weeks = 10 + ((i * 7) % 43);
    const total = Math.round(weeks * (500 + ((i * 131) % 4000)) * 100) / 100;
    data.push([`${GROUPS[i % GROUPS.length]} ${i}`, total, weeks, total / weeks, dayFromYmd(2023, 4, 1) + (i % 365)]);
  }
  return {
    name,
    title: "Placement costs 2023-24",
    blocks: [
      {
        kind: "keyValues",
        title: "Period",
        pairs: [
          { key: "From", value: dayFromYmd(2023, 4, 1), kind: "date" },
          { key: "Episodes read", value: rows, kind: "integer" },
          { key: "Source", value: "Episodes" },
        ],
      },
      {
        kind: "table",
        name: "LAC_Costs_ByGroup",
        title: "By placement group",
        columns: [
          { header: "Placement group", kind: "text", total: { label: "Total" } },
          { header: "Total £", kind: "currency", total: "sum" },
          { header: "Time (weeks)", kind: "weeks", total: "sum" },
          { header: "Avg cost/week", kind: "currency", decimals: 2, total: { ratioOf: ["Total £", "Time (weeks)"] } },
          { header: "First day", kind: "date" },
        ],
        rows: data,
      },
      { kind: "chart", chart: { type: "column", title: "Cost by placement group", table: "LAC_Costs_ByGroup", category: "Placement group", series: ["Total £"] } },
      { kind: "note", text: "Costs of open episodes run to the end of the period.", style: "warning" },
    ],
  };
}

/** A variance-like sheet: RAG statuses in a key figure, a column and the totals label. */
export function varianceSpec(name = "LAC Variance"): SheetSpec {
  const lines: Cell[][] = [
    ["Placements", 4_428_000, 5_135_902, 0.16, "Red"],
    ["Agency social workers", 1_250_000, 1_425_000, 0.14, "Red"],
    ["SEN transport", 4_600_000, 4_655_000, 0.012, "amber"],
    ["High-needs block", 21_400_000, 21_143_000, -0.012, "Green"],
    ["Unassessed", 0, 0, null, "n/a"],
  ];
  return {
    name,
    title: "Budget variance",
    blocks: [
      {
        kind: "keyValues",
        title: "Budget against forecast outturn",
        pairs: [
          { key: "Budget", value: 31_678_000, kind: "currency" },
          { key: "Overall RAG", value: "Amber", rag: true },
          { key: "Lines Red / Amber / Green", value: "2 / 1 / 1" },
          { key: "Why", value: "Variance = forecast outturn − budget: positive is an overspend. Amber above 1% of budget; Red above 5%; otherwise Green." },
        ],
      },
      { kind: "note", text: "A forecast outturn from the engine is the actual to date from the Budget table plus the projected cost of placements to the end of the year." },
      {
        kind: "table",
        name: "LAC_Variance_Lines",
        title: "By budget line",
        columns: [
          { header: "Budget line", kind: "text", total: { label: "Total" } },
          { header: "Budget", kind: "currency", total: "sum" },
          { header: "Forecast outturn", kind: "currency", total: "sum" },
          { header: "Variance %", kind: "percent", total: { ratioOf: ["Forecast outturn", "Budget"] } },
          { header: "RAG", kind: "text", rag: true, total: { label: "Amber" } },
        ],
        rows: lines,
      },
    ],
  };
}

/** An episodes-like sheet of `rows` rows and 13 columns (the SSDA903 header), for size tests. */
export function episodesSpec(rows: number, name = "LAC Episodes"): SheetSpec {
  const headers = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"];
  const data: Cell[][] = [];
  for (let i = 0; i < rows; i++) {
    const start = dayFromYmd(2015, 1, 1) + ((i * 37) % 3000);
    data.push([
      String(100000 + i),
      start,
      "P",
      "C2",
      "N4",
      ["U1", "U4", "R1", "K2", "P2"][i % 5],
      ["PR1", "PR4", "PR2"][i % 3],
      i % 4 === 0 ? null : start + 30 + (i % 400),
      i % 4 === 0 ? null : "E11",
      i % 4 === 0 ? null : "CARPL",
      "AB1 2CD",
      "EF3 4GH",
      "SC0" + String(12345 + (i % 100)),
    ]);
  }
  return {
    name,
    blocks: [
      {
        kind: "table",
        name: "LAC_Episodes",
        columns: headers.map((header) => ({ header, kind: header === "DECOM" || header === "DEC" ? ("date" as const) : ("text" as const) })),
        rows: data,
      },
    ],
  };
}

/** Text from a data file that Excel would run as a formula, or change, if written as a plain value. */
export const HOSTILE_TEXT = ['=HYPERLINK("http://x","y")', "+44 1632 960000", "-", "@SUM(A1:A2)", "00123", "Apr-24", "=1+1"];

export function hostileSpec(name = "LAC Data Quality"): SheetSpec {
  return {
    name,
    title: "Data quality",
    blocks: [
      {
        kind: "table",
        name: "LAC_Quality_Rows",
        columns: [
          { header: "Row", kind: "integer" },
          { header: "Value", kind: "text" },
        ],
        rows: HOSTILE_TEXT.map((text, i) => [i + 2, text]),
      },
      { kind: "note", text: "=2+2 is how the file had it" },
    ],
  };
}
