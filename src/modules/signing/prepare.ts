/**
 * Preparing a PDF for signing: the document is read with pdf-lib (which understands classic
 * cross-reference tables, cross-reference streams, object streams, incremental updates and
 * hybrid files) and written again with an empty signature field (PAdES, ETSI.CAdES.detached).
 *
 * Why not an incremental update of the original bytes: @signpdf/placeholder-plain only reads
 * classic xref tables and fails on the files office programs and scanners write ("Could not find
 * xref anywhere at or after NaN"). pdf-lib rewrites the file instead, so the signed file carries
 * the same document (pages, content, images, metadata) in new bytes: what is frozen at approval
 * and checked before signing is the SHA-256 of the approved upload (docs/decisions-signing-payments.md).
 *
 * The same reading runs at upload (`checkSignablePdf`): an encrypted or damaged PDF is refused
 * there with a clear message, never discovered at signing time.
 */
import { EncryptedPDFError, PDFDocument, PDFInvalidObject } from 'pdf-lib';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import type { SignerInfo } from './model';

/** Why a PDF cannot be signed: `signing.pdf_encrypted` or `signing.pdf_damaged`. */
export class UnsignablePdfError extends Error {
  constructor(
    public readonly key: 'signing.pdf_encrypted' | 'signing.pdf_damaged',
    message: string,
  ) {
    super(message);
  }
}

async function load(pdf: Buffer): Promise<PDFDocument> {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new UnsignablePdfError('signing.pdf_damaged', 'not a PDF');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (e) {
    // instanceof alone misses the error when pdf-lib is loaded twice (ESM and CommonJS copies).
    if (e instanceof EncryptedPDFError || (e as Error)?.constructor?.name === 'EncryptedPDFError' || /is encrypted/.test(String((e as Error)?.message)))
      throw new UnsignablePdfError('signing.pdf_encrypted', 'encrypted PDF');
    throw new UnsignablePdfError('signing.pdf_damaged', (e as Error).message);
  }
  // pdf-lib recovers what it can from a broken file; a document without readable pages is damaged.
  try {
    const pages = doc.getPages();
    if (pages.length === 0) throw new Error('no pages');
    for (const p of pages) p.getSize();
  } catch (e) {
    throw new UnsignablePdfError('signing.pdf_damaged', (e as Error).message);
  }
  return doc;
}

/** A PDF text string in UTF-16BE (hex), so Vietnamese names and reasons survive. */
function utf16Hex(text: string): string {
  const b = Buffer.from(text, 'utf16le');
  for (let i = 0; i < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1]!, b[i]!];
  return `<FEFF${b.toString('hex').toUpperCase()}>`;
}

const TOKENS = { reason: 'dvcReasonToken', name: 'dvcNameToken', location: 'dvcLocationToken' } as const;

/**
 * pdf-lib's placeholder writes Reason, Name and Location in PDFDocEncoding (Vietnamese letters
 * are lost) and serialises the signature dictionary at once; so it gets ASCII tokens that are
 * replaced here by UTF-16 strings in the serialised dictionary.
 */
function writeUnicodeStrings(doc: PDFDocument, values: Record<keyof typeof TOKENS, string>): void {
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFInvalidObject)) continue;
    const bytes = new Uint8Array(obj.sizeInBytes());
    obj.copyBytesInto(bytes, 0);
    let text = Buffer.from(bytes).toString('latin1');
    if (!text.includes(`(${TOKENS.reason})`)) continue;
    for (const k of Object.keys(TOKENS) as (keyof typeof TOKENS)[]) text = text.replace(`(${TOKENS[k]})`, utf16Hex(values[k]));
    doc.context.assign(ref, PDFInvalidObject.of(new Uint8Array(Buffer.from(text, 'latin1'))));
    return;
  }
  throw new Error('signature dictionary not found');
}

/** Adds an empty signature field; throws UnsignablePdfError for an encrypted or damaged file. */
export async function addSignatureField(pdf: Buffer, who: SignerInfo, reason: string, signingTime?: Date): Promise<Buffer> {
  const pdfDoc = await load(pdf);
  pdflibAddPlaceholder({
    pdfDoc,
    reason: TOKENS.reason,
    contactInfo: '',
    name: TOKENS.name,
    location: TOKENS.location,
    signatureLength: 8192,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'dichvucong',
    ...(signingTime ? { signingTime } : {}),
  });
  writeUnicodeStrings(pdfDoc, { reason, name: who.name, location: who.unit });
  // The signature dictionary must stay a plain object (signpdf finds /ByteRange in the bytes).
  return Buffer.from(await pdfDoc.save({ useObjectStreams: false }));
}

/** Checks at upload that a result PDF can be signed later (the same preparation, thrown away). */
export async function checkSignablePdf(pdf: Buffer): Promise<void> {
  await addSignatureField(pdf, { name: 'kiem-tra', title: '', unit: '' }, 'kiem-tra');
}
