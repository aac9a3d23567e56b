import { describe, expect, it } from 'vitest';
import { fold } from './text';

describe('fold', () => {
  it('drops Vietnamese diacritics and case', () => {
    expect(fold('Đăng ký khai sinh')).toBe('dang ky khai sinh');
    expect(fold('ĐĂNG KÝ KHAI SINH')).toBe('dang ky khai sinh');
    expect(fold('Giỗ Tổ Hùng Vương')).toBe('gio to hung vuong');
    expect(fold('Hỏa Lựu, Vị Thủy')).toBe('hoa luu vi thuy');
  });
  it('treats composed and decomposed input alike', () => {
    expect(fold('Tiếng Việt'.normalize('NFD'))).toBe(fold('Tiếng Việt'.normalize('NFC')));
  });
});
