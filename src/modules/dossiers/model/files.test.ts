import { describe, expect, it } from 'vitest';
import { componentIsElectronic } from './files';

describe('electronic components (DuocSoHoa)', () => {
  it('every submitted file is an electronic component, however it came; the result is not a component', () => {
    expect(componentIsElectronic({ kind: 'component' })).toBe(true);
    expect(componentIsElectronic({ kind: 'supplement' })).toBe(true);
    // An online upload (not scanned at the desk) is electronic all the same.
    expect(componentIsElectronic({ kind: 'component', digitized: false } as { kind: string })).toBe(true);
    expect(componentIsElectronic({ kind: 'result' })).toBe(false);
    expect(componentIsElectronic({ kind: 'other' })).toBe(false);
  });
});
