/** Tables of the national-portal module, as Kysely sees them. */
export interface NationalPortalTables {}
