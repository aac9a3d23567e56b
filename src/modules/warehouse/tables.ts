/** Tables of the warehouse module, as Kysely sees them. */
export interface WarehouseTables {}
