/** Tables of the units module, as Kysely sees them. */
export interface UnitsTables {}
