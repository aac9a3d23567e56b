import { defineMessages } from './keys';

/** Messages shared by every module: errors of the HTTP layer and of validation. */
export const messages = defineMessages({
  vi: {
    'error.validation': 'Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra các trường được nêu.',
    'error.not_found': 'Không tìm thấy trang hoặc dữ liệu được yêu cầu.',
    'error.route_not_found': 'Không có đường dẫn {method} {url}.',
    'error.internal': 'Hệ thống gặp lỗi ngoài dự kiến. Vui lòng thử lại sau; nếu lỗi lặp lại, hãy liên hệ đường dây nóng.',
    'error.unauthenticated': 'Bạn cần đăng nhập để thực hiện thao tác này.',
    'error.forbidden': 'Bạn không có quyền thực hiện thao tác này.',
    'error.conflict': 'Dữ liệu đã được người khác thay đổi. Vui lòng tải lại và thử lại.',
    'error.bad_json': 'Nội dung gửi lên không phải JSON hợp lệ.',
    'error.bad_multipart': 'Biểu mẫu gửi lên bị hỏng hoặc bị ngắt giữa chừng. Vui lòng gửi lại.',
    'error.bad_text': 'Nội dung gửi lên có ký tự không hợp lệ (ký tự rỗng). Vui lòng nhập lại.',
    'error.payload_too_large': 'Tệp hoặc nội dung gửi lên quá lớn.',
    'error.unsupported_media_type': 'Định dạng nội dung gửi lên không được hỗ trợ.',
    'error.rate_limited': 'Bạn đã thử quá nhiều lần. Vui lòng đợi một lát rồi thử lại.',
    'error.csrf': 'Phiên làm việc của biểu mẫu đã hết hạn. Vui lòng tải lại trang và gửi lại.',
    'error.not_ready': 'Hệ thống chưa sẵn sàng.',
    'error.starting': 'Hệ thống đang khởi động. Vui lòng thử lại sau vài giây.',
    'error.db_unavailable': 'Cơ sở dữ liệu tạm thời không kết nối được (đang chuyển sang máy chủ dự phòng). Vui lòng thử lại sau vài giây.',
    'field.required': 'Trường này là bắt buộc.',
    'upload.empty': 'Tệp {name} rỗng.',
    'upload.too_large': 'Tệp {name} vượt quá dung lượng cho phép ({max} MB).',
    'upload.type_not_allowed': 'Tệp {name} không đúng định dạng cho phép (PDF, PNG, JPEG, DOCX, XLSX). Nội dung tệp được kiểm tra, không dựa vào tên tệp.',
  },
  en: {
    'error.validation': 'The data sent is not valid. Please check the fields listed.',
    'error.not_found': 'The page or data requested was not found.',
    'error.route_not_found': 'There is no route {method} {url}.',
    'error.internal': 'The system met an unexpected error. Please try again later; if it happens again, call the hotline.',
    'error.unauthenticated': 'You need to log in to do this.',
    'error.forbidden': 'You are not allowed to do this.',
    'error.conflict': 'Someone else changed this data. Please reload and try again.',
    'error.bad_json': 'The body sent is not valid JSON.',
    'error.bad_multipart': 'The form sent is malformed or was cut off. Please send it again.',
    'error.bad_text': 'The input contains an invalid (null) character. Please type it again.',
    'error.payload_too_large': 'The file or body sent is too large.',
    'error.unsupported_media_type': 'The content type sent is not supported.',
    'error.rate_limited': 'Too many attempts. Please wait a moment and try again.',
    'error.csrf': 'The form session has expired. Please reload the page and submit again.',
    'error.not_ready': 'The system is not ready.',
    'error.starting': 'The system is starting. Please try again in a few seconds.',
    'error.db_unavailable': 'The database cannot be reached for a moment (it is switching to its standby server). Please try again in a few seconds.',
    'field.required': 'This field is required.',
    'upload.empty': 'The file {name} is empty.',
    'upload.too_large': 'The file {name} is larger than allowed ({max} MB).',
    'upload.type_not_allowed': 'The file {name} is not of an allowed type (PDF, PNG, JPEG, DOCX, XLSX). The content is checked, not the file name.',
  },
});

declare module './keys' {
  interface MessageCatalogues {
    platform: typeof messages;
  }
}
