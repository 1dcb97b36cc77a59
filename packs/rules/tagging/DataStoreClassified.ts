import { COMPLIANT, defineRule, judge, nonCompliant, NOT_APPLICABLE, Outcome, unverifiable, worst } from '../../engine/rule';
import { Resource } from '../../engine/template';
import { Alt, isOpaque } from '../../engine/values';
import { eachReplica } from '../dynamodb/DynamoDbPointInTimeRecovery';
import { isClusterMember } from '../rds/rdsHelpers';
import { reason } from '../../engine/messages';
import type { Reason } from '../../engine/messages';

/** The tag key that carries a data store's classification. Tag keys are case-sensitive. */
export const CLASSIFICATION_TAG = 'data-classification';

/** Data-store types and where their tags are. */
const TAGS_PATH: Record<string, string> = {
  'AWS::S3::Bucket': 'Tags',
  'AWS::DynamoDB::Table': 'Tags',
  'AWS::RDS::DBInstance': 'Tags',
  'AWS::RDS::DBCluster': 'Tags',
  'AWS::EFS::FileSystem': 'FileSystemTags',
  'AWS::OpenSearchService::Domain': 'Tags',
  'AWS::Elasticsearch::Domain': 'Tags',
};
const GLOBAL_TABLE = 'AWS::DynamoDB::GlobalTable';

/**
 * A data store carries a `data-classification` tag, whatever its value (a value only known at
 * deployment is fine: the tag exists). Tags as a list of { Key, Value } (or a map), an Fn::If around
 * a tag counts only if every branch has it. Data stores: S3 bucket, DynamoDB table (every replica of
 * a global table), RDS DB instance (not a cluster member: the cluster carries it) and cluster, EFS file
 * system, OpenSearch/Elasticsearch domain.
 */
export const DataStoreClassified = defineRule({
  id: 'FTG-TAG-1',
  name: 'DataStoreClassified',
  items: ['DM-4', 'AS-4'],
  resourceTypes: [...Object.keys(TAGS_PATH), GLOBAL_TABLE],
  info: {
    en: `The data store has no "${CLASSIFICATION_TAG}" tag saying how sensitive its data is.`,
    ja: `データストアに、データの機微性を示す "${CLASSIFICATION_TAG}" タグがありません。`,
  },
  explanation: {
    en: 'DM-4 asks for rules on where data may be stored according to its sensitivity, known across the company. Those rules can only be applied and checked if every store says what it holds: a classification tag lets IAM conditions, AWS Config, Macie and reviews find the stores of each level. AS-4 asks that a service which will need PCI DSS is built for it from the planning stage: knowing from the start which stores hold card data (e.g. a "pci" value) keeps the cardholder-data environment small and its scope provable.',
    ja: 'DM-4 はデータの機微性に応じて格納可能な場所の規定を定め、社内に周知することを求めています。その規定を適用・確認するには、各データストアが何を保管しているかを示している必要があります。分類タグがあれば IAM の条件、AWS Config、Macie、レビューで各レベルのデータストアを見つけられます。AS-4 は将来 PCI DSS 等への準拠が必要になるなら企画段階から備えることを求めています。カードデータを保管するストアを最初から明示しておけば（例: 値 "pci"）、カード会員データ環境を小さく保ち、その範囲を証明できます。',
  },
  fix: {
    en: `Add the tag in CDK with \`Tags.of(store).add('${CLASSIFICATION_TAG}', 'confidential')\` (values such as public / internal / confidential / pci, as the company rules define), or in CloudFormation add { Key: ${CLASSIFICATION_TAG}, Value: ... } to Tags (FileSystemTags for AWS::EFS::FileSystem, Replicas[].Tags for AWS::DynamoDB::GlobalTable).`,
    ja: `CDK では \`Tags.of(store).add('${CLASSIFICATION_TAG}', 'confidential')\` でタグを付けてください（値は社内規定に従い public / internal / confidential / pci など）。CloudFormation では Tags に { Key: ${CLASSIFICATION_TAG}, Value: ... } を追加します（AWS::EFS::FileSystem は FileSystemTags、AWS::DynamoDB::GlobalTable は Replicas[].Tags）。`,
  },
  details: {
    'tags-not-set': { en: '{where} is not set', ja: '{where} が未設定です' },
    'tag-unknown': { en: 'a tag of {where} is only known at deployment', ja: '{where} にデプロイ時にしか決まらないタグがあります' },
    'tag-key-unknown': { en: 'a tag key of {where} is only known at deployment', ja: '{where} にデプロイ時にしか決まらないタグキーがあります' },
    'tag-some-branches': {
      en: 'the "{tag}" tag of {where} is only in some alternatives (an Fn::If branch or a parameter value)',
      ja: '{where} の "{tag}" タグは一部の分岐（Fn::If の分岐またはパラメータの値）にしかありません',
    },
    'tag-near': {
      en: '{where} has "{near}" but not "{tag}" (tag keys are case-sensitive; use the company-wide key)',
      ja: '{where} に "{near}" はありますが "{tag}" がありません（タグキーは大文字と小文字を区別します。全社共通のキーを使ってください）',
    },
    'tag-missing': { en: '{where} has no "{tag}" tag', ja: '{where} に "{tag}" タグがありません' },
  },
  check(store) {
    if (store.type === GLOBAL_TABLE) {
      return eachReplica(store, (replica, where) => classified(store, store.resolve(replica, 'Tags'), `${where}.Tags`));
    }
    const path = TAGS_PATH[store.type];
    if (!path) return NOT_APPLICABLE;
    if (isClusterMember(store)) return NOT_APPLICABLE;
    return classified(store, store.prop(path), path);
  },
});

