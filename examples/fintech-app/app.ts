/**
 * The main example: a small FinTech workload checked by FinTechChecks at synthesis.
 * `npx cdk synth` at the repository root runs this app (see cdk.json); it needs no AWS credentials.
 */
import { App, Validations } from 'aws-cdk-lib';
import { FinTechChecks } from '../../packs/fintech-checks';
import { PaymentsStack } from './payments-stack';

const app = new App();

new PaymentsStack(app, 'FinTechPayments', {
  description: 'fintech-guardrails example: a payments workload that meets the guideline items checked at synthesis',
});

// One line: synthesis fails when a stack breaks a mandatory guideline item.
Validations.of(app).addPlugins(new FinTechChecks(app, {
  // Risk-based decisions are written down with a reason (kept in the validation report).
  items: {
    'EX-2': { level: 'off', reason: 'No manual data entry from paper forms in this service: all input is API-to-API.' },
  },
  // The evidence for the partner bank: cdk.out/fintech-compliance-report.{md,json,html}.
  report: { attestations: `${__dirname}/fintech-attestations.yaml` },
}));

app.synth();
