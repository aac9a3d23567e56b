/** Tables of the population module, as Kysely sees them. */
export interface PopulationTables {}
