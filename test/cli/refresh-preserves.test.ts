/**
 * What `lac refresh` leaves alone: for each workbook of a corpus (the example with Excel features
 * put in, the example in openpyxl's layout, a macro-enabled copy, the example as LibreOffice
 * saves it, and the files in ../shared/workbooks), every part the add-in does not own is
 * byte for byte the same after a refresh (compared unpacked), the workbook's defined names,
 * protection and calculation settings are unchanged, the file still opens, and a second refresh
 * gives the same file as the first.
 */

import { PartRelationship, relationshipsOf } from "../workbook/packageRelationships";
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../../src/workbook/exceljs/excelJsWorkbook";
import { lac, removeFolder, temporaryFolder } from "./helpers";
import { unzipEntries } from "../workbook/zipBuilder";
import { asMacroWorkbook, asTemplate, editParts, renameSheet, TEMPLATE_TYPE, withAbsoluteTargets, withExcelFeatures } from "../workbook/xlsxFeatures";

const SHARED = path.resolve(__dirname, "../../../shared/workbooks");
const sharedPresent = fs.existsSync(SHARED);
if (!sharedPresent) console.log(`test/cli/refresh-preserves.test.ts: the files of ${SHARED} are skipped, it is absent`);
const hasLibreOffice = spawnSync("soffice", ["--version"], { stdio: "ignore" }).error === undefined;
if (!hasLibreOffice) console.log("test/cli/refresh-preserves.test.ts: LibreOffice cases skipped, soffice is not installed");

/** Parts the refresh may change whatever the workbook: they list the sheets, or hold the styles they use. */
const SHARED_EDITABLE = ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "docProps/app.xml"];

let folder: string;
const file = (name: string) => path.join(folder, name);
let example: Buffer;
let partsChecked = 0;

beforeAll(async () => {
  folder = temporaryFolder();
  const run = await lac("example", "--children", "40", "--seed", "3", "--out", file("example.xlsx"));
  expect(run.stderr).toBe("");
  example = fs.readFileSync(file("example.xlsx"));
});
afterAll(() => {
  console.log(`test/cli/refresh-preserves.test.ts: ${partsChecked} parts compared byte for byte`);
  removeFolder(folder);
});

type Parts = Map<string, Buffer>;

async function partsOf(data: Buffer): Promise<Parts> {
  return new Map((await unzipEntries(data)).map((e) => [e.name, e.data]));
}

function relsOf(parts: Parts, part: string): PartRelationship[] {
  return relationshipsOf((name) => parts.get(name)?.toString("utf8"), part);
}

/** The sheets of the workbook marked as the add-in's (LAC_OWNED_n), as their parts. */
function ownedSheetParts(parts: Parts): string[] {
  const workbook = parts.get("xl/workbook.xml")?.toString("utf8") ?? "";
  const rels = relsOf(parts, "xl/workbook.xml");
  const owned: string[] = [];
  for (const [, reference] of workbook.matchAll(/<definedName\b[^>]*\bname="LAC_OWNED_\d+(?:_[0-9A-F]{8})?"[^>]*>([^<]*)<\/definedName>/g)) {
    const sheet = /^(?:'((?:[^']|'')+)'|([^!]+))!/.exec(reference.replace(/&apos;/g, "'"));
    const name = (sheet?.[1]?.replace(/''/g, "'") ?? sheet?.[2] ?? "").replace(/&amp;/g, "&");
    const element = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map(([tag]) => tag).find((tag) => tag.includes(`name="${name}"`));
    const rid = element && /\br:id="([^"]*)"/.exec(element)?.[1];
    const part = rels.find((r) => r.id === rid)?.part;
    if (part) owned.push(part);
  }
  return owned;
}

/** The owned sheets' parts with everything they lead to (their tables, drawings, charts) and their relationship parts. */
function ownedParts(parts: Parts): Set<string> {
  const owned = new Set<string>();
  const queue = ownedSheetParts(parts);
  while (queue.length > 0) {
    const part = queue.pop() as string;
    if (owned.has(part)) continue;
    owned.add(part);
    const slash = part.lastIndexOf("/");
    owned.add(`${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`);
    for (const r of relsOf(parts, part)) if (r.part !== null) queue.push(r.part);
  }
  return owned;
}

