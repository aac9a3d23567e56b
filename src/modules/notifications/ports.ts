/**
 * What the notifications module needs from a module that depends on it (dossiers calls notify(),
 * so this module cannot import dossiers): given to its manifest, `notificationsModule({ dossiers })`,
 * by the composition root (src/manifests.ts).
 */
import type { Ctx } from '../../platform/context';

/** What a notice about a dossier says and whom it goes to. */
export interface DossierForNotice {
  id: string;
  code: string;
  procedure_name: string;
  applicant_id_number: string;
  applicant_name: string;
  applicant_phone: string | null;
  applicant_email: string | null;
  submitter_id: string;
  due_at: Date | null;
  appointment_at: Date | null;
}

/** The dossiers module: a dossier by id (null when unknown), read with the system's rights. */
export interface DossiersPort {
  getDossier(ctx: Ctx, id: string): Promise<DossierForNotice | null>;
}

export interface NotificationsPorts {
  dossiers: DossiersPort;
}

let bound: NotificationsPorts | null = null;

/** Only the manifest factory (index.ts) binds the ports. */
export function bindPorts(ports: NotificationsPorts): void {
  bound = ports;
}

/** The dossiers port; the handlers that read dossiers run only where the manifest was installed. */
export function dossiersPort(): DossiersPort {
  if (!bound) throw new Error('notifications: the module manifest was not installed (src/manifests.ts)');
  return bound.dossiers;
}
