/**
 * The configurations whose logical IDs must never change (deployed resources are replaced when their
 * logical ID changes): the account baseline in its main forms, the organization form (with the StackSet
 * templates it embeds), and the constructs the baseline is built from.
 *
 * `scripts/record-baseline-logical-ids.ts` writes `test/fixtures/baseline-logical-ids.json` from these;
 * `test/baseline/logical-ids.test.ts` synthesizes them again and compares.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  FinTechAccountBaseline,
  FinTechLogArchiveStack,
  FinTechOrganizationBaseline,
  SecurityHubStandard,
} from '../../lib/baseline';
import { RootLoginNotification, WriteOnceLogArchive } from '../../lib/constructs';

/** `logicalId -> resource Type`, sorted by logical ID. */
export type LogicalIds = Record<string, string>;

/** What is recorded of a synthesized template (`logicalIdsOf`; the whole template for a local diff). */
type View = (template: any) => any;

const ACCOUNT = '123456789012';
const HOME = 'ap-northeast-1';
const MANAGERS = ['security@example.co.jp', 'cto@example.co.jp'];
const ORG = 'o-abcdef1234';
const MANAGEMENT = '111111111111';
const LOG_ARCHIVE = '222222222222';

/** The resources of a template, as sorted `logicalId -> Type`. */
export function logicalIdsOf(template: { Resources?: Record<string, { Type: string }> }): LogicalIds {
  const out: LogicalIds = {};
  for (const id of Object.keys(template.Resources ?? {}).sort()) out[id] = template.Resources![id].Type;
  return out;
}

