/** The parts of Office.js the ribbon commands use, recorded for the tests; importing this installs it. */

export const associated = new Map<string, (event: Office.AddinCommands.Event) => unknown>();
export const showAsTaskpane = jest.fn<Promise<void>, []>(() => Promise.resolve());

Object.assign(globalThis, {
  Office: {
    actions: {
      associate(id: string, action: (event: Office.AddinCommands.Event) => unknown) {
        associated.set(id, action);
      },
    },
    addin: { showAsTaskpane },
  },
});
