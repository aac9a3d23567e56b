/** Writes docs/authorization.md from the authorization matrix (src/modules/identity/authz-matrix.ts). */
import { writeFileSync } from 'node:fs';
import { renderAuthorizationDoc } from '../src/modules/identity/authz-matrix';

writeFileSync(new URL('../docs/authorization.md', import.meta.url), renderAuthorizationDoc());
