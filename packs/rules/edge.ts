/** The edge and serverless rules: CloudFront, API Gateway, Lambda and CloudWatch alarms, in rule-ID order. */
import type { RuleDefinition } from '../engine/rule';
import { ApiAccessLogging } from './apigateway/ApiAccessLogging';
import { ApiNoBodyLogging } from './apigateway/ApiNoBodyLogging';
import { HttpApiAuthorization } from './apigateway/HttpApiAuthorization';
import { RestApiAuthorization } from './apigateway/RestApiAuthorization';
import { RestApiWaf } from './apigateway/RestApiWaf';
import { CloudFrontHsts } from './cloudfront/CloudFrontHsts';
import { CloudFrontLogging } from './cloudfront/CloudFrontLogging';
import { CloudFrontOriginHttps } from './cloudfront/CloudFrontOriginHttps';
import { CloudFrontTlsVersion } from './cloudfront/CloudFrontTlsVersion';
import { CloudFrontViewerHttps } from './cloudfront/CloudFrontViewerHttps';
import { CloudFrontWaf } from './cloudfront/CloudFrontWaf';
import { AlarmHasAction } from './cloudwatch/AlarmHasAction';
import { LoadBalancedServiceMonitored } from './cloudwatch/LoadBalancedServiceMonitored';
import { LambdaNoPlaintextSecrets } from './lambda/LambdaNoPlaintextSecrets';
import { LambdaNoPublicInvoke } from './lambda/LambdaNoPublicInvoke';
import { LambdaServicePrincipalSource } from './lambda/LambdaServicePrincipalSource';
import { LambdaSupportedRuntime } from './lambda/LambdaSupportedRuntime';
import { LambdaUrlAuth } from './lambda/LambdaUrlAuth';

export const EDGE_RULES: readonly RuleDefinition[] = [
  CloudFrontViewerHttps, // FTG-CF-1
  CloudFrontTlsVersion, // FTG-CF-2
  CloudFrontHsts, // FTG-CF-3
  CloudFrontWaf, // FTG-CF-4
  CloudFrontLogging, // FTG-CF-5
  CloudFrontOriginHttps, // FTG-CF-6
  RestApiAuthorization, // FTG-APIGW-1
  HttpApiAuthorization, // FTG-APIGW-2
  ApiAccessLogging, // FTG-APIGW-3
  ApiNoBodyLogging, // FTG-APIGW-4
  RestApiWaf, // FTG-APIGW-5
  LambdaUrlAuth, // FTG-LAMBDA-1
  LambdaNoPlaintextSecrets, // FTG-LAMBDA-2
  LambdaSupportedRuntime, // FTG-LAMBDA-3
  LambdaNoPublicInvoke, // FTG-LAMBDA-4
  LambdaServicePrincipalSource, // FTG-LAMBDA-5
  AlarmHasAction, // FTG-CW-1
  LoadBalancedServiceMonitored, // FTG-CW-2
];
