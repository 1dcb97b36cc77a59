/** The managed Config rule identifiers of lib/catalog/config-rules.ts against the catalog and aws-cdk-lib. */
import * as fs from 'fs';
import * as config from 'aws-cdk-lib/aws-config';
import { ITEMS } from '../../lib/catalog';
import { MANAGED_CONFIG_RULES } from '../../lib/catalog/config-rules';

/** aws-cdk-lib's ManagedRuleIdentifiers by the Developer Guide page each constant links (rule name → identifier). */
function cdkIdentifiers(): Map<string, string> {
  const d = fs.readFileSync(require('path').join(require('path').dirname(require.resolve('aws-cdk-lib')), 'aws-config', 'lib', 'rule.d.ts'), 'utf-8');
  const body = d.slice(d.indexOf('class ManagedRuleIdentifiers'));
  const out = new Map<string, string>();
  for (const m of body.matchAll(/developerguide\/([a-z0-9-]+)\.html[^]*?static readonly ([A-Z0-9_]+) = "([A-Z0-9_]+)";/g)) {
    if (!out.has(m[1])) out.set(m[1], m[3]);
    expect((config.ManagedRuleIdentifiers as any)[m[2]]).toBe(m[3]);
  }
  return out;
}

describe('managed Config rules of the catalog', () => {
  const named = new Set(ITEMS.flatMap((i) => i.aws?.configRules ?? []));

  test('every rule the catalog names has an identifier, and nothing else is listed', () => {
    expect(Object.keys(MANAGED_CONFIG_RULES).sort()).toEqual([...named].sort());
  });

  test('identifiers are well formed and agree with aws-cdk-lib where it lists the rule', () => {
    const cdk = cdkIdentifiers();
    expect(cdk.size).toBeGreaterThan(200);
    const missing: string[] = [];
    for (const [name, spec] of Object.entries(MANAGED_CONFIG_RULES)) {
      expect(spec.identifier).toMatch(/^[A-Z0-9]+(_[A-Z0-9]+)*$/);
      const expected = cdk.get(name);
      if (expected) expect({ name, identifier: spec.identifier }).toEqual({ name, identifier: expected });
      else missing.push(name);
    }
    // Checked by hand against the AWS Config Developer Guide (see the file comment).
    expect(missing.sort()).toEqual(['macie-auto-sensitive-data-discovery-check', 'macie-status-check', 's3-bucket-cross-region-replication-enabled']);
    expect(MANAGED_CONFIG_RULES['restricted-ssh'].identifier).toBe('INCOMING_SSH_DISABLED');
  });
});
