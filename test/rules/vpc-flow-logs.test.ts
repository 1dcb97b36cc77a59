import { App, CfnCondition, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { VpcFlowLogs } from '../../packs/rules/ec2/VpcFlowLogs';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const V = 'AWS::EC2::VPC';
const vpc = { Type: V, Properties: { CidrBlock: '10.0.0.0/16' } };
const flowLog = (resourceId: unknown, extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::EC2::FlowLog',
  Properties: { ResourceId: resourceId, ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::flow-logs', ...extra },
});

describe('VpcFlowLogs (FTG-EC2-6)', () => {
  describe('non-compliance', () => {
    test('a default ec2.Vpc (CDK L2) has no flow log', () => {
      const stack = new Stack(new App());
      new ec2.Vpc(stack, 'Vpc', { natGateways: 0 });
      expect(statusOf(VpcFlowLogs, stack, V)).toBe('non-compliant');
    });
    test('ec2.CfnVPC (L1) without a flow log, with the detail', () => {
      const stack = new Stack(new App());
      new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
      expect(Object.values(outcomes(VpcFlowLogs, stack))[0]).toEqual({ status: 'non-compliant', detail: 'no AWS::EC2::FlowLog in the template has this VPC as ResourceId' });
    });
    test('raw template: the flow log of another VPC does not count', () => {
      const t = cfn({ A: vpc, B: vpc, L: flowLog({ Ref: 'B' }) });
      expect(outcomes(VpcFlowLogs, t).A.status).toBe('non-compliant');
      expect(outcomes(VpcFlowLogs, t).B.status).toBe('compliant');
    });
    test('a flow log of rejected traffic only', () => {
      const t = cfn({ A: vpc, L: flowLog({ Ref: 'A' }, { TrafficType: 'REJECT' }) });
      expect(outcomes(VpcFlowLogs, t).A).toEqual({ status: 'non-compliant', detail: 'flow log L: TrafficType is "REJECT"' });
    });
    test('escape hatch: the L2 flow log overridden to ACCEPT only', () => {
      const stack = new Stack(new App());
      const v = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, flowLogs: { all: {} } });
      const log = v.node.findChild('all').node.defaultChild as ec2.CfnFlowLog;
      log.addPropertyOverride('TrafficType', 'ACCEPT');
      expect(statusOf(VpcFlowLogs, stack, V)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('ec2.Vpc with flowLogs (CDK L2)', () => {
      const stack = new Stack(new App());
      new ec2.Vpc(stack, 'Vpc', { natGateways: 0, flowLogs: { all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(stack, 'G')) } } });
      expect(statusOf(VpcFlowLogs, stack, V)).toBe('compliant');
    });
    test('vpc.addFlowLog and ec2.FlowLog with FlowLogResourceType.fromVpc', () => {
      const stack = new Stack(new App());
      new ec2.Vpc(stack, 'A', { natGateways: 0 }).addFlowLog('Logs');
      new ec2.FlowLog(stack, 'BLogs', { resourceType: ec2.FlowLogResourceType.fromVpc(new ec2.Vpc(stack, 'B', { natGateways: 0 })) });
      expect(Object.values(outcomes(VpcFlowLogs, stack)).filter((o) => o.status !== 'not-applicable').map((o) => o.status)).toEqual(['compliant', 'compliant']);
    });
    test('raw template: ResourceId as a GetAtt VpcId or a Sub, any one good flow log', () => {
      expect(statusOf(VpcFlowLogs, cfn({ A: vpc, L: flowLog({ 'Fn::GetAtt': ['A', 'VpcId'] }) }), V)).toBe('compliant');
      expect(statusOf(VpcFlowLogs, cfn({ A: vpc, L: flowLog({ 'Fn::Sub': '${A}' }) }), V)).toBe('compliant');
      expect(statusOf(VpcFlowLogs, cfn({ A: vpc, L: flowLog({ Ref: 'A' }, { TrafficType: 'REJECT' }), M: flowLog({ Ref: 'A' }) }), V)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types, flow logs included', () => {
      expect(statusOf(VpcFlowLogs, cfn({ A: vpc, L: flowLog({ Ref: 'A' }) }), 'AWS::EC2::FlowLog')).toBe('not-applicable');
      expect(statusOf(VpcFlowLogs, cfn({ S: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24' } } }), 'AWS::EC2::Subnet')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    const withParams = (resources: Record<string, any>, parameters: Record<string, any>, conditions?: Record<string, any>) =>
      cfn(resources, { Parameters: parameters, ...(conditions ? { Conditions: conditions } : {}) });

    test('a flow log whose ResourceId is a parameter (an existing VPC) does not log the VPC of the template', () => {
      const t = withParams({ A: vpc, L: flowLog({ Ref: 'VpcId' }) }, { VpcId: { Type: 'AWS::EC2::VPC::Id' } });
      expect(statusOf(VpcFlowLogs, t, V)).toBe('non-compliant');
    });
    test('TrafficType from a parameter: judged on its default and on its allowed values', () => {
      const def = withParams({ A: vpc, L: flowLog({ Ref: 'A' }, { TrafficType: { Ref: 'Traffic' } }) }, { Traffic: { Type: 'String', Default: 'ALL' } });
      expect(statusOf(VpcFlowLogs, def, V)).toBe('compliant');
      const allowed = withParams({ A: vpc, L: flowLog({ Ref: 'A' }, { TrafficType: { Ref: 'Traffic' } }) }, { Traffic: { Type: 'String', AllowedValues: ['ALL', 'REJECT'] } });
      expect(outcomes(VpcFlowLogs, allowed).A).toEqual({ status: 'non-compliant', detail: 'flow log L: TrafficType is "REJECT" (parameter "Traffic" allowed value "REJECT")' });
      const none = withParams({ A: vpc, L: flowLog({ Ref: 'A' }, { TrafficType: { Ref: 'Traffic' } }) }, { Traffic: { Type: 'String' } });
      expect(outcomes(VpcFlowLogs, none).A).toEqual({ status: 'unverifiable', detail: 'flow log L: TrafficType: Ref to parameter "Traffic" with no default or allowed values' });
    });
    test('a conditional flow log: the VPC is unlogged in the scenario where it does not exist', () => {
      const t = withParams({ A: vpc, L: { ...flowLog({ Ref: 'A' }), Condition: 'Logged' } }, { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } },
        { Logged: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } });
      expect(outcomes(VpcFlowLogs, t).A).toEqual({ status: 'non-compliant', detail: 'no AWS::EC2::FlowLog in the template has this VPC as ResourceId', scenario: expect.stringContaining('Logged = false') });
    });
    test('the same from CDK: a flow log with a CfnCondition', () => {
      const stack = new Stack(new App());
      const v = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, flowLogs: { all: {} } });
      const cond = new CfnCondition(stack, 'Prod', { expression: Fn.conditionEquals(stack.region, 'ap-northeast-1') });
      (v.node.findChild('all').node.defaultChild as ec2.CfnFlowLog).cfnOptions.condition = cond;
      expect(statusOf(VpcFlowLogs, stack, V)).toBe('non-compliant');
      expect(statusOf(VpcFlowLogs, stack, V, { deployment: { regions: ['ap-northeast-1'] } })).toBe('compliant');
    });
    test('Fn::If: ResourceId or TrafficType differ by branch', () => {
      const conds = { Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } }, Parameters: { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } } };
      const badBranch = cfn({ A: vpc, L: flowLog({ Ref: 'A' }, { TrafficType: { 'Fn::If': ['Prod', 'ALL', 'REJECT'] } }) }, conds);
      expect(outcomes(VpcFlowLogs, badBranch).A).toMatchObject({ status: 'non-compliant', scenario: expect.stringContaining('Prod = false') });
      const bothGood = cfn({ A: vpc, L: flowLog({ Ref: 'A' }, { TrafficType: { 'Fn::If': ['Prod', 'ALL', 'all'] } }) }, conds);
      expect(statusOf(VpcFlowLogs, bothGood, V)).toBe('compliant');
      const otherVpc = cfn({ A: vpc, L: flowLog({ 'Fn::If': ['Prod', { Ref: 'A' }, 'vpc-0123'] }) }, conds);
      expect(outcomes(VpcFlowLogs, otherVpc).A).toMatchObject({ status: 'non-compliant', scenario: expect.stringContaining('Prod = false') });
    });
    test('a ResourceId from another resource (a custom resource attribute) might be this VPC: cannot be verified', () => {
      const t = cfn({ A: vpc, C: { Type: 'Custom::VpcLookup', Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:f' } }, L: flowLog({ 'Fn::GetAtt': ['C', 'VpcId'] }) });
      expect(outcomes(VpcFlowLogs, t).A).toEqual({ status: 'unverifiable', detail: 'no AWS::EC2::FlowLog refers to this VPC directly, and the ResourceId of flow log L is {Fn::GetAtt C}, which is only known at deployment' });
      // A GetAtt of another VPC is that VPC.
      expect(outcomes(VpcFlowLogs, cfn({ A: vpc, B: vpc, L: flowLog({ 'Fn::GetAtt': ['B', 'VpcId'] }) })).A.status).toBe('non-compliant');
    });
    test('VPC properties from parameters and GetAtt do not matter', () => {
      const t = withParams({ I: { Type: 'AWS::EC2::IPAMPool' }, A: { Type: V, Properties: { Ipv4IpamPoolId: { 'Fn::GetAtt': ['I', 'IpamPoolId'] }, CidrBlock: { Ref: 'Cidr' } } } }, { Cidr: { Type: 'String' } });
      expect(statusOf(VpcFlowLogs, t, V)).toBe('non-compliant');
    });
  });
});

describe('VpcFlowLogs details in Japanese', () => {
  test('a VPC without a flow log, and a flow log of rejected traffic', () => {
    expect(outcomes(VpcFlowLogs, cfn({ A: vpc }), { language: 'ja' }).A)
      .toEqual({ status: 'non-compliant', detail: 'テンプレートに、この VPC を ResourceId とする AWS::EC2::FlowLog がありません' });
    expect(outcomes(VpcFlowLogs, cfn({ A: vpc, L: flowLog({ Ref: 'A' }, { ResourceType: 'Subnet' }) }), { language: 'ja' }).A)
      .toEqual({ status: 'non-compliant', detail: 'フローログ L: ResourceType が "Subnet" です' });
  });
});
