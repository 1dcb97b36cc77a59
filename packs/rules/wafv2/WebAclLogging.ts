import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant } from '../../engine/rule';

/** Web ACLs log the requests they inspect. */
export const WebAclLogging = defineRule({
  id: 'FTG-WAF-1',
  name: 'WebAclLogging',
  items: ['LA-2'],
  resourceTypes: ['AWS::WAFv2::WebACL'],
  info: {
    en: 'The WAF web ACL has no logging configuration (no AWS::WAFv2::LoggingConfiguration points at it).',
    ja: 'WAF の Web ACL にログ設定がありません（この Web ACL を指す AWS::WAFv2::LoggingConfiguration がありません）。',
  },
  explanation: {
    en: 'LA-2 asks to log enough to understand what happened, assuming an incident will happen. WAF logs record each inspected request with the rule that matched and the action taken: they show what attacks were tried, which were blocked, and which legitimate requests were blocked by mistake.',
    ja: 'LA-2 は、事件が発生する前提で状況が把握できる程度のログを記録することを求めています。WAF のログには検査した各リクエストと一致したルール、実行したアクションが記録され、どのような攻撃が試みられ、どれが遮断されたか、どの正当なリクエストが誤って遮断されたかがわかります。',
  },
  fix: {
    en: 'Add `new wafv2.CfnLoggingConfiguration(this, \'WafLogs\', { resourceArn: webAcl.attrArn, logDestinationConfigs: [logGroupArn] })` (a log group named aws-waf-logs-*, or a Firehose stream or S3 bucket with that prefix). In CloudFormation, add an AWS::WAFv2::LoggingConfiguration whose ResourceArn is a GetAtt of the AWS::WAFv2::WebACL Arn.',
    ja: '`new wafv2.CfnLoggingConfiguration(this, \'WafLogs\', { resourceArn: webAcl.attrArn, logDestinationConfigs: [logGroupArn] })` を追加してください（送信先は aws-waf-logs- で始まる名前のロググループ、Firehose ストリーム、S3 バケット）。CloudFormation では、ResourceArn が AWS::WAFv2::WebACL の Arn の GetAtt である AWS::WAFv2::LoggingConfiguration を追加してください。',
  },
  details: {
    noLogging: {
      en: 'no AWS::WAFv2::LoggingConfiguration in the template has this web ACL as ResourceArn',
      ja: 'テンプレートに、この Web ACL を ResourceArn とする AWS::WAFv2::LoggingConfiguration がありません',
    },
  },
  check(acl) {
    if (acl.type !== 'AWS::WAFv2::WebACL') return NOT_APPLICABLE;
    return acl.template.pointingAt(acl, 'AWS::WAFv2::LoggingConfiguration', 'ResourceArn').length > 0
      ? COMPLIANT
      : nonCompliant('noLogging', {});
  },
});
