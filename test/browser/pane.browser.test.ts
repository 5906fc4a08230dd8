/**
 * The task pane in a real browser: the add-in built by webpack, served from 127.0.0.1, opened in
 * Debian's Chromium (headless, through playwright-core) with the real Office.js served locally
 * from @microsoft/office-js. Only the Excel host is stood in for (harness/excelHost.ts: the fake
 * Excel object model under the real Office adapter). The test imports an episodes CSV, adds
 * every scenario preset and reads what the pane says each saves, saves a setting, refreshes the
 * report from the pane and from the ribbon command, checks what each wrote into the workbook and
 * that LAC Scenarios shows the figures the pane showed, also for a row the user then changes; it records every request and fails on
 * any that is not the pane's own files or Office.js, and on any Content-Security-Policy
 * violation but the one the policy is there for (Office.js's telemetry frame). Screenshots of each section go to test-output/screenshots/ (and, with
 * UPDATE_PANE_SCREENSHOTS=1, to docs/images/ for docs/task-pane.md).
 */

import * as fs from "fs";
import * as path from "path";
import { Browser, Page, chromium } from "playwright-core";
import { PRESET_NAMES } from "../../src/engine/scenarioPresets";
import { pounds } from "../../src/reports/common";
import { cellAddress, parseAddress } from "../../src/workbook/addresses";
import { writeCsv } from "../../src/workbook/csv";
import { checkXlsx } from "../../src/workbook/exceljs/zipGuard";
import { ExcelJsWorkbook } from "../../src/workbook/exceljs/excelJsWorkbook";
import { HOST_SCRIPT, PANE_DIR, buildForBrowserTest } from "./harness/build";
import { gapsBetweenTicks, machineLoad, recordMainThread } from "./harness/mainThread";
import { StaticServer, serveFolder } from "./harness/server";
import { BIRTH_DATE_HEADER, USER_VARIANCE_NOTE, sampleTables } from "./harness/workbookData";

const CHROMIUM = "/usr/bin/chromium";
const ROOT = path.resolve(__dirname, "../..");
const OFFICE_JS_DIR = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
const OFFICE_JS_BASE = "https://appsforoffice.microsoft.com/lib/1/hosted/";
/** Office.js opens its telemetry proxy in a frame; the page's policy refuses it, before any request. */
const TELEMETRY_PROXY = "https://telemetryservice.firstpartyapps.oaspapps.com";
const SCREENSHOTS = path.join(ROOT, "test-output", "screenshots");
const README_IMAGES = path.join(ROOT, "docs", "images");
const PANE_WIDTH = 340;

