/** Vietnamese names and addresses of the demo applicants (data, so Vietnamese only). */
import type { Rng } from './random';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Võ', 'Phan', 'Trương', 'Bùi', 'Đặng', 'Đỗ', 'Ngô', 'Hồ', 'Dương', 'Lâm', 'Mai', 'Cao'];
const MIDDLE_M = ['Văn', 'Hữu', 'Minh', 'Quốc', 'Thanh', 'Đức', 'Công', 'Hoàng'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thanh', 'Thu', 'Kim', 'Mỹ', 'Bích', 'Hồng'];
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Khang', 'Long', 'Nam', 'Phúc', 'Quang', 'Sơn', 'Tài', 'Thắng', 'Tuấn', 'Việt'];
const GIVEN_F = ['Anh', 'Châu', 'Diễm', 'Hà', 'Hạnh', 'Hương', 'Lan', 'Linh', 'Mai', 'Ngân', 'Nhung', 'Phương', 'Thảo', 'Trang', 'Tuyết', 'Yến'];
const PLACES = [
  'Phường I, thành phố Vị Thanh, tỉnh Hậu Giang',
  'Phường III, thành phố Vị Thanh, tỉnh Hậu Giang',
  'Xã Hỏa Lựu, thành phố Vị Thanh, tỉnh Hậu Giang',
  'Thị trấn Một Ngàn, huyện Châu Thành A, tỉnh Hậu Giang',
  'Xã Tân Hòa, huyện Châu Thành A, tỉnh Hậu Giang',
  'Xã Nhơn Nghĩa A, huyện Châu Thành A, tỉnh Hậu Giang',
];
const STREETS = ['Trần Hưng Đạo', 'Nguyễn Huệ', '3 Tháng 2', 'Hòa Bình', 'Võ Văn Kiệt', 'Lê Hồng Phong', 'Nguyễn Trãi'];
const COMPANY = ['Nông sản', 'Thủy sản', 'Xây dựng', 'Thương mại', 'Vận tải', 'Dịch vụ'];

export interface DemoPerson {
  name: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  birthDate: string;
  male: boolean;
}

export function randomPerson(r: Rng): DemoPerson {
  const male = r.chance(0.5);
  const name = `${r.pick(FAMILY)} ${r.pick(male ? MIDDLE_M : MIDDLE_F)} ${r.pick(male ? GIVEN_M : GIVEN_F)}`;
  const year = r.int(1950, 2005);
  return {
    name,
    // Số định danh: province code 093 (Hậu Giang), century-gender digit, year, 6 random digits.
    idNumber: `093${year >= 2000 ? (male ? 2 : 3) : male ? 0 : 1}${String(year % 100).padStart(2, '0')}${r.digits(6)}`,
    phone: `09${r.digits(8)}`,
    email: `dan${r.digits(6)}@example.vn`,
    address: `Số ${r.int(1, 200)} đường ${r.pick(STREETS)}, ${r.pick(PLACES)}`,
    birthDate: `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
    male,
  };
}

export function randomCompany(r: Rng): { name: string; taxCode: string } {
  return { name: `Công ty TNHH ${r.pick(COMPANY)} ${r.pick(GIVEN_M)} ${r.pick(['Phát', 'Thịnh', 'Hưng', 'Lợi'])}`, taxCode: `63${r.digits(8)}` };
}
