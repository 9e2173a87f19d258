import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { tableDesign } from '../../shared/storage/table-design.js';

/**
 * Exact DynamoDB actions per kind of access: no `dynamodb:*`, no Scan (nothing scans the
 * single table). TransactWriteItems is not an IAM action: DynamoDB authorises each of its
 * items as PutItem / UpdateItem / DeleteItem / ConditionCheckItem.
 */
export const tableActions = {
  read: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DescribeTable',
  ],
  write: [
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DescribeTable',
  ],
} as const;

/** What a caller needs of the table's key: DynamoDB decrypts the table key on the caller's behalf. */
const keyActions = {
  read: ['kms:Decrypt', 'kms:DescribeKey'],
  write: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
} as const;

/**
 * The single table, built from `tableDesign` (the same description the local runtime creates
 * its table from): on demand, point-in-time recovery, deletion protection, encrypted with a
 * customer-managed key that rotates, and a stream carrying new images to the outbox publisher.
 */
export class DataTable extends Construct {
  readonly table: Table;
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: `Encrypts the credit-plus table of ${Stack.of(this).stackName}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table = new Table(this, 'Table', {
      partitionKey: { name: tableDesign.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDesign.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      stream: StreamViewType[tableDesign.streamView],
      timeToLiveAttribute: tableDesign.timeToLiveAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableDesign.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }
  }

  /** The table and each of its indexes by name (no `index/*` wildcard). */
  private readResources(): string[] {
    return [this.table.tableArn, ...tableDesign.indexes.map((index) => `${this.table.tableArn}/index/${index.name}`)];
  }

  grantReadAccess(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: [...tableActions.read], resources: this.readResources() }),
    );
    this.grantKey(grantee, keyActions.read);
  }

  grantWriteAccess(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: [...tableActions.write], resources: [this.table.tableArn] }),
    );
    this.grantKey(grantee, keyActions.write);
  }

  /** UpdateItem on items whose partition key is exactly `partitionKey`, nothing else. */
  grantUpdateOfPartition(grantee: IGrantable, partitionKey: string): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:UpdateItem'],
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [partitionKey] } },
      }),
    );
    this.grantKey(grantee, keyActions.write);
  }

  private grantKey(grantee: IGrantable, actions: readonly string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: [...actions], resources: [this.key.keyArn] }),
    );
  }
}
