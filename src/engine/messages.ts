/** How the engine turns what went wrong into words for a sheet, a note or a summary line. */

/** The message of an error, or the thing thrown in words. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
