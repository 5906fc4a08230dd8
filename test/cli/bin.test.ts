/**
 * `lac` as package.json's "bin" runs it: bin/lac.js starting the bundle npm run build:node
 * writes (webpack.cli.config.js), with its V8 code cache. The bundle must print what the sources
 * print, and the cache must only ever be a shortcut: a stale, damaged or refused one changes
 * nothing but the time.
 */

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { lac, removeFolder, temporaryFolder } from "./helpers";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "lac.js");
const BUNDLE = path.join(ROOT, "dist", "node", "lac.bundle.js");
const CODE_CACHE = path.join(ROOT, "dist", "node", "lac.bundle.cache");
const built = fs.existsSync(BUNDLE) && fs.existsSync(CODE_CACHE);
if (!built) console.log("test/cli/bin.test.ts: skipped, the bundle is not built (npm run build:node)");
const describeBuilt = built ? describe : describe.skip;

function runBin(bin: string, args: readonly string[], nodeOptions: readonly string[] = []) {
  const run = spawnSync(process.execPath, [...nodeOptions, bin, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describeBuilt("bin/lac.js", () => {
  let folder: string;
  let costs: string[];
  let forecast: string[];
  beforeAll(async () => {
    folder = temporaryFolder();
    expect((await lac("sample", "--out", folder, "--children", "200", "--seed", "7")).code).toBe(0);
    const inputs = ["--episodes", path.join(folder, "episodes.csv"), "--children", path.join(folder, "header.csv")];
    costs = ["costs", ...inputs, "--from", "2023-04-01", "--to", "2024-03-31"];
    forecast = ["forecast", ...inputs, "--months", "12"];
  });
  afterAll(() => removeFolder(folder));

  it("prints what the sources print, £ and × included, for costs, forecast and help", async () => {
    for (const args of [costs, forecast, ["forecast", "--help"]]) {
      const fromSources = await lac(...args);
      const fromBin = runBin(BIN, args);
      expect({ args, code: fromBin.code, stderr: fromBin.stderr }).toEqual({ args, code: fromSources.code, stderr: fromSources.stderr });
      expect(fromBin.stdout).toBe(fromSources.stdout);
    }
    expect((await lac(...costs)).stdout).toMatch(/£[\d,]+/);
  });

  it("compiles the bundle with its code cache when the cache is the bundle's own", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const launcher = require(BIN) as { compileBundle(cache: Buffer | undefined): { cachedDataRejected?: boolean }; freshCodeCache(): Buffer | undefined };
    const cache = launcher.freshCodeCache();
    expect(cache).toBeInstanceOf(Buffer);
    expect(launcher.compileBundle(cache).cachedDataRejected).toBe(false);
  });

  describe("on a copy of the package", () => {
    let copy: string;
    let copiedBin: string;
    let copiedCache: string;
    let expected: string;
    beforeAll(async () => {
      copy = temporaryFolder();
      copiedBin = path.join(copy, "bin", "lac.js");
      copiedCache = path.join(copy, "dist", "node", "lac.bundle.cache");
      fs.mkdirSync(path.dirname(copiedBin), { recursive: true });
      fs.mkdirSync(path.dirname(copiedCache), { recursive: true });
      fs.copyFileSync(BIN, copiedBin);
      fs.copyFileSync(BUNDLE, path.join(copy, "dist", "node", "lac.bundle.js"));
      expected = (await lac(...costs)).stdout;
    });
    afterAll(() => removeFolder(copy));

    it.each([
      ["a cache older than the bundle", () => fs.utimesSync(copiedCache, new Date(2000, 0, 1), new Date(2000, 0, 1))],
      ["a damaged cache", () => fs.writeFileSync(copiedCache, Buffer.alloc(4096, 7))],
      ["no cache", () => fs.rmSync(copiedCache)],
    ])("runs the same with %s, saying nothing of it", (_, spoil) => {
      fs.copyFileSync(CODE_CACHE, copiedCache);
      spoil();
      expect(runBin(copiedBin, costs)).toEqual({ code: 0, stdout: expected, stderr: "" });
    });

    it("runs a rebuilt bundle as it now is, not as the older cache of a bundle of the same length had it", () => {
      fs.copyFileSync(CODE_CACHE, copiedCache);
      fs.utimesSync(copiedCache, new Date(2000, 0, 1), new Date(2000, 0, 1));
      // V8 checks a cache against its source's length only: a same-length change is what the launcher's date check is for.
      const rebuilt = fs.readFileSync(BUNDLE, "utf8").replace("By placement group", "BY PLACEMENT GROUP");
      fs.writeFileSync(path.join(copy, "dist", "node", "lac.bundle.js"), rebuilt);
      const run = runBin(copiedBin, costs);
      fs.copyFileSync(BUNDLE, path.join(copy, "dist", "node", "lac.bundle.js"));
      expect(run.stdout).toBe(expected.replace("By placement group", "BY PLACEMENT GROUP"));
    });

    it("runs the same when V8 refuses the cache (other V8 flags than the build's)", () => {
      fs.copyFileSync(CODE_CACHE, copiedCache);
      expect(runBin(copiedBin, costs, ["--max-semi-space-size=32"])).toEqual({ code: 0, stdout: expected, stderr: "" });
    });

    it("says how to build it when the bundle is missing", () => {
      fs.rmSync(path.join(copy, "dist", "node", "lac.bundle.js"));
      const run = runBin(copiedBin, ["--help"]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^error: lac is not built \(.*lac\.bundle\.js is missing\): run npm run build:node\n$/);
    });
  });
});
