/** Types of no-telemetry.js for the test that checks it switches the Office Add-in tools' usage data off. */
export type UsageDataOutcome = "already off" | "switched off" | "replaced unreadable file";
export function switchOffUsageData(file?: string): UsageDataOutcome;
/** office-addin-usage-data.json in the user's home folder, where the tools read their setting. */
export function usageDataFile(): string;
