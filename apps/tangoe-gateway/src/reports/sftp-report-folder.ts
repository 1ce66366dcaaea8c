import { createHash } from 'node:crypto';
import SftpClient from 'ssh2-sftp-client';
import { ClientConfig, resolveSecret } from '@bridge/clients-config';

export interface ReportFile {
  name: string;
  size: number;
  /** Epoch milliseconds, as the server reports it. */
  modifiedAt: number;
}

/** A client's SFTP folder of scheduled reports, open for one poll. */
export interface ReportFolder {
  list(): Promise<ReportFile[]>;
  read(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Opens the folder of `activities.report` over SFTP (ssh2): password or private key from the environment, and the
 * server's host key checked against the configured SHA256 fingerprint when one is given.
 */
export async function openSftpReportFolder(client: ClientConfig, timeoutMs = 15_000): Promise<ReportFolder> {
  const report = client.activities!.report!;
  const sftp = new SftpClient(`reports-${client.id}`);
  const expectedKey = report.hostKeySha256;
  await sftp.connect({
    host: report.host,
    port: report.port ?? 22,
    username: report.username,
    readyTimeout: timeoutMs,
    ...(report.password
      ? { password: resolveSecret(report.password, client.id, 'activities.report.password') }
      : { privateKey: resolveSecret(report.privateKey!, client.id, 'activities.report.privateKey') }),
    ...(expectedKey ? { hostVerifier: (key: Buffer) => fingerprint(key) === expectedKey.replace(/=$/, '') } : {}),
  });
  const directory = report.directory.replace(/\/$/, '');
  const suffix = report.suffix ?? '.csv';
  return {
    async list() {
      const entries = await sftp.list(directory);
      return entries.filter((entry) => entry.type === '-' && entry.name.endsWith(suffix)).map((entry) => ({ name: entry.name, size: entry.size, modifiedAt: entry.modifyTime }));
    },
    async read(name) {
      const content = await sftp.get(`${directory}/${name}`);
      return Buffer.isBuffer(content) ? content.toString('utf8') : String(content);
    },
    async close() {
      await sftp.end();
    },
  };
}

/** `SHA256:…` as `ssh-keygen -lf` prints a host key's fingerprint. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}
