/** The pane's entry point: render the app over the open workbook once Office.js is ready. */

import { createRoot } from "react-dom/client";
import { openNewWorkbookInExcel } from "../workbook/office/newWorkbook";
import { OfficeWorkbook } from "../workbook/office/officeWorkbook";
import { watchSheetInExcel } from "../workbook/office/sheetEvents";
import { App } from "./components/App";

Office.onReady(() => {
  const container = document.getElementById("container");
  // Opened outside Excel there is no workbook: the page keeps saying how to sideload the add-in.
  if (container === null || typeof Excel === "undefined") return;
  document.getElementById("sideload-message")?.remove();
  createRoot(container).render(<App host={{ port: new OfficeWorkbook(), openWorkbook: openNewWorkbookInExcel, watchSheet: watchSheetInExcel }} />);
});
