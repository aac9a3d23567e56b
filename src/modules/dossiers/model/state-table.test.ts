/**
 * The dossier state machine, exhaustively (issue 16 item 5): every state x action x actor kind
 * x unit relation, decided by the pure `decide()`, compared with the golden table kept in the
 * repository (state-table.golden.md beside this file) and reviewed like code. A change to
 * actions.ts or machine.ts that moves any cell fails here until the golden file is regenerated
 * (UPDATE_GOLDEN=1 npx vitest run src/modules/dossiers/model/state-table.test.ts) and the diff read.
 */
import { describe, expect, it } from 'vitest';
import { ROLES, type Actor } from '../../../platform/auth';
import type { ProcessStep } from '../../catalogue/process';
import { ACTIONS } from './actions';
import { decide, type MachineDossier } from './machine';
import { STATES, type DossierState } from './states';
import { expectGolden, markdownTable } from '../../../test/golden';

const GOLDEN = new URL('./state-table.golden.md', import.meta.url);

/** Reception at the desk, appraisal at the deciding department, an inter-agency step at a partner, approval by the department's leader. */
const steps: ProcessStep[] = [
  { key: 'tiep-nhan', name: 'Tiếp nhận', nameEn: 'Reception', role: 'reception', unit: { kind: 'receiving' }, duration: { value: 4, unit: 'working_hours' } },
  { key: 'tham-dinh', name: 'Thẩm định', nameEn: 'Appraisal', role: 'specialist', unit: { kind: 'deciding' }, duration: { value: 2, unit: 'working_days' } },
  {
    key: 'lien-thong',
    name: 'Liên thông',
    nameEn: 'Inter-agency',
    role: 'specialist',
    unit: { kind: 'unit', unitId: 'partner' },
    duration: { value: 1, unit: 'working_days' },
  },
  {
    key: 'phe-duyet',
    name: 'Phê duyệt',
    nameEn: 'Approval',
    role: 'leader',
    unit: { kind: 'deciding' },
    duration: { value: 4, unit: 'working_hours' },
    approval: true,
  },
];

/** The unit relations an officer's role can have to the dossier. */
const UNITS = { receiving: 'desk', deciding: 'dept', partner: 'partner', consulted: 'consulted', unrelated: 'elsewhere' } as const;

const now = new Date('2026-03-10T03:00:00Z');

/** The dossier as it stands in each state: where in the process, what it resumes to. */
function dossierIn(state: DossierState): MachineDossier {
  const paused = state === 'waiting_supplement' || state === 'waiting_fee' || state === 'consulting';
  const atStep = state === 'received' || state === 'processing' || paused ? 1 : state === 'transferred' ? 2 : null;
  return {
    state,
    resumeState: paused ? 'processing' : null,
    stepIndex: atStep,
    steps,
    receivingUnitId: UNITS.receiving,
    decidingUnitId: UNITS.deciding,
    applicantIdNumber: '093090001234',
    submitterPersonalId: '093090001234',
    consultUnitId: state === 'consulting' ? UNITS.consulted : null,
    resultFiles: 1,
    apologyIssued: false,
    dueAt: new Date('2026-03-20T10:00:00Z'),
    missingComponents: [],
    stopAvailable: true,
  };
}

/** Every actor kind: the applicant, another citizen, and each officer role at each unit relation. */
const ACTORS: { label: string; actor: Actor }[] = [
  { label: 'citizen: applicant', actor: { kind: 'citizen', id: 'p1', name: 'An', personalId: '093090001234', roles: [] } },
  { label: 'citizen: someone else', actor: { kind: 'citizen', id: 'p2', name: 'Bình', personalId: '093185004321', roles: [] } },
  ...ROLES.flatMap((role) =>
    Object.entries(UNITS).map(([relation, unitId]) => ({
      label: `${role} @ ${relation}`,
      actor: { kind: 'officer' as const, id: `${role}@${unitId}`, name: role, roles: [{ role, unitId }] },
    })),
  ),
];

/** A complete input, so that a refusal is the table's and not a missing field's. */
const INPUT = { comment: 'Lý do', consultUnitId: UNITS.consulted, newAppointmentAt: new Date('2026-03-25T10:00:00Z') };

function cell(state: DossierState, actor: Actor, action: (typeof ACTIONS)[number]): string {
  const r = decide(dossierIn(state), actor, action, INPUT, now);
  if (r.ok) return `→ ${r.plan.to}`;
  if (r.key === 'dossier.wrong_state') return '409 state';
  if (r.key === 'error.forbidden') return String(r.status);
  return `${r.status} ${r.key.replace(/^dossier\./, '')}`;
}

function stateTable(): string {
  const out = [
    '# Dossier state table (generated - do not edit by hand)',
    '',
    'Every state x action x actor kind x unit relation, as `decide()` (model/machine.ts) answers it for the',
    'dossier of model/state-table.test.ts: received at desk `desk`, decided by `dept`, process reception @ desk →',
    'appraisal (specialist @ dept) → inter-agency step (specialist @ `partner`) → approval (leader @ dept). A dossier',
    'that is running sits at the appraisal step (the inter-agency step when transferred), a consultation asks',
    '`consulted`; the input is complete (comment, consulted unit, new appointment after the due date), a result is',
    'attached, the stop rule is in force. Cells: `→ state` allowed and where it leads; `403` forbidden; `409 state`',
    'not from this state; otherwise the refusal status and its message key.',
    '',
    'Regenerate: `UPDATE_GOLDEN=1 npx vitest run src/modules/dossiers/model/state-table.test.ts`, then review the diff.',
  ];
  for (const action of ACTIONS) {
    out.push(
      '',
      `## ${action}`,
      '',
      ...markdownTable(
        ['actor', ...STATES],
        ACTORS.map(({ label, actor }) => [label, ...STATES.map((s) => cell(s, actor, action))]),
      ),
    );
  }
  return out.join('\n') + '\n';
}

describe('the dossier state table', () => {
  it('covers every state, action and actor', () => {
    const rows = stateTable()
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| actor'));
    expect(rows.length).toBe(ACTIONS.length * (2 + ROLES.length * Object.keys(UNITS).length));
    expect(rows.every((r) => r.split(' | ').length === STATES.length + 1)).toBe(true);
  });

  it('decides every cell as the golden table in the repository says', () => {
    expectGolden(GOLDEN, stateTable());
  });
});
