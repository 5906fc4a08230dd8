/**
 * No telemetry: the project sends none of its own (see cli.noNetwork.test.ts), and the Office
 * Add-in tools its scripts run have their usage data switched off first, by scripts/no-telemetry.js.
 */

import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import * as usageData from "office-addin-usage-data";
import { switchOffUsageData, usageDataFile } from "../../scripts/no-telemetry";

const REPO = path.resolve(__dirname, "..", "..");
const SCRIPT = path.join(REPO, "scripts", "no-telemetry.js");
const OFF = { usageDataInstances: { "office-addin-usage-data": { usageDataLevel: "off" } } };

let home: string;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "lac-telemetry-"));
});
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

const settingsIn = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

describe("scripts/no-telemetry.js", () => {
  it("writes the setting where office-addin-usage-data reads it, under the name it reads", () => {
    expect(usageDataFile()).toBe(usageData.usageDataJsonFilePath);
    expect(usageData.groupName).toBe("office-addin-usage-data");
    expect(usageData.UsageDataLevel.off).toBe("off");
  });

  it("creates the setting, switched off, when there is none", () => {
    const file = path.join(home, "office-addin-usage-data.json");
    expect(switchOffUsageData(file)).toBe("switched off");
    expect(settingsIn(file)).toEqual(OFF);
    expect(switchOffUsageData(file)).toBe("already off");
  });

  it("turns a setting that is on to off, keeping the file's other settings", () => {
    const file = path.join(home, "office-addin-usage-data.json");
    const other = { usageDataLevel: "on", deviceID: "kept" };
    fs.writeFileSync(file, JSON.stringify({ usageDataInstances: { "office-addin-usage-data": { usageDataLevel: "on", deviceID: "abc" }, "other-tool": other }, extra: 1 }));
    expect(switchOffUsageData(file)).toBe("switched off");
    expect(settingsIn(file)).toEqual({
      usageDataInstances: { "office-addin-usage-data": { usageDataLevel: "off", deviceID: "abc" }, "other-tool": other },
      extra: 1,
    });
  });

  it("puts aside a file it cannot read and writes the setting afresh", () => {
    const file = path.join(home, "office-addin-usage-data.json");
    for (const text of ["{not json", "[1,2]", "null"]) {
      fs.writeFileSync(file, text);
      expect(switchOffUsageData(file)).toBe("replaced unreadable file");
      expect(settingsIn(file)).toEqual(OFF);
      expect(fs.readFileSync(`${file}.bak`, "utf8")).toBe(text);
    }
  });

  it("run as a command, switches off the setting in the user's home folder, and fails when it cannot", () => {
    const env = { ...process.env, HOME: home, USERPROFILE: home };
    const run = spawnSync(process.execPath, [SCRIPT], { env, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/switched off/);
    expect(settingsIn(path.join(home, "office-addin-usage-data.json"))).toEqual(OFF);
    expect(spawnSync(process.execPath, [SCRIPT], { env, encoding: "utf8" }).stdout).toBe("");

    const missingHome = path.join(home, "no", "such", "folder");
    const failed = spawnSync(process.execPath, [SCRIPT], { env: { ...env, HOME: missingHome, USERPROFILE: missingHome }, encoding: "utf8" });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/Could not switch off/);
  });
});

describe("the project's npm scripts", () => {
  // Fails until package.json's scripts are wired as below (the lead edits package.json).
  it("switch the tools' usage data off before every script that runs an Office Add-in tool", () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).scripts as Record<string, string>;
    // The tools directly, the dev server (webpack.config.js loads office-addin-dev-certs), and start.js (office-addin-debugging).
    const runsTools = (command: string) => /office-addin-|webpack serve|scripts\/start\.js/.test(command);
    const unguarded = Object.entries(scripts)
      .filter(([, command]) => runsTools(command))
      .filter(([, command]) => !command.startsWith("node scripts/no-telemetry.js && "))
      .map(([name, command]) => `${name}: ${command}`);
    expect(unguarded).toEqual([]);
    expect(Object.values(scripts).some((command) => /office-addin-usage-data on/.test(command))).toBe(false);
  });
});
