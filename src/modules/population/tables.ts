/** Tables of the population module, as Kysely sees them (migration 0014). */
import type { ColumnType } from 'kysely';

export interface PopulationTables {
  population_checks: {
    id: string;
    personal_id: string;
    actor_kind: string;
    actor_id: string | null;
    kind: 'verify' | 'prefill' | 'document';
    outcome: 'match' | 'mismatch' | 'not_found' | 'found' | 'unavailable';
    mismatches: ColumnType<string[], string, string>;
    at: ColumnType<Date, Date | string, Date | string>;
  };
}
