/**
 * Writes a refreshed workbook by changing only what the add-in owns. ExcelJS builds the sheets
 * written by this refresh in a scratch workbook; their parts (the sheet, its tables, its drawing
 * and charts, and their relationships) are moved into the file as it was opened, under free part names, table ids and
 * relationship ids, with the scratch workbook's cell styles appended to the file's styles (never
 * renumbering one) and their text written as inline strings (so the shared strings are never
 * renumbered either). The few shared parts that must list the sheets — [Content_Types].xml,
 * the workbook's <sheets> and the add-in's own defined names, the workbook's relationships,
 * styles — are edited in place; every other part is copied as the file stored it, byte for byte.
 * See docs/file-writes.md.
 */

import { sameName } from "../addresses";
import { WorkbookError } from "../port";
import { isRelationshipOf, OpcPackage, Relationship, relationshipIdOf, relativeTarget, relsPartOf } from "./opcPackage";
import { applySplices, childrenOf, encodeXml, scanXml, Splice, openingTagWith, XmlElement } from "./xmlScan";
import { OutputEntry, writeZip } from "./zipWriter";

export interface SurgicalPlan {
  /** Sheets written by this refresh, by name, in the order the scratch workbook has them. */
  written: readonly string[];
  /** Sheets of the opened file that are gone from the workbook now (only ever ones the add-in owned or was building). */
  removed: readonly string[];
  /** The add-in's marks (LAC_OWNED_n) after the refresh, with what each refers to. */
  marks: readonly { name: string; reference: string }[];
  /** True for the defined names that are the add-in's marks, old or new. */
  isMark: (name: string) => boolean;
}

interface SheetEntry {
  name: string;
  element: XmlElement;
  rid: string;
  part: string;
}

const CONTENT_TYPES = "[Content_Types].xml";

