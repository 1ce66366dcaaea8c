import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from '@bridge/test-infra';
import { freePort } from './free-port';

const SSHD = '/usr/sbin/sshd';

export interface SftpServer {
  host: string;
  port: number;
  username: string;
  /** The client's private key (OpenSSH format), for the bridge's `activities.report.privateKey`. */
  privateKey: string;
  hostKeySha256: string;
  /** The folder reports are dropped in, as the SFTP client sees it (absolute: no chroot). */
  directory: string;
  /** Drops a report as the portal would, with the given modification time. */
  writeReport(name: string, content: string, modifiedAt?: Date): void;
  close(): Promise<void>;
}

/**
 * A real OpenSSH sshd on loopback serving SFTP (internal-sftp), key authentication only, with its own host key and
 * config in a temporary folder. Missing OpenSSH is an error naming what to install, never a skip.
 */
export async function startSftpServer(): Promise<SftpServer> {
  if (!existsSync(SSHD)) throw new Error(`${SSHD} is missing: the SFTP tests need OpenSSH's server (scripts/infra/install-prereqs.sh installs openssh-server)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bridge-sftp-'));
  const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, file)]);
  keygen('host_key');
  keygen('client_key');
  writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(path.join(dir, 'client_key.pub')));
  const directory = path.join(dir, 'reports');
  mkdirSync(directory);
  // sshd's privilege separation wants this directory, which only a started ssh service would have made.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const port = await freePort();
  const username = os.userInfo().username;
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${path.join(dir, 'host_key')}`,
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
    'StrictModes no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'PermitRootLogin prohibit-password',
    `AllowUsers ${username}`,
    'Subsystem sftp internal-sftp',
    'LogLevel ERROR',
  ].join('\n');
  writeFileSync(path.join(dir, 'sshd_config'), `${config}\n`);
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor(async () => child.exitCode === null && (await accepts(port)), { description: `sshd on 127.0.0.1:${port}`, timeoutMs: 15_000 }).catch((error: Error) => {
    child.kill();
    throw new Error(`${error.message}; sshd said: ${stderr.trim() || '(nothing)'}`);
  });
  const fingerprint = execFileSync('ssh-keygen', ['-lf', path.join(dir, 'host_key.pub')], { encoding: 'utf8' }).split(' ')[1];
  return {
    host: '127.0.0.1',
    port,
    username,
    privateKey: readFileSync(path.join(dir, 'client_key'), 'utf8'),
    hostKeySha256: fingerprint,
    directory,
    writeReport(name, content, modifiedAt = new Date()) {
      const file = path.join(directory, name);
      writeFileSync(file, content);
      utimesSync(file, modifiedAt, modifiedAt);
    },
    async close() {
      child.kill();
      await exited;
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