const available = fs.existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium package for the browser test`);
if (!available) console.warn(`Skipping the browser test: ${CHROMIUM} is not installed (apt-get install chromium). CI runs it.`);
const describeInBrowser = available ? describe : describe.skip;

/** What the page holds for the test: the fake Excel's view of the workbook (harness/excelHost.ts), the CSP violations seen, and Office.js. */
interface PageGlobals {
  lacTest: {
    sheets(): { name: string; owned: boolean; visible: boolean }[];
    cells(sheet: string): Record<string, { value: unknown; formula?: string; format: string }>;
    tables(): { name: string; sheet: string; rows: number }[];
    snapshot(): string;
    /** The base64 of each workbook the pane opened with Excel.createWorkbook. */
    opened(): string[];
    /** Types a value into a cell as the user would. */
    type(sheet: string, address: string, value: string | number): Promise<void>;
  };
  cspViolations: { directive: string; blocked: string }[];
  /** The Web Workers the page started and ended (the large workbook's page only). */
  lacWorkers: { started: string[]; terminated: number };
  /** What the large workbook's page saw while a refresh computed (see installProbe). */
  lacProbe: ResponsivenessProbe;
  Office: { actions: { _association: { mappings: Record<string, (event: { completed(): void; source: { id: string } }) => void> } } };
}

/** Timer ticks, the span of the refresh's computing steps, and each click on a section header: all in the page's own clock (ms). */
interface ResponsivenessProbe {
  ticks: number[];
  computing: { start: number | null; end: number | null };
  clicks: { waited: number; updated: number; computing: boolean; expanded: string | null }[];
  /** A custom function called (as Excel would, through Office.js's associations) once computing starts: its answer and how long it took. */
  functions: { answered: number; value: unknown; computing: boolean }[];
}

/** The steps a refresh computes in its worker (src/reports/refresh.ts computeRefresh), as the pane's status line shows them. */
const COMPUTING_STEP = /^(Cleaning the inputs|Running the engine|Building )/;

/**
 * Runs in the page: a timer ticking every 10 ms; the time the status line first shows a computing
 * step and the time it shows anything else after; and, for each click on a section's header, how
 * long the click waited for the page's thread (from the browser's own timestamp of the input) and
 * how long until the section had opened.
 */
function installProbe(computingStep: string): void {
  const computing = new RegExp(computingStep);
  const probe: ResponsivenessProbe = { ticks: [], computing: { start: null, end: null }, clicks: [], functions: [] };
  const associations = (window as unknown as { CustomFunctions: { _association: { mappings: Record<string, (...args: unknown[][][]) => unknown> } } }).CustomFunctions._association.mappings;
  /** =LAC.WEEKS(1 Jan 2024, 8 Jan 2024), asked 20 ms from now. */
  const askFunction = () => {
    const asked = performance.now();
    setTimeout(() => {
      const value = associations.WEEKS([[45292]], [[45299]]);
      probe.functions.push({ answered: performance.now() - asked, value, computing: inComputing() });
    }, 20);
  };
  Object.assign(window, { lacProbe: probe });
  setInterval(() => probe.ticks.push(performance.now()), 10);
  const inComputing = () => probe.computing.start !== null && probe.computing.end === null;
  new MutationObserver(() => {
    const step = document.querySelector("[role='status']")?.textContent ?? "";
    if (probe.computing.start === null && computing.test(step)) {
      probe.computing.start = performance.now();
      askFunction();
    }
    else if (probe.computing.start !== null && probe.computing.end === null && !computing.test(step)) probe.computing.end = performance.now();
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
  document.addEventListener(
    "click",
    (event) => {
      const header = (event.target as Element).closest("button[aria-expanded]");
      if (header === null) return;
      const waited = performance.now() - event.timeStamp;
      const computingAtClick = inComputing();
      setTimeout(() => probe.clicks.push({ waited, updated: performance.now() - event.timeStamp, computing: computingAtClick, expanded: header.getAttribute("aria-expanded") }), 0);
    },
    true,
  );
}

/** Counts the Web Workers the page starts and ends, before any of its scripts run. */
function countWorkers(): void {
  const workers = { started: [] as string[], terminated: 0 };
  Object.assign(window, { lacWorkers: workers });
  const PageWorker = window.Worker;
  window.Worker = class extends PageWorker {
    constructor(script: string | URL, options?: WorkerOptions) {
      super(script, options);
      workers.started.push(String(script));
    }
    override terminate(): void {
      workers.terminated += 1;
      super.terminate();
    }
  };
}

describeInBrowser("the task pane in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildForBrowserTest();
    server = await serveFolder(PANE_DIR);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Date boxes follow the system's locale: a UK finance team's is en-GB (dd/mm/yyyy).
      env: { ...process.env, LANG: "en_GB.UTF-8", LANGUAGE: "en_GB:en" },
      args: ["--headless", "--lang=en-GB", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    page = await openPane();
  }, 180_000);

  /** A new page with the pane over the fake Excel: the usual workbook, or the large one (harness/workbookData.ts largeSheets). */
  async function openPane(workbook: "usual" | "large" = "usual"): Promise<Page> {
    const pane = await browser.newPage({ viewport: { width: PANE_WIDTH, height: 900 }, deviceScaleFactor: 2, locale: "en-GB", reducedMotion: "reduce" });
    pane.setDefaultTimeout(15_000);
    pane.on("request", (request) => requests.push(request.url()));
    pane.on("pageerror", (error) => pageErrors.push(error.message));
    await pane.route(`${OFFICE_JS_BASE}**`, (route) => {
      const file = path.join(OFFICE_JS_DIR, new URL(route.request().url()).pathname.slice(new URL(OFFICE_JS_BASE).pathname.length));
      return file.startsWith(OFFICE_JS_DIR) && fs.existsSync(file) ? route.fulfill({ path: file, contentType: "text/javascript" }) : route.abort();
    });
    await pane.addInitScript(() => {
      const violations: { directive: string; blocked: string }[] = [];
      Object.assign(window, { cspViolations: violations });
      document.addEventListener("securitypolicyviolation", (e) => violations.push({ directive: e.violatedDirective, blocked: e.blockedURI }));
    });
    await pane.addInitScript((name) => Object.assign(window, { lacTestWorkbook: name }), workbook);
    if (workbook === "large") await pane.addInitScript(countWorkers);
    await pane.addInitScript({ path: HOST_SCRIPT });
    // The large workbook is made and put into the fake Excel before the page has loaded: seconds, not milliseconds.
    const loading = { timeout: workbook === "large" ? 120_000 : 15_000 };
    await pane.goto(`${server.origin}/taskpane.html`, loading);
    await pane.getByRole("heading", { name: "LAC Cost Engine" }).waitFor(loading);
    return pane;
  }

  afterEach(async () => {
    // What the pane showed at the end of each step, to see why one failed.
    const step = expect.getState().currentTestName?.replace(/^.*? › /, "").replace(/[^a-z0-9]+/gi, "-").slice(0, 40);
    fs.mkdirSync(path.join(SCREENSHOTS, "steps"), { recursive: true });
    await page?.screenshot({ path: path.join(SCREENSHOTS, "steps", `${step}.png`), fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The workbook as the fake Excel holds it. */
  const workbook = {
    sheets: () => page.evaluate(() => (window as unknown as PageGlobals).lacTest.sheets()),
    cells: (sheet: string) => page.evaluate((name) => (window as unknown as PageGlobals).lacTest.cells(name), sheet),
    tables: () => page.evaluate(() => (window as unknown as PageGlobals).lacTest.tables()),
    snapshot: () => page.evaluate(() => (window as unknown as PageGlobals).lacTest.snapshot()),
  };
  const values = async (sheet: string) => Object.values(await workbook.cells(sheet)).map((c) => c.value);
  /** A sheet's cells as rows of values: row → column → value, both from 0. */
  async function grid(sheet: string): Promise<Map<number, Map<number, unknown>>> {
    const rows = new Map<number, Map<number, unknown>>();
    for (const [address, cell] of Object.entries(await workbook.cells(sheet))) {
      const { top, left } = parseAddress(address).rect;
      rows.set(top, (rows.get(top) ?? new Map<number, unknown>()).set(left, cell.value));
    }
    return rows;
  }
  /** The rows under the first header row holding `headers` on a sheet, as records by header, with each row's address. */
  async function tableRows(sheet: string, headers: readonly string[]): Promise<{ row: number; cells: Record<string, unknown>; column: Record<string, number> }[]> {
    const rows = await grid(sheet);
    const order = [...rows.keys()].sort((a, b) => a - b);
    const headerRow = order.find((r) => headers.every((h) => [...(rows.get(r)?.values() ?? [])].includes(h)));
    if (headerRow === undefined) throw new Error(`${sheet} has no row headed ${headers.join(", ")}`);
    const column = Object.fromEntries([...(rows.get(headerRow) as Map<number, unknown>)].map(([j, h]) => [String(h), j]));
    const found: { row: number; cells: Record<string, unknown>; column: Record<string, number> }[] = [];
    for (let r = headerRow + 1; rows.has(r) && rows.get(r)?.get(column[headers[0]]) !== undefined; r++) {
      found.push({ row: r, cells: Object.fromEntries(Object.entries(column).map(([h, j]) => [h, rows.get(r)?.get(j)])), column });
    }
    return found;
  }
  /** What a figure list of the pane (label → value) says, by its aria-label. */
  const figuresOf = async (label: string) =>
    Object.fromEntries(
      await page
        .locator(`dl[aria-label="${label}"] > div`)
        .evaluateAll((rows) => rows.map((row) => [row.querySelector("dt")?.textContent ?? "", row.querySelector("dd")?.textContent ?? ""])),
    ) as Record<string, string>;
  /** LAC Scenarios' summary after a refresh, as the pane writes its figures: by scenario, label → pounds. */
  async function lacScenariosFigures(): Promise<Map<string, Record<string, string>>> {
    const summary = await tableRows("LAC Scenarios", ["Scenario", "Financial year", "Weekly saving", "Full-year saving", "In-year saving"]);
    return new Map(
      // The totals row names no financial year.
      summary.filter(({ cells }) => typeof cells["Financial year"] === "string").map(({ cells }) => [
        String(cells.Scenario),
        {
          "Weekly saving": pounds(cells["Weekly saving"] as number),
          "Full-year saving": pounds(cells["Full-year saving"] as number),
          [`In-year saving ${String(cells["Financial year"])}`]: pounds(cells["In-year saving"] as number),
        },
      ]),
    );
  }
  /** What the pane showed for each preset when it was clicked. */
  const shownAtClick = new Map<string, Record<string, string>>();

  const header = (title: string) => page.locator("button[aria-expanded]", { hasText: new RegExp(`^${title}$`) });
  const refreshButton = () => page.locator("button:not([aria-expanded])", { hasText: /^Refresh report$/ });
  /** Opens one section, closing the others, as a user reading it would. */
  async function openOnly(title: string): Promise<void> {
    for (const open of await page.locator("button[aria-expanded='true']").all()) {
      const name = (await open.textContent())?.trim();
      if (name !== title) await open.click();
    }
    if ((await header(title).getAttribute("aria-expanded")) !== "true") await header(title).click();
    // Let the panels finish opening and closing before anything is read or pictured.
    await page.waitForTimeout(400);
  }

  async function screenshot(name: string): Promise<void> {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `pane-${name}.png`);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: file, fullPage: true });
    if (process.env.UPDATE_PANE_SCREENSHOTS) {
      fs.mkdirSync(README_IMAGES, { recursive: true });
      fs.copyFileSync(file, path.join(README_IMAGES, `pane-${name}.png`));
    }
  }

  it("opens with the Refresh report section and finds the user's tables", async () => {
    expect(await header("Refresh report").getAttribute("aria-expanded")).toBe("true");
    await screenshot("start");
    await openOnly("Data");
    const inputs = page.getByRole("list", { name: "Inputs" });
    await inputs.getByText("Table Budget on sheet Budget").waitFor();
    await inputs.getByText("Table Unit_costs on sheet Rates").waitFor();
    expect(await inputs.locator("li").first().textContent()).toContain("Not found");
  });

  it("lets the user map a column it does not recognise, once, and saves the mapping in the workbook", async () => {
    const children = page.getByRole("list", { name: "Inputs" }).locator("li", { hasText: "Children" });
    await children.getByText("Sheet Children", { exact: true }).waitFor();
    await children.getByText(/Missing column DOB/).waitFor();
    await page.getByRole("button", { name: "Choose the table and columns for Children" }).click();
    const editor = page.getByRole("region", { name: "Children: table and columns" });
    await editor.getByLabel("Date of birth (DOB) *").selectOption(BIRTH_DATE_HEADER);
    await screenshot("data-columns");
    await editor.getByRole("button", { name: "Save" }).click();
    await editor.waitFor({ state: "detached" });
    await children.getByText(/Missing column/).waitFor({ state: "detached" });
    expect(await values("LAC Settings")).toEqual(expect.arrayContaining(["Columns: Children", `DOB=${BIRTH_DATE_HEADER}`]));
  });

  it("imports an SSDA903 episodes CSV onto a sheet it owns, keeping text as text", async () => {
    const sample = sampleTables();
    const hostile = ["007", "2023-06-01", "S", "C2", "N1", "U4", "PR4", "", "", "", "AB1 2CD", "EF3 4GH", '=HYPERLINK("http://example.com","x")', "650", "IN"];
    const csv = writeCsv([sample.episodes.headers, ...sample.episodes.rows]) + hostile.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",") + "\r\n";
    await page.setInputFiles("[data-testid='csv-input']", { name: "episodes.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByText(/rows on sheet LAC Episodes/).waitFor({ timeout: 30_000 });

    const sheets = await workbook.sheets();
    expect(sheets.find((s) => s.name === "LAC Episodes")).toEqual({ name: "LAC Episodes", owned: true, visible: true });
    const table = (await workbook.tables()).find((t) => t.name === "LAC_Import_Episodes");
    expect(table).toEqual({ name: "LAC_Import_Episodes", sheet: "LAC Episodes", rows: sample.episodes.rows.length + 1 });
    const cells = Object.values(await workbook.cells("LAC Episodes"));
    const formula = cells.find((c) => String(c.value).startsWith("=HYPERLINK"));
    expect(formula).toEqual({ value: '=HYPERLINK("http://example.com","x")', format: "@" });
    expect(cells.some((c) => c.value === "007" && c.format === "@")).toBe(true);
    expect(cells.some((c) => c.formula !== undefined)).toBe(false);
    // The import is recorded as the Episodes input in LAC Settings, where every refresh looks.
    expect(await values("LAC Settings")).toEqual(expect.arrayContaining(["Input: Episodes", "LAC_Import_Episodes"]));
    const rows = (sample.episodes.rows.length + 1).toLocaleString("en-GB");
    await page.getByRole("list", { name: "Inputs" }).getByText(`Table LAC_Import_Episodes on sheet LAC Episodes · ${rows} rows`).waitFor();
    await screenshot("data");
  });

  it("adds each scenario preset as a row of a Scenarios table it keeps on its own sheet, and says at once what it saves", async () => {
    await openOnly("Scenarios");
    for (const preset of PRESET_NAMES) {
      await page.getByRole("button", { name: preset, exact: true }).click();
      await page.getByText(`Added “${preset}”`).waitFor({ timeout: 30_000 });
      const shown = await figuresOf("What it saves");
      // Weekly, full-year and in-year saving, the year named: that of the data's last date (31 December 2023).
      expect(Object.keys(shown)).toEqual(["Weekly saving", "Full-year saving", "In-year saving 2023-24"]);
      shownAtClick.set(preset, shown);
      // The list of every row's savings follows, with the same figures.
      await page.getByRole("list", { name: "Savings by scenario" }).getByRole("listitem", { name: preset, exact: true }).waitFor({ timeout: 30_000 });
      expect(await figuresOf(`What ${preset} saves`)).toEqual(shown);
    }

    expect((await workbook.sheets()).find((s) => s.name === "Scenarios")?.owned).toBe(true);
    expect((await workbook.tables()).find((t) => t.name === "Scenarios")).toEqual({ name: "Scenarios", sheet: "Scenarios", rows: PRESET_NAMES.length });
    const scenarioCells = await values("Scenarios");
    expect(scenarioCells).toEqual(expect.arrayContaining(["IFA → in-house foster care", "Placement move", "Reduce entries by 10%", "Demand change", -0.1]));
    await screenshot("scenarios-added");
  });

  it("saves the forecast's target in LAC Settings", async () => {
    await openOnly("Forecast");
    await page.getByLabel("Target (children)").fill("140");
    await page.getByLabel("Months ahead").fill("abc");
    await page.getByRole("button", { name: "Save forecast settings" }).click();
    await page.getByText('"abc" is not a whole number of months from 1 to 1,200').waitFor();
    await page.getByLabel("Months ahead").fill("18");
    await page.getByRole("button", { name: "Save forecast settings" }).click();
    await page.getByText("Saved in LAC Settings").waitFor();
    const settings = await values("LAC Settings");
    expect(settings).toEqual(expect.arrayContaining(["Forecast target", "140", "Forecast months", "18", "Input: Episodes", "LAC_Import_Episodes"]));
  });

  it("refreshes every report sheet, leaves the user's sheet of the same name alone and writes that report under a name it offers", async () => {
    await openOnly("Refresh report");
    const before = await workbook.cells("LAC Variance");
    await refreshButton().click();
    await page.getByText("Refreshed, except 1 sheet").waitFor({ timeout: 60_000 });
    await page.getByText("LAC Variance was not rebuilt").waitFor();
    expect(await workbook.cells("LAC Variance")).toEqual(before);
    expect(Object.values(before).map((c) => c.value)).toContain(USER_VARIANCE_NOTE);
    await screenshot("refresh-name-taken");

    await page.getByRole("button", { name: "Write it as “LAC Variance (2)”" }).click();
    await page.getByText("Report refreshed").waitFor({ timeout: 60_000 });
    const owned = (await workbook.sheets()).filter((s) => s.owned).map((s) => s.name);
    expect(owned).toEqual(expect.arrayContaining(["LAC Episodes", "LAC Settings", "Scenarios", "LAC Costs", "LAC Forecast", "LAC Scenarios", "LAC Variance (2)", "LAC Data Quality"]));
    expect((await workbook.sheets()).find((s) => s.name === "LAC Variance")?.owned).toBe(false);
    expect(await workbook.cells("LAC Variance")).toEqual(before);
    // LAC Scenarios shows for each preset the figures the pane showed when it was clicked.
    expect(await lacScenariosFigures()).toEqual(shownAtClick);
    expect(await values("LAC Variance (2)")).toEqual(expect.arrayContaining(["Placements", "Agency social workers", "SEN transport", "High needs block"]));
    expect(await values("LAC Forecast")).toEqual(expect.arrayContaining(["Target", 140]));
    await page.getByRole("list", { name: "Sheets written" }).getByText("✓ LAC Costs").waitFor();
    await screenshot("refresh");
  });

  it("saves a committee pack: the report sheets alone, opened as a new workbook", async () => {
    await page.getByRole("button", { name: "Save committee pack" }).click();
    await page
      .getByText(/^Opened as a new workbook: LAC Costs, LAC Forecast, LAC Scenarios, LAC Variance \(2\), LAC Commitments, LAC High-Cost Placements, LAC Data Quality, LAC Benchmark\./)
      .waitFor({ timeout: 60_000 });
    const opened = await page.evaluate(() => (window as unknown as PageGlobals).lacTest.opened());
    expect(opened).toHaveLength(1);
    const pack = await ExcelJsWorkbook.fromBuffer(Buffer.from(opened[0], "base64"));
    // Built in the browser, with the same native charts as the command line's pack.
    const { entries } = await checkXlsx(Buffer.from(opened[0], "base64"), "the pack");
    expect(entries.filter((e) => /^xl\/charts\/chart\d+\.xml$/.test(e.name)).length).toBeGreaterThan(0);
    expect((await pack.listSheets()).map((s) => s.name)).toEqual([
      "LAC Costs",
      "LAC Forecast",
      "LAC Scenarios",
      "LAC Variance (2)",
      "LAC Commitments",
      "LAC High-Cost Placements",
      "LAC Data Quality",
      "LAC Benchmark",
    ]);
  });

  it("values a Scenarios row again as soon as the user changes it, with the figures LAC Scenarios then shows", async () => {
    const preset = "IFA → in-house foster care";
    const row = (await tableRows("Scenarios", ["Scenario", "Children"])).find((r) => r.cells.Scenario === preset)!;
    const children = row.cells.Children as number;
    await openOnly("Scenarios");
    const before = await figuresOf(`What ${preset} saves`);
    await page.evaluate(
      ([address, value]) => (window as unknown as PageGlobals).lacTest.type("Scenarios", address, value),
      [cellAddress(row.row, row.column.Children), children + 2] as [string, number],
    );
    await page.waitForFunction(([label, weekly]) => document.querySelector(`dl[aria-label="${label}"] dd`)?.textContent !== weekly, [`What ${preset} saves`, before["Weekly saving"]]);
    const after = await figuresOf(`What ${preset} saves`);
    expect(after["Full-year saving"]).not.toBe(before["Full-year saving"]);

    await openOnly("Refresh report");
    await refreshButton().click();
    // "Report refreshed" is on screen from the last refresh: wait for LAC Scenarios to be rewritten.
    // A sheet half-rewritten has no summary yet: read again.
    const refreshedFigure = () => lacScenariosFigures().then((f) => f.get(preset), () => undefined);
    let refreshed = await refreshedFigure();
    for (const deadline = Date.now() + 60_000; JSON.stringify(refreshed) !== JSON.stringify(after) && Date.now() < deadline; ) {
      await page.waitForTimeout(500);
      refreshed = await refreshedFigure();
    }
    expect(refreshed).toEqual(after);
    await page.getByText("Report refreshed").waitFor({ timeout: 60_000 });
    await openOnly("Scenarios");
    await screenshot("scenarios-valued");
  });

  it("refreshes from the ribbon command without the pane, rebuilding the same sheets", async () => {
    const before = await workbook.snapshot();
    const completed = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          // Office.js keeps the functions Office.actions.associate registered here, and Excel calls them from there.
          const command = (window as unknown as PageGlobals).Office.actions._association.mappings.REFRESHREPORT;
          command({ completed: () => resolve(true), source: { id: "LAC.RefreshReport" } });
        }),
    );
    expect(completed).toBe(true);
    await page.getByText(/Rebuilt LAC Costs, LAC Forecast, LAC Scenarios, LAC Variance \(2\), LAC Commitments, LAC High-Cost Placements, LAC Data Quality/).waitFor();
    expect(await workbook.snapshot()).toEqual(before);
    await screenshot("ribbon-notice");
    await page.getByRole("button", { name: "Dismiss" }).click();
  });

  it("shows the latest figures in each section", async () => {
    for (const [section, figure] of [
      ["Costs", "LAC Costs total"],
      ["Forecast", "Target reached"],
      ["Scenarios", "In-year saving, each in its year"],
      ["Budget", "Forecast − budget"],
    ]) {
      await openOnly(section);
      await page.getByText(figure, { exact: true }).waitFor();
      await screenshot(section.toLowerCase());
    }
    await openOnly("Functions");
    await page.getByText("LAC.COST(weeklyCost, start, end, [periodStart], [periodEnd])").waitFor();
    await screenshot("functions");
  });

  it("makes no request but its own files and Office.js, and breaks no rule of its Content-Security-Policy", async () => {
    const html = fs.readFileSync(path.join(PANE_DIR, "taskpane.html"), "utf8");
    expect(html).toMatch(/<meta\s+http-equiv="?Content-Security-Policy"?\s+content="default-src 'self'; script-src 'self' https:\/\/appsforoffice.microsoft.com;/);
    // The refresh's Web Worker comes from the page's own address, and from nowhere else.
    expect(html).toContain("worker-src 'self';");
    const foreign = requests.filter((url) => !url.startsWith(`${server.origin}/`) && !url.startsWith(OFFICE_JS_BASE) && !url.startsWith("data:"));
    expect(foreign).toEqual([]);
    expect(requests).toContain(`${OFFICE_JS_BASE}office.js`);
    expect(pageErrors).toEqual([]);
    // The only thing the policy had to refuse is Office.js's telemetry frame.
    const violations = () => page.evaluate(() => (window as unknown as PageGlobals).cspViolations);
    const refused = await violations();
    expect(refused.filter((v) => !(v.directive === "frame-src" && v.blocked.startsWith(TELEMETRY_PROXY)))).toEqual([]);
    // The policy is in force: a request to anywhere else is refused before it leaves the page.
    const outcome = await page.evaluate(() => fetch("https://example.org/").then(() => "fetched", () => "refused"));
    expect(outcome).toBe("refused");
    expect((await violations()).slice(refused.length)).toEqual([expect.objectContaining({ directive: "connect-src", blocked: expect.stringMatching(/^https:\/\/example\.org/) })]);
    expect(requests.filter((url) => url.startsWith("https://example.org"))).toEqual([]);
  });
  it("stays responsive while its worker computes a refresh of 200,000 rows, and Cancel stops one with nothing written", async () => {
    const large = await openPane("large");
    const warnings: string[] = [];
    large.on("console", (message) => message.type() === "warning" && warnings.push(message.text()));
    try {
      await large.evaluate(installProbe, COMPUTING_STEP.source);
      const refresh = large.locator("button:not([aria-expanded])", { hasText: /^Refresh report$/ });
      // The fake Excel reads the 200,000 rows on the page's thread, for many seconds at a stretch
      // (Excel reads in its own process): the click that starts a refresh waits for it.
      const reading = { timeout: 180_000 };

      const stopRecording = await recordMainThread(large);
      await refresh.click(reading);
      // Any computing step will do: the first ("Cleaning the inputs") can be replaced by the next
      // before the page draws it, when the fake Excel has just held the page's thread.
      await large.waitForFunction(() => (window as unknown as PageGlobals).lacProbe.computing.start !== null, undefined, reading);
      const load = machineLoad();
      // A click while the worker computes: the page takes it at once and opens the section.
      await large.locator("button[aria-expanded]", { hasText: /^Functions$/ }).click();
      await large.getByText(/^(Report refreshed|Refreshed, except)/).waitFor({ timeout: 120_000 });
      const machine = load();
      await large.getByRole("list", { name: "Sheets written" }).getByText("✓ LAC Costs").waitFor();
      const mainThread = await stopRecording();
      const probe = await large.evaluate(() => (window as unknown as PageGlobals).lacProbe);
      const { start, end } = probe.computing;
      expect(start).not.toBeNull();
      expect(end).not.toBeNull();
      const ticks = probe.ticks.filter((t) => t >= (start as number) && t <= (end as number));
      expect(ticks.length).toBeGreaterThan(10);
      // Each gap between two ticks, in wall time and in the thread time the page's own tasks took in it.
      const gaps = gapsBetweenTicks(ticks, mainThread);
      const longestGap = gaps.reduce((longest, gap) => (gap.wall > longest.wall ? gap : longest));
      const mostWork = gaps.reduce((most, gap) => (gap.ownWork > most.ownWork ? gap : most));
      console.log(
        `Refresh of 200,000 rows: computing for ${Math.round((end as number) - (start as number))} ms; ` +
          `longest timer gap ${Math.round(longestGap.wall)} ms (the page's own work in it ${Math.round(longestGap.ownWork)} ms); ` +
          `most own work between two ticks ${Math.round(mostWork.ownWork)} ms (in a gap of ${Math.round(mostWork.wall)} ms); ` +
          `click waited ${Math.round(probe.clicks[0]?.waited)} ms, section open after ${Math.round(probe.clicks[0]?.updated)} ms; ` +
          `=LAC.WEEKS answered ${Math.round(probe.functions[0]?.answered)} ms after it was asked; ` +
          (machine ? `the machine's ${machine.cores} cores ${Math.round(machine.busy * 100)}% busy meanwhile` : "the machine's load unknown"),
      );
      expect(probe.clicks).toEqual([expect.objectContaining({ computing: true, expanded: "true" })]);
      expect(probe.clicks[0].waited).toBeLessThan(200);
      expect(probe.clicks[0].updated).toBeLessThan(200);
      // So did a custom function, which shares the pane's thread.
      expect(probe.functions).toEqual([{ answered: expect.any(Number), value: [[1]], computing: true }]);
      expect(probe.functions[0].answered).toBeLessThan(200);
      // The page's timer kept ticking while the engine ran: no gap of 200 ms between two ticks.
      expect(longestGap.wall).toBeLessThan(200);
      // Wall time is not all the page's own: on a busy machine the thread can wait for a core between
      // two ticks with nothing to do. Chromium's trace tells the two apart (thread time): between no
      // two ticks did the page's own tasks run for 50 ms, the length of a long task.
      expect(mainThread.filter((t) => t.start >= (start as number) && t.start <= (end as number)).length).toBeGreaterThan(10);
      expect(mostWork.ownWork).toBeLessThan(50);
      expect(await large.evaluate(() => (window as unknown as PageGlobals).lacWorkers)).toEqual({ started: ["engine-worker.js"], terminated: 1 });

      /** Each sheet the add-in owns, with a digest of its cells. */
      const ownedSheets = () =>
        large.evaluate(() => {
          const test = (window as unknown as PageGlobals).lacTest;
          const digest = (text: string) => [...text].reduce((hash, ch) => Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0, 2166136261);
          return test.sheets().filter((s) => s.owned).map((s) => ({ name: s.name, cells: digest(JSON.stringify(test.cells(s.name))) }));
        });
      const before = await ownedSheets();
      await refresh.click(reading);
      // Any computing step will do: the first ("Cleaning the inputs") can be replaced by the next
      // before the page draws it, when the fake Excel has just held the page's thread.
      await large.waitForFunction(() => (window as unknown as PageGlobals).lacProbe.computing.start !== null, undefined, reading);
      await large.getByRole("button", { name: "Cancel" }).click();
      await large.getByText("Refresh cancelled").waitFor();
      await large.getByText("No sheet was changed.").waitFor();
      expect(await large.evaluate(() => (window as unknown as PageGlobals).lacWorkers)).toEqual({ started: ["engine-worker.js", "engine-worker.js"], terminated: 2 });
      expect(await ownedSheets()).toEqual(before);
      expect(await refresh.isEnabled()).toBe(true);
      expect(warnings.filter((w) => /worker/i.test(w))).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await large.close();
    }
  }, 600_000);
});
