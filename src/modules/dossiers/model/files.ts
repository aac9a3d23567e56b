/**
 * Which dossier files are electronic components (see docs/decisions-dossiers.md, "Electronic
 * components"). The one rule the national portal (TaiLieuNop.DuocSoHoa, HoSoCoThanhPhanSoHoa) and
 * the e-data store (a component's "digitized", QĐ 766 indicators 4.2-4.4) both read.
 */

/**
 * A submitted file - a component or a supplement, however it came: uploaded online by the
 * applicant, scanned at the desk (the file's own `digitized` mark: done by an officer from paper),
 * or taken from the e-data store - is the component in electronic form: DuocSoHoa = 1. Every
 * dossier file has its bytes stored, so only the kind decides; the result is not a submitted
 * component.
 */
export function componentIsElectronic(f: { kind: string }): boolean {
  return f.kind === 'component' || f.kind === 'supplement';
}
