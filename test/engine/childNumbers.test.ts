import fc from "fast-check";
import { childNumbers, numberChildren, rememberChildNumbers, renumberSelection } from "../../src/engine/childNumbers";
import type { Child, Episode } from "../../src/engine/episodes";
import { buildEpisodeLedger } from "../../src/engine/ledger";
import { anEpisode } from "./builders";

const aChild = (id: string): Child => ({ row: 0, child: id, sex: "1", dob: 0, ethnic: "", uasc: false });

/** What numbering promises, worked out the plain way: table ids first (an id listed twice by its later row), then new ids by first appearance. */
function expectedNumbers(episodes: readonly Episode[], children: readonly Child[]) {
  const ids = children.map((c) => c.child);
  const numberOf = new Map(ids.map((id, c) => [id, c]));
  const ofEpisode = episodes.map((e) => {
    if (!numberOf.has(e.child)) numberOf.set(e.child, ids.push(e.child) - 1);
    return numberOf.get(e.child) as number;
  });
  return { ids, ofEpisode };
}

const plain = (numbers: { ids: readonly string[]; ofEpisode: ArrayLike<number> }) => ({ ids: [...numbers.ids], ofEpisode: Array.from(numbers.ofEpisode) });

/** Episodes of children "A".."H" (runs of one child, as returns list them, and scattered), and a children table of some of them. */
const episodesAndChildren = fc
  .record({
    episodeChildren: fc.array(fc.constantFrom("A", "B", "C", "D", "E", "F", "G", "H"), { maxLength: 40 }),
    tableIds: fc.array(fc.constantFrom("A", "B", "C", "D", "E", "F", "G", "H", "Z"), { maxLength: 10 }),
  })
  .map(({ episodeChildren, tableIds }) => ({
    episodes: episodeChildren.map((child, i) => anEpisode({ child, start: 1000 + i })),
    children: tableIds.map(aChild),
  }));

describe("child numbers", () => {
  test("numberChildren numbers the table's children first, then the others by first appearance", () => {
    fc.assert(
      fc.property(episodesAndChildren, ({ episodes, children }) => {
        expect(plain(numberChildren(episodes, children))).toEqual(expectedNumbers(episodes, children));
      }),
    );
  });

  test("files listed in order of CHILD, as extracts often are, are numbered the same", () => {
    const inOrder = fc
      .record({
        episodeChildren: fc.array(fc.constantFrom("A", "B", "C", "D", "E", "F", "G", "H"), { maxLength: 40 }),
        tableIds: fc.uniqueArray(fc.constantFrom("A", "B", "C", "D", "E", "F", "G", "H", "Z"), { maxLength: 10 }),
      })
      .map(({ episodeChildren, tableIds }) => ({
        episodes: [...episodeChildren].sort().map((child, i) => anEpisode({ child, start: 1000 + i })),
        children: [...tableIds].sort().map(aChild),
      }));
    fc.assert(
      fc.property(inOrder, ({ episodes, children }) => {
        expect(plain(numberChildren(episodes, children))).toEqual(expectedNumbers(episodes, children));
      }),
    );
  });

  test("numbers worked out for a selection of episodes and children equal numbering them afresh", () => {
    const selection = episodesAndChildren.chain(({ episodes, children }) =>
      fc.record({
        episodes: fc.constant(episodes),
        children: fc.constant(children),
        keptEpisodes: fc.array(fc.boolean(), { minLength: episodes.length, maxLength: episodes.length }),
        keptChildren: fc.array(fc.boolean(), { minLength: children.length, maxLength: children.length }),
      }),
    );
    fc.assert(
      fc.property(selection, ({ episodes, children, keptEpisodes, keptChildren }) => {
        const numbers = numberChildren(episodes, children);
        const sourceOf = Int32Array.from(episodes.map((_, i) => i).filter((i) => keptEpisodes[i]));
        const selected = Array.from(sourceOf, (i) => episodes[i]);
        const table = children.filter((_, c) => keptChildren[c]);
        expect(plain(renumberSelection(numbers, selected, sourceOf, table))).toEqual(expectedNumbers(selected, table));
      }),
    );
  });

  test("a ledger's numbers are remembered for its frozen arrays, and equal numbering them afresh", () => {
    fc.assert(
      fc.property(episodesAndChildren, ({ episodes, children }) => {
        const ledger = buildEpisodeLedger(episodes, children);
        expect(Object.isFrozen(ledger.episodes) && Object.isFrozen(ledger.children)).toBe(true);
        const remembered = childNumbers(ledger.episodes, ledger.children);
        expect(childNumbers(ledger.episodes, ledger.children)).toBe(remembered);
        expect(plain(remembered)).toEqual(expectedNumbers(ledger.episodes, ledger.children));
      }),
    );
  });

  test("arrays that could still change are numbered afresh each time", () => {
    const episodes = [anEpisode({ child: "A", start: 1 }), anEpisode({ child: "B", start: 2 })];
    const children = [aChild("B")];
    const numbers = numberChildren(episodes, children);
    rememberChildNumbers(episodes, numbers);
    expect(childNumbers(episodes, children)).not.toBe(numbers);
    episodes.push(anEpisode({ child: "C", start: 3 }));
    expect(plain(childNumbers(episodes, children))).toEqual({ ids: ["B", "A", "C"], ofEpisode: [1, 0, 2] });
  });
});
