/**
 * Builds the Excel add-in into dist/: one shared-runtime page (taskpane.html) that loads the
 * pane, the ribbon commands and the custom functions, plus functions.json (the functions'
 * metadata, generated from the JSDoc in src/functions/functions.ts), the help page, the icons
 * and the manifest.
 *
 *   npx webpack --mode development    dist/ with manifest.dev.xml pointing at https://localhost:3000/
 *   npx webpack --mode production     minified, with manifest.dev.xml (what `npm run build` and CI do)
 *   npx webpack --mode production --env prodManifest
 *                                     minified, with manifest.prod.xml on the production host
 *                                     LAC_ADDIN_URL (`npm run build:prod`; see scripts/manifest-urls.js).
 *                                     The build fails, saying why, if LAC_ADDIN_URL is missing or a placeholder.
 *   npx webpack serve --mode development    the https dev server on port 3000 (needs dev certificates)
 */
const path = require("path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const { productionManifest, productionUrl } = require("./scripts/manifest-urls");

const FUNCTIONS_SOURCE = "./src/functions/functions.ts";

async function devServerHttpsOptions() {
  // Required here, not at the top, so that a plain build never needs certificates.
  const devCerts = require("office-addin-dev-certs");
  const options = await devCerts.getHttpsServerOptions();
  return { ca: options.ca, key: options.key, cert: options.cert };
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const serving = Boolean(env && env.WEBPACK_SERVE);
  // A production manifest is written when asked for, or when LAC_ADDIN_URL names the host; productionUrl()
  // throws (failing the build with its reason) when there is no real host to point it at.
  const productionHost = !dev && ((env && env.prodManifest) || process.env.LAC_ADDIN_URL) ? productionUrl() : null;
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      functions: FUNCTIONS_SOURCE,
      help: "./src/help/help.ts",
      // The pane's Web Worker (docs/task-pane-worker.md): one file with its own webpack runtime, loaded as engine-worker.js.
      "engine-worker": { import: "./src/taskpane/engine.worker.ts", runtime: false },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // dist/node holds the command line's build (tsc -p tsconfig.node.json): leave it alone.
      clean: { keep: /^node[\\/]/ },
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // The pane's committee pack loads the file adapter, which opens and repacks files with Node's
      // fs and zlib on the command line only: a new workbook in the browser needs neither.
      fallback: { fs: false, zlib: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              // Types are checked by `npm run lint` (tsc --noEmit); ES modules let webpack drop unused Fluent UI code.
              transpileOnly: true,
              compilerOptions: { module: "es2020", sourceMap: dev },
            },
          },
        },
      ],
    },
    plugins: [
      // The file adapter hands back its bytes as a Buffer, as the command line writes them.
      new webpack.ProvidePlugin({ Buffer: ["buffer", "Buffer"] }),
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: FUNCTIONS_SOURCE,
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // The shared runtime loads this one page for the pane, the ribbon and the functions.
        chunks: ["taskpane", "commands", "functions"],
        chunksSortMode: "manual",
      }),
      // The manifest's SupportUrl and LearnMoreUrl: the functions and where to get help, read outside Excel.
      new HtmlWebpackPlugin({ filename: "help.html", template: "./src/help/help.html", chunks: ["help"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: productionHost ? "manifest.prod.xml" : "manifest.dev.xml",
            transform(content) {
              return productionHost ? productionManifest(content.toString(), productionHost) : content;
            },
          },
        ],
      }),
    ],
    optimization: {
      // The three entries run in one page: one webpack runtime and shared chunks load the engine
      // and the reports once, and give the pane and the ribbon command the same module instances.
      // The worker runs alone in its own thread, so it shares no chunk with them.
      runtimeChunk: "single",
      splitChunks: { chunks: (chunk) => chunk.name !== "engine-worker" },
    },
    performance: {
      // React and Fluent UI make a pane bundle of several hundred kB; the limit warns past 1 MB.
      maxAssetSize: 1024 * 1024,
      maxEntrypointSize: 1024 * 1024,
    },
    devServer: serving
      ? {
          // Serve only what this build emits, never stale files left in dist/.
          static: false,
          headers: { "Access-Control-Allow-Origin": "*" },
          server: { type: "https", options: await devServerHttpsOptions() },
          port: Number(process.env.npm_package_config_dev_server_port) || 3000,
        }
      : undefined,
  };
};

