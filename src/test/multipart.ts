/**
 * One multipart/form-data body builder for the tests (issue 16 item 7): text fields, then files.
 * Returns the body and the content-type with its boundary.
 */
export interface MultipartFile {
  field: string;
  name: string;
  type: string;
  bytes: Buffer;
}

export function multipart(fields: Record<string, string>, files: readonly MultipartFile[] = [], boundary = '----dvc-test'): { body: Buffer; type: string } {
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files)
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`),
      f.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}
