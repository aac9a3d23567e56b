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

/** A text field as `[name, value]`, or a file. */
export type MultipartPart = readonly [field: string, value: string] | MultipartFile;

export interface Multipart {
  body: Buffer;
  type: string;
}

const DEFAULT_BOUNDARY = '----dvc-test';

/** The parts in the order given: a field may come after a file, and a name may repeat. */
export function multipartParts(parts: readonly MultipartPart[], boundary = DEFAULT_BOUNDARY): Multipart {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if (Array.isArray(p)) {
      const [k, v] = p as readonly [string, string];
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    } else {
      const f = p as MultipartFile;
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`),
        f.bytes,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** Text fields (an object, or `[name, value]` pairs when a name repeats), then the files. */
export function multipart(
  fields: Record<string, string> | readonly (readonly [string, string])[],
  files: readonly MultipartFile[] = [],
  boundary = DEFAULT_BOUNDARY,
): Multipart {
  const pairs = Array.isArray(fields) ? (fields as readonly (readonly [string, string])[]) : Object.entries(fields);
  return multipartParts([...pairs, ...files], boundary);
}

/** The API's submission form: the JSON `payload` field, then the files (`POST /api/v1/dossiers`, supplement answers, offline intake). */
export function payloadMultipart(payload: unknown, files: readonly MultipartFile[] = [], boundary = DEFAULT_BOUNDARY): Multipart {
  return multipart({ payload: JSON.stringify(payload) }, files, boundary);
}

/** A PDF file part; the file name defaults to the component key (`file:to-khai` -> `to-khai.pdf`). */
export function pdfFile(field: string, bytes: Buffer, name = `${field.replace(/^file:/, '')}.pdf`): MultipartFile {
  return { field, name, type: 'application/pdf', bytes };
}
