import { dayFromYmd } from "../../src/engine/dates";
import { generateSample } from "../../src/engine/sample";
import type { Cell, Table } from "../../src/engine/table";
import { RefreshState, onRefreshState, refreshNotice, refreshState, rowsLine, runRefresh } from "../../src/taskpane/refresh";
import { userMessage } from "../../src/taskpane/errors";
import { WorkbookError } from "../../src/workbook/port";
import { FakeWorkbook } from "../reports/fakeWorkbook";

const sample = generateSample({ children: 30, seed: 8, end: dayFromYmd(2023, 12, 31) });
const cells = (table: Table): Cell[][] => [table.headers, ...table.rows];
const book = () => new FakeWorkbook().addSheet("Episodes", cells(sample.episodes)).addSheet("Children", cells(sample.children));

describe("the refresh the pane and the ribbon share", () => {
  it("publishes its progress and outcome on the page, for whichever bundle is listening", async () => {
    const seen: RefreshState["status"][] = [];
    const stop = onRefreshState(() => seen.push(refreshState().status));
    const workbook = book();
    const summary = await runRefresh("ribbon", workbook);
    stop();
    expect(seen[0]).toBe("running");
    expect(seen[seen.length - 1]).toBe("done");
    expect(refreshState()).toEqual({ status: "done", origin: "ribbon", summary });
    expect(summary.written.map((w) => w.sheet)).toEqual(["LAC Costs", "LAC Forecast", "LAC Scenarios", "LAC Variance", "LAC Commitments", "LAC High-Cost Placements", "LAC Data Quality", "LAC Benchmark"]);
    // The board lives on the page's global object, where the other bundle's copy of this module finds it.
    expect((globalThis as { lacRefreshBoard?: { state: RefreshState } }).lacRefreshBoard?.state).toBe(refreshState());
  });

  it("runs once when asked twice at the same time", async () => {
    const workbook = book();
    const first = runRefresh("pane", workbook);
    const second = runRefresh("ribbon", workbook);
    expect(second).toBe(first);
    await first;
    expect(workbook.writes).toBe(8);
  });

  it("says why it failed, and the next refresh can run", async () => {
    const broken = book();
    broken.listTables = () => Promise.reject(Object.assign(new Error("busy"), { code: "InvalidOperationInCellEditMode" }));
    await expect(runRefresh("pane", broken)).rejects.toThrow("busy");
    expect(refreshState()).toEqual({ status: "failed", origin: "pane", message: expect.stringMatching(/^Excel is busy while a cell is being edited: press Enter or Esc/) });
    await expect(runRefresh("pane", book())).resolves.toEqual(expect.objectContaining({ failed: [] }));
  });

  it("sums up for the ribbon's notice what was rebuilt and what was not", async () => {
    const workbook = book().addSheet("LAC Forecast", [["my forecast"]]);
    const summary = await runRefresh("ribbon", workbook);
    const notice = refreshNotice(summary);
    expect(notice.intent).toBe("warning");
    expect(notice.title).toBe("Report refreshed, except one sheet");
    expect(notice.message).toMatch(/^Rebuilt LAC Costs, LAC Scenarios, LAC Variance, LAC Commitments, LAC High-Cost Placements, LAC Data Quality, LAC Benchmark\. Not rebuilt: LAC Forecast: .*write it as "LAC Forecast \(2\)"/);
    expect(rowsLine(summary)).toMatch(/^Rows read [\d,]+: used [\d,]+, rejected \d+/);
    expect(refreshNotice(await runRefresh("ribbon", book()))).toEqual({ intent: "success", title: "Report refreshed", message: expect.stringMatching(/^Rebuilt LAC Costs, LAC Forecast, LAC Scenarios, LAC Variance, LAC Commitments, LAC High-Cost Placements, LAC Data Quality, LAC Benchmark\. Rows read/) });
  });
});

describe("messages for the user", () => {
  it("shows the port's and the readers' messages as sentences, and turns Excel's codes into what to do", () => {
    expect(userMessage(new WorkbookError("not-owned", 'a sheet called "X" is yours'))).toBe('A sheet called "X" is yours');
    expect(userMessage(Object.assign(new Error("The request failed"), { code: "AccessDenied" }))).toMatch(/protected or read-only/);
    expect(userMessage(Object.assign(new Error("Something odd"), { code: "GeneralException" }))).toBe(
      "Excel could not do it (Something odd). Try again; if it keeps failing, save and reopen the workbook.",
    );
    expect(userMessage("plain")).toBe("plain");
  });
});
