import { defineMessages } from '../../platform/i18n/keys';

export const messages = defineMessages({
  vi: {
    'population.error.unavailable':
      'Không kết nối được Cơ sở dữ liệu quốc gia về dân cư. Vui lòng thử lại sau hoặc đối chiếu giấy tờ bản giấy; thông tin chưa được xác thực.',
    'population.verify.match': 'Thông tin khớp với Cơ sở dữ liệu quốc gia về dân cư.',
    'population.verify.mismatch': 'Thông tin không khớp với Cơ sở dữ liệu quốc gia về dân cư: {fields}.',
    'population.verify.not_found': 'Không tìm thấy số định danh cá nhân trong Cơ sở dữ liệu quốc gia về dân cư.',
    'population.field.name': 'họ và tên',
    'population.field.birthDate': 'ngày sinh',
  },
  en: {
    'population.error.unavailable':
      'The national population database cannot be reached. Please try again later or check the paper documents; the data has not been verified.',
    'population.verify.match': 'The data matches the national population database.',
    'population.verify.mismatch': 'The data does not match the national population database: {fields}.',
    'population.verify.not_found': 'The personal identification number is not in the national population database.',
    'population.field.name': 'full name',
    'population.field.birthDate': 'date of birth',
  },
});

declare module '../../platform/i18n/keys' {
  interface MessageCatalogues {
    population: typeof messages;
  }
}
