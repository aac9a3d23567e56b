/**
 * Known exceptions to the dependency rule, each an exact (file, import) pair of repository
 * paths without extension, with why it is still there and what removes it
 * (docs/architecture.md, "Known debt"). The rule fails on a pair not listed here and on a
 * listed pair that no longer occurs: this list only shrinks.
 */
export const DEBT = [
  // Procedures' agencies are resolved on the demo tree (DEMO ids): the tree must come from the
  // units service at the dossier's date (units.coveredIds), not from demo data.
  { from: 'src/modules/catalogue/agencies', to: 'src/modules/units/demo' },
];
