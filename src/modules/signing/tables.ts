/** Tables of the signing module, as Kysely sees them. */
export interface SigningTables {}
