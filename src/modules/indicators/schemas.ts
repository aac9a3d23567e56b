/**
 * Response schemas of the indicators API (routes.ts, routes-ledger.ts): what each success answer holds, serialized by
 * fast-json-stringify and documented in /api/openapi.json. The closed sets are written as `{ [K in T]: K }` objects, so a
 * value added to the model's type fails `tsc` here until the schema lists it.
 */
import { z } from 'zod';
import { FORECAST_ASSUMPTIONS } from './model/forecast';
import { GROUPS } from './model/defaults';
import type { Attribution, CauseKind } from './model/causes';
import type { Population, Scope } from './model/methods';

const iso = (what: string) => z.string().describe(`${what} (ISO instant)`);

const ATTRIBUTIONS: { [K in Attribution]: K } = { officer: 'officer', clock: 'clock', sync: 'sync', unexplained: 'unexplained' };
const CAUSE_KINDS: { [K in CauseKind]: K } = {
  step_overrun: 'step_overrun',
  clock_paused: 'clock_paused',
  sync_failure: 'sync_failure',
  portal_mismatch: 'portal_mismatch',
  unexplained: 'unexplained',
};
const POPULATIONS: { [K in Population]: K } = {
  received: 'received',
  handled: 'handled',
  closedWithResult: 'closedWithResult',
  catalogue: 'catalogue',
  petitions: 'petitions',
  units: 'units',
  procedures: 'procedures',
};
const SCOPES: { [K in Scope]: K } = { own: 'own', province: 'province' };

export const methodSchema = z.object({ id: z.string(), name: z.string(), effectiveFrom: z.string().nullable(), effectiveTo: z.string().nullable() });

// --- points at stake, breach alerts

const stakeDossier = z.object({
  dossierId: z.string(),
  code: z.string(),
  unitId: z.string(),
  procedureCode: z.string(),
  dueAt: iso('when it goes late'),
  points: z.number().describe('points the unit would lose this month if this dossier went late'),
  byCode: z.record(z.string(), z.number()).describe('the same by metric code of the method'),
  holders: z.array(z.object({ id: z.string(), name: z.string() })).describe('officers who hold the dossier now'),
});

const stakeHead = {
  method: z.string().describe('rule set id (GET /api/v1/indicators/methods)'),
  period: z.string().describe('the current month, YYYY-MM'),
  hours: z.number().describe('the window, in working hours'),
  horizon: iso('end of the window'),
  total: z.number().describe('points at stake, summed'),
};

export const forecastSchema = z
  .object({
    assumptions: z.array(z.enum(FORECAST_ASSUMPTIONS)),
    pacePerWorkingDay: z.number().nullable().describe('dossiers closed per working day so far; null: nothing closed yet (no forecast)'),
    goingLate: z.number().int().describe('open dossiers that would go late before the month ends at that pace'),
    total: z.number().describe("today's total points"),
    projectedTotal: z.number().nullable(),
    change: z.number().nullable(),
    byCode: z.record(z.string(), z.number()).describe('points lost by metric code'),
  })
  .describe("the month's end if today's pace holds");

export const atStakeAnswer = z.object({
  unit: z.object({ id: z.string(), name: z.string() }),
  ...stakeHead,
  dossiers: z.array(
    stakeDossier.extend({
      alerted: z
        .array(z.object({ officerId: z.string(), role: z.enum(['holder', 'leader']), notifiedAt: iso('when the alert was sent') }))
        .describe('who was alerted about this dossier for this window'),
    }),
  ),
  byOfficer: z.array(z.object({ officerId: z.string(), name: z.string(), count: z.number().int(), points: z.number() })),
  byUnit: z.array(z.object({ unitId: z.string(), name: z.string(), count: z.number().int(), points: z.number() })),
  forecast: forecastSchema,
});

export const myStakeAnswer = z.object({
  officer: z.object({ id: z.string(), name: z.string() }),
  ...stakeHead,
  dossiers: z.array(stakeDossier),
});

export const alertsRunAnswer = z.object({
  hours: z.number(),
  sent: z.array(
    z.object({
      dossierId: z.string(),
      code: z.string(),
      officerId: z.string(),
      officerName: z.string(),
      role: z.enum(['holder', 'leader']),
      points: z.number(),
    }),
  ),
  alreadySent: z.number().int().describe('alerts not sent again (already sent for this dossier, window and officer)'),
  message: z.string(),
});

// --- overdue-cause ledger, reconciliation

const difference = z.object({ field: z.string(), ours: z.string().nullable(), portal: z.string().nullable() });

export const ledgerAnswer = z.object({
  unit: z.object({ id: z.string(), name: z.string() }),
  period: z.string(),
  asOf: iso('the instant open dossiers are judged at'),
  counts: z
    .object({
      officer: z.number().int(),
      clock: z.number().int(),
      sync: z.number().int(),
      unexplained: z.number().int(),
      late: z.number().int(),
      unsynced: z.number().int(),
      dossiers: z.number().int(),
    })
    .describe('rows by attribution, and late, unsynced and all rows'),
  truncated: z.boolean(),
  syncUnknown: z.boolean().describe('the national-portal module did not answer: sync causes are unknown (not "none")'),
  rows: z.array(
    z.object({
      dossierId: z.string(),
      code: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      procedureCode: z.string(),
      receivedAt: iso('received'),
      dueAt: iso('appointment').nullable(),
      finishedAt: iso('finished').nullable(),
      late: z.boolean(),
      unsynced: z.boolean(),
      flags: z.string().describe('late / unsynced / repaired, in words'),
      attribution: z.enum(ATTRIBUTIONS).nullable(),
      causes: z.array(
        z.object({
          kind: z.enum(CAUSE_KINDS),
          reason: z.string().describe('sub-reason, e.g. second_request, never_sent, open_step'),
          evidence: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
          differences: z.array(difference).optional(),
          text: z.string(),
        }),
      ),
    }),
  ),
});

