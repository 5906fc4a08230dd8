/**
 * The add-in only manifest, checked offline: well-formed, every resource it uses defined (and
 * of the right kind), the shared runtime wired the way Excel requires, the LAC namespace, the
 * ribbon buttons, and every URL on the dev server or, after the production rewrite, the
 * production host.
 */

import fs from "fs";
import path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { productionManifest, urlDev } from "../../scripts/manifest-urls";

const REPO = path.resolve(__dirname, "..", "..");
const MANIFEST_TEXT = fs.readFileSync(path.join(REPO, "manifest.xml"), "utf8");

type XmlNode = { [key: string]: unknown };

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseAttributeValue: false, parseTagValue: false });
const manifest = parser.parse(MANIFEST_TEXT) as XmlNode;
const app = manifest.OfficeApp as XmlNode;
const overrides = app.VersionOverrides as XmlNode;
const host = ((overrides.Hosts as XmlNode).Host as XmlNode) ?? {};
const resources = overrides.Resources as XmlNode;

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Every element in the document, with the names of the elements above it. */
function walk(node: unknown, trail: string[] = [], out: { name: string; trail: string[]; node: XmlNode }[] = []) {
  if (node === null || typeof node !== "object") return out;
  for (const [key, value] of Object.entries(node as XmlNode)) {
    if (key.startsWith("@_") || key === "#text") continue;
    for (const child of asArray(value)) {
      if (child !== null && typeof child === "object") {
        out.push({ name: key, trail, node: child as XmlNode });
        walk(child, [...trail, key], out);
      }
    }
  }
  return out;
}

type ResourceKind = "bt:Urls" | "bt:ShortStrings" | "bt:LongStrings" | "bt:Images";

function resourcesOf(kind: ResourceKind): Map<string, string> {
  const entries = asArray((resources[kind] as XmlNode | undefined)?.[kind === "bt:Urls" ? "bt:Url" : kind === "bt:Images" ? "bt:Image" : "bt:String"] as
    | XmlNode
    | XmlNode[]
    | undefined);
  return new Map(entries.map((entry) => [String(entry["@_id"]), String(entry["@_DefaultValue"])]));
}

/** The kind of resource each element that takes a resid must name. */
function expectedKind(name: string, trail: string[]): ResourceKind {
  if (["Runtime", "SourceLocation", "FunctionFile", "LearnMoreUrl"].includes(name)) return "bt:Urls";
  if (name === "bt:Image") return "bt:Images";
  if (name === "Description") return "bt:LongStrings";
  if (["Label", "Title", "Namespace"].includes(name)) return "bt:ShortStrings";
  throw new Error(`unexpected element with a resid: ${[...trail, name].join(" > ")}`);
}

const uses = walk(overrides)
  .filter((element) => element.node["@_resid"] !== undefined && element.trail[0] !== "Resources")
  .map((element) => ({ ...element, resid: String(element.node["@_resid"]) }));

