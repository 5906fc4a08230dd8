import { renderToString } from "react-dom/server";
import { App, APP_TITLE } from "../../src/taskpane/components/App";
import { FUNCTION_HELP } from "../../src/taskpane/functionHelp";
import { dismissNotice, postNotice } from "../../src/taskpane/notices";

/** React escapes text; compare against the same escaping. */
function escaped(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

describe("task pane", () => {
  afterEach(() => dismissNotice());

  it("shows the title and every function with its syntax, help and example", () => {
    const html = renderToString(<App />);
    expect(html).toContain(`>${APP_TITLE}<`);
    expect(APP_TITLE).toBe("LAC Cost Engine");
    for (const fn of FUNCTION_HELP) {
      expect(html).toContain(escaped(fn.syntax));
      expect(html).toContain(escaped(fn.help));
      expect(html).toContain(escaped(fn.example));
    }
  });

  it("shows a notice posted before it opened, as the ribbon's Refresh report does", () => {
    expect(renderToString(<App />)).not.toContain("Nothing to refresh yet");
    postNotice({ intent: "warning", title: "Refresh report", message: "Nothing to refresh yet." });
    const html = renderToString(<App />);
    expect(html).toContain("Refresh report");
    expect(html).toContain("Nothing to refresh yet.");
  });
});