export async function surgicalSave(original: OpcPackage, scratch: OpcPackage, plan: SurgicalPlan): Promise<Buffer> {
  const newData = new Map<string, Buffer>();
  const put = (part: string, text: string) => newData.set(part, Buffer.from(text, "utf8"));

  const workbookPart = await original.workbookPart();
  const workbookXml = await original.text(workbookPart);
  const workbookElements = scanXml(workbookXml);
  const workbookRels = await original.relationships(workbookPart);
  const sheets = sheetsOf(workbookElements, workbookRels.relationships);

  const scratchWorkbookPart = await scratch.workbookPart();
  const scratchWorkbookXml = await scratch.text(scratchWorkbookPart);
  const scratchWorkbook = scanXml(scratchWorkbookXml);
  const scratchSheets = sheetsOf(scratchWorkbook, (await scratch.relationships(scratchWorkbookPart)).relationships);

  const removed = sheets.filter((s) => plan.removed.some((name) => sameName(name, s.name)));
  const replaced = sheets.filter((s) => plan.written.some((name) => sameName(name, s.name)));
  const kept = sheets.filter((s) => !removed.includes(s));
  const added = plan.written.filter((name) => !sheets.some((s) => sameName(s.name, name)));

  // Parts of the replaced and removed sheets that nothing else in the package uses.
  const goingSheets = new Set([...removed, ...replaced].map((s) => s.part.toLowerCase()));
  const stillUsed = await original.reachable([""], goingSheets);
  const ownedClosure = await original.reachable([...removed, ...replaced].map((s) => s.part));
  const deleted = new Set<string>();
  for (const part of ownedClosure) {
    if (stillUsed.has(part)) continue;
    deleted.add(part);
    const rels = relsPartOf(part).toLowerCase();
    if (original.has(rels)) deleted.add(rels);
  }

  // A replaced sheet's parts go back under the names they had, so that refreshing twice gives the same file;
  // other new parts take the lowest free names.
  const taken = new Set(original.entries.map((e) => e.name.toLowerCase()));
  const previousParts = new Map<SheetEntry, string[]>();
  for (const sheet of replaced) {
    const own = [...(await original.reachable([sheet.part]))].filter((part) => deleted.has(part) && part !== sheet.part.toLowerCase());
    previousParts.set(sheet, own.sort((a, b) => a.localeCompare(b, "en", { numeric: true })));
  }
  const freePart = (folder: string, stem: string, extension: string, previous: string[] = []): string => {
    const again = previous.findIndex((part) => part.startsWith(folder.toLowerCase()) && new RegExp(`^${stem}\\d*\\${extension}$`, "i").test(part.slice(folder.length)));
    if (again !== -1) {
      const [part] = previous.splice(again, 1);
      return original.entry(part)?.name ?? part;
    }
    for (let n = 1; ; n++) {
      const candidate = `${folder}${stem}${n}${extension}`;
      if (!taken.has(candidate.toLowerCase())) {
        taken.add(candidate.toLowerCase());
        return candidate;
      }
    }
  };

  const contentTypes = await contentTypeEditor(original);
  for (const part of deleted) contentTypes.remove(part);

  // Styles: the scratch workbook's cell formats appended to the file's own. New relationships and
  // content types are the scratch workbook's, as ExcelJS writes them.
  const stylesRel = workbookRels.relationships.find((r) => isRelationshipOf(r.type, "styles") && r.part !== null && original.has(r.part));
  const scratchRels = (await scratch.relationships(scratchWorkbookPart)).relationships;
  const scratchStylesRel = scratchRels.find((r) => isRelationshipOf(r.type, "styles"));
  const scratchStylesPart = scratchStylesRel?.part;
  const scratchStyles = scratchStylesPart ? await scratch.text(scratchStylesPart) : null;
  let styleMap: StyleMap = { xf: (i) => i, dxf: (i) => i };
  const newWorkbookRels: string[] = [];
  const relIds = new Set(workbookRels.relationships.map((r) => r.id));
  const freeRelId = (): string => {
    for (let n = 1; ; n++) {
      if (!relIds.has(`rId${n}`)) {
        relIds.add(`rId${n}`);
        return `rId${n}`;
      }
    }
  };
  const workbookFolder = workbookPart.slice(0, workbookPart.lastIndexOf("/") + 1);
  if (scratchStyles !== null && added.length + replaced.length > 0) {
    if (stylesRel?.part) {
      const merged = mergeStyles(await original.text(stylesRel.part), scratchStyles);
      if (merged.xml !== (await original.text(stylesRel.part))) put(stylesRel.part, merged.xml);
      styleMap = merged.map;
    } else {
      const part = freePart(workbookFolder, "styles", ".xml");
      put(part, scratchStyles);
      contentTypes.add(part, await scratch.contentType(scratchStylesPart as string));
      newWorkbookRels.push(relationshipXml(freeRelId(), (scratchStylesRel as { type: string }).type, relativeTarget(workbookPart, part)));
    }
  }

  // Table ids are unique in the workbook: new tables take ids above every table the file keeps.
  let nextTableId = 1;
  for (const entry of original.entries) {
    if (!/\/tables\/[^/]+\.xml$/i.test(entry.name) || deleted.has(entry.name.toLowerCase())) continue;
    const root = scanXml(await original.text(entry.name)).find((e) => e.local === "table");
    nextTableId = Math.max(nextTableId, Number(root?.attributes.id ?? 0) + 1);
  }

  const sharedStrings = await scratchSharedStrings(scratch, scratchWorkbookPart);
  const sheetsFolder = sheets[0] ? sheets[0].part.slice(0, sheets[0].part.lastIndexOf("/") + 1) : `${workbookFolder}worksheets/`;
  const newSheetParts = new Map<string, { part: string; rid: string }>();
  for (const name of plan.written) {
    const from = scratchSheets.find((s) => sameName(s.name, name));
    if (!from) throw new Error(`the scratch workbook has no sheet "${name}"`);
    const existing = replaced.find((s) => sameName(s.name, name));
    const part = existing ? existing.part : freePart(sheetsFolder, "sheet", ".xml");
    if (!existing) {
      const rid = freeRelId();
      newSheetParts.set(name, { part, rid });
      newWorkbookRels.push(relationshipXml(rid, (scratchRels.find((r) => r.id === from.rid) as { type: string }).type, relativeTarget(workbookPart, part)));
    }
    contentTypes.add(part, await scratch.contentType(from.part));
    put(part, sheetXml(await scratch.text(from.part), sharedStrings, styleMap));
    // The sheet's own parts (tables, its drawing and the drawing's charts), under free names, with relationships to match.
    await moveParts(from.part, part, existing ? previousParts.get(existing) : []);
  }

  /** Moves a scratch part's related parts (and theirs) into the file, and writes its relationships pointing at them. */
  async function moveParts(scratchPart: string, targetPart: string, previous: string[] | undefined): Promise<void> {
    const rels = await scratch.relationships(scratchPart);
    if (rels.relationships.length === 0) return;
    const splices: Splice[] = [];
    for (const r of rels.relationships) {
      if (r.part === null) continue;
      const folder = r.part.slice(0, r.part.lastIndexOf("/") + 1);
      const stem = /^(.*?)\d*(\.[^.]+)$/.exec(r.part.slice(folder.length)) ?? ["", "part", ".xml"];
      const target = freePart(folder, stem[1], stem[2], previous);
      let text = await scratch.text(r.part);
      if (r.type.endsWith("/table")) {
        const root = scanXml(text).find((e) => e.local === "table") as XmlElement;
        text = text.slice(0, root.start) + openingTagWith(text, root, "id", String(nextTableId++)) + text.slice(root.openEnd);
      }
      put(target, text);
      contentTypes.add(target, await scratch.contentType(r.part));
      await moveParts(r.part, target, previous);
      splices.push({ start: r.element.start, end: r.element.openEnd, text: openingTagWith(rels.xml, r.element, "Target", relativeTarget(targetPart, target)) });
    }
    put(relsPartOf(targetPart), applySplices(rels.xml, splices));
  }

  put(workbookPart, editWorkbook(workbookXml, workbookElements, { sheets, kept, removed, replaced, added, newSheetParts, plan, scratchWorkbook, scratchWorkbookXml, scratchSheets }));

  // Excel's calculation chain lists the formula cells of every sheet: those of the sheets replaced
  // or removed go (a cell it lists that holds no formula makes Excel repair the file), the rest
  // stay in their order, and with none left the part goes.
  const goneRels: Relationship[] = removed.map((s) => workbookRels.relationships.find((rel) => rel.id === s.rid) as Relationship);
  const calcChainRel = workbookRels.relationships.find((r) => isRelationshipOf(r.type, "calcChain") && r.part !== null && original.has(r.part));
  if (calcChainRel?.part) {
    const goingIds = new Set([...removed, ...replaced].map((s) => s.element.attributes.sheetId));
    const stored = await original.text(calcChainRel.part);
    const chain = calcChainWithout(stored, goingIds);
    if (chain === null) {
      deleted.add(calcChainRel.part.toLowerCase());
      contentTypes.remove(calcChainRel.part);
      goneRels.push(calcChainRel);
    } else if (chain !== stored) {
      put(calcChainRel.part, chain);
    }
  }
  const types = contentTypes.result();
  if (types !== null) put(CONTENT_TYPES, types);

  if (goneRels.length > 0 || newWorkbookRels.length > 0) {
    const splices: Splice[] = goneRels.map((r) => ({ start: r.element.start, end: r.element.end, text: "" }));
    const root = workbookRels.elements[0];
    splices.push(appendChildren(workbookRels.xml, root, newWorkbookRels.join("")));
    put(workbookRels.relsPart, applySplices(workbookRels.xml, splices));
  }

  const out: OutputEntry[] = [];
  const written = new Set<string>();
  for (const entry of original.entries) {
    const key = entry.name.toLowerCase();
    const replacement = [...newData].find(([name]) => name.toLowerCase() === key);
    if (replacement) {
      out.push({ name: entry.name, data: replacement[1] });
      written.add(replacement[0]);
    } else if (!deleted.has(key)) {
      out.push({ name: entry.name, copyOf: entry, from: original.data });
    }
  }
  for (const [name, data] of newData) if (!written.has(name)) out.push({ name, data });
  return writeZip(out);
}

