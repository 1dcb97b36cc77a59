/**
 * The FinTech account baseline, for one account or for an organization.
 *
 *   cd examples/account-baseline && npx cdk synth                        # one account
 *   cd examples/account-baseline && npx cdk synth -c form=organization   # an organization
 *
 * Synthesizes offline (no AWS credentials, no lookups) and is checked at synthesis by our FinTechChecks
 * pack and by cdk-nag's AwsSolutionsChecks.
 *
 * - One account: `FinTechAccountBaseline` in ap-northeast-1 (with `FinTechBaselineGlobalEvents`, which
 *   forwards console sign-in and IAM events from us-east-1, where AWS delivers them).
 * - Organization: `FinTechLogArchiveStack` in the log-archive account, and `FinTechOrganizationBaseline`
 *   in the management account (its own baseline, the organization trail, and the StackSets that roll the
 *   member baseline out to the organizational units).
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FinTechAccountBaseline, FinTechLogArchiveStack, FinTechOrganizationBaseline } from '../../lib/baseline';
import { FinTechChecks } from '../../packs/fintech-checks';

const HOME_REGION = 'ap-northeast-1';
// The managers who hear about root use, configuration changes and sensitive work (not the root holders).
const MANAGERS = ['cto@example.co.jp', 'security-officer@example.co.jp'];

const app = new App();

if (app.node.tryGetContext('form') === 'organization') {
  const ORGANIZATION_ID = 'o-exampleorg1';
  const MANAGEMENT_ACCOUNT = '111111111111';
  const LOG_ARCHIVE_ACCOUNT = '222222222222';
  new FinTechLogArchiveStack(app, 'FinTechLogArchive', {
    env: { account: LOG_ARCHIVE_ACCOUNT, region: HOME_REGION },
    organizationId: ORGANIZATION_ID,
    managementAccountId: MANAGEMENT_ACCOUNT,
  });
  new FinTechOrganizationBaseline(app, 'FinTechOrganization', {
    env: { account: MANAGEMENT_ACCOUNT, region: HOME_REGION },
    managerEmails: MANAGERS,
    organizationId: ORGANIZATION_ID,
    logArchiveAccountId: LOG_ARCHIVE_ACCOUNT,
    organizationalUnitIds: ['ou-exam-workloads'],
  });
} else {
  new FinTechAccountBaseline(app, 'FinTechBaseline', {
    env: { account: '123456789012', region: HOME_REGION },
    managerEmails: MANAGERS,
  });
}

Validations.of(app).addPlugins(new FinTechChecks(app), new AwsSolutionsChecks(app));
app.synth();
