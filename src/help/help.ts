/** The help page's list of functions (help.html): the pane's own list, so the two never disagree. */

import { FUNCTION_HELP, FunctionHelp } from "../taskpane/functionHelp";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** A definition list entry per function: its syntax, what it gives and an example formula. */
export function functionReferenceHtml(functions: readonly FunctionHelp[]): string {
  return functions
    .map((f) => `<dt id="${escapeHtml(f.name)}"><code>${escapeHtml(f.syntax)}</code></dt><dd>${escapeHtml(f.help)}<br />Example: <code>${escapeHtml(f.example)}</code></dd>`)
    .join("\n");
}

if (typeof document !== "undefined") {
  const list = document.getElementById("functions");
  if (list) list.innerHTML = functionReferenceHtml(FUNCTION_HELP);
}
