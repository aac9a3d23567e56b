/** Data the database tests share: a procedure that crosses agencies, its e-form answers, a tiny PDF. */

/** Lý lịch tư pháp: received at the provincial centre, decided by Sở Tư pháp, a step at Công an tỉnh. */
export const LLTP = '2.001417';

/** Valid answers to the LLTP e-form for the demo citizen Nguyễn Văn An. */
export const LLTP_FORM = {
  applicantName: 'Nguyễn Văn An',
  applicantPersonalId: '093090001234',
  applicantAddress: 'Số 12 đường Trần Hưng Đạo, Phường I, thành phố Vị Thanh',
  applicantPhone: '0912345678',
  birthPlace: 'Hậu Giang',
  fatherName: 'Nguyễn Văn Ba',
  motherName: 'Lê Thị Tư',
  residenceHistory: 'Từ 2004 đến nay: Phường I, thành phố Vị Thanh',
  certType: 'so-1',
  purpose: 'xin-viec',
  copies: 1,
  resultDelivery: 'truc-tiep',
};

/** A tiny PDF with one page: the upload check accepts it and it can be signed as a result. */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** The child's section of the birth registration (1.001193): Nguyễn Minh Khang, born 02/03/2026 in the province's hospital. */
export const BIRTH_CHILD: Record<string, string> = {
  childName: 'Nguyễn Minh Khang',
  childGender: 'nam',
  childBirthDate: '2026-03-02',
  childBirthPlaceType: 'co-so-y-te',
  childBirthFacility: 'Bệnh viện Đa khoa tỉnh Hậu Giang',
  childBirthPlace: 'Phường IV, thành phố Vị Thanh, tỉnh Hậu Giang',
  childHometown: 'Hậu Giang',
  childEthnicity: 'Kinh',
  childNationality: 'Việt Nam',
};

/** Valid answers to the birth registration (1.001193) e-form: Nguyễn Văn An registers his son. */
export const BIRTH_FORM: Record<string, string> = {
  applicantName: 'Nguyễn Văn An',
  applicantPersonalId: '093090001234',
  applicantAddress: 'Số 12 đường Trần Hưng Đạo, Phường I, thành phố Vị Thanh',
  applicantPhone: '0912345678',
  applicantRelation: 'cha',
  ...BIRTH_CHILD,
  resultDelivery: 'truc-tiep',
};
