/**
 * The documentation holds together: every relative link and anchor in README.md and docs/ leads
 * somewhere, and every `docs/…` file a source, test or script cites exists (docs/README.md lists
 * the pages). The design notes the code once cited live in docs/, not outside the repository.
 */

import fs from "fs";
import path from "path";

const REPO = path.resolve(__dirname, "..", "..");
const CODE_FOLDERS = ["src", "test", "scripts"];
const CODE_FILE = /\.(ts|tsx|js|cjs|mjs|py|sh|html)$/;
/** The design note outside the repository that comments used to cite; spelt in two parts so this file does not cite it. */
const OUTSIDE_NOTE = ["DESIGN", "md"].join(".");

function filesUnder(folder: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesUnder(file, keep);
    return keep(file) ? [file] : [];
  });
}

function markdownFiles(): string[] {
  return [path.join(REPO, "README.md"), ...filesUnder(path.join(REPO, "docs"), (f) => f.endsWith(".md"))];
}

/** The text a reader sees as prose: fenced code blocks and inline code removed (links there are examples, not links). */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  const text = heading
    .replace(/`/g, "")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "");
  return text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "").replace(/ /g, "-");
}

/** Every anchor a markdown page offers: its headings (with GitHub's -1, -2 for repeats) and any explicit ids. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutCode = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
  for (const match of withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = headingAnchor(match[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  for (const match of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1]);
  return anchors;
}

/** The targets of a page's links and images: [text](target), ![alt](target) and <img src="target">. */
export function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const targets = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  targets.push(...[...text.matchAll(/<(?:img|a)\s[^>]*?(?:src|href)="([^"]+)"/g)].map((m) => m[1]));
  return targets;
}

/** What is wrong with a relative link from `file`, or undefined when it leads somewhere. */
function deadLink(file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto: …
  const [pathPart, anchor] = target.split("#", 2) as [string, string | undefined];
  const resolved = pathPart === "" ? file : path.resolve(path.dirname(file), decodeURI(pathPart));
  if (!fs.existsSync(resolved)) return `${target}: no such file`;
  if (anchor === undefined || anchor === "") return undefined;
  if (!resolved.endsWith(".md")) return `${target}: an anchor into a file that is not markdown`;
  return anchorsOf(fs.readFileSync(resolved, "utf8")).has(anchor) ? undefined : `${target}: no heading makes the anchor #${anchor}`;
}

function deadLinksIn(file: string): string[] {
  return linkTargets(fs.readFileSync(file, "utf8"))
    .map((target) => deadLink(file, target))
    .filter((problem): problem is string => problem !== undefined)
    .map((problem) => `${path.relative(REPO, file)}: ${problem}`);
}

/** `docs/….md` (with its anchor, if any) and `docs/….png` as code cites them. */
const DOCS_CITATION = /(?<![\w/.-])docs\/[\w./-]*?\.(?:md|png)(?:#[\w-]+)?/g;

function deadCitationsIn(file: string): string[] {
  const code = fs.readFileSync(file, "utf8");
  const problems: string[] = [];
  if (code.includes(OUTSIDE_NOTE)) problems.push(`cites ${OUTSIDE_NOTE}, which is not in the repository: cite the docs/ page that holds it`);
  for (const citation of new Set([...code.matchAll(DOCS_CITATION)].map((m) => m[0]))) {
    const problem = deadLink(path.join(REPO, "citation"), citation);
    if (problem) problems.push(problem);
  }
  return problems.map((problem) => `${path.relative(REPO, file)}: ${problem}`);
}

describe("the documentation's links", () => {
  it("finds the README and a docs/ tree with its index", () => {
    const pages = markdownFiles().map((f) => path.relative(REPO, f));
    expect(pages).toEqual(expect.arrayContaining(["README.md", path.join("docs", "README.md")]));
  });

  it("has no dead relative link or anchor in README.md or docs/", () => {
    expect(markdownFiles().flatMap(deadLinksIn)).toEqual([]);
  });

  it("keeps the README to at most 200 lines", () => {
    expect(fs.readFileSync(path.join(REPO, "README.md"), "utf8").split("\n").length).toBeLessThanOrEqual(201);
  });
});

describe("the code's citations of documents", () => {
  it("cites only docs/ files that exist, and nothing outside the repository", () => {
    // This file's own examples of dead citations are left out.
    const files = CODE_FOLDERS.flatMap((folder) => filesUnder(path.join(REPO, folder), (f) => CODE_FILE.test(f) && f !== __filename));
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(deadCitationsIn)).toEqual([]);
  });
});

describe("the checks themselves", () => {
  it("make GitHub's anchors, repeats numbered", () => {
    expect([...anchorsOf("# Forecast: children in care (`lac forecast`)\n## Costs\n## Costs\n```\n# not a heading\n```\n")]).toEqual([
      "forecast-children-in-care-lac-forecast",
      "costs",
      "costs-1",
    ]);
    expect(headingAnchor("Presets (task pane buttons)")).toBe("presets-task-pane-buttons");
    expect(headingAnchor("`npm start`")).toBe("npm-start");
  });

  it("find links and images in prose but not in code", () => {
    expect(linkTargets('See [a](a.md#x) and ![b](images/b.png) and <img src="c.png" width="3">.\n`[d](d.md)`\n```\n[e](e.md)\n```\n')).toEqual([
      "a.md#x",
      "images/b.png",
      "c.png",
    ]);
  });

  it("report a missing file, a missing anchor and a citation of a missing page", () => {
    const readme = path.join(REPO, "README.md");
    expect(deadLink(readme, "docs/no-such-page.md")).toMatch(/no such file/);
    expect(deadLink(readme, "docs/README.md#no-such-heading")).toMatch(/no heading makes the anchor/);
    expect(deadLink(readme, "docs/README.md")).toBeUndefined();
    expect(deadLink(readme, "https://example.org/x.md")).toBeUndefined();
    expect([..."see docs/method/nowhere.md and docs/pipeline.md".matchAll(DOCS_CITATION)].map((m) => m[0])).toEqual(["docs/method/nowhere.md", "docs/pipeline.md"]);
  });
});
