/**
 * Every child of a set of episodes numbered once, so that what reads a large return child by
 * child (the check of dates of birth, the ledger, costing, the forecast's cleaning) looks each
 * CHILD id up once between them, not once each: for a million episodes of half a million
 * children, each lookup pass costs a few tenths of a second (docs/benchmarks.md, "Large inputs,
 * third pass").
 *
 * The numbers are those of the children table first, in its order, then the children met only
 * in the episodes, in order of first appearance. A ledger's numbers are worked out as it is built
 * and remembered for its own two arrays, which it freezes; any other arrays are
 * numbered afresh when asked.
 */

import type { Child, Episode } from "./episodes";

export interface ChildNumbers {
  /** The children table the numbers below tableCount index: child c < tableCount is children[c]. */
  readonly children: readonly Child[];
  readonly tableCount: number;
  /** Child c's CHILD id. An id the table lists twice is numbered by its later row; the earlier number has no episodes. */
  readonly ids: readonly string[];
  /** Each episode's child number. */
  readonly ofEpisode: Int32Array;
  /** True when the table lists an id more than once. */
  readonly tableRepeatsIds: boolean;
}

const remembered = new WeakMap<readonly Episode[], ChildNumbers>();

/** The numbers of `episodes`' children against `children`: remembered for a ledger's frozen arrays, else worked out. */
export function childNumbers(episodes: readonly Episode[], children: readonly Child[]): ChildNumbers {
  const known = remembered.get(episodes);
  if (known !== undefined && known.children === children) return known;
  return numberChildren(episodes, children);
}

/**
 * Remembers `numbers` for arrays that can no longer change (frozen): the ledger's. Arrays that
 * could change are not remembered, so a list edited after it was numbered is numbered afresh.
 */
export function rememberChildNumbers(episodes: readonly Episode[], numbers: ChildNumbers): void {
  if (Object.isFrozen(episodes) && Object.isFrozen(numbers.children) && numbers.ofEpisode.length === episodes.length) remembered.set(episodes, numbers);
}

/**
 * Numbers the children of `episodes` against `children` (see ChildNumbers). Extracts often list
 * both files in order of CHILD: then the table is walked beside the episodes, with no map of
 * every child (which, for the 2.3 million children of 5 million episodes, takes seconds).
 */
export function numberChildren(episodes: readonly Episode[], children: readonly Child[]): ChildNumbers {
  const ids = children.map((child) => child.child);
  const tableCount = ids.length;
  // Null when both are in order of CHILD: the table is then walked, row by row, beside the episodes.
  const numberOf = idsInOrder(ids) && episodesInOrderOfChild(episodes) ? null : new Map<string, number>();
  if (numberOf !== null) for (let c = 0; c < tableCount; c++) numberOf.set(ids[c], c);
  const tableRepeatsIds = numberOf !== null && numberOf.size < tableCount;
  const ofEpisode = new Int32Array(episodes.length);
  let previousId: string | undefined;
  let current = -1;
  let row = 0;
  for (let i = 0; i < episodes.length; i++) {
    const id = episodes[i].child;
    // Returns list a child's episodes together: each run of them is one lookup.
    if (id !== previousId) {
      previousId = id;
      let known: number | undefined;
      if (numberOf !== null) known = numberOf.get(id);
      else {
        while (row < tableCount && ids[row] < id) row += 1;
        if (row < tableCount && ids[row] === id) known = row;
      }
      if (known !== undefined) current = known;
      else {
        current = ids.push(id) - 1;
        numberOf?.set(id, current);
      }
    }
    ofEpisode[i] = current;
  }
  return { children, tableCount, ids, ofEpisode, tableRepeatsIds };
}

/** Whether each id sorts after the one before it (so none is listed twice). */
function idsInOrder(ids: readonly string[]): boolean {
  for (let c = 1; c < ids.length; c++) if (!(ids[c - 1] < ids[c])) return false;
  return true;
}

/** Whether the episodes' children never sort before the child of the episode before. */
function episodesInOrderOfChild(episodes: readonly Episode[]): boolean {
  for (let i = 1; i < episodes.length; i++) if (episodes[i].child < episodes[i - 1].child) return false;
  return true;
}

/**
 * The numbers numberChildren(episodes, children) would give, worked out from `numbers` of the
 * episodes they were drawn from without looking an id up: episode i of `episodes` is episode
 * sourceOf[i] of the numbered ones, and `children` keeps some of the numbered table's records in
 * their order (the check of dates of birth rejects some). Numbered afresh should `children` not
 * be such a selection, or the table repeat an id (a record let go of could then leave its id to
 * another).
 */
export function renumberSelection(numbers: ChildNumbers, episodes: readonly Episode[], sourceOf: Int32Array, children: readonly Child[]): ChildNumbers {
  if (numbers.tableRepeatsIds) return numberChildren(episodes, children);
  const newNumber = new Int32Array(numbers.ids.length).fill(-1);
  let kept = 0;
  for (let c = 0; c < numbers.tableCount && kept < children.length; c++) {
    if (numbers.children[c] === children[kept]) newNumber[c] = kept++;
  }
  if (kept !== children.length) return numberChildren(episodes, children);
  const ids = children.map((child) => child.child);
  const ofEpisode = new Int32Array(episodes.length);
  for (let i = 0; i < episodes.length; i++) {
    const old = numbers.ofEpisode[sourceOf[i]];
    let number = newNumber[old];
    if (number < 0) {
      // A child the table no longer lists (or never did), numbered on first appearance.
      number = newNumber[old] = ids.length;
      ids.push(numbers.ids[old]);
    }
    ofEpisode[i] = number;
  }
  return { children, tableCount: children.length, ids, ofEpisode, tableRepeatsIds: false };
}
