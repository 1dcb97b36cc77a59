import { App, Annotations as CoreAnnotations, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ROOT_USAGE_FILTER_PATTERN, RootLoginNotification } from '../../lib/constructs';
import { expectThrows } from '../helpers/constructs';

const US_EAST_1 = { account: '123456789012', region: 'us-east-1' };

function newStack(env?: { account: string; region: string }): Stack {
  return new Stack(new App(), 'Stack', { env });
}


describe('RootLoginNotification with defaults in us-east-1', () => {
  const stack = newStack(US_EAST_1);
  const notification = new RootLoginNotification(stack, 'RootLogin', {
    emails: ['security@example.co.jp', 'cto@example.co.jp', 'Security@example.co.jp'],
  });
  const template = Template.fromStack(stack);

  test('a rule for root console sign-ins', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      State: 'ENABLED',
      EventPattern: {
        'detail-type': ['AWS Console Sign In via CloudTrail'],
        'detail': { userIdentity: { type: ['Root'] } },
      },
    });
  });

  test('a rule for API calls made as root (not calls AWS services make on its behalf)', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'detail-type': ['AWS API Call via CloudTrail'],
        'detail': {
          userIdentity: { type: ['Root'], invokedBy: [{ exists: false }] },
          eventType: [{ 'anything-but': ['AwsServiceEvent'] }],
        },
      },
    });
  });

  test('the sign-in message names event, time, source IP, account, MFA and user agent, in Japanese and English', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['AWS Console Sign In via CloudTrail'] },
      Targets: [
        Match.objectLike({
          Arn: { Ref: Match.stringLikeRegexp('^RootLogin') },
          InputTransformer: {
            InputPathsMap: Match.objectLike({
              'detail-eventName': '$.detail.eventName',
              'detail-eventTime': '$.detail.eventTime',
              'detail-sourceIPAddress': '$.detail.sourceIPAddress',
              'account': '$.account',
              'detail-additionalEventData-MFAUsed': '$.detail.additionalEventData.MFAUsed',
              'detail-userAgent': '$.detail.userAgent',
            }),
            InputTemplate: Match.stringLikeRegexp('ルートユーザー[\\s\\S]*root user console sign-in[\\s\\S]*MFA 使用 / MFA used: <detail-additionalEventData-MFAUsed>'),
          },
        }),
      ],
    });
  });

  test('the API-call message names the event and whether MFA was used', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['AWS API Call via CloudTrail'] },
      Targets: [
        Match.objectLike({
          InputTransformer: Match.objectLike({
            InputPathsMap: Match.objectLike({
              'detail-eventName': '$.detail.eventName',
              'detail-userIdentity-sessionContext-attributes-mfaAuthenticated':
                '$.detail.userIdentity.sessionContext.attributes.mfaAuthenticated',
            }),
          }),
        }),
      ],
    });
  });

  test('the topic is encrypted with its own rotating, retained KMS key', () => {
    expect(notification.encryptionKey).toBeDefined();
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RootLoginKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
  });

  test('the topic only accepts publishing over TLS, and EventBridge may publish', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Action: 'sns:Publish', Principal: { Service: 'events.amazonaws.com' } }),
        ]),
      },
    });
  });

  test('the key lets EventBridge and CloudWatch publish to the encrypted topic', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowEventBridgeAndCloudWatchToPublishEncrypted',
            Effect: 'Allow',
            Principal: { Service: ['events.amazonaws.com', 'cloudwatch.amazonaws.com'] },
            Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
            Resource: '*',
          },
        ]),
      },
    });
  });

  test('one email subscription per distinct address', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'security@example.co.jp' });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'cto@example.co.jp' });
  });

  test('no region warning in us-east-1, and no metric filter without a log group', () => {
    Annotations.fromStack(stack).hasNoWarning('/Stack/RootLogin', Match.anyValue());
    template.resourceCountIs('AWS::Logs::MetricFilter', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
  });
});

describe('RootLoginNotification region warning', () => {
  test('warns in another region', () => {
    const stack = newStack({ account: '123456789012', region: 'ap-northeast-1' });
    new RootLoginNotification(stack, 'RootLogin');
    Annotations.fromStack(stack).hasWarning(
      '/Stack/RootLogin',
      Match.stringLikeRegexp('region ap-northeast-1[\\s\\S]*us-east-1[\\s\\S]*fintech-guardrails:rootLoginRegion'),
    );
  });

  test('warns when the region is a token', () => {
    const stack = newStack();
    new RootLoginNotification(stack, 'RootLogin');
    Annotations.fromStack(stack).hasWarning('/Stack/RootLogin', Match.stringLikeRegexp('region unknown'));
  });

  test('the warning can be acknowledged', () => {
    const stack = newStack();
    const n = new RootLoginNotification(stack, 'RootLogin');
    CoreAnnotations.of(n).acknowledgeWarning('fintech-guardrails:rootLoginRegion', 'Forwarded from us-east-1 by the Forwarder stack');
    Annotations.fromStack(stack).hasNoWarning('/Stack/RootLogin', Match.anyValue());
  });
});

describe('RootLoginNotification options', () => {
  test('uses a given topic and creates no key', () => {
    const stack = newStack(US_EAST_1);
    const topic = new sns.Topic(stack, 'Existing');
    const n = new RootLoginNotification(stack, 'RootLogin', { topic, emails: ['a@example.com'] });
    expect(n.topic).toBe(topic);
    expect(n.encryptionKey).toBeUndefined();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', { TopicArn: { Ref: Match.stringLikeRegexp('^Existing') } });
  });

  test('adds the CIS metric filter and alarm on a CloudTrail log group', () => {
    const stack = newStack(US_EAST_1);
    const cloudTrailLogGroup = new logs.LogGroup(stack, 'Trail');
    const n = new RootLoginNotification(stack, 'RootLogin', { cloudTrailLogGroup });
    const template = Template.fromStack(stack);
    expect(ROOT_USAGE_FILTER_PATTERN).toBe(
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    );
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: Match.stringLikeRegexp('^Trail') },
      FilterPattern: ROOT_USAGE_FILTER_PATTERN,
      MetricTransformations: [Match.objectLike({ MetricValue: '1', MetricName: 'RootAccountUsage' })],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'RootAccountUsage',
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^RootLogin') }],
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowRootUsageAlarmToPublish',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Condition: Match.objectLike({ ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('RootUsageAlarm'), 'Arn'] } } }),
          }),
        ]),
      },
    });
    expect(n.alarm).toBeDefined();
    expect(n.metricFilter).toBeDefined();
  });

  test.each(['not-an-address', 'a@b', 'two words@example.com', ''])('fails when an email is %j', (email) => {
    expectThrows(
      () => new RootLoginNotification(newStack(US_EAST_1), 'RootLogin', { emails: ['ok@example.com', email] }),
      `emails[1] does not look like an email address: '${email}'`,
      /Fix:/,
    );
  });

  test('skips the email check for tokens', () => {
    const stack = newStack(US_EAST_1);
    const email = Lazy.string({ produce: () => 'late@example.com' });
    new RootLoginNotification(stack, 'RootLogin', { emails: [email] });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', { Endpoint: 'late@example.com' });
  });
});
