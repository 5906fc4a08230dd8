/**
 * An .xlsx file as the package it is (Open Packaging Conventions): named parts, the
 * relationships between them, and the content type of each. Part names in relationships may be
 * relative (as Excel writes them) or absolute (`/xl/...`, as openpyxl and LibreOffice write them);
 * both are resolved here, so nothing else needs to care.
 */

import { readEntryBytes, ZipEntry } from "./zipGuard";
import { attributeByLocalName, encodeXml, scanXml, XmlElement } from "./xmlScan";
import { OutputEntry, writeZip } from "./zipWriter";

/**
 * True when a relationship type is of this kind ("styles", "worksheet", "officeDocument"…):
 * the type is a URI ending in the kind, under the transitional or the strict schema's address.
 */
export function isRelationshipOf(type: string, kind: string): boolean {
  return type.endsWith(`/relationships/${kind}`);
}

export interface Relationship {
  id: string;
  type: string;
  /** The part it points at, resolved to a package part name ("xl/worksheets/sheet1.xml"); null for an external target. */
  part: string | null;
  element: XmlElement;
}

export class OpcPackage {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly texts = new Map<string, Promise<string>>();

  constructor(
    readonly data: Buffer,
    readonly entries: readonly ZipEntry[],
  ) {
    for (const entry of entries) this.byName.set(entry.name.toLowerCase(), entry);
  }

  /** The entry of a part, looked up as OPC does: part names are case-insensitive. */
  entry(part: string): ZipEntry | undefined {
    return this.byName.get(part.toLowerCase());
  }

  has(part: string): boolean {
    return this.entry(part) !== undefined;
  }

  text(part: string): Promise<string> {
    const entry = this.entry(part);
    if (!entry) throw new Error(`the package has no part ${part}`);
    let text = this.texts.get(entry.name);
    if (!text) {
      text = readEntryBytes(this.data, entry).then((bytes) => bytes.toString("utf8"));
      this.texts.set(entry.name, text);
    }
    return text;
  }

  /** A part's content type: its Override in [Content_Types].xml, else the Default for its extension. */
  async contentType(part: string): Promise<string> {
    const elements = scanXml(await this.text("[Content_Types].xml"));
    const override = elements.find((e) => e.local === "Override" && (e.attributes.PartName ?? "").toLowerCase() === `/${part}`.toLowerCase());
    const extension = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
    const fallback = elements.find((e) => e.local === "Default" && (e.attributes.Extension ?? "").toLowerCase() === extension);
    const type = override?.attributes.ContentType ?? fallback?.attributes.ContentType;
    if (type === undefined) throw new Error(`the package gives no content type for ${part}`);
    return type;
  }

  /** The relationships of a part ("" for the package's own), empty when it has none. */
  async relationships(part: string): Promise<{ relsPart: string; xml: string; elements: XmlElement[]; relationships: Relationship[] }> {
    const relsPart = relsPartOf(part);
    if (!this.has(relsPart)) return { relsPart, xml: "", elements: [], relationships: [] };
    const xml = await this.text(relsPart);
    const elements = scanXml(xml);
    const relationships = elements
      .filter((e) => e.local === "Relationship")
      .map((element) => {
        const external = element.attributes.TargetMode === "External";
        return { id: element.attributes.Id, type: element.attributes.Type, part: external ? null : resolveTarget(part, element.attributes.Target ?? ""), element };
      });
    return { relsPart, xml, elements, relationships };
  }

  /** The workbook part, as the package's relationships name it. */
  async workbookPart(): Promise<string> {
    const office = (await this.relationships("")).relationships.find((r) => isRelationshipOf(r.type, "officeDocument") && r.part !== null);
    return office?.part ?? "xl/workbook.xml";
  }

  /** Every part reachable by relationships from the package root, not going into `stopAt`. */
  async reachable(from: readonly string[], stopAt: ReadonlySet<string> = new Set()): Promise<Set<string>> {
    const seen = new Set<string>();
    const queue = [...from];
    while (queue.length > 0) {
      const part = queue.pop() as string;
      const key = part.toLowerCase();
      if (seen.has(key) || stopAt.has(key)) continue;
      seen.add(key);
      for (const r of (await this.relationships(part)).relationships) {
        if (r.part !== null && this.has(r.part)) queue.push(this.entry(r.part)?.name as string);
      }
    }
    return seen;
  }
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels"; "" (the package) → "_rels/.rels". */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship's target as a part name: "/xl/x.xml" from anywhere, or "../x.xml" from the source part's folder. */
export function resolveTarget(sourcePart: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // A target that is not percent-encoding is taken as it is.
  }
  const base = decoded.startsWith("/") ? [] : sourcePart.split("/").slice(0, -1);
  for (const segment of decoded.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") base.pop();
    else base.push(segment);
  }
  return base.join("/");
}

