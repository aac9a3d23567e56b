import path from 'node:path';
import { describe, it } from 'vitest';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { DEBT } from './dependency-debt.js';
import { dependencyRule, dependencyRuleWith } from './dependency-rule.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });
const at = (file) => path.join(process.cwd(), file);
const ok = (file, code) => ({ filename: at(file), code });
/** The message names the resolved pair, so a wrong resolution fails too. */
const refused = (file, code, to) => ({ filename: at(file), code, errors: [{ message: new RegExp(`^${file.replace(/\.tsx?$/, '')} -> ${to}: `) }] });

tester.run('dependency-rule', dependencyRule, {
  valid: [
    // a module through another's service or model
    ok('src/modules/dossiers/pages/apply.tsx', "import { x } from '../../catalogue/service';"),
    ok('src/modules/payments/model.ts', "import { quoteFeeRules } from '../catalogue/model';"),
    ok('src/modules/indicators/deps.ts', "import { f } from '../dossiers/model/index';"),
    // its own internals
    ok('src/modules/catalogue/service.ts', "import { s } from './snapshot'; import { q } from './search-store';"),
    // the platform and the web layer use the platform
    ok('src/platform/outbox.ts', "import type { Database } from '../db/schema'; import { a } from './audit';"),
    ok('src/web/layout.tsx', "import { t } from '../platform/i18n';"),
    // a module through the ports another needs, or its manifest
    ok('src/modules/warehouse/index.ts', "import type { StoredDocumentsPort } from '../dossiers/ports';"),
    // composition roots install modules through their manifests (the database roots: tables and seeds)
    ok('src/app.ts', "import { identityModule } from './modules/identity/index'; import { MODULES } from './manifests'; import { seed } from './db/seed';"),
    ok('src/manifests.ts', "import { dossiersModule } from './modules/dossiers/index'; import { webShell } from './web/index';"),
    ok('src/db/seed.ts', "import { seedDemo } from '../modules/units/seed';"),
    // demo code reads other modules' demo data; production code may name demo types
    ok('src/modules/warehouse/seed.ts', "import { DEMO } from '../units/demo';"),
    ok('src/modules/dossiers/generator/world.ts', "import { DEMO_CITIZENS } from '../../identity/demo';"),
    ok('src/modules/catalogue/model.ts', "import type { ProcedureSeed } from './demo-data/types';"),
    ok('src/modules/catalogue/forms.ts', "import { type ProcedureSeed } from './demo-data/types';"),
    // tests, benches and scripts are free
    ok('src/modules/warehouse/warehouse.db.test.ts', "import { call } from '../signing/remote-signer'; import { env } from '../../test/harness';"),
    ok('src/modules/notifications/testkit.ts', "import { startSmtpSink } from '../../../sandbox/email/smtp-sink';"),
    ok('bench/indicators.ts', "import { handler } from '../src/modules/indicators/facts-handler';"),
    // a sandbox uses the platform, config and modules' model and demo data
    ok('sandbox/payment/server.ts', "import { sign } from '../../src/modules/payments/model'; import { loadConfig } from '../../src/config';"),
    ok('sandbox/vneid/accounts.ts', "import { DEMO_CITIZENS } from '../../src/modules/identity/demo';"),
    // packages are not the rule's business
    ok('src/platform/pdf.ts', "import PDFDocument from 'pdfkit';"),
    // the home page is the catalogue's: it reads the catalogue from inside the module
    ok('src/modules/catalogue/home.tsx', "import { essentialServices } from './service'; import { Layout } from '../../web/layout';"),
  ],
  invalid: [
    refused('src/platform/audit.ts', "import { x } from '../modules/dossiers/service';", 'src/modules/dossiers/service'),
    refused('src/platform/http/html.ts', "import { Layout } from '../../web/layout';", 'src/web/layout'),
    refused('src/db/index.ts', "import { x } from '../modules/units/store';", 'src/modules/units/store'),
    refused('src/web/layout.tsx', "import { x } from '../modules/identity/service';", 'src/modules/identity/service'),
    refused('src/web/home.tsx', "import { essentialServices } from '../modules/catalogue/service';", 'src/modules/catalogue/service'),
    refused('src/modules/dossiers/service/transition.ts', "import type { ComponentSpec } from '../../catalogue/snapshot';", 'src/modules/catalogue/snapshot'),
    refused('src/modules/warehouse/service/documents.ts', "import { read } from '../../dossiers/service/read';", 'src/modules/dossiers/service/read'),
    refused('src/modules/feedback/petitions.ts', "export { x } from '../dossiers/store';", 'src/modules/dossiers/store'),
    refused('src/modules/feedback/petitions.ts', "export * from '../dossiers/routes';", 'src/modules/dossiers/routes'),
    refused('src/modules/feedback/petitions.ts', "const m = await import('../dossiers/pages');", 'src/modules/dossiers/pages'),
    refused('src/modules/catalogue/agencies-new.ts', "import { DEMO } from '../units/demo';", 'src/modules/units/demo'),
    refused('src/modules/catalogue/service.ts', "import { DEMO_PROCEDURES } from './demo-data';", 'src/modules/catalogue/demo-data'),
    refused('src/modules/dossiers/service/submit.ts', "import { world } from '../generator/world';", 'src/modules/dossiers/generator/world'),
    refused('src/modules/indicators/records.ts', "import { login } from '../../test/login';", 'src/test/login'),
    refused('src/modules/indicators/records.ts', "import { kit } from '../notifications/testkit';", 'src/modules/notifications/testkit'),
    refused('src/modules/units/seed.ts', "import { fixture } from '../catalogue/test-fixtures';", 'src/modules/catalogue/test-fixtures'),
    refused('src/modules/signing/service.ts', "import { ca } from '../../../sandbox/esign/ca';", 'sandbox/esign/ca'),
    refused('src/modules/identity/service.ts', "import { buildApp } from '../../app';", 'src/app'),
    refused('src/modules/identity/service.ts', "import { MODULES } from '../../manifests';", 'src/manifests'),
    refused('src/app.ts', "import { dossiersRoutes } from './modules/dossiers/routes';", 'src/modules/dossiers/routes'),
    refused('src/manifests.ts', "import { homeProvince } from './modules/units/service';", 'src/modules/units/service'),
    refused('src/platform/module.ts', "import { unitsModule } from '../modules/units/index';", 'src/modules/units/index'),
    refused('src/platform/i18n/catalog.ts', "import { messages } from '../../modules/units/messages';", 'src/modules/units/messages'),
    refused('sandbox/population/server.ts', "import { store } from '../../src/modules/population/store';", 'src/modules/population/store'),
  ],
});

