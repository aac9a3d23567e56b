/** Tables of the platform layer (audit log, outbox, code sequences, calendar schedule). */
export interface PlatformTables {}
