/**
 * Demo accounts: officers for every role (password for all: DEMO_PASSWORD) and citizens
 * held by the sandbox VNeID provider. Listed in README.md; the identity module seeds them.
 */
import { DEMO } from '../units/demo';
import type { Role } from '../../platform/auth';

export const DEMO_PASSWORD = 'MotCua@2026';

/** Stable ids of the seeded demo accounts: officers.id and people.id. */
export const demoOfficerId = (username: string) => `officer-${username}`;
export const demoPersonId = (personalId: string) => `person-${personalId}`;

export interface DemoOfficer {
  username: string;
  name: string;
  roles: { role: Role; unitId: string }[];
}

export const DEMO_OFFICERS: DemoOfficer[] = [
  { username: 'admin', name: 'Quản trị hệ thống', roles: [{ role: 'admin', unitId: DEMO.province }] },
  { username: 'kiemsoat', name: 'Trần Thị Kiểm Soát', roles: [{ role: 'controller', unitId: DEMO.vpUbnd }] },
  { username: 'giamsat', name: 'Lê Văn Giám Sát', roles: [{ role: 'monitor', unitId: DEMO.province }] },
  // Provincial one-stop centre, receiving for the Department of Justice
  { username: 'motcua.tinh', name: 'Nguyễn Thị Tiếp Nhận', roles: [{ role: 'reception', unitId: DEMO.ttPvhcc }] },
  { username: 'chuyenvien.stp', name: 'Phạm Văn Chuyên', roles: [{ role: 'specialist', unitId: DEMO.soTuPhap }] },
  { username: 'lanhdao.stp', name: 'Võ Thị Lãnh Đạo', roles: [{ role: 'leader', unitId: DEMO.soTuPhap }] },
  { username: 'chuyenvien.skhdt', name: 'Đặng Minh Đầu Tư', roles: [{ role: 'specialist', unitId: DEMO.soKhdt }] },
  { username: 'lanhdao.skhdt', name: 'Huỳnh Văn Kế Hoạch', roles: [{ role: 'leader', unitId: DEMO.soKhdt }] },
  // Commune: Phường Vị Thanh (Phường I until 30/6/2025; same ids, see units/demo.ts). A grant at
  // the people's committee covers its public administration service centre (from 1/7/2025) and
  // acts for the merged Phường III and VII (identity/authz.ts, actingGrants).
  { username: 'motcua.p1', name: 'Trương Thị Một Cửa', roles: [{ role: 'reception', unitId: DEMO.ubndPhuong1 }] },
  { username: 'tuphap.p1', name: 'Lâm Văn Hộ Tịch', roles: [{ role: 'specialist', unitId: DEMO.ubndPhuong1 }] },
  { username: 'chutich.p1', name: 'Ngô Văn Chủ Tịch', roles: [{ role: 'leader', unitId: DEMO.ubndPhuong1 }] },
  // Commune: Xã Tân Hòa (from 1/7/2025 also the former Một Ngàn, Bảy Ngàn, Nhơn Nghĩa A)
  { username: 'motcua.tanhoa', name: 'Đỗ Thị Tân Hòa', roles: [{ role: 'reception', unitId: DEMO.ubndTanHoa }] },
  { username: 'tuphap.tanhoa', name: 'Mai Văn Tư Pháp', roles: [{ role: 'specialist', unitId: DEMO.ubndTanHoa }] },
  { username: 'chutich.tanhoa', name: 'Cao Văn Xã', roles: [{ role: 'leader', unitId: DEMO.ubndTanHoa }] },
  { username: 'congnghe.p1', name: 'Tổ công nghệ số phường Vị Thanh', roles: [{ role: 'digital_team', unitId: DEMO.phuong1 }] },
  // The postal point was Thành phố Vị Thanh's until the district ended (30/6/2025); now in Phường Vị Thanh.
  { username: 'buudien', name: 'Bưu điện Vị Thanh', roles: [{ role: 'postal', unitId: DEMO.phuong1 }] },
];

export interface DemoCitizen {
  personalId: string; // số định danh cá nhân, 12 digits
  name: string;
  birthDate: string;
  gender: 'Nam' | 'Nữ';
  address: string;
  phone: string;
  email: string;
  /** An organisation this person represents, with its tax code. */
  org?: { taxCode: string; name: string };
}

export const DEMO_CITIZENS: DemoCitizen[] = [
  {
    personalId: '093090001234',
    name: 'Nguyễn Văn An',
    birthDate: '1990-05-14',
    gender: 'Nam',
    address: 'Số 12 đường Trần Hưng Đạo, Phường I, thành phố Vị Thanh, tỉnh Hậu Giang',
    phone: '0912345678',
    email: 'nguyenvanan@example.vn',
  },
  {
    personalId: '093185004321',
    name: 'Trần Thị Bình',
    birthDate: '1985-11-02',
    gender: 'Nữ',
    address: 'Ấp Tân Phú, xã Tân Hòa, huyện Châu Thành A, tỉnh Hậu Giang',
    phone: '0987654321',
    email: 'tranthibinh@example.vn',
  },
  {
    personalId: '093078005555',
    name: 'Lê Hoàng Cường',
    birthDate: '1978-01-20',
    gender: 'Nam',
    address: 'Số 5 đường 3 Tháng 2, Phường III, thành phố Vị Thanh, tỉnh Hậu Giang',
    phone: '0909111222',
    email: 'lehoangcuong@example.vn',
    org: { taxCode: '6300123456', name: 'Công ty TNHH Nông sản Cường Phát' },
  },
  {
    personalId: '093200007777',
    name: 'Phạm Thị Dung',
    birthDate: '2000-08-30',
    gender: 'Nữ',
    address: 'Ấp Nhơn Thuận, xã Nhơn Nghĩa A, huyện Châu Thành A, tỉnh Hậu Giang',
    phone: '0933444555',
    email: 'phamthidung@example.vn',
  },
];
