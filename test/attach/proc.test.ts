// /proc parsing on real input: hex endpoints as the kernel writes them, inspector port prediction, own sockets.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHexEndpoint, readStatus } from '../../src/attach/proc.js';
import { predictInspectorPort } from '../../src/attach/precheck.js';
import { readProcessSockets } from '../../src/attach/sockets.js';

describe('parseHexEndpoint', () => {
  it('reads little-endian IPv4, IPv6 and v4-mapped addresses', () => {
    expect(parseHexEndpoint('0100007F:1538')).toEqual(['127.0.0.1', 5432]);
    expect(parseHexEndpoint('00000000000000000000000001000000:2405')).toEqual(['::1', 9221]);
    expect(parseHexEndpoint('0000000000000000FFFF00000100007F:18EB')).toEqual(['127.0.0.1', 6379]);
    expect(parseHexEndpoint('00000000000000000000000000000000:0050')).toEqual(['::', 80]);
  });
});

describe('predictInspectorPort', () => {
  it('follows --inspect-port and --inspect=host:port, else 9229', () => {
    expect(predictInspectorPort(['app.js'])).toBe(9229);
    expect(predictInspectorPort(['--inspect-port=9333', 'app.js'])).toBe(9333);
    expect(predictInspectorPort(['--inspect-port', '0', 'app.js'])).toBe(0);
    expect(predictInspectorPort(['--inspect=0.0.0.0:9444'])).toBe(9444);
    expect(predictInspectorPort(['--', '--inspect-port=1'])).toBe(9229);
  });
});

describe('this process seen through /proc', () => {
  let server: net.Server;
  let client: net.Socket;
  beforeAll(async () => {
    server = net.createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    client = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => client.once('connect', resolve));
  });
  afterAll(() => {
    client.destroy();
    server.close();
  });

  it('finds its listening port, the outbound connection and the accepted one', () => {
    const port = (server.address() as net.AddressInfo).port;
    const sockets = readProcessSockets(process.pid);
    expect(sockets.listening.map((socket) => socket.port)).toContain(port);
    expect(sockets.groups).toContainEqual({ remote: `127.0.0.1:${port}`, service: undefined, count: 1 });
    expect(sockets.groups).toContainEqual({ remote: `inbound 127.0.0.1:${port}`, service: 'inbound', count: 1 });
  });

  it('reads its own status: Node catches SIGUSR1 (bit 0x200 of SigCgt)', () => {
    const status = readStatus(process.pid);
    expect(status.nsPids[status.nsPids.length - 1]).toBe(process.pid);
    expect(status.sigCgt & 0x200n).toBe(0x200n);
  });
});
