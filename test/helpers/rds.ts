/**
 * Fixtures shared by the RDS rule tests: the imported VPC the L2 databases go into, the engines,
 * and L1 DB instances and clusters as template resources.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { CfnTemplate } from '../../packs/engine/template';
import { cfn } from './rules';

export const DB_INSTANCE = 'AWS::RDS::DBInstance';
export const DB_CLUSTER = 'AWS::RDS::DBCluster';

export const postgres = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });
export const aurora = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 });

/** A new stack with an imported VPC of two isolated subnets (and, with `publicSubnets`, two public ones). */
export interface RdsStack {
  readonly stack: Stack;
  readonly vpc: ec2.IVpc;
  /** The isolated subnets. */
  readonly vpcSubnets: ec2.SubnetSelection;
}

export function rdsStack(options: { publicSubnets?: boolean } = {}): RdsStack {
  const stack = new Stack(new App());
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    isolatedSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
    ...(options.publicSubnets ? { publicSubnetIds: ['subnet-0123456789abcdef2', 'subnet-0123456789abcdef3'] } : {}),
  });
  return { stack, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } };
}

/** An L1 PostgreSQL DB instance, logical ID `D`, with the given properties. */
export function dbInstance(props: Record<string, unknown> = {}): Record<string, unknown> {
  return { D: { Type: DB_INSTANCE, Properties: { Engine: 'postgres', ...props } } };
}

/** An L1 Aurora PostgreSQL DB cluster, logical ID `C`, with the given properties. */
export function dbCluster(props: Record<string, unknown> = {}): Record<string, unknown> {
  return { C: { Type: DB_CLUSTER, Properties: { Engine: 'aurora-postgresql', ...props } } };
}

/** A template of the L1 DB instance `D` (and optional parameters/conditions). */
export function instanceTemplate(props: Record<string, unknown> = {}, extra: Partial<CfnTemplate> = {}): CfnTemplate {
  return cfn(dbInstance(props), extra);
}

/** A template of the L1 DB cluster `C` (and optional parameters/conditions). */
export function clusterTemplate(props: Record<string, unknown> = {}, extra: Partial<CfnTemplate> = {}): CfnTemplate {
  return cfn(dbCluster(props), extra);
}

/** An L1 Aurora member instance of the cluster `C` (by Ref unless `props` says otherwise). */
export function clusterMember(props: Record<string, unknown> = {}): Record<string, unknown> {
  return { Type: DB_INSTANCE, Properties: { DBClusterIdentifier: { Ref: 'C' }, DBInstanceClass: 'db.r6g.large', ...props } };
}

/** An L2 PostgreSQL `DatabaseInstance` `D` in the isolated subnets of a new `rdsStack(options)`, with `props`. */
export function l2Instance(props: Partial<rds.DatabaseInstanceProps> = {}, options: { publicSubnets?: boolean } = {}): rds.DatabaseInstance {
  const { stack, vpc, vpcSubnets } = rdsStack(options);
  return new rds.DatabaseInstance(stack, 'D', { engine: postgres, vpc, vpcSubnets, ...props });
}