/**
 * calcChain.xml without the cells of the sheets whose sheetId is in `sheetIds`; null when no cell
 * is left. A cell leaves out its sheet (`i`) when it is the previous cell's, so a cell kept always
 * follows one of its own sheet or names it: what is kept needs no edit.
 */
export function calcChainWithout(xml: string, sheetIds: ReadonlySet<string>): string | null {
  const elements = scanXml(xml);
  const splices: Splice[] = [];
  let sheet = "";
  let kept = 0;
  for (const cell of childrenOf(elements, 0).filter((e) => e.local === "c")) {
    sheet = cell.attributes.i ?? sheet;
    if (sheetIds.has(sheet)) splices.push({ start: cell.start, end: cell.end, text: "" });
    else kept += 1;
  }
  if (kept === 0) return null;
  return applySplices(xml, splices);
}

/** The workbook's sheets with the part each one is. */
function sheetsOf(elements: readonly XmlElement[], relationships: readonly { id: string; part: string | null }[]): SheetEntry[] {
  const sheetsElement = elements.findIndex((e) => e.local === "sheets" && e.depth === 1);
  return childrenOf(elements, sheetsElement)
    .filter((e) => e.local === "sheet")
    .map((element) => {
      const rid = relationshipIdOf(element) ?? "";
      const part = relationships.find((r) => r.id === rid)?.part;
      if (!part) throw new WorkbookError("bad-file", `the workbook's sheet "${element.attributes.name}" points at no part`);
      return { name: element.attributes.name, element, rid, part };
    });
}

