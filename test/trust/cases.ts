/**
 * Counts the generated cases each trust suite runs, so that docs/trust-and-privacy.md can quote a total that
 * was measured rather than estimated. Each suite writes test-output/trust-cases/<suite>.json;
 * test-output/trust-cases.json is rebuilt from those files by whichever suite finishes last.
 */

import fs from "fs";
import path from "path";

const OUTPUT = path.resolve(__dirname, "..", "..", "test-output");
const PER_SUITE = path.join(OUTPUT, "trust-cases");

export class CaseCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly suite: string) {}

  /** Counts one generated case (or `n`) under a property's name. */
  add(property: string, n = 1): void {
    this.counts.set(property, (this.counts.get(property) ?? 0) + n);
  }

  /** Writes the counts; call from afterAll. */
  write(): void {
    const byProperty = Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
    const total = [...this.counts.values()].reduce((sum, n) => sum + n, 0);
    fs.mkdirSync(PER_SUITE, { recursive: true });
    writeAtomically(path.join(PER_SUITE, `${this.suite}.json`), { suite: this.suite, total, byProperty });
    console.log(`trust suite ${this.suite}: ${total} generated cases`);

    const suites = fs
      .readdirSync(PER_SUITE)
      .filter((name) => name.endsWith(".json"))
      .map((name) => JSON.parse(fs.readFileSync(path.join(PER_SUITE, name), "utf8")) as { suite: string; total: number });
    writeAtomically(path.join(OUTPUT, "trust-cases.json"), {
      total: suites.reduce((sum, s) => sum + s.total, 0),
      bySuite: Object.fromEntries(suites.map((s) => [s.suite, s.total])),
    });
  }
}

/** Two suites may finish at once: a rename never leaves a half-written file for the other to read. */
function writeAtomically(file: string, value: unknown): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(temporary, file);
}
