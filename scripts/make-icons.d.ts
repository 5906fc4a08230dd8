/** Types of make-icons.js for the tests that check the committed icons are the ones it draws. */
export const SIZES: readonly number[];
/** RGBA pixels of the icon at `size` × `size`, row by row. */
export function drawIcon(size: number): Buffer;
export function encodePng(size: number, rgba: Buffer): Buffer;
export function crc32(bytes: Uint8Array): number;
