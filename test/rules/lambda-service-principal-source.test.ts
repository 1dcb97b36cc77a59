import { App, Aspects, Aws, CfnCondition, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigw2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as apigw2i from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import * as cwa from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as elbt from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as logsd from 'aws-cdk-lib/aws-logs-destinations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sm from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import { LambdaServicePrincipalSource } from '../../packs/rules/lambda/LambdaServicePrincipalSource';
import { cfn, outcomes, statuses, statusOf } from '../helpers/rules';

const P = 'AWS::Lambda::Permission';
const permission = (props: Record<string, unknown>) => ({ Type: P, Properties: { Action: 'lambda:InvokeFunction', FunctionName: 'arn:aws:lambda:ap-northeast-1:111111111111:function:f', ...props } });
const ENV = { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } };
const PROD = { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } };

function fnIn(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})') });
}
const envStack = () => new Stack(new App(), 'S', { env: { account: '111111111111', region: 'ap-northeast-1' } });

describe('LambdaServicePrincipalSource (FTG-LAMBDA-5)', () => {
  describe('non-compliance', () => {
    test('fn.addPermission with a ServicePrincipal and no source (CDK L2)', () => {
      const stack = new Stack(new App());
      fnIn(stack).addPermission('FromS3', { principal: new iam.ServicePrincipal('s3.amazonaws.com') });
      expect(Object.values(outcomes(LambdaServicePrincipalSource, stack)).find((o) => o.status !== 'not-applicable'))
        .toEqual({ status: 'non-compliant', detail: 'Principal is the service s3.amazonaws.com and neither SourceArn nor SourceAccount is set' });
    });
    test('fn.grantInvoke(ServicePrincipal) writes no source', () => {
      const stack = new Stack(new App());
      fnIn(stack).grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'));
      expect(statusOf(LambdaServicePrincipalSource, stack, P)).toBe('non-compliant');
    });
    test('secret.addRotationSchedule with a custom rotation function: compliant (CDK writes no source but scopes the role to the secret); the same grant without a rotation schedule is not', () => {
      const stack = new Stack(new App());
      new sm.Secret(stack, 'Secret').addRotationSchedule('Rotation', { rotationLambda: fnIn(stack) });
      expect(statusOf(LambdaServicePrincipalSource, stack, P)).toBe('compliant');
      const bare = new Stack(new App());
      fnIn(bare).grantInvoke(new iam.ServicePrincipal('secretsmanager.amazonaws.com'));
      expect(statusOf(LambdaServicePrincipalSource, bare, P)).toBe('non-compliant');
    });
    test('CfnPermission (L1) for SNS, an empty SourceAccount, and an escape hatch removing the SourceArn CDK wrote', () => {
      const stack = new Stack(new App());
      new lambda.CfnPermission(stack, 'Perm', { action: 'lambda:InvokeFunction', functionName: 'f', principal: 'sns.amazonaws.com', sourceAccount: '' });
      expect(statusOf(LambdaServicePrincipalSource, stack, P)).toBe('non-compliant');
      const other = new Stack(new App());
      new sns.Topic(other, 'T').addSubscription(new subs.LambdaSubscription(fnIn(other)));
      const perm = other.node.findAll().find((c) => c instanceof lambda.CfnPermission) as lambda.CfnPermission;
      perm.addPropertyDeletionOverride('SourceArn');
      expect(statusOf(LambdaServicePrincipalSource, other, P)).toBe('non-compliant');
    });
    test('China partition service principals count as services', () => {
      expect(statusOf(LambdaServicePrincipalSource, cfn({ A: permission({ Principal: 's3.amazonaws.com.cn' }) }), P)).toBe('non-compliant');
    });
  });

  describe('compliance', () => {
    test('CDK integrations write SourceArn or SourceAccount (S3, SNS, EventBridge, API Gateway, logs, Cognito, alarms, ELB)', () => {
      const stack = envStack();
      const fn = fnIn(stack);
      new s3.Bucket(stack, 'B').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));
      new sns.Topic(stack, 'T').addSubscription(new subs.LambdaSubscription(fn));
      new events.Rule(stack, 'R', { schedule: events.Schedule.rate(Duration.hours(1)), targets: [new targets.LambdaFunction(fn)] });
      new apigw.LambdaRestApi(stack, 'Api', { handler: fn });
      new apigw2.HttpApi(stack, 'Http', { defaultIntegration: new apigw2i.HttpLambdaIntegration('I', fn) });
      new logs.SubscriptionFilter(stack, 'Sub', { logGroup: new logs.LogGroup(stack, 'G'), destination: new logsd.LambdaDestination(fn), filterPattern: logs.FilterPattern.allEvents() });
      new cognito.UserPool(stack, 'Pool', { lambdaTriggers: { preSignUp: fn } });
      new cw.Alarm(stack, 'A', { metric: fn.metricErrors(), threshold: 1, evaluationPeriods: 1 }).addAlarmAction(new cwa.LambdaAction(fn));
      const vpc = new ec2.Vpc(stack, 'V', { natGateways: 0 });
      new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc }).addListener('L', { port: 80 }).addTargets('Tg', { targets: [new elbt.LambdaTarget(fn)] });
      const s = statuses(LambdaServicePrincipalSource, stack, P);
      expect(Object.keys(s).length).toBeGreaterThanOrEqual(10);
      expect(Object.entries(s).filter(([, v]) => v !== 'compliant')).toEqual([]);
    });
    test('fn.addPermission with sourceArn or sourceAccount (CDK L2), and the rotation permission fixed with an escape hatch', () => {
      const stack = new Stack(new App());
      const fn = fnIn(stack);
      const bucket = new s3.Bucket(stack, 'B');
      fn.addPermission('FromS3', { principal: new iam.ServicePrincipal('s3.amazonaws.com'), sourceArn: bucket.bucketArn });
      fn.addPermission('FromSes', { principal: new iam.ServicePrincipal('ses.amazonaws.com'), sourceAccount: Aws.ACCOUNT_ID });
      new sm.Secret(stack, 'Secret').addRotationSchedule('Rotation', { rotationLambda: fn });
      // The aspect of the rule's fix.
      Aspects.of(stack).add({ visit: (n) => { if (n instanceof lambda.CfnPermission && n.principal === 'secretsmanager.amazonaws.com') n.sourceAccount = Aws.ACCOUNT_ID; } });
      expect(Object.values(statuses(LambdaServicePrincipalSource, stack, P))).toEqual(['compliant', 'compliant', 'compliant']);
    });
    test('raw template: a SourceArn from a GetAtt; Elastic Load Balancing needs no source (same account only)', () => {
      const t = cfn({ T: { Type: 'AWS::SNS::Topic' }, A: permission({ Principal: 'sns.amazonaws.com', SourceArn: { Ref: 'T' } }), B: permission({ Principal: 'elasticloadbalancing.amazonaws.com' }) });
      expect(statuses(LambdaServicePrincipalSource, t, P)).toEqual({ A: 'compliant', B: 'compliant' });
    });
  });

  describe('not applicable', () => {
    test('principals that are not services: "*", an account, a role ARN, the stack account; other resource types', () => {
      const stack = new Stack(new App());
      const fn = fnIn(stack);
      fn.addPermission('Account', { principal: new iam.AccountPrincipal('222222222222') });
      fn.addPermission('Role', { principal: new iam.ArnPrincipal(new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() }).roleArn) });
      fn.addPermission('Self', { principal: new iam.AccountRootPrincipal() });
      const t = cfn({ Any: permission({ Principal: '*' }), Arn: permission({ Principal: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }) });
      expect(Object.values(statuses(LambdaServicePrincipalSource, stack, P))).toEqual(['not-applicable', 'not-applicable', 'not-applicable']);
      expect(statuses(LambdaServicePrincipalSource, t, P)).toEqual({ Any: 'not-applicable', Arn: 'not-applicable' });
      expect(statusOf(LambdaServicePrincipalSource, stack, 'AWS::Lambda::Function')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('Principal from a parameter: default, allowed values, none', () => {
      const at = (p: Record<string, unknown>) => cfn({ A: permission({ Principal: { Ref: 'Caller' } }) }, { Parameters: { Caller: { Type: 'String', ...p } } });
      expect(statusOf(LambdaServicePrincipalSource, at({ Default: 's3.amazonaws.com' }), P)).toBe('non-compliant');
      expect(statusOf(LambdaServicePrincipalSource, at({ Default: '111111111111' }), P)).toBe('not-applicable');
      expect(outcomes(LambdaServicePrincipalSource, at({ AllowedValues: ['111111111111', 'events.amazonaws.com'] })).A)
        .toEqual({ status: 'non-compliant', detail: 'Principal is the service events.amazonaws.com (parameter "Caller" allowed value "events.amazonaws.com") and neither SourceArn nor SourceAccount is set' });
      expect(outcomes(LambdaServicePrincipalSource, at({})).A)
        .toEqual({ status: 'unverifiable', detail: 'Principal: Ref to parameter "Caller" with no default or allowed values' });
    });
    test('SourceAccount from a parameter without default cannot be verified; with a default it is set', () => {
      const at = (p: Record<string, unknown>) => cfn({ A: permission({ Principal: 's3.amazonaws.com', SourceAccount: { Ref: 'Account' } }) }, { Parameters: { Account: { Type: 'String', ...p } } });
      expect(outcomes(LambdaServicePrincipalSource, at({})).A).toEqual({
        status: 'unverifiable',
        detail: 'Principal is the service s3.amazonaws.com and whether SourceArn or SourceAccount is set cannot be verified before deployment (Ref to parameter "Account" with no default or allowed values)',
      });
      expect(statusOf(LambdaServicePrincipalSource, at({ Default: '111111111111' }), P)).toBe('compliant');
      expect(statusOf(LambdaServicePrincipalSource, at({ AllowedValues: ['', '111111111111'] }), P)).toBe('non-compliant');
    });
    test('Fn::If: a source in one branch only (AWS::NoValue) → non-compliant in that scenario; in both → compliant', () => {
      const t = (other: unknown) => cfn({ R: { Type: 'AWS::Events::Rule' }, A: permission({ Principal: 'events.amazonaws.com', SourceArn: { 'Fn::If': ['Prod', { 'Fn::GetAtt': ['R', 'Arn'] }, other] } }) }, { Parameters: ENV, Conditions: PROD });
      expect(outcomes(LambdaServicePrincipalSource, t({ Ref: 'AWS::NoValue' })).A)
        .toMatchObject({ status: 'non-compliant', detail: 'Principal is the service events.amazonaws.com and neither SourceArn nor SourceAccount is set', scenario: expect.stringContaining('Prod = false') });
      expect(statusOf(LambdaServicePrincipalSource, t('arn:aws:events:ap-northeast-1:111111111111:rule/r'), P)).toBe('compliant');
    });
    test('Fn::If on the Principal with CDK conditions', () => {
      const stack = new Stack(new App());
      const cond = new CfnCondition(stack, 'Tokyo', { expression: Fn.conditionEquals(stack.region, 'ap-northeast-1') });
      new lambda.CfnPermission(stack, 'Perm', { action: 'lambda:InvokeFunction', functionName: 'f', principal: Fn.conditionIf(cond.logicalId, '111111111111', 'sqs.amazonaws.com').toString() });
      expect(outcomes(LambdaServicePrincipalSource, stack).Perm).toMatchObject({ status: 'non-compliant', scenario: expect.stringContaining('Tokyo = false') });
      expect(statusOf(LambdaServicePrincipalSource, stack, P, { deployment: { regions: ['ap-northeast-1'] } })).toBe('not-applicable');
    });
    test('a Principal built with Fn::Sub / Fn::Join: a service when it ends in a service domain, else cannot be verified', () => {
      const t = cfn({
        Suffix: permission({ Principal: { 'Fn::Sub': 'events.${AWS::URLSuffix}' } }),
        Region: permission({ Principal: { 'Fn::Join': ['', ['states.', { Ref: 'AWS::Region' }, '.amazonaws.com']] }, SourceAccount: { Ref: 'AWS::AccountId' } }),
        Built: permission({ Principal: { 'Fn::Join': ['', [{ Ref: 'Caller' }]] } }),
      }, { Parameters: { Caller: { Type: 'String' } } });
      const o = outcomes(LambdaServicePrincipalSource, t);
      expect(o.Suffix).toEqual({ status: 'non-compliant', detail: 'Principal is the service events.* and neither SourceArn nor SourceAccount is set' });
      expect(o.Region.status).toBe('compliant');
      expect(o.Built).toEqual({ status: 'unverifiable', detail: 'Principal is *, made of values only known at deployment, so whether it is an AWS service cannot be verified' });
    });
    test('a Principal from a GetAtt of a custom resource, or imported, cannot be verified; a GetAtt of a role is not a service', () => {
      const t = cfn({
        X: { Type: 'Custom::X' },
        Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
        Custom: permission({ Principal: { 'Fn::GetAtt': ['X', 'Principal'] } }),
        Imported: permission({ Principal: { 'Fn::ImportValue': 'CallerPrincipal' } }),
        RoleArn: permission({ Principal: { 'Fn::GetAtt': ['Role', 'Arn'] } }),
      });
      expect(outcomes(LambdaServicePrincipalSource, t).Custom)
        .toEqual({ status: 'unverifiable', detail: 'Principal is {Fn::GetAtt X}, made of values only known at deployment, so whether it is an AWS service cannot be verified' });
      expect(statuses(LambdaServicePrincipalSource, t, P)).toEqual({ Custom: 'unverifiable', Imported: 'unverifiable', RoleArn: 'not-applicable' });
    });
  });
});

describe('LambdaServicePrincipalSource details in Japanese', () => {
  test('a service principal without a source', () => {
    expect(outcomes(LambdaServicePrincipalSource, cfn({ A: permission({ Principal: 'sns.amazonaws.com' }) }), { language: 'ja' }).A)
      .toEqual({ status: 'non-compliant', detail: 'Principal がサービス sns.amazonaws.com で、SourceArn も SourceAccount も設定されていません' });
  });
});
