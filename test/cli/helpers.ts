import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../../src/cli/main";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `lac` in this process, capturing what it writes. */
export async function lac(...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

export function temporaryFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "lac-cli-test-"));
}

export function removeFolder(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true });
}

/** `lac example --no-reports` then `lac refresh --out` in `folder`: the refreshed workbook's path and what the refresh printed. */
export async function refreshedExample(folder: string): Promise<{ refreshed: string; stdout: string }> {
  const example = path.join(folder, "example.xlsx");
  const refreshed = path.join(folder, "refreshed.xlsx");
  const made = await lac("example", "--no-reports", "--out", example);
  if (made.code !== 0) throw new Error(`lac example failed: ${made.stderr}`);
  const run = await lac("refresh", example, "--out", refreshed);
  if (run.code !== 0) throw new Error(`lac refresh failed: ${run.stderr}`);
  return { refreshed, stdout: run.stdout };
}
