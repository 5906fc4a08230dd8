/**
 * Where the add-in is served: the webpack dev server in development, and the production host
 * that `npm run build` writes into dist/manifest.prod.xml. Used by webpack.config.js and the tests.
 */
"use strict";

const urlDev = "https://localhost:3000/";

/**
 * The production host. The placeholder follows Microsoft's add-in templates; set LAC_ADDIN_URL
 * (https, with a trailing slash) when building for a real host, e.g.
 *   LAC_ADDIN_URL=https://finance.example.gov.uk/lac/ npm run build
 */
const urlProd = process.env.LAC_ADDIN_URL || "https://www.contoso.com/";

/** The manifest as production needs it: every dev-server URL moved to the production host. */
function productionManifest(content, productionUrl = urlProd) {
  if (!/^https:\/\/[^/\s]+\/([^\s]*\/)?$/.test(productionUrl)) {
    throw new Error(`the production URL "${productionUrl}" must start with https:// and end with a slash`);
  }
  return content.split(urlDev).join(productionUrl);
}

module.exports = { urlDev, urlProd, productionManifest };
