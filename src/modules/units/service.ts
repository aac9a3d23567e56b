/**
 * The units module's use cases. Other modules use ONLY these functions (and types from model.ts).
 * Reads take an optional `at` date ('YYYY-MM-DD', Vietnam civil date; today by default) and
 * answer as the tree stood that day.
 *
 * This file is the module's public face; the code is in service/:
 *   service/tree.ts     the reads: a unit, its name, its place in the tree, its ending and heirs, its history
 *   service/places.ts   addresses: the places an address names, old names accepted
 *   service/changes.ts  the changes: rename, move, merge, retire, create, contacts
 *   service/commit.ts   how a change is loaded, checked (the admin's reach) and committed
 *   service/common.ts   the day asked about, the tree loaded on a day
 */
export type { TreeNode, UnitView, UnitEvent, UnitVersion, AgencyType, Level, UnitKind } from './model';

export { today } from './service/common';
export {
  getUnit,
  unitNameAt,
  unitNameOrLast,
  unitNearest,
  unitTree,
  ancestorIds,
  descendantIds,
  listAgencies,
  provinceOf,
  homeProvince,
  changeDates,
  successorOf,
  unitEnding,
  communeHeirs,
  predecessorIds,
  predecessorLookup,
  coveredIds,
  grantReach,
  unitHistory,
  type UnitEnding,
  type UnitHistory,
} from './service/tree';
export { addressPlaces, normaliseAddressNow, issuerNormaliser } from './service/places';
export {
  renameUnit,
  moveUnit,
  mergeUnits,
  retireUnit,
  createUnit,
  setContacts,
  type RenameInput,
  type MoveInput,
  type MergeInput,
  type RetireInput,
  type CreateInput,
} from './service/changes';