export const reconciliationAnswer = z.object({
  checked: z.number().int(),
  agreeing: z.number().int(),
  repaired: z.array(z.object({ dossierId: z.string(), code: z.string(), differences: z.array(difference), missing: z.boolean() })),
  remaining: z.array(
    z.object({
      dossierId: z.string(),
      code: z.string(),
      differences: z.array(difference),
      missing: z.boolean().describe('the portal has no record of the dossier'),
      error: z.string().nullable().describe('why the resend could not repair it'),
    }),
  ),
  message: z.string(),
});

// --- methods, drill-down, rankings, targets, settings

const scale = z.union([z.object({ kind: z.literal('linear') }), z.object({ kind: z.literal('threshold'), at: z.number() })]);

export const methodsAnswer = z.object({
  methods: z.array(
    methodSchema.extend({
      blocks: z.array(z.object({ code: z.string(), maxPoints: z.number(), name: z.string() })),
      metrics: z.array(
        z.object({
          code: z.string().describe("the portal's metric code (dvcqg-2026) or the plan number (qd766-2022)"),
          block: z.string(),
          maxPoints: z.number(),
          scale,
          empty: z.enum(['none', 'full']).describe('denominator 0: no data, or full points'),
          noCounts: z.enum(['none', 'full']).describe('neither count given: no data, or full points'),
          scope: z.enum(SCOPES).describe("the unit's own figure, or the province's shown for every unit"),
          population: z.enum(POPULATIONS),
          numerator: z.string(),
          denominator: z.string(),
          source: z.string(),
          key2022: z.string().optional().describe("the first reading's indicator key with the same meaning"),
          name: z.string(),
        }),
      ),
    }),
  ),
});

export const recordsAnswer = z.object({
  key: z.string(),
  name: z.string(),
  truncated: z.boolean(),
  noData: z.string().optional().describe('why there is no list (the source has no data)'),
  records: z.array(
    z.object({
      kind: z.enum(['dossier', 'procedure', 'unit', 'petition']),
      id: z.string(),
      code: z.string(),
      unitId: z.string().nullable(),
      procedureCode: z.string().nullable(),
      receivedAt: iso('received').nullable(),
      dueAt: iso('due').nullable(),
      finishedAt: iso('finished').nullable(),
      reason: z.string().describe('message key of why it costs points'),
      reasons: z.array(z.string()).optional().describe('every reason when there are several; `reason` is the first'),
      detail: z.string().optional(),
      href: z.string(),
      reasonText: z.string(),
    }),
  ),
});

export const rankingsAnswer = z.object({
  month: z.string(),
  previous: z.string(),
  rows: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      total: z.number(),
      rank: z.number().int(),
      previousTotal: z.number().nullable(),
      previousRank: z.number().int().nullable(),
      rankChange: z.number().int().nullable().describe('positive: moved up since the month before'),
      totalChange: z.number().nullable(),
    }),
  ),
});

export const targetsAnswer = z.object({
  year: z.number().int(),
  rows: z.array(
    z.object({
      targetId: z.string(),
      seq: z.number().int(),
      name: z.string(),
      indicatorKey: z.string().nullable(),
      unitId: z.string(),
      unitName: z.string(),
      target: z.number().describe('percent'),
      actual: z.number().nullable().describe('percent; null: no data'),
      met: z.boolean().nullable().describe('null: no data'),
    }),
  ),
});

export const quarterlyAnswer = z.object({
  year: z.number().int(),
  unit: z.object({ id: z.string(), name: z.string() }),
  rows: z.array(
    z.object({
      seq: z.number().int(),
      section: z.string(),
      name: z.string(),
      indicatorKey: z.string().nullable(),
      target: z.number().describe('percent'),
      quarters: z.array(z.number().nullable()).describe('Q1..Q4 percent; null: no data or not begun'),
      year: z.number().nullable().describe('year to date, percent'),
    }),
  ),
  totals: z.array(z.number().nullable()).describe('index total of each quarter; null: not begun'),
});

const setting = z.object({
  key: z.string(),
  maxPoints: z.number(),
  threshold: z.number().nullable().describe('ratio (0..1] at which the full score is reached; null = proportional'),
  enabled: z.boolean(),
});

export const settingsAnswer = z.object({
  settings: z.array(
    setting.extend({
      code: z.string(),
      group: z.enum(GROUPS.map((g) => g.key)),
      default: setting.describe('the value of Decision 766'),
    }),
  ),
  bands: z.array(z.object({ key: z.string(), min: z.number().describe('lowest total (inclusive) of the band') })),
  onTimeCompare: z.enum(['instant', 'day']).describe('2.1 compares the end with the due time by instant or by civil day'),
});

export const okAnswer = z.object({ ok: z.literal(true) });
