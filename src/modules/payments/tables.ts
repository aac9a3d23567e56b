/** Tables of the payments module, as Kysely sees them. */
export interface PaymentsTables {}