/** workbook.xml without its <sheets> list and the add-in's own names: what a refresh must leave as it was. */
function workbookOutsideTheSheets(xml: string): string {
  return xml
    .replace(/<sheets>[\s\S]*?<\/sheets>/, "")
    .replace(/<definedName\b[^>]*\bname="LAC_(?:OWNED|BUILD)_\d+(?:_[0-9A-F]{8})?"[^>]*>[^<]*<\/definedName>/g, "")
    // A report sheet's print titles (its table's header row repeated on each page) are the report's own.
    .replace(/<definedName\b[^>]*\bname="_xlnm\.Print_Titles"[^>]*>(?:&apos;|')?LAC [^<]*<\/definedName>/g, "")
    .replace(/<definedNames\s*\/>/, "<definedNames></definedNames>");
}

async function refresh(input: string, output: string): Promise<void> {
  const run = await lac("refresh", input, "--out", output);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
}

/** Refreshes `name` twice and checks everything this file promises. */
async function checkPreserved(name: string, data: Buffer): Promise<{ before: Parts; after: Parts }> {
  const extension = path.extname(name);
  const input = file(name);
  const once = file(`${path.basename(name, extension)}-once${extension}`);
  const twice = file(`${path.basename(name, extension)}-twice${extension}`);
  fs.writeFileSync(input, data);
  await refresh(input, once);
  const before = await partsOf(data);
  const after = await partsOf(fs.readFileSync(once));
  const owned = ownedParts(before);
  for (const [part, bytes] of before) {
    if (owned.has(part) || SHARED_EDITABLE.includes(part)) continue;
    expect({ part, same: after.get(part)?.equals(bytes) }).toEqual({ part, same: true });
    partsChecked++;
  }
  expect(workbookOutsideTheSheets(after.get("xl/workbook.xml")?.toString("utf8") ?? "")).toBe(workbookOutsideTheSheets(before.get("xl/workbook.xml")?.toString("utf8") ?? ""));
  // Styles are appended to, never renumbered: each list of the file's styles still starts with what it had.
  const styles = (parts: Parts) => parts.get("xl/styles.xml")?.toString("utf8") ?? "";
  for (const list of ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"]) {
    const inner = (xml: string) => new RegExp(`<${list}\\b[^>]*>([\\s\\S]*?)</${list}>`).exec(xml)?.[1] ?? "";
    expect(inner(styles(after)).startsWith(inner(styles(before)))).toBe(true);
  }
  // Every content type the file declared for a part it keeps is still declared.
  const types = after.get("[Content_Types].xml")?.toString("utf8") ?? "";
  for (const [tag] of (before.get("[Content_Types].xml")?.toString("utf8") ?? "").matchAll(/<(?:Default|Override)\b[^>]*>/g)) {
    const part = /PartName="\/([^"]*)"/.exec(tag)?.[1];
    if (part === undefined || !owned.has(part)) expect(types).toContain(tag);
  }

  // It opens (in the command line's reader: ExcelJS alone cannot read some files as other tools write them), and a second refresh writes the same file.
  const sheets = await (await ExcelJsWorkbook.fromBuffer(fs.readFileSync(once))).listSheets();
  expect(sheets.find((s) => s.name === "LAC Costs")?.owned).toBe(true);
  // A file ExcelJS itself could read before the refresh, it can still read after.
  const readsAlone = async (bytes: Buffer) =>
    new ExcelJS.Workbook().xlsx.load(bytes as unknown as ExcelJS.Buffer).then(
      () => true,
      () => false,
    );
  if (await readsAlone(data)) expect(await readsAlone(fs.readFileSync(once))).toBe(true);
  await refresh(once, twice);
  expect(fs.readFileSync(twice).equals(fs.readFileSync(once))).toBe(true);
  return { before, after };
}

