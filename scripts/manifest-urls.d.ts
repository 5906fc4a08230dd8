/** Types of manifest-urls.js, shared by webpack.config.js and the manifest tests. */
export const urlDev: string;
export const urlProd: string;
export function productionManifest(content: string, productionUrl?: string): string;
