/**
 * Unit, property and contract tests run under ts-jest, in two projects. `npm test` (and CI, through
 * .ci/run) runs both; `npm run test:fast` runs "fast" alone, for a developer between edits
 * (docs/developers.md, "Tests"). "slow" holds what needs another program or a whole process:
 * the browser test (which builds the pane first), the LibreOffice renders, and `lac` or
 * `npm start` run as processes of their own.
 */
const SLOW_TESTS = [
  "<rootDir>/test/browser/**/*.test.ts",
  "<rootDir>/test/examples/libreoffice.test.ts",
  "<rootDir>/test/examples/charts.test.ts",
  "<rootDir>/test/cli/refresh-preserves.test.ts",
  "<rootDir>/test/cli/processSafety.test.ts",
  "<rootDir>/test/cli/start.test.ts",
  "<rootDir>/test/cli/bin.test.ts",
];

const project = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
};

module.exports = {
  testTimeout: 60000,
  projects: [
    {
      ...project,
      displayName: "fast",
      testMatch: ["<rootDir>/test/**/*.test.ts", "<rootDir>/test/**/*.test.tsx"],
      testPathIgnorePatterns: ["/node_modules/", ...SLOW_TESTS.map(pathPattern)],
    },
    { ...project, displayName: "slow", testMatch: SLOW_TESTS },
  ],
};

/** A testMatch glob as the path pattern testPathIgnorePatterns takes. */
function pathPattern(glob) {
  return glob
    .replace("<rootDir>", __dirname)
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace("\\*\\*/\\*", ".*");
}
