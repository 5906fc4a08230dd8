#!/usr/bin/env node
/**
 * Switches off the usage data ("telemetry") of Microsoft's Office Add-in tools before the
 * project's scripts run them (office-addin-debugging, office-addin-dev-certs, which the webpack
 * dev server loads, and office-addin-manifest):
 *
 *   node scripts/no-telemetry.js && office-addin-debugging stop manifest.xml
 *
 * Those tools report through the office-addin-usage-data package, which has no environment
 * variable: it reads one setting from office-addin-usage-data.json in the user's home folder,
 *   { "usageDataInstances": { "office-addin-usage-data": { "usageDataLevel": "off" } } }
 * — the file `npx office-addin-usage-data off` writes. Versions 2.1 and later of the package send
 * nothing whatever the setting; earlier ones (a global install, an older lock file) obey it. The
 * setting belongs to the user, so one run also covers the tools when run directly with npx.
 *
 * Other settings in the file are kept. A file that is not JSON is put aside as .bak, since the
 * tools cannot read it either. If the setting cannot be written the script fails, so that a
 * script chained after it with && does not run the tools with their usage data on.
 */
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");

const GROUP = "office-addin-usage-data";

function usageDataFile() {
  return path.join(os.homedir(), "office-addin-usage-data.json");
}

/** Reads the settings file: its content, {} when there is none, or null when it is not a JSON object. */
function readSettings(file) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return {};
    throw error;
  }
  if (text.trim() === "") return {};
  try {
    const settings = JSON.parse(text);
    return settings !== null && typeof settings === "object" && !Array.isArray(settings) ? settings : null;
  } catch {
    return null;
  }
}

/** Sets the tools' usage data level to off; returns "already off", "switched off" or "replaced unreadable file". */
function switchOffUsageData(file = usageDataFile()) {
  let settings = readSettings(file);
  let outcome = "switched off";
  if (settings === null) {
    fs.renameSync(file, `${file}.bak`);
    settings = {};
    outcome = "replaced unreadable file";
  }
  const instances = settings.usageDataInstances !== null && typeof settings.usageDataInstances === "object" ? settings.usageDataInstances : {};
  const group = instances[GROUP] !== null && typeof instances[GROUP] === "object" ? instances[GROUP] : {};
  if (group.usageDataLevel === "off" && outcome === "switched off") return "already off";
  settings.usageDataInstances = { ...instances, [GROUP]: { ...group, usageDataLevel: "off" } };
  fs.writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
  return outcome;
}

if (require.main === module) {
  const file = usageDataFile();
  try {
    const outcome = switchOffUsageData(file);
    if (outcome === "switched off") console.log(`Usage data of the Office Add-in tools switched off (${file}).`);
    if (outcome === "replaced unreadable file") console.log(`Usage data of the Office Add-in tools switched off; the unreadable ${file} was kept as ${file}.bak.`);
  } catch (error) {
    console.error(`Could not switch off the Office Add-in tools' usage data in ${file}: ${error.message}`);
    console.error("Run `npx office-addin-usage-data off`, or fix the file, before running the tools.");
    process.exitCode = 1;
  }
}

module.exports = { switchOffUsageData, usageDataFile };
