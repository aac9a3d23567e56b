/** Tables of the dossiers module, as Kysely sees them. */
export interface DossiersTables {}
