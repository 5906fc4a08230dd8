import { associated, showAsTaskpane } from "./officeMock";
import { REFRESH_NOT_AVAILABLE, refreshReport } from "../../src/commands/commands";
import { dismissNotice, latestNotice, onNotice } from "../../src/taskpane/notices";

function commandEvent() {
  return { completed: jest.fn(), source: { id: "LAC.RefreshReport" } } as unknown as Office.AddinCommands.Event & { completed: jest.Mock };
}

describe("Refresh report (ribbon)", () => {
  beforeEach(() => {
    dismissNotice();
    showAsTaskpane.mockReset();
    showAsTaskpane.mockResolvedValue(undefined);
  });

  it("is registered under the manifest's function name", () => {
    expect(associated.get("refreshReport")).toBe(refreshReport);
  });

  it("opens the pane with a notice that refreshing is not available yet, and completes the event", async () => {
    const heard: string[] = [];
    const stop = onNotice((notice) => heard.push(notice.message));
    const event = commandEvent();
    await refreshReport(event);
    stop();
    expect(heard).toEqual([REFRESH_NOT_AVAILABLE]);
    expect(latestNotice()).toEqual({ intent: "warning", title: "Refresh report", message: REFRESH_NOT_AVAILABLE });
    expect(showAsTaskpane).toHaveBeenCalledTimes(1);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it("still completes the event when the pane cannot be shown", async () => {
    showAsTaskpane.mockRejectedValue(new Error("not supported"));
    const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const event = commandEvent();
    await refreshReport(event);
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(logged).toHaveBeenCalledWith("Refresh report: could not open the pane", expect.any(Error));
    logged.mockRestore();
  });
});
