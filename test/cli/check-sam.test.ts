/** `fintech-guardrails check` on YAML SAM templates and on a template with a macro (compiled CLI, as users run it). */
import * as path from 'path';
import { run } from '../helpers/cli';

const f = (name: string) => path.join(__dirname, '..', 'fixtures', 'sam', name);
const check = (file: string) => {
  const r = run(['check', file, '--format', 'json']);
  return { ...r, json: r.stdout ? JSON.parse(r.stdout) : undefined };
};
const keys = (findings: any[]) => findings.map((x) => `${x.ruleId} ${x.resource}`).sort();

describe('check on SAM templates', () => {
  test('a YAML SAM template: findings on the generated resources, under SAM logical IDs', () => {
    const r = check(f('app.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const k = keys(r.json.findings);
    expect(k).toEqual(expect.arrayContaining([
      'FTG-LAMBDA-2 PaymentsFunction', // DB_PASSWORD: hunter2
      'FTG-IAM-1 PaymentsFunctionRole', // Action "*" in Policies
      'FTG-LAMBDA-1 PaymentsFunctionUrl', // FunctionUrlConfig AuthType NONE
      'FTG-DDB-2 LedgerTable', // SimpleTable without SSESpecification
      'FTG-APIGW-3 PublicApiprodStage', // Api without AccessLogSetting
      'FTG-APIGW-3 ServerlessRestApiProdStage', // the implicit API of the Api event
    ]));
    const secret = r.json.findings.find((x: any) => x.ruleId === 'FTG-LAMBDA-2');
    expect(secret).toMatchObject({ resourceType: 'AWS::Lambda::Function', status: 'non-compliant' });
    expect(secret.message).toMatch(/DB_PASSWORD/);
    expect(k.some((x) => x.includes('DB_SECRET_ARN'))).toBe(false);
    expect(k.filter((x) => x.startsWith('FTG-GEN-2'))).toEqual([]);
  });

  test('a secure SAM table passes the encryption rule', () => {
    const r = check(f('secure.yaml'));
    expect(keys(r.json.findings).filter((x) => x.startsWith('FTG-DDB-2'))).toEqual([]);
  });

  test('a macro next to SAM: one FTG-GEN-2 "cannot be verified" finding, an error', () => {
    const r = check(f('macro.yaml'));
    expect(r.code).toBe(1);
    const gen = r.json.findings.filter((x: any) => x.ruleId === 'FTG-GEN-2');
    expect(gen).toHaveLength(1);
    expect(gen[0]).toMatchObject({ status: 'unverifiable', level: 'error', items: ['CM-1'] });
    expect(gen[0].message).toMatch(/MyCompanyMacro/);
  });

  test('Japanese output names the transform too', () => {
    const r = run(['check', f('macro.yaml'), '--lang', 'ja']);
    expect(r.stdout).toMatch(/FTG-GEN-2/);
    expect(r.stdout).toMatch(/トランスフォーム/);
  });
});
