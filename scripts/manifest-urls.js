/**
 * Where the add-in is served: the webpack dev server in development, and the production host
 * that `npm run build:prod` writes into dist/manifest.prod.xml. Used by webpack.config.js and the tests.
 */
"use strict";

const urlDev = "https://localhost:3000/";

/** Hosts that only stand in for a real one: the placeholder of Microsoft's templates, and this machine. */
const PLACEHOLDER_HOSTS = /^(([^.]+\.)*contoso\.com|localhost|127\.0\.0\.1)$/i;

/** Throws, with the reason, unless `url` can be a production host: https, a real host name, a trailing slash. */
function checkProductionUrl(url) {
  const match = /^https:\/\/([^/:\s]+)(:\d+)?\/([^\s]*\/)?$/.exec(url);
  if (!match) throw new Error(`the production URL "${url}" must start with https:// and end with a slash`);
  if (PLACEHOLDER_HOSTS.test(match[1])) {
    throw new Error(`the production URL "${url}" is a placeholder, not the host the add-in is served from: set LAC_ADDIN_URL to your web server's address`);
  }
}

/**
 * The production host, from LAC_ADDIN_URL (https, with a trailing slash), e.g.
 *   LAC_ADDIN_URL=https://finance.example.gov.uk/lac/ npm run build:prod
 * There is no default: a manifest pointing at a made-up host installs an add-in that never loads.
 */
function productionUrl(env = process.env) {
  const url = env.LAC_ADDIN_URL;
  if (!url) {
    throw new Error(
      "LAC_ADDIN_URL is not set: a production manifest needs the https address the add-in is served from, " +
        "e.g. LAC_ADDIN_URL=https://finance.example.gov.uk/lac/ npm run build:prod",
    );
  }
  checkProductionUrl(url);
  return url;
}

/** The manifest as production needs it: every dev-server URL moved to the production host. */
function productionManifest(content, url) {
  checkProductionUrl(url);
  return content.split(urlDev).join(url);
}

module.exports = { urlDev, productionUrl, productionManifest };
