import { GenericContainer, Wait } from 'testcontainers';

/**
 * Testcontainers path of the infrastructure search, taken only when a Docker engine answers. The broker is a
 * single KRaft node whose advertised listener is the mapped host port.
 */
export async function startKafkaContainer(image: string): Promise<{ brokers: string; stop: () => Promise<void> }> {
  const hostPort = 39092;
  const container = await new GenericContainer(image)
    .withExposedPorts({ container: 9092, host: hostPort })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${hostPort}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      // A single node must hold every internal topic alone, or consumer groups never find a coordinator.
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_MIN_INSYNC_REPLICAS: '1',
      KAFKA_NUM_PARTITIONS: '3',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  return { brokers: `127.0.0.1:${hostPort}`, stop: async () => void (await container.stop()) };
}

export async function startPostgresContainer(image: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const container = await new GenericContainer(image)
    .withExposedPorts(5432)
    .withEnvironment({ POSTGRES_USER: 'bridge', POSTGRES_PASSWORD: 'bridge', POSTGRES_DB: 'bridge' })
    .withCommand(['postgres', '-c', 'fsync=off', '-c', 'max_connections=200'])
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  const url = `postgres://bridge:bridge@${container.getHost()}:${container.getMappedPort(5432)}/bridge`;
  return { url, stop: async () => void (await container.stop()) };
}
