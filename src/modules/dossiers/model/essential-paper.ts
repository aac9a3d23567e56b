/**
 * Directive 24/CT-TTg (13/9/2025): from 1/10/2025 the public administration service centres
 * at every level do not take paper dossiers (desk, post) for the 25 essential online public
 * services (Plan 02-KH/BCĐTW, 19/6/2025). A dossier received on paper before that date stays
 * valid. Kept here as a small dated data constant until the `rules` module (law-rules branch)
 * holds dated rules; then move it there. Source: LAW-2025.md §1f (cont.), laodong.vn 1575446.
 * NOT yet wired into submission (see docs/decisions-national-portal.md).
 */
import type { Channel } from './states';

export const ESSENTIAL_PAPER_REFUSAL = {
  /** 00:00 on 1/10/2025 in Vietnam time (UTC+7). */
  validFrom: new Date('2025-09-30T17:00:00Z'),
  clause: 'Chỉ thị 24/CT-TTg ngày 13/9/2025',
} as const;

const PAPER: readonly Channel[] = ['in_person', 'post'];

/** True when a paper channel must be refused for this procedure at `receivedAt`. */
export function paperChannelRefused(p: { essential: boolean }, channel: Channel, receivedAt: Date): boolean {
  return p.essential && PAPER.includes(channel) && receivedAt.getTime() >= ESSENTIAL_PAPER_REFUSAL.validFrom.getTime();
}
