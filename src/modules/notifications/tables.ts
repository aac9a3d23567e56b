/** Tables of the notifications module, as Kysely sees them. */
export interface NotificationsTables {}