function libreOfficeOpens(workbook: string): void {
  if (!hasLibreOffice) return;
  const out = path.join(folder, "converted");
  const convert = spawnSync("soffice", [`-env:UserInstallation=file://${path.join(folder, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", out, workbook], {
    encoding: "utf8",
    timeout: 180_000,
  });
  expect(convert.status).toBe(0);
  expect(fs.existsSync(path.join(out, `${path.basename(workbook, path.extname(workbook))}.pdf`))).toBe(true);
}

describe("lac refresh keeps every part it does not own", () => {
  it("in the example with Excel's features: protection, names, pivot table, comments, label, sparklines, metadata, calc settings, external link, filter, validation", async () => {
    const { before, after } = await checkPreserved("excel-features.xlsx", await withExcelFeatures(example));
    const workbook = after.get("xl/workbook.xml")?.toString("utf8") ?? "";
    expect(workbook).toContain('workbookAlgorithmName="SHA-512"');
    expect(workbook).toContain("<definedName name=\"BudgetTotal\">SUM(Budget!$B$2:$B$5)</definedName>");
    expect(workbook).toContain('<definedName name="LocalNote" localSheetId="1">');
    expect(workbook).toContain('<calcPr calcId="191029" calcMode="manual" iterate="1" iterateCount="50" fullPrecision="0"/>');
    for (const part of ["docProps/custom.xml", "xl/pivotTables/pivotTable1.xml", "xl/comments1.xml", "xl/metadata.xml", "xl/externalLinks/externalLink1.xml"]) {
      expect(after.get(part)?.equals(before.get(part) as Buffer)).toBe(true);
    }
    libreOfficeOpens(file("excel-features-once.xlsx"));
  });

  it("in a workbook in openpyxl's layout (absolute relationship targets)", async () => {
    await checkPreserved("openpyxl-layout.xlsx", await withAbsoluteTargets(await withExcelFeatures(example)));
    libreOfficeOpens(file("openpyxl-layout-once.xlsx"));
  });

  it("in a macro-enabled workbook, whose macros and type it keeps", async () => {
    const vba = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31 + 7) % 256));
    const { after } = await checkPreserved("macros.xlsm", await asMacroWorkbook(example, vba));
    expect(after.get("xl/vbaProject.bin")?.equals(vba)).toBe(true);
    expect(after.get("[Content_Types].xml")?.toString("utf8")).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
  });

  it("in a template, which stays a template", async () => {
    const { after } = await checkPreserved("template.xltx", await asTemplate(example));
    expect(after.get("[Content_Types].xml")?.toString("utf8")).toContain(TEMPLATE_TYPE);
  });

  (hasLibreOffice ? it : it.skip)(
    "in the example as LibreOffice saves it",
    async () => {
      const source = file("for-libreoffice.xlsx");
      fs.writeFileSync(source, example);
      const out = path.join(folder, "libreoffice");
      const convert = spawnSync("soffice", [`-env:UserInstallation=file://${path.join(folder, "profile")}`, "--headless", "--convert-to", "xlsx", "--outdir", out, source], {
        encoding: "utf8",
        timeout: 180_000,
      });
      expect(convert.status).toBe(0);
      await checkPreserved("libreoffice-saved.xlsx", fs.readFileSync(path.join(out, "for-libreoffice.xlsx")));
    },
    400_000,
  );

  const sharedFiles = ["f_chart.xlsx", "prot_true.xlsx", "plain_sheet.xlsx", "deep.xlsx"];
  (sharedPresent ? it.each(sharedFiles) : it.skip.each(sharedFiles))("in ../shared/workbooks/%s", async (name) => {
    await checkPreserved(name, fs.readFileSync(path.join(SHARED, name)));
    if (name === "f_chart.xlsx") libreOfficeOpens(file("f_chart-once.xlsx"));
  });

  (sharedPresent ? it : it.skip)("refuses ../shared/workbooks/lol.xlsx (an entity-expansion attack) with its reason, writing nothing", async () => {
    const out = file("lol-out.xlsx");
    const run = await lac("refresh", path.join(SHARED, "lol.xlsx"), "--out", out);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/declares a document type \(<!DOCTYPE\)/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("a report the user renamed and kept", () => {
  it("stays as it is, and the next refreshes build a fresh LAC Costs whose tables take free names", async () => {
    const renamed = await renameSheet(example, "LAC Costs", "Costs March");
    const { before, after } = await checkPreserved("renamed.xlsx", renamed);
    // The renamed report is still marked as the add-in's, but no refresh writes it: it and its tables are as they were.
    const workbook = before.get("xl/workbook.xml")?.toString("utf8") ?? "";
    const rid = /<sheet\b[^>]*name="Costs March"[^>]*>/.exec(workbook)?.[0].match(/\br:id="([^"]*)"/)?.[1];
    const keptSheet = relsOf(before, "xl/workbook.xml").find((r) => r.id === rid)?.part as string;
    const keptParts = [keptSheet, ...relsOf(before, keptSheet).map((r) => r.part as string)];
    expect(keptParts.length).toBeGreaterThan(1);
    for (const part of keptParts) expect({ part, same: after.get(part)?.equals(before.get(part) as Buffer) }).toEqual({ part, same: true });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(file("renamed-once.xlsx")) as unknown as ExcelJS.Buffer);
    expect(book.getWorksheet("Costs March")).toBeDefined();
    expect(book.getWorksheet("LAC Costs")).toBeDefined();
    const tableNames = [...after]
      .filter(([part]) => /^xl\/tables\/[^/]+\.xml$/.test(part))
      .map(([, xml]) => /<table\b[^>]*\sname="([^"]*)"/.exec(xml.toString("utf8"))?.[1]?.toLowerCase());
    expect(new Set(tableNames).size).toBe(tableNames.length);
    const tableIds = [...after].filter(([part]) => /^xl\/tables\/[^/]+\.xml$/.test(part)).map(([, xml]) => /<table\b[^>]*\sid="(\d+)"/.exec(xml.toString("utf8"))?.[1]);
    expect(new Set(tableIds).size).toBe(tableIds.length);
  });
});

