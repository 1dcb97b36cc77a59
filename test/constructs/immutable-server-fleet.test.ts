import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ImmutableServerFleet } from '../../lib/constructs';
import { expectThrows, newVpc } from '../helpers/constructs';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

const machineImage = ec2.MachineImage.latestAmazonLinux2023();

function importedVpc(stack: Stack, zones: string[]): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-12345678',
    availabilityZones: zones,
    privateSubnetIds: zones.map((_, i) => `subnet-0000000${i}`),
  });
}


describe('ImmutableServerFleet with defaults', () => {
  const stack = newStack();
  const vpc = newVpc(stack);
  const fleet = new ImmutableServerFleet(stack, 'Fleet', { vpc, machineImage });
  const template = Template.fromStack(stack);
  const asgLogicalId = stack.getLogicalId(fleet.autoScalingGroup.node.defaultChild as any);

  test('exposes the group, launch template, role, connections and user data', () => {
    expect(fleet.autoScalingGroup.node.id).toBe('Resource');
    expect(fleet.launchTemplate).toBeInstanceOf(ec2.LaunchTemplate);
    expect(fleet.connections.securityGroups).toHaveLength(1);
    expect(fleet.role.roleName).toBeDefined();
  });

  test('the launch template requires IMDSv2, encrypts a gp3 root volume and has no key pair', () => {
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeType: 'gp3', VolumeSize: 8, DeleteOnTermination: true } },
        ],
        KeyName: Match.absent(),
        InstanceType: 't3.micro',
        IamInstanceProfile: Match.anyValue(),
      }),
    });
  });

  test('the instance role has only AmazonSSMManagedInstanceCore as managed policy', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'ec2.amazonaws.com' } })] },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonSSMManagedInstanceCore']] }],
    });
    // The only inline permission is the one CDK adds for resource signals, scoped to this stack.
    const policies = template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([{ Action: 'cloudformation:SignalResource', Effect: 'Allow', Resource: { Ref: 'AWS::StackId' } }]);
  });

  test('two to four instances, in private subnets of two zones, replaced after 30 days at most', () => {
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MinSize: '2',
      MaxSize: '4',
      MaxInstanceLifetime: 30 * 86400,
      VPCZoneIdentifier: [{ Ref: Match.stringLikeRegexp('^VpcPrivateSubnet1') }, { Ref: Match.stringLikeRegexp('^VpcPrivateSubnet2') }],
      LaunchTemplate: {
        LaunchTemplateId: { Ref: Match.stringLikeRegexp('^FleetLaunchTemplate') },
        Version: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FleetLaunchTemplate'), 'LatestVersionNumber'] },
      },
      HealthCheckType: 'EC2',
      HealthCheckGracePeriod: 300,
    });
  });

  test('a launch-template change replaces the group, waiting for cfn-signal from minCapacity instances', () => {
    template.hasResource('AWS::AutoScaling::AutoScalingGroup', {
      UpdatePolicy: Match.objectLike({ AutoScalingReplacingUpdate: { WillReplace: true } }),
      CreationPolicy: { ResourceSignal: { Count: 2, Timeout: 'PT15M' } },
    });
  });

  test('the user data stops at the first failure and calls cfn-signal for this group on exit', () => {
    const lt = Object.values(template.findResources('AWS::EC2::LaunchTemplate'))[0] as any;
    const script = JSON.stringify(lt.Properties.LaunchTemplateData.UserData);
    expect(script).toContain('trap exitTrap EXIT');
    expect(script).toContain(`/opt/aws/bin/cfn-signal --stack Stack --resource ${asgLogicalId}`);
    expect(script).toContain('-e $exitCode');
    expect(script).toContain('set -e');
    expect(script).toContain('aws-cfn-bootstrap');
  });

  test('no inbound rule until a load balancer is attached', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('Immutable server fleet'),
      SecurityGroupIngress: Match.absent(),
    });
  });

  test('no warnings with defaults', () => {
    Annotations.fromStack(stack).hasNoWarning('/Stack/Fleet', Match.anyValue());
  });
});

