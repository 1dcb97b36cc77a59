/**
 * The RDS rules that judge one setting of a DB instance or cluster (StorageEncrypted, BackupRetentionPeriod,
 * MultiAZ, PubliclyAccessible, DeletionProtection) share one shape: these cases are written once, over a
 * table of the rules. Each rule's own cases (clusters, members, replicas, snapshots, details) stay in its
 * own file, rds-<rule>.test.ts.
 */
import { CfnResource, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { RuleDefinition } from '../../packs/engine/rule';
import { RdsBackupRetention } from '../../packs/rules/rds/RdsBackupRetention';
import { RdsDeletionProtection } from '../../packs/rules/rds/RdsDeletionProtection';
import { RdsMultiAz } from '../../packs/rules/rds/RdsMultiAz';
import { RdsNotPublic } from '../../packs/rules/rds/RdsNotPublic';
import { RdsStorageEncrypted } from '../../packs/rules/rds/RdsStorageEncrypted';
import { aurora, DB_CLUSTER, DB_INSTANCE, dbCluster, dbInstance, l2Instance, rdsStack } from '../helpers/rds';
import { cfn, outcomes, Status, statusOf } from '../helpers/rules';

interface RdsSettingRule {
  readonly rule: RuleDefinition;
  /** The CloudFormation property the rule judges. */
  readonly property: string;
  /** The L1 resource the property cases are built on (logical ID `D` or `C`). */
  readonly on: typeof DB_INSTANCE | typeof DB_CLUSTER;
  /** Two compliant values (two spellings, or two values on the right side of a threshold). */
  readonly compliant: readonly [unknown, unknown];
  /** A non-compliant value. */
  readonly nonCompliant: unknown;
  /** A parameter for the property: its type, a compliant default, and allowed values one of which is non-compliant. */
  readonly parameter: { readonly type: 'String' | 'Number'; readonly compliantDefault: string | number; readonly allowedValues: readonly string[] };
  /** An L2 database as it is commonly written, which the rule finds non-compliant. */
  readonly l2NonCompliant: () => Construct;
  /** An L2 database set up as the rule asks. */
  readonly l2Compliant: () => Construct;
  /** What an escape hatch sets the property to on `l2Compliant`, so that the rule finds it non-compliant. */
  readonly override: unknown;
  /** An L1 resource of the rule's types, made by an L2 construct, that the rule leaves to another resource. */
  readonly l2NotApplicable: { readonly what: string; readonly build: () => CfnResource };
}

/** The Aurora cluster of an L2 `DatabaseCluster` with a writer, or its writer instance. */
function auroraL1(which: 'cluster' | 'writer'): CfnResource {
  const { stack, vpc, vpcSubnets } = rdsStack();
  const cluster = new rds.DatabaseCluster(stack, 'C', { engine: aurora, vpc, vpcSubnets, storageEncrypted: true, writer: rds.ClusterInstance.serverlessV2('w') });
  if (which === 'cluster') return cluster.node.defaultChild as CfnResource;
  return cluster.node.findAll().find((c): c is rds.CfnDBInstance => c instanceof rds.CfnDBInstance)!;
}
const AURORA_MEMBER = { what: 'the member instance of an L2 Aurora cluster (the cluster is judged)', build: () => auroraL1('writer') };

const RULES: RdsSettingRule[] = [
  {
    rule: RdsStorageEncrypted,
    property: 'StorageEncrypted',
    on: DB_INSTANCE,
    compliant: [true, 'true'],
    nonCompliant: { Ref: 'AWS::NoValue' },
    parameter: { type: 'String', compliantDefault: 'true', allowedValues: ['true', 'false'] },
    l2NonCompliant: () => l2Instance(),
    l2Compliant: () => l2Instance({ storageEncrypted: true }),
    override: false,
    l2NotApplicable: AURORA_MEMBER,
  },
  {
    rule: RdsBackupRetention,
    property: 'BackupRetentionPeriod',
    on: DB_INSTANCE,
    compliant: [35, 7],
    nonCompliant: 1,
    parameter: { type: 'Number', compliantDefault: 14, allowedValues: ['7', '1'] },
    l2NonCompliant: () => l2Instance({ storageEncrypted: true }),
    l2Compliant: () => l2Instance({ storageEncrypted: true, backupRetention: Duration.days(7) }),
    override: 0,
    l2NotApplicable: AURORA_MEMBER,
  },
  {
    rule: RdsMultiAz,
    property: 'MultiAZ',
    on: DB_INSTANCE,
    compliant: [true, 'true'],
    nonCompliant: false,
    parameter: { type: 'String', compliantDefault: 'true', allowedValues: ['true', 'false'] },
    l2NonCompliant: () => l2Instance({ storageEncrypted: true }),
    l2Compliant: () => l2Instance({ storageEncrypted: true, multiAz: true }),
    override: false,
    l2NotApplicable: AURORA_MEMBER,
  },
  {
    rule: RdsNotPublic,
    property: 'PubliclyAccessible',
    on: DB_INSTANCE,
    compliant: [false, 'false'],
    nonCompliant: true,
    parameter: { type: 'String', compliantDefault: 'false', allowedValues: ['false', 'true'] },
    // In public subnets CDK sets PubliclyAccessible true.
    l2NonCompliant: () => l2Instance({ vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, storageEncrypted: true }, { publicSubnets: true }),
    l2Compliant: () => l2Instance({ storageEncrypted: true }, { publicSubnets: true }),
    override: true,
    l2NotApplicable: { what: 'an L2 Aurora cluster (its instances are judged)', build: () => auroraL1('cluster') },
  },
  {
    rule: RdsDeletionProtection,
    property: 'DeletionProtection',
    on: DB_CLUSTER,
    compliant: [true, 'true'],
    nonCompliant: false,
    parameter: { type: 'String', compliantDefault: 'true', allowedValues: ['true', 'false'] },
    l2NonCompliant: () => l2Instance({ storageEncrypted: true }),
    l2Compliant: () => {
      const { stack, vpc, vpcSubnets } = rdsStack();
      return new rds.DatabaseCluster(stack, 'C', { engine: aurora, vpc, vpcSubnets, storageEncrypted: true, deletionProtection: true, writer: rds.ClusterInstance.serverlessV2('w') });
    },
    override: false,
    l2NotApplicable: AURORA_MEMBER,
  },
];

/** The status of `rule` on the L1 resource `l1`, or on the one behind the L2 construct (its `defaultChild`). */
function statusOfL2(rule: RuleDefinition, db: Construct): Status {
  const l1 = CfnResource.isCfnResource(db) ? db : db.node.defaultChild as CfnResource;
  const stack = Stack.of(l1);
  return outcomes(rule, stack)[stack.getLogicalId(l1)].status;
}

describe.each(RULES)('$rule.name ($rule.id): $property, like the other RDS setting rules', (r) => {
  /** A template of the L1 resource with `value` for the property (and extra resources, parameters). */
  const subject = (value: unknown, extra: { resources?: Record<string, unknown>; parameters?: Record<string, unknown> } = {}) => cfn(
    { ...extra.resources, ...(r.on === DB_INSTANCE ? dbInstance({ [r.property]: value }) : dbCluster({ [r.property]: value })) },
    extra.parameters ? { Parameters: extra.parameters } : {},
  );
  const statusOfSubject = (value: unknown, extra?: Parameters<typeof subject>[1]) => statusOf(r.rule, subject(value, extra), r.on);

  describe('non-compliance', () => {
    test('L2 database as commonly written', () => {
      expect(statusOfL2(r.rule, r.l2NonCompliant())).toBe('non-compliant');
    });
    test('escape hatch overrides the property of a compliant L2 database', () => {
      const db = r.l2Compliant();
      (db.node.defaultChild as CfnResource).addPropertyOverride(r.property, r.override);
      expect(statusOfL2(r.rule, db)).toBe('non-compliant');
    });
    test('L1 with a non-compliant value', () => {
      expect(statusOfSubject(r.nonCompliant)).toBe('non-compliant');
    });
  });
  describe('compliance', () => {
    test('L2 database set up as the rule asks', () => {
      expect(statusOfL2(r.rule, r.l2Compliant())).toBe('compliant');
    });
    test.each(r.compliant.map((v) => [JSON.stringify(v), v]))('L1 with %s', (_, v) => {
      expect(statusOfSubject(v)).toBe('compliant');
    });
  });
  describe('not applicable', () => {
    test(`L2: ${r.l2NotApplicable.what}`, () => {
      const l1 = r.l2NotApplicable.build();
      expect(r.rule.resourceTypes).toContain(l1.cfnResourceType);
      expect(statusOfL2(r.rule, l1)).toBe('not-applicable');
    });
    test('other resource types', () => {
      expect(statusOf(r.rule, cfn({ G: { Type: 'AWS::RDS::DBSubnetGroup' } }), 'AWS::RDS::DBSubnetGroup')).toBe('not-applicable');
    });
  });
  describe('values unknown at synth time', () => {
    const param = (p: Record<string, unknown>) => statusOfSubject({ Ref: 'Value' }, { parameters: { Value: { Type: r.parameter.type, ...p } } });
    test('parameter with a compliant default is compliant', () => {
      expect(param({ Default: r.parameter.compliantDefault })).toBe('compliant');
    });
    test('parameter whose allowed values include a non-compliant one is non-compliant', () => {
      expect(param({ AllowedValues: r.parameter.allowedValues })).toBe('non-compliant');
    });
    test('parameter without default is unverifiable', () => {
      expect(param({})).toBe('unverifiable');
    });
    test('Fn::If with one non-compliant branch (either one) is non-compliant', () => {
      expect(statusOfSubject({ 'Fn::If': ['Prod', r.compliant[0], r.nonCompliant] })).toBe('non-compliant');
      expect(statusOfSubject({ 'Fn::If': ['Prod', r.nonCompliant, r.compliant[0]] })).toBe('non-compliant');
    });
    test('Fn::If with both branches compliant is compliant', () => {
      expect(statusOfSubject({ 'Fn::If': ['Prod', r.compliant[0], r.compliant[1]] })).toBe('compliant');
    });
    test('GetAtt for the value is unverifiable', () => {
      expect(statusOfSubject({ 'Fn::GetAtt': ['X', 'Value'] }, { resources: { X: { Type: 'Custom::X' } } })).toBe('unverifiable');
    });
  });
});
