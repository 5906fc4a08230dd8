/** The pane's entry point: render the app once Office.js is ready. */

import { createRoot } from "react-dom/client";
import { App } from "./components/App";

Office.onReady(() => {
  const container = document.getElementById("container");
  if (container === null) return;
  document.getElementById("sideload-message")?.remove();
  createRoot(container).render(<App />);
});