interface WorkbookEdit {
  sheets: SheetEntry[];
  kept: SheetEntry[];
  removed: SheetEntry[];
  replaced: SheetEntry[];
  added: readonly string[];
  newSheetParts: Map<string, { part: string; rid: string }>;
  plan: SurgicalPlan;
  scratchWorkbook: XmlElement[];
  scratchWorkbookXml: string;
  scratchSheets: SheetEntry[];
}

/** workbook.xml with the sheets listed and the add-in's names replaced; every other element as it was. */
function editWorkbook(xml: string, elements: XmlElement[], edit: WorkbookEdit): string {
  const splices: Splice[] = [];
  const sheetsElement = elements.find((e) => e.local === "sheets" && e.depth === 1) as XmlElement;
  const prefix = sheetsElement.name.slice(0, sheetsElement.name.length - "sheets".length);
  const finalNames = [...edit.kept.map((s) => s.name), ...edit.added];
  const newIndex = (oldIndex: number): number => {
    const sheet = edit.sheets[oldIndex];
    return sheet ? edit.kept.indexOf(sheet) : -1;
  };

  if (edit.removed.length > 0 || edit.added.length > 0) {
    let maxSheetId = Math.max(0, ...edit.sheets.map((s) => Number(s.element.attributes.sheetId) || 0));
    const idAttribute = Object.keys(edit.sheets[0]?.element.attributes ?? {}).find((name) => name.endsWith(":id")) ?? "r:id";
    for (const s of edit.removed) splices.push({ start: s.element.start, end: s.element.end, text: "" });
    const additions = edit.added.map((name) => {
      const { rid } = edit.newSheetParts.get(name) as { rid: string };
      return `<${prefix}sheet name="${encodeXml(name)}" sheetId="${++maxSheetId}" ${idAttribute}="${rid}"/>`;
    });
    splices.push(appendChildren(xml, sheetsElement, additions.join("")));
    // The sheet a view shows first, or last had open, by its index: follow it when a sheet goes.
    if (edit.removed.length > 0) {
      for (const view of elements.filter((e) => e.local === "workbookView")) {
        let tag = xml.slice(view.start, view.openEnd);
        for (const attribute of ["activeTab", "firstSheet"]) {
          if (view.attributes[attribute] === undefined) continue;
          const shifted = { ...view, start: 0, openEnd: tag.length };
          tag = openingTagWith(tag, shifted, attribute, String(Math.max(0, newIndex(Number(view.attributes[attribute])))));
        }
        splices.push({ start: view.start, end: view.openEnd, text: tag });
      }
    }
  }

  // Defined names: the add-in's marks, the names of a removed sheet, and the names the refresh
  // writes for a sheet it replaced (its print titles) are renewed; the rest stay as written, the
  // user's own names on a report (a print area, a name for a cell) among them.
  const namesIndex = elements.findIndex((e) => e.local === "definedNames" && e.depth === 1);
  const scratchNames = edit.scratchWorkbook.findIndex((e) => e.local === "definedNames");
  const scratchScoped = scratchNames === -1 ? [] : childrenOf(edit.scratchWorkbook, scratchNames).filter((e) => e.attributes.localSheetId !== undefined);
  const renewed = (scope: number, name: string): boolean => {
    const sheet = edit.sheets[scope];
    if (sheet === undefined || edit.removed.includes(sheet)) return true;
    if (!edit.replaced.includes(sheet)) return false;
    return scratchScoped.some((n) => sameName(n.attributes.name ?? "", name) && sameName(edit.scratchSheets[Number(n.attributes.localSheetId)]?.name ?? "", sheet.name));
  };
  // The renewed names go where the file had its first mark, so that a name kept in place (a
  // report's print titles, when the report is not rewritten) keeps its order among them: two
  // refreshes give the same file.
  let namesPlace: Splice | null = null;
  if (namesIndex !== -1) {
    for (const name of childrenOf(elements, namesIndex).filter((e) => e.local === "definedName")) {
      const scope = name.attributes.localSheetId;
      const isMark = edit.plan.isMark(name.attributes.name ?? "");
      if (isMark || (scope !== undefined && renewed(Number(scope), name.attributes.name ?? ""))) {
        const splice = { start: name.start, end: name.end, text: "" };
        splices.push(splice);
        namesPlace ??= isMark ? splice : null;
      } else if (scope !== undefined && newIndex(Number(scope)) !== Number(scope)) {
        splices.push({ start: name.start, end: name.openEnd, text: openingTagWith(xml, name, "localSheetId", String(newIndex(Number(scope)))) });
      }
    }
  }
  const added: string[] = edit.plan.marks.map((m) => `<${prefix}definedName name="${encodeXml(m.name)}">${encodeXml(m.reference)}</${prefix}definedName>`);
  for (const name of scratchScoped) {
    if (edit.plan.isMark(name.attributes.name ?? "")) continue;
    const sheet = edit.scratchSheets[Number(name.attributes.localSheetId)];
    const index = finalNames.findIndex((n) => sameName(n, sheet?.name ?? ""));
    if (index === -1) continue;
    added.push(`<${prefix}definedName name="${encodeXml(name.attributes.name)}" localSheetId="${index}">${edit.scratchWorkbookXml.slice(name.openEnd, name.closeStart)}</${prefix}definedName>`);
  }
  if (added.length > 0) {
    if (namesPlace !== null) {
      namesPlace.text = added.join("");
    } else if (namesIndex !== -1) {
      splices.push(appendChildren(xml, elements[namesIndex], added.join("")));
    } else {
      // definedNames follows sheets, functionGroups and externalReferences, in that order.
      const before = [...elements].reverse().find((e) => e.depth === 1 && ["sheets", "functionGroups", "externalReferences"].includes(e.local)) as XmlElement;
      splices.push({ start: before.end, end: before.end, text: `<${prefix}definedNames>${added.join("")}</${prefix}definedNames>` });
    }
  }
  return applySplices(xml, splices);
}