/** Synthesize `app` into a temporary directory and return every stack's resources, keyed `<label>/<stack>`. */
function collect(view: View, label: string, build: (app: App) => void, extra?: () => Record<string, any>): Record<string, any> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-logical-ids-'));
  try {
    const app = new App({ outdir, analyticsReporting: false });
    build(app);
    const assembly = app.synth();
    const out: Record<string, any> = {};
    for (const stack of [...assembly.stacks].sort((a, b) => a.id.localeCompare(b.id))) {
      out[`${label}/${stack.id}`] = view(stack.template);
    }
    for (const [k, v] of Object.entries(extra?.() ?? {})) out[`${label}/${k}`] = v;
    return out;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Every configuration, synthesized, as `view` shows it (by default the logical IDs). Keys sorted. */
export function synthesizeConfigurations(view: View = logicalIdsOf): Record<string, LogicalIds> {
  const all: Record<string, any> = {
    // examples/account-baseline (one account) and test/baseline/account-baseline.test.ts.
    ...collect(view, 'account', (app) => {
      new FinTechAccountBaseline(app, 'Baseline', { env: { account: ACCOUNT, region: HOME }, managerEmails: MANAGERS });
      // The member form of an organization: no trail of its own, no custom resources, environment-agnostic.
      new FinTechAccountBaseline(app, 'Member', {
        managerEmails: ['security@example.co.jp'],
        accountTrail: false,
        accountSettings: 'detect',
        globalEventForwarding: 'external',
      });
      // Every option in use, in us-east-1.
      new FinTechAccountBaseline(app, 'Tuned', {
        env: { account: ACCOUNT, region: 'us-east-1' },
        managerEmails: ['security@example.co.jp'],
        trustedAccountId: '210987654321',
        roleNamePrefix: 'Acme',
        maxSessionDuration: Duration.hours(4),
        archiveRetention: Duration.days(2555),
        passwordPolicy: { minimumPasswordLength: 20, passwordReusePrevention: 24, maxPasswordAge: 60 },
        guardDutyFeatures: ['S3_DATA_EVENTS'],
        guardDutyMinSeverity: 7,
        securityHubStandards: [SecurityHubStandard.FOUNDATIONAL_BEST_PRACTICES, SecurityHubStandard.CIS_1_4],
        backupVaultLock: { minRetention: Duration.days(7), maxRetention: Duration.days(3650), changeableFor: Duration.days(3) },
        dataClassification: 'restricted',
      });
      // Every optional part turned off.
      new FinTechAccountBaseline(app, 'Minimal', {
        env: { account: ACCOUNT, region: HOME },
        managerEmails: ['security@example.co.jp'],
        accountTrail: false,
        configRecorder: false,
        guardDuty: false,
        securityHub: false,
        accessAnalyzer: false,
        backup: false,
        attestationRules: false,
        globalEventForwarding: 'none',
      });
      // The remaining variants: GOVERNANCE archive, governance-mode vault lock, detect, external forwarding.
      new FinTechAccountBaseline(app, 'Variants', {
        env: { account: ACCOUNT, region: HOME },
        managerEmails: ['security@example.co.jp'],
        archiveObjectLockMode: 'GOVERNANCE',
        trailLogRetention: logs.RetentionDays.TEN_YEARS,
        accountSettings: 'detect',
        globalEventForwarding: 'external',
        backupVaultLock: { minRetention: Duration.days(1) },
        securityHubStandards: [SecurityHubStandard.of('Custom', 'standards/nist-800-53/v/5.0.0')],
      });
      // Environment-agnostic with the default forwarding (nothing can be forwarded).
      new FinTechAccountBaseline(app, 'Agnostic', { managerEmails: MANAGERS, accountSettings: 'detect' });
    }),
    // examples/account-baseline (-c form=organization) and test/baseline/organization.test.ts.
    ...organization(view, 'organization', HOME, { memberBaseline: { roleNamePrefix: 'Member' } }),
    ...organization(view, 'organization-us-east-1', 'us-east-1', { accountSettings: 'detect' }),
    // The constructs the baseline is built from, on their own.
    ...collect(view, 'constructs', (app) => {
      const defaults = new Stack(app, 'Defaults', { env: { account: ACCOUNT, region: HOME } });
      new WriteOnceLogArchive(defaults, 'Archive');
      new RootLoginNotification(defaults, 'RootLogin');

      const full = new Stack(app, 'Full', { env: { account: ACCOUNT, region: HOME } });
      const archive = new WriteOnceLogArchive(full, 'Archive', { retention: Duration.days(400), objectLockMode: 'GOVERNANCE' });
      const trail = archive.addTrail({ cloudWatchLogs: true });
      archive.addLogGroup(new logs.LogGroup(full, 'AppLogs', { encryptionKey: archive.encryptionKey, retention: logs.RetentionDays.ONE_YEAR }));
      archive.addLogGroup(new logs.LogGroup(full, 'MoreLogs', { encryptionKey: archive.encryptionKey, retention: logs.RetentionDays.ONE_YEAR }));
      new RootLoginNotification(full, 'RootLogin', { emails: ['security@example.co.jp'], cloudTrailLogGroup: trail.logGroup });

      const imported = new Stack(app, 'Imported');
      const key = kms.Key.fromKeyArn(imported, 'Key', 'arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      const accessLogs = s3.Bucket.fromBucketName(imported, 'AccessLogs', 'existing-access-logs');
      const importedArchive = new WriteOnceLogArchive(imported, 'Archive', { encryptionKey: key, serverAccessLogsBucket: accessLogs });
      importedArchive.addTrail();
      importedArchive.addLogGroup(logs.LogGroup.fromLogGroupName(imported, 'Existing', 'existing-group'));
    }),
  };
  const sorted: Record<string, any> = {};
  for (const k of Object.keys(all).sort()) sorted[k] = all[k];
  return sorted;
}

function organization(
  view: View,
  label: string,
  region: string,
  more: Partial<ConstructorParameters<typeof FinTechOrganizationBaseline>[2]>,
): Record<string, any> {
  let org: FinTechOrganizationBaseline | undefined;
  return collect(
    view,
    label,
    (app) => {
      new FinTechLogArchiveStack(app, 'LogArchive', {
        env: { account: LOG_ARCHIVE, region },
        organizationId: ORG,
        managementAccountId: MANAGEMENT,
      });
      org = new FinTechOrganizationBaseline(app, 'Organization', {
        env: { account: MANAGEMENT, region },
        managerEmails: ['security@example.co.jp'],
        organizationId: ORG,
        logArchiveAccountId: LOG_ARCHIVE,
        organizationalUnitIds: ['ou-abcd-12345678', 'ou-abcd-87654321'],
        ...more,
      });
    },
    () => {
      // The templates the StackSets deploy into every member account.
      const out: Record<string, any> = { 'Organization:MemberStackSetTemplate': view(org!.memberTemplate) };
      if (org!.forwarderStackSet) {
        const body = org!.resolve(org!.forwarderStackSet.templateBody);
        if (typeof body === 'string') out['Organization:ForwarderStackSetTemplate'] = view(JSON.parse(body));
      }
      return out;
    },
  );
}
