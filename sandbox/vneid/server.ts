export interface SandboxVneidHandle {
  issuer: string;
  /** Plays the browser at the sandbox: follows an authorization URL, logs in, consents; returns the redirect back to the client. */
  authorize(url: string, who: { personalId: string; password: string; asOrg?: boolean }): Promise<string>;
  close(): Promise<void>;
}
