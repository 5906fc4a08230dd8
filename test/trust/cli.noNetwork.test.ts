/**
 * Nothing leaves the workbook. Two checks: every command of `lac` runs with every way Node has
 * of reaching the network (sockets, TLS, UDP, DNS, HTTP, fetch) and of starting another program
 * replaced by a trap that records the attempt; and no source file of the add-in or the command
 * line imports a network module, calls a browser network API or names an address other than
 * office.js, which every Office add-in loads from Microsoft.
 */

import childProcess from "child_process";
import dgram from "dgram";
import dns from "dns";
import fs from "fs";
import http from "http";
import http2 from "http2";
import https from "https";
import net from "net";
import path from "path";
import tls from "tls";
import { buildProgram } from "../../src/cli/main";
import { lac, removeFolder, temporaryFolder } from "../cli/helpers";

const REPO = path.resolve(__dirname, "..", "..");

/** Every entry point to the network (and to other programs, which could reach it) that Node offers. */
// Default imports give the modules themselves, whose functions the source's own imports call through.
const TRAPS: [object, string][] = [
  [net.Socket.prototype, "connect"],
  [net, "connect"],
  [net, "createConnection"],
  [tls, "connect"],
  [dgram, "createSocket"],
  [dns, "lookup"],
  [dns, "resolve"],
  [dns.promises, "lookup"],
  [http, "request"],
  [http, "get"],
  [https, "request"],
  [https, "get"],
  [http2, "connect"],
  [childProcess, "spawn"],
  [childProcess, "exec"],
  [childProcess, "execFile"],
  [childProcess, "fork"],
  [globalThis, "fetch"],
];

describe("lac opens no network connection", () => {
  let folder: string;
  const attempts: string[] = [];
  const spies: jest.SpyInstance[] = [];

  beforeAll(() => {
    folder = temporaryFolder();
    for (const [owner, method] of TRAPS) {
      if (typeof (owner as Record<string, unknown>)[method] !== "function") continue;
      spies.push(
        jest.spyOn(owner as Record<string, () => unknown>, method).mockImplementation(() => {
          attempts.push(method);
          throw new Error(`network or process access blocked by the test: ${method}`);
        }),
      );
    }
  });

  afterAll(() => {
    spies.forEach((spy) => spy.mockRestore());
    removeFolder(folder);
  });

  const file = (name: string) => path.join(folder, name);
  const sampleFiles = () => ["--episodes", file("episodes.csv"), "--children", file("header.csv")];

  /** One run of each command, doing its full work on generated data. */
  const RUNS: Record<string, () => string[]> = {
    sample: () => ["sample", "--children", "150", "--seed", "11", "--start", "2019-04-01", "--end", "2024-03-31", "--out", folder],
    costs: () => [
      "costs", ...sampleFiles(), "--uasc", file("uasc.csv"), "--unit-costs", file("unit-costs.csv"),
      "--from", "2023-04-01", "--to", "2024-03-31", "--out", file("costs.csv"), "--issues-out", file("issues.csv"),
    ],
    forecast: () => ["forecast", ...sampleFiles(), "--months", "12", "--out", file("forecast.csv"), "--rates-out", file("rates.csv")],
    backtest: () => ["backtest", ...sampleFiles(), "--cutoff", "2023-03-31", "--months", "6"],
    example: () => ["example", "--out", file("example.xlsx"), "--children", "80", "--end", "2024-03-31"],
    refresh: () => ["refresh", file("example.xlsx"), "--out", file("refreshed.xlsx")],
  };

  let registered: string[] = [];
  beforeAll(async () => {
    registered = (await buildProgram({ out: () => undefined, err: () => undefined })).commands.map((c) => c.name());
  });

  it("has a run below for every command lac offers", () => {
    expect(registered.length).toBeGreaterThan(0);
    expect(registered.filter((name) => !(name in RUNS))).toEqual([]);
  });

  // In the order that each run's input is written by an earlier one.
  it.each(Object.keys(RUNS))("lac %s runs to completion without touching the network", async (name) => {
    if (!registered.includes(name)) {
      console.log(`lac ${name} is not registered yet: skipped`);
      return;
    }
    const run = await lac(...RUNS[name]());
    expect({ name, code: run.code, stderr: run.stderr }).toEqual({ name, code: 0, stderr: "" });
    expect(attempts).toEqual([]);
  });

  it("--help and a command line error touch nothing either", async () => {
    expect((await lac("--help")).code).toBe(0);
    expect((await lac("costs", "--bogus")).code).toBe(2);
    expect(attempts).toEqual([]);
  });
});

