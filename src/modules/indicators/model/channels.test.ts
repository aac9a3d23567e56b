import { describe, expect, it } from 'vitest';
import { channelBreakdown } from './channels';

describe('channelBreakdown', () => {
  it('counts assisted dossiers as assisted, never as self-service', () => {
    const b = channelBreakdown([
      { channel: 'online', n: 6 },
      { channel: 'assisted', n: 2 },
      { channel: 'in_person', n: 1 },
      { channel: 'post', n: 1 },
    ]);
    expect(b).toEqual({ received: 10, selfService: 6, assisted: 2, inPerson: 1, post: 1, selfServiceShare: 0.6, assistedShare: 0.2, assistedOfOnline: 0.25 });
  });
  it('has no shares when nothing was received, and adds rows of one channel (several units)', () => {
    expect(channelBreakdown([])).toMatchObject({ received: 0, selfServiceShare: null, assistedShare: null, assistedOfOnline: null });
    expect(
      channelBreakdown([
        { channel: 'assisted', n: 1 },
        { channel: 'assisted', n: 2 },
      ]),
    ).toMatchObject({ received: 3, assisted: 3, selfService: 0, assistedOfOnline: 1 });
  });
});