/** An edit that adds children at the end of an element, opening it up if it was written self-closing. */
function appendChildren(xml: string, element: XmlElement, children: string): Splice {
  if (element.closeStart !== element.openEnd || !xml.slice(element.start, element.openEnd).endsWith("/>")) {
    return { start: element.closeStart, end: element.closeStart, text: children };
  }
  const tag = xml.slice(element.start, element.openEnd);
  return { start: element.start, end: element.end, text: `${tag.slice(0, -2).trimEnd()}>${children}</${element.name}>` };
}

function relationshipXml(id: string, type: string, target: string): string {
  return `<Relationship Id="${id}" Type="${type}" Target="${encodeXml(target)}"/>`;
}

interface StyleMap {
  xf: (scratchIndex: number) => number;
  dxf: (scratchIndex: number) => number;
}

const STYLE_COLLECTIONS = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

/**
 * The file's styles.xml with the scratch workbook's fonts, fills, borders, number formats and
 * cell formats appended where the file has no identical one, and where each scratch cell format
 * went. Existing records keep their numbers, so every cell of every other sheet keeps its look;
 * a second refresh finds the first one's records and appends nothing.
 */
function mergeStyles(xml: string, scratchXml: string): { xml: string; map: StyleMap } {
  const elements = scanXml(xml);
  const scratch = scanXml(scratchXml);
  const root = elements[0];
  const prefix = root.name.slice(0, root.name.length - "styleSheet".length);
  const withPrefix = (record: string) => (prefix === "" ? record : record.replace(/<(\/?)([A-Za-z])/g, `<$1${prefix}$2`));
  const collection = (els: XmlElement[], text: string, local: string) => {
    const index = els.findIndex((e) => e.local === local && e.depth === 1);
    const records = index === -1 ? [] : childrenOf(els, index).map((e) => ({ element: e, text: text.slice(e.start, e.end) }));
    return { index, records };
  };
  const splices: Splice[] = [];
  const append = (local: string, records: string[]) => {
    if (records.length === 0) return;
    const { index, records: existing } = collection(elements, xml, local);
    const count = existing.length + records.length;
    if (index !== -1) {
      const element = elements[index];
      splices.push(appendChildren(xml, element, records.map(withPrefix).join("")));
      if (element.attributes.count !== undefined) {
        const splice = splices[splices.length - 1];
        if (splice.start === element.start) splice.text = splice.text.replace(/\scount="\d*"/, ` count="${count}"`);
        else splices.push({ start: element.start, end: element.openEnd, text: openingTagWith(xml, element, "count", String(count)) });
      }
      return;
    }
    const after = STYLE_COLLECTIONS.slice(STYLE_COLLECTIONS.indexOf(local) + 1);
    const next = elements.find((e) => e.depth === 1 && after.includes(e.local));
    const at = next ? next.start : root.closeStart;
    splices.push({ start: at, end: at, text: `<${prefix}${local} count="${count}">${records.map(withPrefix).join("")}</${prefix}${local}>` });
  };

  /** Maps each scratch record of a collection to an equal record of the file, or appends it. */
  const merge = (local: string, rewrite: (text: string) => string = (t) => t): number[] => {
    const records = collection(elements, xml, local).records.map((r) => withoutPrefix(r.text, prefix));
    const fileCount = records.length;
    const map = collection(scratch, scratchXml, local).records.map(({ text }) => {
      const record = rewrite(text);
      const at = records.indexOf(record);
      if (at !== -1) return at;
      records.push(record);
      return records.length - 1;
    });
    append(local, records.slice(fileCount));
    return map;
  };

  // Number formats: the same format code keeps the file's number; a new one takes the next free number.
  const formats = new Map<number, number>();
  const fileFormats = collection(elements, xml, "numFmts").records.map((r) => r.element.attributes);
  let nextFormat = Math.max(163, ...fileFormats.map((a) => Number(a.numFmtId) || 0)) + 1;
  const newFormats: string[] = [];
  for (const { element } of collection(scratch, scratchXml, "numFmts").records) {
    const code = element.attributes.formatCode;
    const same = fileFormats.find((a) => a.formatCode === code);
    const id = same ? Number(same.numFmtId) : nextFormat++;
    if (!same) {
      fileFormats.push({ numFmtId: String(id), formatCode: code });
      newFormats.push(`<numFmt numFmtId="${id}" formatCode="${encodeXml(code)}"/>`);
    }
    formats.set(Number(element.attributes.numFmtId), id);
  }
  append("numFmts", newFormats);
  const fonts = merge("fonts");
  const fills = merge("fills");
  const borders = merge("borders");
  const dxfs = merge("dxfs", (t) => t.replace(/(\snumFmtId=")(\d+)"/, (_, lead: string, id: string) => `${lead}${formats.get(Number(id)) ?? id}"`));
  const remapAttribute = (text: string, attribute: string, map: (n: number) => number) =>
    text.replace(new RegExp(`(<[A-Za-z]+[^>]*?\\s${attribute}=")(\\d+)"`), (_, lead: string, n: string) => `${lead}${map(Number(n))}"`);
  const xfs = merge("cellXfs", (text) => {
    let t = remapAttribute(text, "numFmtId", (n) => formats.get(n) ?? n);
    t = remapAttribute(t, "fontId", (n) => fonts[n] ?? n);
    t = remapAttribute(t, "fillId", (n) => fills[n] ?? n);
    t = remapAttribute(t, "borderId", (n) => borders[n] ?? n);
    return remapAttribute(t, "xfId", () => 0);
  });
  return { xml: applySplices(xml, splices), map: { xf: (i) => xfs[i] ?? 0, dxf: (i) => dxfs[i] ?? i } };
}

function withoutPrefix(record: string, prefix: string): string {
  return prefix === "" ? record : record.split(`<${prefix}`).join("<").split(`</${prefix}`).join("</");
}

/** The text of each shared string of the scratch workbook, as the XML inside its <si>. */
async function scratchSharedStrings(scratch: OpcPackage, workbookPart: string): Promise<string[]> {
  const rel = (await scratch.relationships(workbookPart)).relationships.find((r) => r.type.endsWith("/sharedStrings"));
  if (!rel?.part || !scratch.has(rel.part)) return [];
  const xml = await scratch.text(rel.part);
  const elements = scanXml(xml);
  return elements.filter((e) => e.local === "si" && e.depth === 1).map((e) => xml.slice(e.openEnd, e.closeStart));
}

/**
 * A sheet of the scratch workbook as it goes into the file: text as inline strings rather than
 * numbers into the scratch workbook's shared strings, and style numbers as the file has them.
 * ExcelJS writes one cell per <c> element with its attributes in a fixed form, which is what
 * the patterns here rely on (they run over the scratch workbook's XML only).
 */
function sheetXml(xml: string, sharedStrings: readonly string[], styles: StyleMap): string {
  return xml
    .replace(/<c ([^>]*?)\bt="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (_, before: string, after: string, index: string) => {
      const text = sharedStrings[Number(index)];
      if (text === undefined) throw new Error(`the scratch workbook has no shared string ${index}`);
      return `<c ${before}t="inlineStr"${after}><is>${text}</is></c>`;
    })
    .replace(/<(c|row|col|cfRule)\b[^>]*>/g, (tag: string, name: string) => {
      if (name === "c" || name === "row") return tag.replace(/(\ss=")(\d+)"/, (_, lead: string, n: string) => `${lead}${styles.xf(Number(n))}"`);
      if (name === "col") return tag.replace(/(\sstyle=")(\d+)"/, (_, lead: string, n: string) => `${lead}${styles.xf(Number(n))}"`);
      return tag.replace(/(\sdxfId=")(\d+)"/, (_, lead: string, n: string) => `${lead}${styles.dxf(Number(n))}"`);
    });
}

/**
 * Edits [Content_Types].xml: Overrides removed for deleted parts and added for new ones. A part
 * deleted and written again under the same name and type keeps its Override where it was, so
 * that refreshing twice gives the same file.
 */
async function contentTypeEditor(original: OpcPackage) {
  const xml = await original.text(CONTENT_TYPES);
  const elements = scanXml(xml);
  const root = elements[0];
  const prefix = root.name.slice(0, root.name.length - "Types".length);
  const overrideOf = (part: string) => elements.find((e) => e.local === "Override" && (e.attributes.PartName ?? "").toLowerCase() === `/${part}`.toLowerCase());
  const removing = new Set<XmlElement>();
  const additions: string[] = [];
  return {
    remove(part: string) {
      const override = overrideOf(part);
      if (override) removing.add(override);
    },
    add(part: string, contentType: string) {
      const override = overrideOf(part);
      if (override && removing.has(override) && override.attributes.ContentType === contentType) {
        removing.delete(override);
        return;
      }
      additions.push(`<${prefix}Override PartName="/${encodeXml(part)}" ContentType="${encodeXml(contentType)}"/>`);
    },
    result(): string | null {
      if (removing.size === 0 && additions.length === 0) return null;
      const splices: Splice[] = [...removing].map((e) => ({ start: e.start, end: e.end, text: "" }));
      return applySplices(xml, [...splices, appendChildren(xml, root, additions.join(""))]);
    },
  };
}
