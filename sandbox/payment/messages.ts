/** Strings of the sandbox payment pages (Vietnamese; the sandbox stands in for a Vietnamese platform). */
export const text = {
  title: 'Cổng thanh toán (MÔI TRƯỜNG THỬ NGHIỆM)',
  warning: 'Đây là cổng thanh toán thử nghiệm: không có tiền thật được chuyển.',
  order: 'Mã tham chiếu',
  amount: 'Số tiền',
  content: 'Nội dung',
  pay: 'Thanh toán',
  cancel: 'Hủy',
  notFound: 'Không tìm thấy giao dịch.',
  done: 'Giao dịch đã được xử lý.',
  back: 'Quay lại Cổng Dịch vụ công',
};
