/**
 * Reading an .xlsx package's relationships in tests, independently of the file adapter's own
 * reader (src/workbook/exceljs/opcPackage.ts), so that a test checks the adapter's output rather
 * than the adapter's reading of it.
 */

export interface PartRelationship {
  id: string;
  type: string;
  /** The part the relationship targets, as a package path ("xl/worksheets/sheet1.xml"); null for an external target. */
  part: string | null;
}

/** A relationship target resolved against the part it belongs to (absolute "/xl/…" and relative "../…" alike). */
export function resolveTarget(source: string, target: string): string {
  const base = target.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const segment of target.split("/")) {
    if (segment === "..") base.pop();
    else if (segment !== "" && segment !== ".") base.push(segment);
  }
  return base.join("/");
}

/** The relationships of `part`, read from its rels part's text (`relsText` gives a part's text, or undefined when absent). */
export function relationshipsOf(relsText: (name: string) => string | undefined, part: string): PartRelationship[] {
  const slash = part.lastIndexOf("/");
  const xml = relsText(`${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`) ?? "";
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map(([tag]) => ({
    id: /\bId="([^"]*)"/.exec(tag)?.[1] ?? "",
    type: /\bType="([^"]*)"/.exec(tag)?.[1] ?? "",
    part: /TargetMode="External"/.test(tag) ? null : resolveTarget(part, decodeURIComponent(/\bTarget="([^"]*)"/.exec(tag)?.[1] ?? "")),
  }));
}
