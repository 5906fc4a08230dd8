/**
 * Bundles the `lac` command line into dist/node/lac.bundle.js, which bin/lac.js (package.json's
 * "bin") runs, then writes V8's code cache of it beside it (dist/node/lac.bundle.cache). One file
 * instead of about a hundred saves Node resolving and reading each, and the cache saves compiling
 * them: together most of what `lac` spent starting before it read a file (docs/benchmarks.md,
 * "Start-up"). `npm run build:node` runs it after tsc, which still writes dist/node/**, the
 * modules the benches and scripts require one by one.
 *
 *   npx webpack --config webpack.cli.config.js
 *
 * commander and Papa Parse are inlined. ExcelJS and JSZip, which only `lac refresh` and
 * `lac example` load, stay in node_modules, required when one of those commands starts.
 */
const path = require("path");
const webpack = require("webpack");

const OUT = path.resolve(__dirname, "dist", "node");

/**
 * Writes the bundle in ASCII, each other character as its \u escape (the £ and × of messages):
 * Node then reads it as one-byte text, half the memory and a few milliseconds less at each start
 * than UTF-8 it must decode. The escape means the same character in a string, a template, a
 * regular expression or a name; only String.raw, or a backslash before the character, would tell
 * them apart, and the build stops if the bundle has either.
 */
class AsciiOnlyPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("AsciiOnlyPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "AsciiOnlyPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE }, (assets) => {
        for (const name of Object.keys(assets).filter((file) => file.endsWith(".js"))) {
          const source = assets[name].source().toString();
          if (/String\.raw|\\[^\x00-\x7f]/.test(source)) throw new Error(`${name} has String.raw or a backslash before a non-ASCII character: AsciiOnlyPlugin cannot escape it`);
          const ascii = source.replace(/[^\x00-\x7f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
          compilation.updateAsset(name, new webpack.sources.RawSource(ascii));
        }
      });
    });
  }
}

/** Writes the code cache once the bundle is on disk, in a process of its own (bin/lac.js runs the bundle to fill it). */
class CodeCachePlugin {
  apply(compiler) {
    compiler.hooks.afterEmit.tapPromise("CodeCachePlugin", async () => {
      const { execFileSync } = require("child_process");
      execFileSync(process.execPath, ["-e", 'require("./bin/lac.js").writeCodeCache()'], { cwd: __dirname, stdio: "inherit" });
    });
  }
}

module.exports = {
  mode: "production",
  target: "node20",
  devtool: false,
  entry: { "lac.bundle": "./src/cli/main.ts" },
  output: {
    path: OUT,
    filename: "[name].js",
    // main.ts's exports (runAsProgram, runCli) are the bundle's, for bin/lac.js.
    library: { type: "commonjs2" },
    // tsc's dist/node/** lives here too: leave it.
    clean: false,
    // A comment naming each module's source file, to read a stack trace or a CPU profile of the bundle by.
    pathinfo: true,
  },
  resolve: { extensions: [".ts", ".js"] },
  externals: { exceljs: "commonjs exceljs", jszip: "commonjs jszip" },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: {
          loader: "ts-loader",
          // Types are checked by tsc (npm run build:node, npm run lint); ES modules let webpack join them into one scope.
          options: { transpileOnly: true, configFile: "tsconfig.node.json", compilerOptions: { module: "es2020", sourceMap: false } },
        },
      },
    ],
  },
  // Readable code and stack traces: minifying would save little once the code cache skips parsing.
  optimization: { minimize: false },
  plugins: [
    // Each command's module is an import() in main.ts, so that Node loads only the one run; in one file, webpack still runs only that one.
    new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
    new AsciiOnlyPlugin(),
    new CodeCachePlugin(),
  ],
  performance: { hints: false },
};
