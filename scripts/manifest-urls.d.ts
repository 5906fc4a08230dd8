/** Types of manifest-urls.js, shared by webpack.config.js and the manifest tests. */
export const urlDev: string;
export function productionUrl(env?: { [name: string]: string | undefined }): string;
export function productionManifest(content: string, url: string): string;
