/** Dossiers by submission channel on the indicator dashboard (issue 17 item 3). */
import { defineMessages } from '../../platform/i18n/keys';

export const channelMessages = defineMessages({
  vi: {
    'indicators.channels.title': 'Hồ sơ tiếp nhận theo hình thức nộp',
    'indicators.channels.note':
      'Chỉ số 3.3 tính theo phương pháp quốc gia: hồ sơ hỗ trợ nộp được nộp trên hệ thống nên được tính là trực tuyến (KenhThucHien = 2). Bảng này tách riêng hồ sơ hỗ trợ nộp (người hỗ trợ nộp thay, có sự đồng ý của công dân) khỏi hồ sơ người dân tự nộp trực tuyến.',
    'indicators.channels.channel': 'Hình thức nộp',
    'indicators.channels.count': 'Số hồ sơ',
    'indicators.channels.share': 'Tỷ lệ',
    'indicators.channels.selfService': 'Người dân tự nộp trực tuyến',
    'indicators.channels.assisted': 'Hỗ trợ nộp',
    'indicators.channels.inPerson': 'Trực tiếp tại Bộ phận Một cửa',
    'indicators.channels.post': 'Qua bưu chính công ích',
    'indicators.channels.total': 'Tổng số hồ sơ tiếp nhận',
  },
  en: {
    'indicators.channels.title': 'Dossiers received by submission channel',
    'indicators.channels.note':
      'Indicator 3.3 follows the national method: an assisted dossier is submitted in the system and so counts as online (KenhThucHien = 2). This table keeps assisted submissions (a helper submitted for the citizen, with their consent) apart from the citizens’ own online submissions.',
    'indicators.channels.channel': 'Channel',
    'indicators.channels.count': 'Dossiers',
    'indicators.channels.share': 'Share',
    'indicators.channels.selfService': 'Submitted online by the citizen',
    'indicators.channels.assisted': 'Assisted submission',
    'indicators.channels.inPerson': 'In person at the one-stop desk',
    'indicators.channels.post': 'By public postal service',
    'indicators.channels.total': 'Dossiers received',
  },
});
