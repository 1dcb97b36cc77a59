/**
 * The one shape of every notification (lib/constructs/alert-message.ts).
 */
import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import {
  accountAndRegion,
  alarmDescription,
  alertMessage,
  eventField,
  field,
  renderAlertMessage,
} from '../../lib/constructs/alert-message';

const MESSAGE = {
  title: { ja: '【テスト】タイトル', en: '[Test] Title' },
  lines: [field('種類', 'Type', 'X'), [field('A', 'B', '1'), field('C', 'D', '2')]],
  advice: { ja: '対応してください。', en: 'Do something.' },
  items: ['LA-3', 'LA-4'],
};

test('Japanese first, then English, fields, advice and the guideline items', () => {
  expect(renderAlertMessage(MESSAGE).split('\n')).toEqual([
    '【テスト】タイトル',
    '[Test] Title',
    '',
    '種類 / Type: X',
    'A / B: 1  C / D: 2',
    '',
    '対応してください。',
    'Do something.',
    '(FinTech 協会 セキュリティガイドライン / FinTech Association of Japan guideline: LA-3, LA-4)',
  ]);
});

test('event fields become input-transformer paths', () => {
  const stack = new Stack();
  const rule = new events.Rule(stack, 'Rule', { eventPattern: { source: ['aws.test'] } });
  const input = stack.resolve(alertMessage({ ...MESSAGE, lines: [accountAndRegion(), field('イベント', 'Event', eventField('$.detail.eventName'))] }).bind(rule));
  expect(input.inputPathsMap).toEqual({ 'account': '$.account', 'region': '$.region', 'detail-eventName': '$.detail.eventName' });
  expect(input.inputTemplate).toContain('アカウント / Account: <account>  リージョン / Region: <region>');
  expect(input.inputTemplate).toContain('イベント / Event: <detail-eventName>');
});

test('alarm descriptions are one line, English then Japanese', () => {
  expect(alarmDescription({ en: 'Root was used.', ja: 'ルートが使用されました。' })).toBe('Root was used. / ルートが使用されました。');
});
