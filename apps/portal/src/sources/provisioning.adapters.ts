import { randomBytes } from 'node:crypto';
import type { SourceRecord } from './source.record';

/**
 * The infrastructure a source's provisioning and scanning call (ARM deployment, ADF, Purview).
 * Out of scope here: the default is the replaced system's mock; deployments inject
 * real ones under PROVISIONING_ADAPTERS.
 */
export interface ProvisioningAdapters {
  deploy(source: SourceRecord): Promise<string>;
  createPipeline(source: SourceRecord): Promise<string>;
  triggerScan(source: SourceRecord): Promise<string>;
}

export const PROVISIONING_ADAPTERS = Symbol('PROVISIONING_ADAPTERS');

const hex12 = () => randomBytes(6).toString('hex');

export const mockProvisioningAdapters: ProvisioningAdapters = {
  deploy: async () => `deploy-${hex12()}`,
  createPipeline: async (source) => `pl-${source.domain}-${source.name}-${source.source_type}`,
  triggerScan: async () => `scan-${hex12()}`,
};
