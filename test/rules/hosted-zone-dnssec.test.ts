import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { HostedZoneDnssec } from '../../packs/rules/route53/HostedZoneDnssec';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const Z = 'AWS::Route53::HostedZone';

const signingKey = (stack: Stack) => new kms.Key(stack, 'K', { keySpec: kms.KeySpec.ECC_NIST_P256, keyUsage: kms.KeyUsage.SIGN_VERIFY });
const zone = (props: object = {}, extra: Record<string, object> = {}) => cfn({ Z: { Type: Z, Properties: { Name: 'example.com.', ...props } }, ...extra });
const dnssec = { D: { Type: 'AWS::Route53::DNSSEC', Properties: { HostedZoneId: { Ref: 'Z' } } } };
const ksk = (status: unknown) => ({ K: { Type: 'AWS::Route53::KeySigningKey', Properties: { HostedZoneId: { Ref: 'Z' }, KeyManagementServiceArn: 'arn:aws:kms:us-east-1:111111111111:key/x', Name: 'ksk', Status: status } } });

describe('HostedZoneDnssec (FTG-R53-1)', () => {
  describe('non-compliance', () => {
    test('L2 public hosted zone without DNSSEC', () => {
      const stack = new Stack(new App());
      new route53.PublicHostedZone(stack, 'Z', { zoneName: 'example.com' });
      expect(statusOf(HostedZoneDnssec, stack, Z)).toBe('non-compliant');
    });
    test('L1 zone with a DNSSEC resource but no key-signing key', () => {
      expect(outcomes(HostedZoneDnssec, zone({}, dnssec)).Z).toEqual({ status: 'non-compliant', detail: expect.stringContaining('KeySigningKey') });
    });
    test('L1 zone whose only key-signing key is INACTIVE', () => {
      expect(statusOf(HostedZoneDnssec, zone({}, { ...dnssec, ...ksk('INACTIVE') }), Z)).toBe('non-compliant');
    });
    test('escape hatch removing the VPC of a private zone makes it public (and unsigned)', () => {
      const stack = new Stack(new App());
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a'] });
      const z = new route53.PrivateHostedZone(stack, 'Z', { zoneName: 'example.com', vpc });
      (z.node.defaultChild as route53.CfnHostedZone).addPropertyDeletionOverride('VPCs');
      expect(statusOf(HostedZoneDnssec, stack, Z)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('L2 public hosted zone with enableDnssec', () => {
      const stack = new Stack(new App());
      new route53.PublicHostedZone(stack, 'Z', { zoneName: 'example.com' }).enableDnssec({ kmsKey: signingKey(stack) });
      expect(statusOf(HostedZoneDnssec, stack, Z)).toBe('compliant');
    });
    test('L1 zone with DNSSEC and an active key (one of two keys)', () => {
      const t = zone({}, { ...dnssec, ...ksk('ACTIVE'), K2: { ...ksk('INACTIVE').K } });
      expect(statusOf(HostedZoneDnssec, t, Z)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('L2 private hosted zone', () => {
      const stack = new Stack(new App());
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'V', { vpcId: 'vpc-0a1b2c3d', availabilityZones: ['us-east-1a'] });
      new route53.PrivateHostedZone(stack, 'Z', { zoneName: 'internal.example.com', vpc });
      expect(statusOf(HostedZoneDnssec, stack, Z)).toBe('not-applicable');
    });
    test('other resource types', () => {
      expect(statusOf(HostedZoneDnssec, zone({}, dnssec), 'AWS::Route53::DNSSEC')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('key status parameter with default ACTIVE is compliant', () => {
      expect(statusOf(HostedZoneDnssec, { ...zone({}, { ...dnssec, ...ksk({ Ref: 'S' }) }), Parameters: { S: { Type: 'String', Default: 'ACTIVE' } } }, Z)).toBe('compliant');
    });
    test('key status parameter whose allowed values include INACTIVE is non-compliant', () => {
      expect(statusOf(HostedZoneDnssec, { ...zone({}, { ...dnssec, ...ksk({ Ref: 'S' }) }), Parameters: { S: { Type: 'String', AllowedValues: ['ACTIVE', 'INACTIVE'] } } }, Z)).toBe('non-compliant');
    });
    test('key status parameter without default is unverifiable', () => {
      expect(statusOf(HostedZoneDnssec, { ...zone({}, { ...dnssec, ...ksk({ Ref: 'S' }) }), Parameters: { S: { Type: 'String' } } }, Z)).toBe('unverifiable');
    });
    test('Fn::If making the zone public in one branch is non-compliant without DNSSEC', () => {
      expect(statusOf(HostedZoneDnssec, zone({ VPCs: { 'Fn::If': ['Private', [{ VPCId: 'vpc-0a1b2c3d', VPCRegion: 'us-east-1' }], { Ref: 'AWS::NoValue' }] } }), Z)).toBe('non-compliant');
    });
    test('Fn::If with ACTIVE in both branches is compliant', () => {
      expect(statusOf(HostedZoneDnssec, zone({}, { ...dnssec, ...ksk({ 'Fn::If': ['A', 'ACTIVE', 'ACTIVE'] }) }), Z)).toBe('compliant');
    });
    test('VPCs from GetAtt is unverifiable', () => {
      expect(statusOf(HostedZoneDnssec, zone({ VPCs: { 'Fn::GetAtt': ['X', 'Vpcs'] } }, { X: { Type: 'Custom::X' } }), Z)).toBe('unverifiable');
    });
  });
});

describe('HostedZoneDnssec details in Japanese', () => {
  test('no DNSSEC, no key signing key, and VPCs only known at deployment', () => {
    expect(outcomes(HostedZoneDnssec, zone(), { language: 'ja' }).Z)
      .toEqual({ status: 'non-compliant', detail: 'テンプレートに、このホストゾーンを HostedZoneId とする AWS::Route53::DNSSEC がありません' });
    expect(outcomes(HostedZoneDnssec, zone({}, dnssec), { language: 'ja' }).Z)
      .toEqual({ status: 'non-compliant', detail: 'テンプレートに、このホストゾーンを HostedZoneId とする AWS::Route53::KeySigningKey（鍵署名鍵）がありません' });
    const ja = outcomes(HostedZoneDnssec, zone({ VPCs: { 'Fn::GetAtt': ['X', 'Y'] } }, { X: { Type: 'Custom::X' } }), { language: 'ja' }).Z;
    expect(ja.status === 'unverifiable' && ja.detail).toMatch(/^VPCs が .* でデプロイ時にしか決まらないため、パブリックホストゾーンかどうかを検証できません$/);
  });
});
