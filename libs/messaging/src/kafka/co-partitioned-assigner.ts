import { AssignerProtocol, PartitionAssigner } from 'kafkajs';

/**
 * Gives partition p of every subscribed topic to the same member. A subscription reads its main topic and its
 * retry topic, which have the same partition count and the same keys per partition; the member that holds a key
 * back on the main topic must be the one that releases it from the retry topic.
 */
const NAME = 'BridgeCoPartitioned';
const VERSION = 1;

export const CoPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: NAME,
  version: VERSION,
  async assign({ members, topics }) {
    const memberIds = members.map((member) => member.memberId).sort();
    const plan = new Map<string, Record<string, number[]>>(memberIds.map((id) => [id, {}]));
    for (const topic of topics) {
      const partitions = cluster
        .findTopicPartitionMetadata(topic)
        .map((metadata) => metadata.partitionId)
        .sort((a, b) => a - b);
      for (const partition of partitions) {
        const owner = plan.get(memberIds[partition % memberIds.length])!;
        (owner[topic] ??= []).push(partition);
      }
    }
    return memberIds.map((memberId) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: VERSION,
        assignment: plan.get(memberId)!,
        userData: Buffer.alloc(0),
      }),
    }));
  },
  protocol({ topics }) {
    return {
      name: NAME,
      metadata: AssignerProtocol.MemberMetadata.encode({ version: VERSION, topics, userData: Buffer.alloc(0) }),
    };
  },
});
