/**
 * A small XML scanner for editing the few shared parts of an .xlsx package a refresh must change
 * (workbook.xml, relationships, content types, styles.xml) by splicing: it finds elements and
 * where each starts and ends in the text, so that an edit replaces only the bytes it must and
 * every other element, attribute order, namespace prefix and whitespace stays as the file had it.
 * An object-model parser (fast-xml-parser) would rewrite the whole part on the way back; see
 * docs/file-writes.md. It keeps its open elements on an array, never on the call stack, so a
 * deeply nested part cannot exhaust the stack, and it refuses a document type declaration
 * rather than expanding entities.
 */

export interface XmlElement {
  /** The tag name as written, prefix included, e.g. "x:sheet". */
  name: string;
  /** The name without its prefix, e.g. "sheet". */
  local: string;
  /** Attribute values decoded, by attribute name as written (prefix included). */
  attributes: Record<string, string>;
  /** Offset of "<" of the opening tag. */
  start: number;
  /** Offset just after the opening tag's ">". */
  openEnd: number;
  /** Offset of "<" of the closing tag (openEnd for a self-closing element). */
  closeStart: number;
  /** Offset just after the element: after "/>" or the closing tag's ">". */
  end: number;
  depth: number;
  /** Index of the enclosing element in the scan, -1 for the root. */
  parent: number;
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

export class XmlScanError extends Error {}

/** Every element of `xml`, in document order. */
export function scanXml(xml: string): XmlElement[] {
  const elements: XmlElement[] = [];
  const open: number[] = [];
  let at = xml.indexOf("<");
  while (at !== -1) {
    if (xml.startsWith("<!--", at)) {
      at = skipPast(xml, "-->", at);
    } else if (xml.startsWith("<![CDATA[", at)) {
      at = skipPast(xml, "]]>", at);
    } else if (xml.startsWith("<?", at)) {
      at = skipPast(xml, "?>", at);
    } else if (xml.startsWith("<!", at)) {
      throw new XmlScanError("the part declares a document type (<!DOCTYPE), which Excel never writes");
    } else if (xml[at + 1] === "/") {
      const close = xml.indexOf(">", at);
      if (close === -1) throw new XmlScanError("an element is cut short");
      const name = xml.slice(at + 2, close).trim();
      const index = open.pop();
      if (index === undefined || elements[index].name !== name) throw new XmlScanError(`</${name}> closes an element that is not open`);
      elements[index].closeStart = at;
      elements[index].end = close + 1;
      at = close + 1;
    } else {
      const close = tagEnd(xml, at);
      const selfClosing = xml[close - 1] === "/";
      const inner = xml.slice(at + 1, selfClosing ? close - 1 : close);
      const name = /^[^\s/>]+/.exec(inner)?.[0] ?? "";
      if (name === "") throw new XmlScanError("an element has no name");
      const attributes: Record<string, string> = {};
      for (const match of inner.slice(name.length).matchAll(ATTRIBUTE)) attributes[match[1]] = decodeXml(match[3] ?? match[4]);
      const element: XmlElement = {
        name,
        local: name.slice(name.indexOf(":") + 1),
        attributes,
        start: at,
        openEnd: close + 1,
        closeStart: close + 1,
        end: close + 1,
        depth: open.length,
        parent: open.length === 0 ? -1 : open[open.length - 1],
      };
      elements.push(element);
      if (!selfClosing) open.push(elements.length - 1);
      at = close + 1;
    }
    at = xml.indexOf("<", at);
  }
  if (open.length > 0) throw new XmlScanError(`<${elements[open[open.length - 1]].name}> is never closed`);
  return elements;
}

/** The direct children of `elements[parent]`. */
export function childrenOf(elements: readonly XmlElement[], parent: number): XmlElement[] {
  return elements.filter((e) => e.parent === parent);
}

/** An attribute by its local name, whatever its prefix ("r:id" for "id"), with the name as written. */
export function attributeByLocalName(element: XmlElement, local: string): { name: string; value: string } | undefined {
  for (const [name, value] of Object.entries(element.attributes)) {
    if (name === local || name.endsWith(`:${local}`)) return { name, value };
  }
  return undefined;
}

/** The element's opening tag with one attribute set (added at the end if absent), everything else as written. */
export function openingTagWith(xml: string, element: XmlElement, name: string, value: string): string {
  const tag = xml.slice(element.start, element.openEnd);
  const pattern = new RegExp(`(\\s${escapeRegExp(name)}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (pattern.test(tag)) return tag.replace(pattern, `$1"${encodeXml(value)}"`);
  const tail = tag.endsWith("/>") ? 2 : 1;
  return `${tag.slice(0, tag.length - tail).trimEnd()} ${name}="${encodeXml(value)}"${tag.slice(tag.length - tail)}`;
}

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** `xml` with non-overlapping ranges replaced. */
export function applySplices(xml: string, splices: readonly Splice[]): string {
  const ordered = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let at = 0;
  for (const splice of ordered) {
    if (splice.start < at) throw new Error("overlapping edits of an XML part");
    out += xml.slice(at, splice.start) + splice.text;
    at = splice.end;
  }
  return out + xml.slice(at);
}

/**
 * Text as XML character data or an attribute value. Characters XML 1.0 cannot hold at all (the C0
 * controls but tab, line feed and carriage return; U+FFFE, U+FFFF; a lone surrogate) are left out:
 * Excel stores a pasted control character in a cell as "_x0007_", which a cell's text may bring
 * into a chart's title or labels, and a part holding one is not XML, which Excel repairs by
 * dropping the part.
 */
export function encodeXml(text: string): string {
  return text.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity[0] === "#") return String.fromCodePoint(entity[1] === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[entity] as string;
  });
}

function skipPast(xml: string, marker: string, from: number): number {
  const found = xml.indexOf(marker, from);
  if (found === -1) throw new XmlScanError("a comment, CDATA section or instruction is never closed");
  return found + marker.length;
}

/** The offset of the ">" ending the tag that starts at `from`, skipping ">" inside quoted values. */
function tagEnd(xml: string, from: number): number {
  let quote = "";
  for (let i = from + 1; i < xml.length; i++) {
    const ch = xml[i];
    if (quote !== "") {
      if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === ">") {
      return i;
    }
  }
  throw new XmlScanError("an element is cut short");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
