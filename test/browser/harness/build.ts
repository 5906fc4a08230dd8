/**
 * Builds what the browser test serves, with webpack's Node API: the add-in exactly as
 * webpack.config.js builds it (development mode, so it takes seconds), into its own folder under
 * test-output/ so that dist/ is never touched, and the fake Excel host bundled for the page.
 */

import * as path from "path";
import webpack, { Configuration } from "webpack";

const ROOT = path.resolve(__dirname, "../../..");
export const OUTPUT = path.join(ROOT, "test-output", "browser");
export const PANE_DIR = path.join(OUTPUT, "pane");
export const HOST_SCRIPT = path.join(OUTPUT, "harness", "excelHost.js");
const SHIMS = path.join(__dirname, "shims.js");

function compile(configs: Configuration[]): Promise<void> {
  return new Promise((resolve, reject) => {
    webpack(configs, (error, stats) => {
      if (error) return reject(error);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true, errorDetails: true })));
      resolve();
    });
  });
}

export async function buildForBrowserTest(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const addinConfig = require(path.join(ROOT, "webpack.config.js")) as (env: object, options: { mode: string }) => Promise<Configuration>;
  const pane = await addinConfig({}, { mode: "development" });
  // The config reads the mode from webpack's command line; the Node API needs it in the config.
  pane.mode = "development";
  pane.context = ROOT;
  pane.output = { ...pane.output, path: PANE_DIR };
  pane.infrastructureLogging = { level: "error" };

  const harness: Configuration = {
    mode: "development",
    devtool: false,
    context: ROOT,
    entry: { excelHost: path.join(__dirname, "excelHost.ts") },
    output: { path: path.dirname(HOST_SCRIPT), filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".js"], alias: { "office-addin-manifest": SHIMS } },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "es2020" } } } }],
    },
    plugins: [new webpack.ProvidePlugin({ jest: [SHIMS, "jest"], Buffer: [SHIMS, "Buffer"] })],
  };
  await compile([pane, harness]);
}