/** The relative target from one part to another, as Excel writes it: "../tables/table1.xml". */
export function relativeTarget(sourcePart: string, targetPart: string): string {
  const from = sourcePart.split("/").slice(0, -1);
  const to = targetPart.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

/** A drawing emptied, in its own namespace, with the prefix ExcelJS expects: none of the add-in's reading needs a drawing. */
function emptyDrawing(xml: string): string {
  const root = scanXml(xml)[0];
  const prefix = root ? root.name.slice(0, root.name.length - root.local.length - 1) : "";
  const namespace = root?.attributes[prefix === "" ? "xmlns" : `xmlns:${prefix}`] ?? "";
  return `<xdr:wsDr xmlns:xdr="${encodeXml(namespace)}"/>`;
}

/**
 * The package as ExcelJS can read it, or null when it can read it as it is. ExcelJS resolves
 * only relative relationship targets, and reads a drawing only when its elements carry the
 * `xdr:` prefix Excel uses: it takes an openpyxl or LibreOffice file with a table or a chart
 * for a damaged one. So absolute targets are made relative, and drawings (which reading never
 * needs) are left empty. Only for reading: a refresh writes from the file as it was.
 */
export async function readableByExcelJs(pkg: OpcPackage): Promise<Buffer | null> {
  const changed = new Map<string, Buffer>();
  for (const entry of pkg.entries) {
    if (/^xl\/drawings\/[^/]+\.xml$/i.test(entry.name)) {
      changed.set(entry.name, Buffer.from(emptyDrawing(await pkg.text(entry.name)), "utf8"));
      continue;
    }
    if (/^xl\/.*\.xml$/i.test(entry.name)) {
      const unprefixed = withoutMainPrefix(await pkg.text(entry.name));
      if (unprefixed !== null) changed.set(entry.name, Buffer.from(unprefixed, "utf8"));
      continue;
    }
    if (!entry.name.endsWith(".rels")) continue;
    const xml = await pkg.text(entry.name);
    if (!/\sTarget\s*=\s*["']\//.test(xml)) continue;
    const source = sourcePartOf(entry.name);
    const rewritten = xml.replace(/(\sTarget\s*=\s*)(["'])(\/[^"']*)\2/g, (_, lead: string, quote: string, target: string) => `${lead}${quote}${relativeTarget(source, resolveTarget(source, target))}${quote}`);
    changed.set(entry.name, Buffer.from(rewritten, "utf8"));
  }
  if (changed.size === 0) return null;
  const out: OutputEntry[] = pkg.entries.map((entry) => {
    const data = changed.get(entry.name);
    return data ? { name: entry.name, data } : { name: entry.name, copyOf: entry, from: pkg.data };
  });
  return writeZip(out);
}

const SPREADSHEETML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/**
 * A SpreadsheetML part written with a prefix for its own namespace (`<x:workbook xmlns:x="…">`,
 * as the Open XML SDK and the finance systems built on it write), with the prefix taken off its
 * elements, which ExcelJS, reading by tag name, needs; null for a part without one. Only the copy
 * ExcelJS reads is changed: the file keeps its bytes.
 */
function withoutMainPrefix(xml: string): string | null {
  const root = /^\s*(?:<\?[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*\b[^>]*>/.exec(xml);
  const prefix = root?.[1];
  const declaration = prefix === undefined ? null : new RegExp(`\\sxmlns:${prefix}\\s*=\\s*(["'])${SPREADSHEETML}\\1`).exec(root![0]);
  if (!root || declaration === null) return null;
  // The root also declares the namespace as its default, unless it already does; the prefix stays declared for any attribute using it.
  const rootTag = /\sxmlns\s*=/.test(root[0]) ? root[0] : root[0].replace(declaration[0], `${declaration[0]} xmlns=${declaration[1]}${SPREADSHEETML}${declaration[1]}`);
  return (xml.slice(0, root.index) + rootTag + xml.slice(root.index + root[0].length)).replace(new RegExp(`<(/?)${prefix}:`, "g"), "<$1");
}

/** "xl/_rels/workbook.xml.rels" → "xl/workbook.xml"; "_rels/.rels" → "". */
export function sourcePartOf(relsPart: string): string {
  const match = /^(.*?)_rels\/([^/]*)\.rels$/.exec(relsPart);
  return match ? `${match[1]}${match[2]}` : "";
}

/** The value of the r:id-style attribute of an element (whatever prefix the file gave the namespace). */
export function relationshipIdOf(element: XmlElement): string | undefined {
  return attributeByLocalName(element, "id")?.value;
}
