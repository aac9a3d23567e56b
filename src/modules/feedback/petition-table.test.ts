/**
 * The petition state table (issue 16 item 5): every state x action x actor kind, decided by the
 * pure decidePetition() that actOnPetition follows, compared with petition-table.golden.md.
 * Regenerate with UPDATE_GOLDEN=1 and review the diff.
 */
import { describe, expect, it } from 'vitest';
import { expectGolden, markdownTable } from '../../test/golden';
import { decidePetition, PETITION_ACTIONS, PETITION_STATES, type PetitionAction, type PetitionActor, type PetitionState } from './model';

const ACTORS: PetitionActor[] = ['citizen', 'unrelated', 'overseer', 'handler', 'leader'];

function cell(action: PetitionAction, state: PetitionState, who: PetitionActor): string {
  const d = decidePetition(action, state, who);
  if (d.ok) return d.to ? `→ ${d.to}` : '→ (same)';
  return d.key === 'feedback.error.wrong_state' ? '409 state' : `${d.status} ${d.key}`;
}

function table(): string {
  const out = [
    '# Petition state table (generated - do not edit by hand)',
    '',
    'Every state x action x actor kind, as `decidePetition()` (feedback/model.ts) answers it; `actOnPetition`',
    '(feedback/petitions.ts) follows it, then asks for the note (refuse, request_info, answer, return) and the',
    "submitter's consent (publish). Actors, as the petition's unit sees them: a citizen; an officer with no role",
    'there (unrelated: the petition is not found for them); an overseer (monitor, admin: sees, does not handle); a',
    'handler (reception, specialist, controller); a leader. The submitter provides information by code and secret',
    '(provideInfo), not here. Cells: `→ state` allowed and where it leads; `409 state` not from this state;',
    'otherwise the refusal status and message key.',
    '',
    'Regenerate: `UPDATE_GOLDEN=1 npx vitest run src/modules/feedback/petition-table.test.ts`, then review the diff.',
  ];
  for (const action of PETITION_ACTIONS)
    out.push(
      '',
      `## ${action}`,
      '',
      ...markdownTable(
        ['actor', ...PETITION_STATES],
        ACTORS.map((who) => [who, ...PETITION_STATES.map((s) => cell(action, s, who))]),
      ),
    );
  return out.join('\n') + '\n';
}

describe('the petition state table', () => {
  it('has a row per action and actor kind and a column per state', () => {
    const rows = table()
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| actor'));
    expect(rows.length).toBe(PETITION_ACTIONS.length * ACTORS.length);
    expect(rows.every((r) => r.split(' | ').length === PETITION_STATES.length + 1)).toBe(true);
  });

  it('decides every cell as the golden table in the repository says', () => {
    expectGolden(new URL('./petition-table.golden.md', import.meta.url), table());
  });
});