describe("manifest.xml", () => {
  it("is well-formed XML", () => {
    expect(XMLValidator.validate(MANIFEST_TEXT)).toBe(true);
    expect(app["@_xsi:type"]).toBe("TaskPaneApp");
    expect(String(app.Id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((app.Hosts as XmlNode).Host).toEqual({ "@_Name": "Workbook" });
  });

  it("defines every resource it uses, of the right kind, and uses every resource it defines", () => {
    expect(uses.length).toBeGreaterThan(10);
    const used = new Set<string>();
    for (const use of uses) {
      const kind = expectedKind(use.name, use.trail);
      expect({ element: [...use.trail, use.name].join(" > "), resid: use.resid, defined: resourcesOf(kind).has(use.resid) }).toEqual(
        expect.objectContaining({ defined: true }),
      );
      used.add(`${kind} ${use.resid}`);
    }
    for (const kind of ["bt:Urls", "bt:ShortStrings", "bt:LongStrings", "bt:Images"] as const) {
      for (const id of resourcesOf(kind).keys()) expect(used).toContain(`${kind} ${id}`);
      for (const id of resourcesOf(kind).keys()) expect(id.length).toBeLessThanOrEqual(32);
    }
    for (const text of resourcesOf("bt:ShortStrings").values()) expect(text.length).toBeLessThanOrEqual(125);
    for (const text of resourcesOf("bt:LongStrings").values()) expect(text.length).toBeLessThanOrEqual(250);
  });

  it("puts the functions in the LAC namespace", () => {
    const extension = asArray((host.AllFormFactors as XmlNode).ExtensionPoint as XmlNode | XmlNode[]).find(
      (point) => point["@_xsi:type"] === "CustomFunctions",
    ) as XmlNode;
    const namespaceResid = String((extension.Namespace as XmlNode)["@_resid"]);
    expect(resourcesOf("bt:ShortStrings").get(namespaceResid)).toBe("LAC");
    const metadataUrl = resourcesOf("bt:Urls").get(String(((extension.Metadata as XmlNode).SourceLocation as XmlNode)["@_resid"]));
    expect(metadataUrl).toBe(`${urlDev}functions.json`);
    const scriptUrl = resourcesOf("bt:Urls").get(String(((extension.Script as XmlNode).SourceLocation as XmlNode)["@_resid"]));
    expect(scriptUrl).toBe(`${urlDev}functions.js`);
  });

  it("runs the pane, the functions and the commands in one long-lived shared runtime", () => {
    const sets = asArray(((app.Requirements as XmlNode).Sets as XmlNode).Set as XmlNode | XmlNode[]);
    expect(sets).toEqual(
      expect.arrayContaining([
        { "@_Name": "SharedRuntime", "@_MinVersion": "1.1" },
        expect.objectContaining({ "@_Name": "CustomFunctionsRuntime" }),
      ]),
    );
    const runtime = (host.Runtimes as XmlNode).Runtime as XmlNode;
    expect(runtime["@_lifetime"]).toBe("long");
    const runtimeResid = String(runtime["@_resid"]);
    const extension = (host.AllFormFactors as XmlNode).ExtensionPoint as XmlNode;
    expect(((extension.Page as XmlNode).SourceLocation as XmlNode)["@_resid"]).toBe(runtimeResid);
    const desktop = host.DesktopFormFactor as XmlNode;
    expect((desktop.FunctionFile as XmlNode)["@_resid"]).toBe(runtimeResid);
    const showPane = walk(desktop).find((e) => e.name === "Action" && e.node["@_xsi:type"] === "ShowTaskpane");
    expect((showPane?.node.SourceLocation as XmlNode)["@_resid"]).toBe(runtimeResid);
    expect(resourcesOf("bt:Urls").get(runtimeResid)).toBe(`${urlDev}taskpane.html`);
    expect(((app.DefaultSettings as XmlNode).SourceLocation as XmlNode)["@_DefaultValue"]).toBe(`${urlDev}taskpane.html`);
  });

  it("adds a group to the Home tab with Open pane and Refresh report", () => {
    const tab = ((host.DesktopFormFactor as XmlNode).ExtensionPoint as XmlNode).OfficeTab as XmlNode;
    expect(tab["@_id"]).toBe("TabHome");
    const controls = asArray((tab.Group as XmlNode).Control as XmlNode | XmlNode[]);
    const labels = controls.map((control) => resourcesOf("bt:ShortStrings").get(String((control.Label as XmlNode)["@_resid"])));
    expect(labels).toEqual(["Open pane", "Refresh report"]);
    const actions = controls.map((control) => control.Action as XmlNode);
    expect(actions[0]["@_xsi:type"]).toBe("ShowTaskpane");
    expect(actions[1]).toEqual({ "@_xsi:type": "ExecuteFunction", FunctionName: "refreshReport" });
    // The command the button runs is the one commands.ts registers.
    const commands = fs.readFileSync(path.join(REPO, "src", "commands", "commands.ts"), "utf8");
    expect(commands).toMatch(/Office\.actions\.associate\("refreshReport", refreshReport\)/);
    for (const control of controls) {
      const sizes = asArray((control.Icon as XmlNode)["bt:Image"] as XmlNode | XmlNode[]).map((image) => image["@_size"]);
      expect(sizes).toEqual(["16", "32", "80"]);
    }
  });

  it("points every image at an icon in assets/ of the size it claims", () => {
    const images = [...resourcesOf("bt:Images").values(), String((app.IconUrl as XmlNode)["@_DefaultValue"]), String((app.HighResolutionIconUrl as XmlNode)["@_DefaultValue"])];
    for (const url of images) {
      const match = /^https:\/\/localhost:3000\/assets\/icon-(\d+)\.png$/.exec(url);
      expect(match).not.toBeNull();
      const png = fs.readFileSync(path.join(REPO, "assets", `icon-${match![1]}.png`));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(match![1]), Number(match![1])]);
    }
  });
});

/** Every URL in the manifest: attribute values and element text that start with a scheme. */
function urlsIn(text: string): string[] {
  return [...text.matchAll(/"(\w+:\/\/[^"]*)"|>(\w+:\/\/[^<]*)</g)].map((match) => match[1] ?? match[2]).filter((url) => !url.startsWith("http://schemas.microsoft.com/") && !url.startsWith("http://www.w3.org/"));
}

describe("manifest URLs", () => {
  it("are all on the dev server, https://localhost:3000/", () => {
    const urls = urlsIn(MANIFEST_TEXT);
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const url of urls) expect(url.startsWith(urlDev)).toBe(true);
  });

  it("all move to the production host in the production manifest, and nothing else changes", () => {
    const production = productionManifest(MANIFEST_TEXT, "https://finance.example.gov.uk/lac/");
    const urls = urlsIn(production);
    expect(urls.length).toBe(urlsIn(MANIFEST_TEXT).length);
    for (const url of urls) expect(url.startsWith("https://finance.example.gov.uk/lac/")).toBe(true);
    expect(production.split("https://finance.example.gov.uk/lac/").join(urlDev)).toBe(MANIFEST_TEXT);
    expect(XMLValidator.validate(production)).toBe(true);
  });

  it("refuses a production host that is not https or lacks its trailing slash", () => {
    expect(() => productionManifest(MANIFEST_TEXT, "http://insecure.example/")).toThrow(/must start with https:\/\//);
    expect(() => productionManifest(MANIFEST_TEXT, "https://no-slash.example")).toThrow(/end with a slash/);
  });
});
