import { renderToString } from "react-dom/server";
import { App, APP_TITLE } from "../../src/taskpane/components/App";
import { FUNCTION_HELP } from "../../src/taskpane/functionHelp";
import { dismissNotice, postNotice } from "../../src/taskpane/notices";
import { FakeWorkbook } from "../reports/fakeWorkbook";

/** React escapes text; compare against the same escaping. */
function escaped(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

const host = { port: new FakeWorkbook() };

describe("task pane", () => {
  afterEach(() => dismissNotice());

  it("shows the title and a section for each job, with Refresh report open", () => {
    const html = renderToString(<App host={host} />);
    expect(html).toContain(`>${APP_TITLE}<`);
    expect(APP_TITLE).toBe("LAC Cost Engine");
    for (const section of ["Data", "Costs", "Forecast", "Scenarios", "Budget", "Refresh report", "Functions"]) expect(html).toContain(`>${section}<`);
    expect(html).toContain("Rebuilds every LAC report sheet from the latest data");
  });

  it("lists every function with its syntax, help and example in the Functions section", () => {
    const html = renderToString(<App host={host} initiallyOpen={["functions"]} />);
    for (const fn of FUNCTION_HELP) {
      expect(html).toContain(escaped(fn.syntax));
      expect(html).toContain(escaped(fn.help));
      expect(html).toContain(escaped(fn.example));
    }
  });

  it("shows each scenario preset as a button", () => {
    const html = renderToString(<App host={host} initiallyOpen={["scenarios"]} />);
    for (const preset of [
      "Children&#x27;s home → in-house foster care",
      "IFA → in-house foster care",
      "Children&#x27;s home → supported accommodation",
      "Reduce entries by 10%",
      "Increase reunification by 20%",
      "Agency social workers → permanent",
    ]) {
      expect(html).toContain(preset);
    }
  });

  it("offers to add the national unit costs as a table in the Costs section", () => {
    const html = renderToString(<App host={host} initiallyOpen={["costs"]} />);
    expect(html).toContain("Add the national unit costs as a table");
    expect(html).toContain("costed at national average unit costs, and LAC Costs says how much");
  });

  it("has date boxes in UK order, never the browser's own date picker (which follows its locale)", () => {
    for (const section of ["costs", "forecast"] as const) {
      const html = renderToString(<App host={host} initiallyOpen={[section]} />);
      expect(html).not.toContain('type="date"');
      expect(html).toContain('placeholder="dd/mm/yyyy"');
    }
  });

  it("shows a notice posted before it opened, as the ribbon's Refresh report does", () => {
    expect(renderToString(<App host={host} />)).not.toContain("Rebuilt LAC Costs");
    postNotice({ intent: "success", title: "Report refreshed", message: "Rebuilt LAC Costs." });
    const html = renderToString(<App host={host} />);
    expect(html).toContain("Report refreshed");
    expect(html).toContain("Rebuilt LAC Costs.");
  });
});
