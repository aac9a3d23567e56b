/**
 * Folding Vietnamese text for search: lower case, no diacritics, đ -> d, single spaces.
 * "Đăng ký khai sinh" -> "dang ky khai sinh". Used for every diacritics-insensitive search
 * (catalogue, FAQ, assistant); stored beside the text so the database compares folded forms.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
