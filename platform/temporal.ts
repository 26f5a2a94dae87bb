import path from 'node:path';
import { readFileSync } from 'node:fs';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { TemporalConfig } from './config';
import { EncryptionCodec } from './payload-codec';

/** Loaded by path: the worker bundles it into the workflow sandbox (so must a prebuilt bundle). */
export const failureConverterPath = path.join(__dirname, 'failure-converter.ts');

/** The same converter on both sides: client (API) and worker encrypt and decrypt with one key. */
export function dataConverter(payloadKey: Buffer): DataConverter {
  return {
    payloadCodecs: [new EncryptionCodec(payloadKey)],
    // Error messages may quote personal data; keep them inside the encrypted payload too.
    failureConverterPath,
  };
}

/** Works for both the client's Connection and the worker's NativeConnection. */
export function connectionOptions(cfg: TemporalConfig): { address: string; tls?: TLSConfig; apiKey?: string } {
  const read = (p?: string) => (p ? readFileSync(p) : undefined);
  const tls = cfg.tls
    ? {
        serverRootCACertificate: read(cfg.tls.serverRootCACertificatePath),
        clientCertPair: cfg.tls.clientCertPath && cfg.tls.clientKeyPath
          ? { crt: readFileSync(cfg.tls.clientCertPath), key: readFileSync(cfg.tls.clientKeyPath) }
          : undefined,
      }
    : undefined;
  return { address: cfg.address, tls, apiKey: cfg.apiKey };
}

export async function connectClient(cfg: TemporalConfig, payloadKey: Buffer): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(cfg));
  return new Client({ connection, namespace: cfg.namespace, dataConverter: dataConverter(payloadKey) });
}
