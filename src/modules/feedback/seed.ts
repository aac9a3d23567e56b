import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../platform/context';
import { fold } from '../../platform/text';
import { DEMO } from '../units/demo';
import { submitPetition } from './petitions';

const FAQ: [string | null, string | null, string, string][] = [
  [
    '1.001193',
    'HT',
    'Đăng ký khai sinh cho con có mất lệ phí không?',
    'Đăng ký khai sinh đúng hạn được miễn lệ phí. Bạn mang Giấy chứng sinh và giấy tờ tùy thân của cha hoặc mẹ.',
  ],
  [
    '1.001193',
    'HT',
    'Quá 60 ngày mới đi khai sinh cho con thì có bị phạt không?',
    'Cha mẹ có trách nhiệm đăng ký khai sinh trong 60 ngày kể từ ngày sinh; quá hạn vẫn được đăng ký, có thể bị nhắc nhở hoặc xử phạt hành chính theo quy định.',
  ],
  ['1.000894', 'HT', 'Đăng ký kết hôn có cần cả hai người cùng có mặt không?', 'Có. Khi trao Giấy chứng nhận kết hôn, hai bên nam, nữ phải cùng có mặt.'],
  [
    '1.004222',
    'CTRU',
    'Nhập hộ khẩu vào nhà người thân cần những giấy tờ gì?',
    'Tờ khai thay đổi thông tin cư trú (CT01) có ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở và giấy tờ chứng minh quan hệ nhân thân.',
  ],
  [
    null,
    'CTRU',
    'Sổ hộ khẩu giấy còn sử dụng được không?',
    'Từ 01/01/2023 sổ hộ khẩu, sổ tạm trú giấy không còn giá trị; thông tin cư trú được quản lý trên Cơ sở dữ liệu về cư trú.',
  ],
  [
    '2.001195',
    'CC',
    'Thẻ căn cước công dân hết hạn khi đủ 25 tuổi phải đổi ở đâu?',
    'Bạn đến Công an cấp xã hoặc bộ phận cấp căn cước của Công an tỉnh nơi cư trú để cấp đổi thẻ căn cước.',
  ],
  [
    '1.013978',
    'DD',
    'Làm sổ đỏ lần đầu mất bao lâu?',
    'Thời hạn theo quy định của thủ tục (không quá 20 ngày làm việc), không kể thời gian thực hiện nghĩa vụ tài chính.',
  ],
  [
    '1.001612',
    'HKD',
    'Mở tiệm tạp hóa nhỏ có phải đăng ký hộ kinh doanh không?',
    'Hộ kinh doanh buôn bán có địa điểm cố định phải đăng ký; người buôn bán rong, hàng quà bánh nhỏ lẻ có thu nhập thấp không phải đăng ký.',
  ],
  [
    '2.000815',
    'CT',
    'Chứng thực bản sao ở đâu nhanh nhất?',
    'Bạn có thể chứng thực bản sao tại UBND cấp xã, Phòng Tư pháp hoặc tổ chức hành nghề công chứng; lệ phí 2.000 đồng/trang.',
  ],
  [
    '2.001417',
    'LLTP',
    'Phiếu lý lịch tư pháp số 1 và số 2 khác nhau thế nào?',
    'Phiếu số 1 cấp cho cá nhân, cơ quan, tổ chức; Phiếu số 2 chỉ cấp cho cơ quan tiến hành tố tụng và cho chính cá nhân để biết nội dung về lý lịch tư pháp của mình.',
  ],
];

/** Loads this module's demo data. Runs once, on an empty database. */
export async function seedDemo(ctx: Ctx): Promise<void> {
  const now = ctx.clock.now();
  for (const [procedureCode, fieldCode, question, answer] of FAQ) {
    await ctx.db
      .insertInto('faqs')
      .values({
        id: randomUUID(),
        procedure_code: procedureCode,
        field_code: fieldCode,
        question,
        answer,
        folded: fold(`${question} ${answer}`),
        published: true,
        updated_by: null,
        updated_at: now,
      })
      .execute();
  }
  await ctx.db
    .insertInto('surveys')
    .values({
      id: 'khao-sat-hai-long-2025',
      title: 'Khảo sát mức độ hài lòng với dịch vụ công trực tuyến',
      description: 'Ý kiến của bạn giúp tỉnh cải thiện Cổng Dịch vụ công.',
      state: 'published',
      on_portal: true,
      procedure_code: null,
      questions: JSON.stringify([
        { id: 'q1', type: 'scale', text: 'Bạn đánh giá chung về Cổng Dịch vụ công (1 = rất kém, 5 = rất tốt)?', options: [], required: true },
        { id: 'q2', type: 'single', text: 'Bạn nộp hồ sơ bằng cách nào?', options: ['Trực tuyến', 'Trực tiếp', 'Qua bưu chính'], required: true },
        {
          id: 'q3',
          type: 'multiple',
          text: 'Bạn gặp khó khăn gì?',
          options: ['Đăng nhập', 'Điền biểu mẫu', 'Đính kèm giấy tờ', 'Thanh toán'],
          required: false,
        },
        { id: 'q4', type: 'long', text: 'Góp ý thêm', options: [], required: false },
      ]),
      created_by: null,
      created_at: now,
      published_at: now,
    })
    .execute();
  await submitPetition(ctx, null, {
    subjectKind: 'procedure',
    subjectRef: '1.001193',
    unitId: DEMO.ubndPhuong1,
    title: 'Đề nghị hướng dẫn rõ giấy tờ khai sinh',
    content: 'Trang thủ tục chưa ghi rõ trường hợp không có giấy chứng sinh thì cần giấy tờ gì thay thế.',
    contactName: 'Lê Thị Hoa',
    contactPhone: '0911222333',
    consentPublish: true,
  });
  await submitPetition(ctx, null, {
    subjectKind: 'unit',
    unitId: DEMO.ubndTanHoa,
    title: 'Bộ phận một cửa xã đông người chờ',
    content: 'Sáng thứ Hai bộ phận một cửa chỉ có một cán bộ, người dân phải chờ hơn một giờ.',
    contactName: 'Trần Văn Bé',
    contactEmail: 'tranvanbe@example.vn',
  });
}