describe('ImmutableServerFleet behind a load balancer', () => {
  const stack = newStack();
  const vpc = newVpc(stack);
  const fleet = new ImmutableServerFleet(stack, 'Fleet', {
    vpc,
    machineImage,
    minCapacity: 3,
    maxCapacity: 6,
    instanceType: new ec2.InstanceType('m7g.large'),
    maxInstanceLifetime: Duration.days(7),
    rootVolumeSize: Size.gibibytes(30),
    notificationTopic: new sns.Topic(stack, 'Ops'),
  });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
  alb.addListener('Http', { port: 80 }).addTargets('Fleet', { port: 8080, targets: [fleet] });
  const template = Template.fromStack(stack);

  test('switches to load-balancer health checks with a grace period and registers with the target group', () => {
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      HealthCheckType: 'ELB',
      HealthCheckGracePeriod: 300,
      TargetGroupARNs: [{ Ref: Match.stringLikeRegexp('^AlbHttpFleetGroup') }],
      MinSize: '3',
      MaxSize: '6',
      MaxInstanceLifetime: 7 * 86400,
      NotificationConfigurations: [Match.objectLike({ TopicARN: { Ref: Match.stringLikeRegexp('^Ops') } })],
    });
    template.hasResource('AWS::AutoScaling::AutoScalingGroup', { CreationPolicy: { ResourceSignal: { Count: 3 } } });
  });

  test('opens the instances to the load balancer only', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 8080,
      ToPort: 8080,
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FleetSecurityGroup'), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlbSecurityGroup'), 'GroupId'] },
    });
  });

  test('uses the given instance type and root volume size', () => {
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        InstanceType: 'm7g.large',
        BlockDeviceMappings: [Match.objectLike({ Ebs: Match.objectLike({ VolumeSize: 30, Encrypted: true }) })],
      }),
    });
  });

  test('attachToApplicationTargetGroup can also be called directly', () => {
    const s = newStack();
    const v = newVpc(s);
    const f = new ImmutableServerFleet(s, 'Fleet', { vpc: v, machineImage });
    const tg = new elbv2.ApplicationTargetGroup(s, 'Tg', { vpc: v, port: 80 });
    expect(f.attachToApplicationTargetGroup(tg)).toEqual({ targetType: elbv2.TargetType.INSTANCE });
    Template.fromStack(s).hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { HealthCheckType: 'ELB' });
  });
});

describe('ImmutableServerFleet Availability Zones', () => {
  test('accepts subnets in two known zones', () => {
    const stack = newStack();
    expect(
      () => new ImmutableServerFleet(stack, 'Fleet', { vpc: importedVpc(stack, ['ap-northeast-1a', 'ap-northeast-1c']), machineImage }),
    ).not.toThrow();
  });

  test('fails when the subnets cover a single zone', () => {
    const stack = newStack();
    expectThrows(
      () => new ImmutableServerFleet(stack, 'Fleet', { vpc: importedVpc(stack, ['ap-northeast-1a']), machineImage }),
      'Stack/Fleet',
      'cover 1 Availability Zone(s) (ap-northeast-1a)',
      /Fix: give the VPC subnets in two or more zones .* or set allowSingleAz: true/,
    );
  });

  test('allowSingleAz accepts a single zone with a warning', () => {
    const stack = newStack();
    new ImmutableServerFleet(stack, 'Fleet', { vpc: importedVpc(stack, ['ap-northeast-1a']), machineImage, allowSingleAz: true });
    Annotations.fromStack(stack).hasWarning('/Stack/Fleet', Match.stringLikeRegexp('single Availability Zone \\(ap-northeast-1a\\)'));
  });

  test('fails when the VPC has no private subnets with egress', () => {
    const stack = newStack();
    const vpc = newVpc(stack, { subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
    expectThrows(() => new ImmutableServerFleet(stack, 'Fleet', { vpc, machineImage }), 'no subnets matching vpcSubnets', /Fix:/);
  });
});

describe('ImmutableServerFleet validation', () => {
  const build = (props: Partial<ConstructorParameters<typeof ImmutableServerFleet>[2]>) => () => {
    const stack = newStack();
    new ImmutableServerFleet(stack, 'Fleet', { vpc: importedVpc(stack, ['ap-northeast-1a', 'ap-northeast-1c']), machineImage, ...props });
  };

  test.each([
    ['0 days', Duration.days(0), /got 0 days/],
    ['366 days', Duration.days(366), /got 366 days/],
    ['12 hours', Duration.hours(12), /got 12 hours/],
  ])('fails when maxInstanceLifetime is %s', (_name, maxInstanceLifetime, given) => {
    expectThrows(build({ maxInstanceLifetime }), 'maxInstanceLifetime must be from 1 to 365 days', given, /Fix: use e\.g\. Duration\.days\(30\)/);
  });

  test('fails when minCapacity is greater than maxCapacity', () => {
    expectThrows(build({ minCapacity: 5, maxCapacity: 4 }), 'minCapacity (5) is greater than maxCapacity (4)', /Fix: raise maxCapacity to at least 5/);
  });

  test('fails when a capacity is negative or fractional', () => {
    expectThrows(build({ minCapacity: -1 }), 'minCapacity must be a non-negative integer, got -1');
    expectThrows(build({ maxCapacity: 2.5 }), 'maxCapacity must be a non-negative integer, got 2.5');
    expectThrows(build({ minCapacity: 0, maxCapacity: 0 }), 'maxCapacity must be at least 1, got 0');
  });

  test('minCapacity below two warns', () => {
    const stack = newStack();
    new ImmutableServerFleet(stack, 'Fleet', {
      vpc: importedVpc(stack, ['ap-northeast-1a', 'ap-northeast-1c']),
      machineImage,
      minCapacity: 1,
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Fleet', Match.stringLikeRegexp('minCapacity is 1'));
  });
});