describe("a sheet left half-built by a refresh that was cut off", () => {
  it("is removed with its own parts only, and names scoped to the sheets after it follow them", async () => {
    const features = await withExcelFeatures(example);
    const withLeftover = await editParts(features, {
      "xl/workbook.xml": (t) =>
        t
          .replace("<sheets>", '<sheets><sheet name="LAC build 1" sheetId="99" state="hidden" r:id="rId999"/>')
          .replace('localSheetId="1"', 'localSheetId="2"')
          .replace("</definedNames>", "<definedName name=\"LAC_BUILD_1\">'LAC build 1'!$A$1</definedName></definedNames>"),
      "xl/_rels/workbook.xml.rels": (t) =>
        t.replace("</Relationships>", '<Relationship Id="rId999" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet99.xml"/></Relationships>'),
      "xl/worksheets/sheet99.xml": () => '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>',
      "[Content_Types].xml": (t) =>
        t.replace("</Types>", '<Override PartName="/xl/worksheets/sheet99.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    });
    const input = file("leftover.xlsx");
    const output = file("leftover-out.xlsx");
    fs.writeFileSync(input, withLeftover);
    await refresh(input, output);
    const before = await partsOf(features);
    const after = await partsOf(fs.readFileSync(output));
    expect(after.has("xl/worksheets/sheet99.xml")).toBe(false);
    expect(after.get("[Content_Types].xml")?.toString("utf8")).not.toContain("sheet99.xml");
    const workbook = after.get("xl/workbook.xml")?.toString("utf8") ?? "";
    expect(workbook).not.toContain("LAC build 1");
    // The workbook is as if the half-built sheet had never been there.
    expect(workbookOutsideTheSheets(workbook)).toBe(workbookOutsideTheSheets(before.get("xl/workbook.xml")?.toString("utf8") ?? ""));
    const owned = ownedParts(before);
    for (const [part, bytes] of before) {
      if (owned.has(part) || SHARED_EDITABLE.includes(part)) continue;
      expect({ part, same: after.get(part)?.equals(bytes) }).toEqual({ part, same: true });
    }
  });
});

describe("Excel's calculation chain (calcChain.xml)", () => {
  const CALC_CHAIN_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml";
  const CALC_CHAIN_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain";
  /** The example with a calculation chain as Excel saves one: cells of `sheets` (by name), each sheet's first cell naming it, the others inheriting it. */
  async function withCalcChain(sheets: readonly string[]): Promise<Buffer> {
    const workbook = (await partsOf(example)).get("xl/workbook.xml")?.toString("utf8") ?? "";
    const cells = sheets.map((name) => `<c r="B2" i="${sheetIdOf(workbook, name)}"/><c r="B3"/><c r="C4" l="1"/>`).join("");
    return editParts(example, {
      "xl/calcChain.xml": () => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="${MAIN_NS}">${cells}</calcChain>`,
      "xl/_rels/workbook.xml.rels": (t) => t.replace("</Relationships>", `<Relationship Id="rId990" Type="${CALC_CHAIN_REL}" Target="calcChain.xml"/></Relationships>`),
      "[Content_Types].xml": (t) => t.replace("</Types>", `<Override PartName="/xl/calcChain.xml" ContentType="${CALC_CHAIN_TYPE}"/></Types>`),
    });
  }
  const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  /** The sheetId workbook.xml gives the sheet, whatever the order of its attributes. */
  const sheetIdOf = (workbook: string, name: string) => {
    const tag = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map(([t]) => t).find((t) => t.includes(`name="${name}"`)) ?? "";
    const id = /\bsheetId="(\d+)"/.exec(tag)?.[1];
    if (id === undefined) throw new Error(`fixture: no sheet "${name}"`);
    return id;
  };

  it("loses the report sheets' cells, which the refresh rewrites, and keeps the user's in order, each run of them naming its sheet", async () => {
    const input = file("calc-chain.xlsx");
    const output = file("calc-chain-out.xlsx");
    fs.writeFileSync(input, await withCalcChain(["Budget", "LAC Costs", "Scenarios"]));
    await refresh(input, output);
    const before = (await partsOf(fs.readFileSync(input))).get("xl/calcChain.xml")?.toString("utf8") ?? "";
    const chain = (await partsOf(fs.readFileSync(output))).get("xl/calcChain.xml")?.toString("utf8") ?? "";
    const ids = [...before.matchAll(/ i="(\d+)"/g)].map((m) => m[1]);
    expect(chain).toBe(before.replace(`<c r="B2" i="${ids[1]}"/><c r="B3"/><c r="C4" l="1"/>`, ""));
    const twice = file("calc-chain-twice.xlsx");
    await refresh(output, twice);
    expect(fs.readFileSync(twice).equals(fs.readFileSync(output))).toBe(true);
  });

  it("takes a cell that leaves its sheet unnamed as the previous cell's sheet", async () => {
    const input = file("calc-chain-inherit.xlsx");
    const output = file("calc-chain-inherit-out.xlsx");
    const data = await withCalcChain(["Budget", "LAC Costs"]);
    const workbook = (await partsOf(data)).get("xl/workbook.xml")?.toString("utf8") ?? "";
    const budgetId = sheetIdOf(workbook, "Budget");
    // C9 follows the report's cells and names no sheet, so it is the report's and goes; D9 names Budget again, and E9 is Budget's.
    fs.writeFileSync(input, await editParts(data, { "xl/calcChain.xml": (t) => t.replace("</calcChain>", `<c r="C9"/><c r="D9" i="${budgetId}"/><c r="E9"/></calcChain>`) }));
    await refresh(input, output);
    const chain = (await partsOf(fs.readFileSync(output))).get("xl/calcChain.xml")?.toString("utf8") ?? "";
    expect([...chain.matchAll(/<c [^>]*>/g)].map((m) => m[0])).toEqual([`<c r="B2" i="${budgetId}"/>`, '<c r="B3"/>', '<c r="C4" l="1"/>', `<c r="D9" i="${budgetId}"/>`, '<c r="E9"/>']);
  });

  it("is removed, with its relationship and content type, when it listed only the reports' cells", async () => {
    const input = file("calc-chain-reports.xlsx");
    const output = file("calc-chain-reports-out.xlsx");
    fs.writeFileSync(input, await withCalcChain(["LAC Costs"]));
    await refresh(input, output);
    const after = await partsOf(fs.readFileSync(output));
    expect(after.has("xl/calcChain.xml")).toBe(false);
    expect(after.get("xl/_rels/workbook.xml.rels")?.toString("utf8")).not.toContain("calcChain");
    expect(after.get("[Content_Types].xml")?.toString("utf8")).not.toContain("calcChain");
  });
});

describe("the user's names on a report sheet", () => {
  it("stay, such as a print area and a name for a cell, while the names the refresh writes for the sheet are renewed in their place", async () => {
    const workbook = (await partsOf(example)).get("xl/workbook.xml")?.toString("utf8") ?? "";
    const sheetNames = [...workbook.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]);
    const costs = sheetNames.indexOf("LAC Costs");
    const userNames =
      `<definedName name="_xlnm.Print_Area" localSheetId="${costs}">'LAC Costs'!$A$1:$J$45</definedName>` +
      `<definedName name="CommitteeFigure" localSheetId="${costs}">'LAC Costs'!$E$41</definedName>`;
    const input = file("report-names.xlsx");
    const once = file("report-names-once.xlsx");
    const twice = file("report-names-twice.xlsx");
    fs.writeFileSync(input, await editParts(example, { "xl/workbook.xml": (t) => t.replace("</definedNames>", `${userNames}</definedNames>`) }));
    await refresh(input, once);
    const after = (await partsOf(fs.readFileSync(once))).get("xl/workbook.xml")?.toString("utf8") ?? "";
    expect(after).toContain(userNames);
    // The marks are written where they were, before the user's names, and a second refresh gives the same file.
    expect(after.indexOf("LAC_OWNED_")).toBeLessThan(after.indexOf(userNames));
    await refresh(once, twice);
    expect(fs.readFileSync(twice).equals(fs.readFileSync(once))).toBe(true);
  });
});
