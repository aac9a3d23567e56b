/** Tables of the catalogue module, as Kysely sees them. */
export interface CatalogueTables {}
