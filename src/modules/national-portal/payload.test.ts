import { describe, expect, it } from 'vitest';
import { dossierPayload, vneidAuthenticated, type SyncInput } from './payload';

const input = (over: Partial<SyncInput['dossier']>): SyncInput => ({
  dossier: {
    id: 'd1',
    code: 'H33.01-260302-0001',
    procedureCode: '2.001417',
    procedureName: 'Cấp Phiếu lý lịch tư pháp',
    fieldName: 'Lý lịch tư pháp',
    resultName: 'Phiếu LLTP',
    channel: 'online',
    applicantKind: 'citizen',
    applicantName: 'Nguyễn Văn An',
    applicantIdNumber: '093090001234',
    applicantEmail: null,
    applicantPhone: null,
    summary: null,
    submittedAt: new Date('2026-03-02T01:30:00Z'),
    receivedAt: null,
    appointmentAt: null,
    dueAt: null,
    resultReadyAt: null,
    returnedAt: null,
    closedAt: null,
    closeReason: null,
    submitterKind: 'citizen',
    files: [],
    ...over,
  },
  status: 1,
  receivingUnitName: 'Trung tâm PVHCC',
  decidingUnitName: 'Sở Tư pháp',
  publicUrl: 'https://dichvucong.example.vn',
});

describe('TaiKhoanDuocXacThucVoiVNeID', () => {
  it('is 1 for a dossier submitted online by a citizen account (VNeID login), for a business too', () => {
    expect(dossierPayload(input({})).TaiKhoanDuocXacThucVoiVNeID).toBe(1);
    expect(dossierPayload(input({ applicantKind: 'organisation' })).TaiKhoanDuocXacThucVoiVNeID).toBe(1);
  });
  it('is 0 for desk, postal and assisted dossiers (an officer submitted them)', () => {
    for (const channel of ['in_person', 'post', 'assisted'])
      expect(dossierPayload(input({ channel, submitterKind: 'officer' })).TaiKhoanDuocXacThucVoiVNeID, channel).toBe(0);
    expect(vneidAuthenticated({ channel: 'in_person', submitterKind: 'citizen' })).toBe(false);
  });
});
