/**
 * The ribbon's Refresh report, run as Excel runs it in the shared runtime: the real Office
 * adapter over the fake Excel object model (test/workbook/excelMock.ts), Office.js's
 * actions.associate and addin.showAsTaskpane recorded (officeMock.ts).
 */

import { associated, showAsTaskpane } from "./officeMock";
import { FakeExcel } from "../workbook/excelMock";
import { refreshReport } from "../../src/commands/commands";
import { Notice, dismissNotice, latestNotice, onNotice } from "../../src/taskpane/notices";
import { refreshState } from "../../src/taskpane/refresh";
import { SampleTables, generateSample } from "../../src/engine/sample";
import { dayFromYmd } from "../../src/engine/dates";
import type { ExcelRun } from "../../src/workbook/office/officeWorkbook";
import { SeedSheet, seedWorkbook } from "../browser/harness/workbookData";

function commandEvent() {
  return { completed: jest.fn(), source: { id: "LAC.RefreshReport" } } as unknown as Office.AddinCommands.Event & { completed: jest.Mock };
}

const sample: SampleTables = generateSample({ children: 40, seed: 12, end: dayFromYmd(2023, 12, 31) });
const INPUTS: SeedSheet[] = [
  { name: "Episodes", rows: [sample.episodes.headers, ...sample.episodes.rows] },
  { name: "Children", rows: [sample.children.headers, ...sample.children.rows] },
];
const REPORTS = ["LAC Costs", "LAC Forecast", "LAC Scenarios", "LAC Variance", "LAC Commitments", "LAC High-Cost Placements", "LAC Data Quality", "LAC Benchmark"];

/** A fake Excel holding the inputs (and any other sheets of the user's), as the global Excel.run. */
async function excelWith(extra: SeedSheet[] = []): Promise<FakeExcel> {
  const sheets = [...INPUTS, ...extra];
  const host = new FakeExcel(sheets.map((s) => s.name));
  await seedWorkbook(host.run as ExcelRun, sheets);
  Object.assign(globalThis, { Excel: { run: host.run } });
  return host;
}

const owned = (host: FakeExcel) => host.sheets.filter((s) => host.names.some((n) => n.name.startsWith("LAC_OWNED_") && n.sheet === s)).map((s) => s.name);

async function run(): Promise<{ event: ReturnType<typeof commandEvent>; notices: Notice[] }> {
  const notices: Notice[] = [];
  const stop = onNotice((notice) => notices.push(notice));
  const event = commandEvent();
  await refreshReport(event);
  stop();
  return { event, notices };
}

describe("Refresh report (ribbon)", () => {
  beforeEach(() => {
    dismissNotice();
    showAsTaskpane.mockReset();
    showAsTaskpane.mockResolvedValue(undefined);
  });

  it("is registered under the manifest's function name", () => {
    expect(associated.get("refreshReport")).toBe(refreshReport);
  });

  it("rebuilds every report sheet without opening the pane, and leaves a notice for it", async () => {
    const host = await excelWith();
    const { event, notices } = await run();
    expect(owned(host)).toEqual(REPORTS);
    expect(host.cell("LAC Costs", "A1")).toBe("Looked-after children: placement costs");
    expect(notices).toEqual([expect.objectContaining({ intent: "success", title: "Report refreshed" })]);
    expect(latestNotice()).toEqual(notices[0]);
    expect(showAsTaskpane).not.toHaveBeenCalled();
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(refreshState()).toEqual(expect.objectContaining({ status: "done", origin: "ribbon" }));
  });

  it("gives the same workbook when pressed twice", async () => {
    const host = await excelWith();
    await run();
    const first = JSON.stringify(host.snapshot());
    await run();
    expect(JSON.stringify(host.snapshot())).toBe(first);
  });

  it("never writes over a sheet of the user's with a report's name, and opens the pane to say so", async () => {
    const host = await excelWith([{ name: "LAC Costs", rows: [["My own costings"], ["Placements", 1000]] }]);
    const before = JSON.stringify([...host.sheet("LAC Costs")!.cells]);
    const { event, notices } = await run();
    expect(JSON.stringify([...host.sheet("LAC Costs")!.cells])).toBe(before);
    expect(owned(host)).toEqual(REPORTS.filter((r) => r !== "LAC Costs"));
    expect(notices).toEqual([
      expect.objectContaining({ intent: "warning", title: "Report refreshed, except one sheet", message: expect.stringMatching(/Not rebuilt: LAC Costs: .*"LAC Costs \(2\)"/) }),
    ]);
    expect(showAsTaskpane).toHaveBeenCalledTimes(1);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it("says why when Excel cannot be reached, and still completes the event when the pane cannot be shown", async () => {
    const host = await excelWith();
    host.failure = { atSyncs: Array.from({ length: 1000 }, (_, i) => i), kind: "lost" };
    showAsTaskpane.mockRejectedValue(new Error("not supported"));
    const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const { event, notices } = await run();
    expect(notices).toEqual([{ intent: "error", title: "Refresh report failed", message: expect.stringMatching(/connection to Excel was lost/) }]);
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(logged).toHaveBeenCalledWith("Refresh report: could not open the pane", expect.any(Error));
    logged.mockRestore();
  });
});
