/** Tables of the feedback module, as Kysely sees them. */
export interface FeedbackTables {}
