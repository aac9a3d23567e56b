/** Tables of the indicators module, as Kysely sees them. */
export interface IndicatorsTables {}