describe("the source holds no network code", () => {
  /** Every package the add-in and the command line import; none of them sends anything anywhere (v8: the garbage collector setting for large files). */
  const ALLOWED_IMPORTS = new Set(["commander", "exceljs", "jszip", "papaparse", "fs", "path", "os", "zlib", "stream", "v8", "buffer", "react", "react-dom/client", "@fluentui/react-components"]);
  /** Office.js, which Excel requires every add-in to load from Microsoft's CDN, and its origin (named in the page's CSP). */
  const OFFICE_JS = ["https://appsforoffice.microsoft.com/lib/1/hosted/office.js", "https://appsforoffice.microsoft.com"];
  /** Telemetry proxy Office.js opens in a frame on Excel on the web, if the page lets it. */
  const OFFICE_TELEMETRY = "https://telemetryservice.firstpartyapps.oaspapps.com";
  /** Names of XML namespaces and relationship types in an .xlsx package: identifiers, never fetched. */
  const OOXML_NAME = /^http:\/\/schemas\.(openxmlformats\.org|microsoft\.com\/office)\//;
  const BROWSER_NETWORK = /\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts|RTCPeerConnection|openBrowserWindow|displayDialogAsync)\b|new\s+Image\s*\(/;

  function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(full);
      return /\.(ts|tsx|js|html)$/.test(entry.name) ? [full] : [];
    });
  }

  /** The code without its comments, so that a comment may mention what the code must not do. */
  function codeOf(text: string): string {
    return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/<!--[\s\S]*?-->/g, "").replace(/(^|[^:"'])\/\/.*$/gm, "$1");
  }

  const files = sourceFiles(path.join(REPO, "src"));

  it("finds the source", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it("imports no network module and no package outside the reviewed list", () => {
    const found = files.flatMap((f) => {
      const specifiers = [...codeOf(fs.readFileSync(f, "utf8")).matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1]);
      return specifiers.filter((s) => !s.startsWith(".") && !ALLOWED_IMPORTS.has(s.replace(/^node:/, ""))).map((s) => `${path.relative(REPO, f)}: ${s}`);
    });
    expect(found).toEqual([]);
  });

  it("calls no browser network API and names no address but office.js", () => {
    const found = files.flatMap((f) => {
      const code = codeOf(fs.readFileSync(f, "utf8"));
      const apis = BROWSER_NETWORK.test(code) ? [`${path.relative(REPO, f)}: ${BROWSER_NETWORK.exec(code)![0]}`] : [];
      const addresses = [...code.matchAll(/\b(?:https?|wss?|ftp):\/\/[^\s"'`<>);]+/g)]
        .map((m) => m[0])
        .filter((url) => !OFFICE_JS.includes(url) && url !== OFFICE_TELEMETRY && !OOXML_NAME.test(url));
      return [...apis, ...addresses.map((url) => `${path.relative(REPO, f)}: ${url}`)];
    });
    expect(found).toEqual([]);
  });

  it("lets the page reach nothing but office.js: its Content-Security-Policy opens no frame or connection to a telemetry service", () => {
    const page = fs.readFileSync(path.join(REPO, "src", "taskpane", "taskpane.html"), "utf8");
    const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(page)?.[1];
    expect(policy).toBeDefined();
    const directives = new Map(policy!.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
    expect(directives.get("connect-src")).toEqual(["'self'"]);
    for (const name of ["default-src", "connect-src", "frame-src", "script-src", "img-src"]) {
      const remote = (directives.get(name) ?? []).filter((source) => /^https?:|^\*/.test(source));
      expect({ directive: name, remote: remote.filter((source) => !OFFICE_JS.includes(source)) }).toEqual({ directive: name, remote: [] });
    }
  });
});
