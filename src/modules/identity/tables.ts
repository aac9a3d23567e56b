/** Tables of the identity module, as Kysely sees them. */
export interface IdentityTables {}