describe('known debt', () => {
  it('is empty (docs/architecture.md, "Known debt")', () => {
    if (DEBT.length !== 0) throw new Error(`lint/dependency-debt.js lists ${DEBT.length} pairs`);
  });
});

// The mechanism, on a list of its own: a listed pair passes, a listed pair gone fails.
const debt = [
  { from: 'src/modules/dossiers/service/common', to: 'src/modules/catalogue/snapshot' },
  { from: 'src/modules/dossiers/service/common', to: 'src/modules/catalogue/process' },
];
tester.run('dependency-rule with debt', dependencyRuleWith(debt), {
  valid: [
    // listed debt passes while every listed pair of the file occurs
    ok('src/modules/dossiers/service/common.ts', "import type { A } from '../../catalogue/snapshot'; import type { B } from '../../catalogue/process';"),
  ],
  invalid: [
    // a listed pair that no longer occurs must be removed from the list
    {
      filename: at('src/modules/dossiers/service/common.ts'),
      code: "import type { A } from '../../catalogue/snapshot';",
      errors: [{ messageId: 'staleDebt' }],
    },
    // an unlisted pair of the same file still fails
    {
      filename: at('src/modules/dossiers/service/common.ts'),
      code: "import type { A } from '../../catalogue/snapshot'; import type { B } from '../../catalogue/process'; import { s } from '../../catalogue/store';",
      errors: [{ message: /^src\/modules\/dossiers\/service\/common -> src\/modules\/catalogue\/store: / }],
    },
  ],
});