/** Whether every alternative of a tag list has the classification tag. */
function classified(store: Resource, alts: readonly Alt[], where: string): Outcome {
  return worst(...alts.map((alt): Outcome => {
    if (!alt.known || isOpaque(alt.value)) return judge([alt], where, () => undefined);
    const tags = alt.value;
    if (tags === undefined) return nonCompliant('tags-not-set', { where });
    if (Array.isArray(tags)) return inList(store, tags, where);
    if (tags !== null && typeof tags === 'object') return inKeys(Object.keys(tags), where);
    return judge([alt], where, () => undefined);
  }));
}

function inList(store: Resource, tags: readonly unknown[], where: string): Outcome {
  const seen: string[] = [];
  let unknown: Reason | undefined;
  for (const raw of tags) {
    const branches = store.resolve(raw);
    let always = branches.length > 0;
    for (const b of branches) {
      if (!b.known) { unknown ??= b.why; always = false; continue; }
      if (b.value === undefined || b.value === null || typeof b.value !== 'object' || isOpaque(b.value)) {
        if (isOpaque(b.value)) unknown ??= reason('tag-unknown', { where });
        always = false;
        continue;
      }
      for (const k of store.resolve(b.value, 'Key')) {
        if (k.known && typeof k.value === 'string') {
          seen.push(k.value);
          if (k.value !== CLASSIFICATION_TAG) always = false;
        } else {
          unknown ??= reason('tag-key-unknown', { where });
          always = false;
        }
      }
    }
    if (always) return COMPLIANT;
  }
  if (seen.includes(CLASSIFICATION_TAG)) return nonCompliant('tag-some-branches', { tag: CLASSIFICATION_TAG, where });
  if (unknown) return unverifiable('at', { what: where, why: unknown });
  return inKeys(seen, where);
}

function inKeys(keys: readonly string[], where: string): Outcome {
  if (keys.includes(CLASSIFICATION_TAG)) return COMPLIANT;
  const near = keys.find((k) => k.toLowerCase().replace(/[^a-z]/g, '') === 'dataclassification');
  return near
    ? nonCompliant('tag-near', { where, near, tag: CLASSIFICATION_TAG })
    : nonCompliant('tag-missing', { where, tag: CLASSIFICATION_TAG });
}
