/**
 * Dossiers received by how they were submitted (issue 17 item 3): the citizen's own online
 * submission (self-service), assisted submission (a helper submitted for the citizen with their
 * consent), in person, by post. Indicator 3.3 follows the national method, where an assisted
 * dossier - submitted in the system - is online (KenhThucHien = 2); this breakdown is where an
 * assisted dossier counts as assisted and never as the citizen's own online submission.
 * See docs/decisions-indicators.md.
 */
export interface ChannelBreakdown {
  received: number;
  selfService: number;
  assisted: number;
  inPerson: number;
  post: number;
  /** Shares of the received dossiers (null when none were received). */
  selfServiceShare: number | null;
  assistedShare: number | null;
  /** Of the dossiers 3.3 counts as online, the share that were assisted (null: none online). */
  assistedOfOnline: number | null;
}

export function channelBreakdown(rows: { channel: string; n: number }[]): ChannelBreakdown {
  const by = (c: string) => rows.filter((r) => r.channel === c).reduce((s, r) => s + r.n, 0);
  const received = rows.reduce((s, r) => s + r.n, 0);
  const selfService = by('online');
  const assisted = by('assisted');
  const share = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);
  return {
    received,
    selfService,
    assisted,
    inPerson: by('in_person'),
    post: by('post'),
    selfServiceShare: share(selfService, received),
    assistedShare: share(assisted, received),
    assistedOfOnline: share(assisted, selfService + assisted),
  };
}
