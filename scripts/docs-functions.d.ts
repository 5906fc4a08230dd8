/** Types of docs-functions.js, for test/docs/functions.test.ts. */
export function functionsReference(
  metadata: { functions: { name: string; description?: string; parameters: { name: string; description?: string; optional?: boolean }[] }[] },
  paneHelp: readonly { name: string; help: string; example: string }[],
  namespace: string,
): string;
export function pageWithReference(page: string, reference: string): string;
export const PAGE: string;
