import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { HostedZoneQueryLogging } from '../../packs/rules/route53/HostedZoneQueryLogging';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const Z = 'AWS::Route53::HostedZone';
const LOG_GROUP = 'arn:aws:logs:us-east-1:111111111111:log-group:/aws/route53/example.com';
const zone = (props: object = {}) => cfn({ Z: { Type: Z, Properties: { Name: 'example.com.', ...props } } });
const logging = (arn: unknown) => zone({ QueryLoggingConfig: { CloudWatchLogsLogGroupArn: arn } });

describe('HostedZoneQueryLogging (FTG-R53-2)', () => {
  describe('non-compliance', () => {
    test('L2 public hosted zone without queryLogsLogGroupArn', () => {
      const stack = new Stack(new App());
      new route53.PublicHostedZone(stack, 'Z', { zoneName: 'example.com' });
      expect(statusOf(HostedZoneQueryLogging, stack, Z)).toBe('non-compliant');
    });
    test('L1 public zone without QueryLoggingConfig', () => {
      expect(outcomes(HostedZoneQueryLogging, zone()).Z).toEqual({ status: 'non-compliant', detail: 'QueryLoggingConfig.CloudWatchLogsLogGroupArn is not set' });
    });
    test('escape hatch removing the query logging', () => {
      const stack = new Stack(new App());
      const z = new route53.PublicHostedZone(stack, 'Z', { zoneName: 'example.com', queryLogsLogGroupArn: LOG_GROUP });
      (z.node.defaultChild as route53.CfnHostedZone).addPropertyDeletionOverride('QueryLoggingConfig');
      expect(statusOf(HostedZoneQueryLogging, stack, Z)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 public hosted zone with queryLogsLogGroupArn', () => {
      const stack = new Stack(new App());
      new route53.PublicHostedZone(stack, 'Z', { zoneName: 'example.com', queryLogsLogGroupArn: LOG_GROUP });
      expect(statusOf(HostedZoneQueryLogging, stack, Z)).toBe('compliant');
    });
    test('L1 public zone logging to a log group of the template (GetAtt)', () => {
      const t = logging({ 'Fn::GetAtt': ['G', 'Arn'] });
      expect(statusOf(HostedZoneQueryLogging, { ...t, Resources: { ...t.Resources, G: { Type: 'AWS::Logs::LogGroup' } } }, Z)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('L2 private hosted zone', () => {
      const stack = new Stack(new App());
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a'] });
      new route53.PrivateHostedZone(stack, 'Z', { zoneName: 'internal.example.com', vpc });
      expect(statusOf(HostedZoneQueryLogging, stack, Z)).toBe('not-applicable');
    });
    test('other resource types', () => {
      expect(statusOf(HostedZoneQueryLogging, cfn({ R: { Type: 'AWS::Route53::RecordSet', Properties: {} } }), 'AWS::Route53::RecordSet')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('log group parameter with a default is compliant', () => {
      expect(statusOf(HostedZoneQueryLogging, { ...logging({ Ref: 'G' }), Parameters: { G: { Type: 'String', Default: LOG_GROUP } } }, Z)).toBe('compliant');
    });
    test('log group parameter whose allowed values include an empty string is non-compliant', () => {
      expect(statusOf(HostedZoneQueryLogging, { ...logging({ Ref: 'G' }), Parameters: { G: { Type: 'String', AllowedValues: [LOG_GROUP, ''] } } }, Z)).toBe('non-compliant');
    });
    test('log group parameter without default is unverifiable', () => {
      expect(statusOf(HostedZoneQueryLogging, { ...logging({ Ref: 'G' }), Parameters: { G: { Type: 'String' } } }, Z)).toBe('unverifiable');
    });
    test('Fn::If without logging in one branch is non-compliant', () => {
      expect(statusOf(HostedZoneQueryLogging, zone({ QueryLoggingConfig: { 'Fn::If': ['Log', { CloudWatchLogsLogGroupArn: LOG_GROUP }, { Ref: 'AWS::NoValue' }] } }), Z)).toBe('non-compliant');
    });
    test('Fn::If with logging in both branches is compliant', () => {
      expect(statusOf(HostedZoneQueryLogging, logging({ 'Fn::If': ['Log', LOG_GROUP, `${LOG_GROUP}-2`] }), Z)).toBe('compliant');
    });
    test('QueryLoggingConfig from a GetAtt is unverifiable', () => {
      const t = zone({ QueryLoggingConfig: { 'Fn::GetAtt': ['X', 'Config'] } });
      expect(statusOf(HostedZoneQueryLogging, { ...t, Resources: { ...t.Resources, X: { Type: 'Custom::X' } } }, Z)).toBe('unverifiable');
    });
  });
});

describe('HostedZoneQueryLogging details in Japanese', () => {
  test('no query logging, and VPCs that say nothing', () => {
    expect(outcomes(HostedZoneQueryLogging, zone(), { language: 'ja' }).Z)
      .toEqual({ status: 'non-compliant', detail: 'QueryLoggingConfig.CloudWatchLogsLogGroupArn が 未設定 です' });
    expect(outcomes(HostedZoneQueryLogging, zone({ VPCs: 'vpc-1' }), { language: 'ja' }).Z)
      .toEqual({ status: 'unverifiable', detail: 'VPCs が "vpc-1" のため、パブリックホストゾーンかどうかを検証できません' });
  });
});
