import { normalise } from '../sources/source.record';

/** The demo data set, with relative times resolved against T0 (ms). */
const H = 3_600_000;
const D = 24 * H;
const day = (date: string) => `${date}T00:00:00.000Z`;

const owners = {
  hr: { name: 'Jane Smith', email: 'jane.smith@contoso.com', team: 'People Analytics', cost_center: null },
  mfg: { name: 'Bob Chen', email: 'bob.chen@contoso.com', team: 'Manufacturing IT', cost_center: null },
  finance: { name: 'Alice Park', email: 'alice.park@contoso.com', team: 'Financial Reporting', cost_center: null },
  marketing: { name: 'Carlos Diaz', email: 'carlos.diaz@contoso.com', team: 'Customer Insights', cost_center: null },
  supply: { name: 'Diana Torres', email: 'diana.torres@contoso.com', team: 'Supply Chain Ops', cost_center: null },
};

const target = (landing_zone: string, path_pattern: string, format: string) => normalise.target({ landing_zone, container: 'bronze', path_pattern, format });

export function demoSources() {
  return [
    {
      id: 'src-001', name: 'HR Employee Records', description: 'Daily extract of employee master data from the HR system.', source_type: 'azure_sql', domain: 'human-resources',
      classification: 'confidential', status: 'active', connection: normalise.connection({ host: 'hr-sql.database.windows.net', database: 'HRData' }),
      ingestion: normalise.ingestion({ mode: 'incremental', schedule_cron: '0 2 * * *' }), target: target('dlz-hr', 'hr/employees/{year}/{month}/{day}', 'delta'),
      owner: owners.hr, tags: { env: 'prod', pii: 'true' }, created_at: day('2025-06-15'), updated_at: day('2026-03-01'), provisioned_at: day('2025-06-16'),
      pipeline_id: 'pl-hr-employees-batch',
      quality_rules: [{ rule_name: 'email_not_null', rule_type: 'not_null', column: 'email', parameters: {}, severity: 'error' }],
    },
    {
      id: 'src-002', name: 'IoT Sensor Telemetry', description: 'Real-time telemetry from manufacturing floor sensors.', source_type: 'event_hub', domain: 'manufacturing',
      classification: 'internal', status: 'active', connection: normalise.connection({ host: 'eh-mfg.servicebus.windows.net' }), ingestion: normalise.ingestion({ mode: 'streaming' }),
      target: target('dlz-mfg', 'mfg/telemetry/{year}/{month}/{day}/{hour}', 'delta'), owner: owners.mfg, tags: { env: 'prod', 'real-time': 'true' },
      created_at: day('2025-09-01'), updated_at: day('2026-02-20'), provisioned_at: day('2025-09-02'), pipeline_id: 'pl-mfg-telemetry-stream', quality_rules: [],
    },
    {
      id: 'src-003', name: 'Finance GL Export', description: 'General Ledger export from SAP via REST API.', source_type: 'rest_api', domain: 'finance',
      classification: 'restricted', status: 'approved', connection: normalise.connection({ api_url: 'https://sap-gateway.contoso.com/odata/v4/gl' }),
      ingestion: normalise.ingestion({ mode: 'full', schedule_cron: '0 4 * * 1' }), target: target('dlz-finance', 'finance/gl/{year}/{month}', 'parquet'),
      owner: owners.finance, tags: { env: 'prod', compliance: 'sox' }, created_at: day('2026-01-10'), updated_at: day('2026-01-12'), provisioned_at: null, pipeline_id: null,
      quality_rules: [{ rule_name: 'amount_range', rule_type: 'range', column: 'amount', parameters: { min: -1000000000, max: 1000000000 }, severity: 'warning' }],
    },
    {
      id: 'src-004', name: 'Customer 360 - Cosmos', description: 'Customer profile data from Cosmos DB change feed.', source_type: 'cosmos_db', domain: 'marketing',
      classification: 'confidential', status: 'draft', connection: normalise.connection({ host: 'cosmos-cust360.documents.azure.com', database: 'customers', container: 'profiles' }),
      ingestion: normalise.ingestion({ mode: 'cdc' }), target: target('dlz-marketing', 'marketing/customers/{year}/{month}/{day}', 'delta'), owner: owners.marketing,
      tags: { env: 'prod' }, created_at: day('2026-04-01'), updated_at: day('2026-04-01'), provisioned_at: null, pipeline_id: null, quality_rules: [],
    },
  ];
}

export function demoPipelines(t0: number) {
  return [
    { id: 'pl-001', name: 'pl-hr-employees-batch', source_id: 'src-001', pipeline_type: 'batch_copy', status: 'succeeded', created_at: day('2025-06-16'), last_run_at: t0 - 6 * H, schedule_cron: '0 2 * * *', adf_pipeline_id: '/subscriptions/.../pipelines/pl-hr-employees-batch' },
    { id: 'pl-002', name: 'pl-mfg-telemetry-stream', source_id: 'src-002', pipeline_type: 'streaming', status: 'running', created_at: day('2025-09-02'), last_run_at: t0 - 5 * 60_000, schedule_cron: null, adf_pipeline_id: '/subscriptions/.../pipelines/pl-mfg-telemetry-stream' },
    { id: 'pl-003', name: 'pl-finance-gl-full', source_id: 'src-003', pipeline_type: 'batch_copy', status: 'created', created_at: day('2026-01-12'), last_run_at: null, schedule_cron: '0 4 * * 1', adf_pipeline_id: null },
    { id: 'pl-004', name: 'pl-marketing-cust360-cdc', source_id: 'src-004', pipeline_type: 'cdc', status: 'waiting', created_at: day('2026-04-02'), last_run_at: null, schedule_cron: null, adf_pipeline_id: null },
  ];
}

/** The replaced system's seed-42 draws for pl-001's five runs. */
const RUN_DRAWS = [
  { status: 'succeeded', duration: 1380, read: 79184, written: 55556, error: null },
  { status: 'succeeded', duration: 660, read: 114196, written: 107513, error: null },
  { status: 'failed', duration: 420, read: 76868, written: 191964, error: 'Connection timeout after 600s' },
  { status: 'succeeded', duration: 300, read: 160604, written: 57331, error: null },
  { status: 'succeeded', duration: 180, read: 74561, written: 106314, error: null },
];

export function demoRuns(t0: number) {
  return RUN_DRAWS.map((draw, i) => {
    const started = t0 - i * D - 2 * H;
    return { id: `run-5eed000${i}`, pipeline_id: 'pl-001', status: draw.status, started_at: started, ended_at: started + draw.duration * 1000, rows_read: draw.read, rows_written: draw.written, error_message: draw.error, duration_seconds: draw.duration };
  });
}

const sla = (freshness_minutes: number, availability_percent: number, valid_row_ratio: number) => ({ freshness_minutes, availability_percent, valid_row_ratio, supported_until: null });
const lineage = (upstream: string[], downstream: string[], transformations: string[]) => ({ upstream, downstream, transformations });

export function demoProducts(t0: number) {
  return [
    {
      id: 'dp-001', name: 'Employee Master Data', description: 'Curated, PII-masked employee records refreshed daily. Includes org hierarchy, location, and role information.',
      domain: 'human-resources', classification: 'confidential', quality_score: 0.945, freshness_hours: 6.2, completeness: 0.97, availability: 0.998, owner: owners.hr,
      created_at: day('2025-07-01'), updated_at: t0 - 6 * H, version: '2.1.0', tags: { pii: 'masked', refresh: 'daily' }, sla: sla(360, 99.8, 0.97),
      sample_queries: ["SELECT * FROM hr.employee_master WHERE department = 'Engineering'", 'SELECT location, COUNT(*) FROM hr.employee_master GROUP BY location'],
      documentation_url: 'https://wiki.contoso.com/data/hr-employee-master',
      lineage: lineage(['workday-hris-raw', 'org-hierarchy-raw'], ['workforce-analytics', 'headcount-reporting'], ['dbt model: hr_employee_cleansed', 'dbt model: hr_employee_master']),
    },
    {
      id: 'dp-002', name: 'Manufacturing Sensor Analytics', description: 'Aggregated sensor telemetry from the manufacturing floor. 5-minute roll-ups for temperature, pressure, and vibration.',
      domain: 'manufacturing', classification: 'internal', quality_score: 0.912, freshness_hours: 0.1, completeness: 0.99, availability: 0.995, owner: owners.mfg,
      created_at: day('2025-10-01'), updated_at: t0 - 5 * 60_000, version: '1.3.0', tags: { 'real-time': 'true', iot: 'true' }, sla: sla(10, 99.5, 0.99), sample_queries: null, documentation_url: null,
      lineage: lineage(['iot-hub-raw-telemetry'], ['predictive-maintenance-model', 'oee-dashboard'], ['ADF pipeline: sensor_5min_aggregation', 'dbt model: sensor_analytics_gold']),
    },
    {
      id: 'dp-003', name: 'Financial General Ledger', description: 'Weekly GL snapshot for financial reporting. SOX-compliant with full audit trail.',
      domain: 'finance', classification: 'restricted', quality_score: 0.981, freshness_hours: 168.0, completeness: 1.0, availability: 0.999, owner: owners.finance,
      created_at: day('2025-04-15'), updated_at: t0 - 3 * D, version: '3.0.0', tags: { compliance: 'sox', audit: 'true' }, sla: sla(10080, 99.9, 1.0), sample_queries: null, documentation_url: null,
      lineage: lineage(['sap-erp-gl-extract', 'manual-journal-entries'], ['external-financial-reporting', 'management-accounts'], ['dbt model: gl_staging', 'dbt model: gl_validated', 'dbt model: gl_snapshot_weekly']),
    },
    {
      id: 'dp-004', name: 'Customer 360 Profile', description: 'Unified customer view combining CRM, web analytics, and transaction data. Updated via CDC.',
      domain: 'marketing', classification: 'confidential', quality_score: 0.873, freshness_hours: 1.5, completeness: 0.93, availability: 0.992, owner: owners.marketing,
      created_at: day('2025-11-20'), updated_at: t0 - 2 * H, version: '1.0.0', tags: { cdp: 'true' }, sla: null, sample_queries: null, documentation_url: null, lineage: null,
    },
    {
      id: 'dp-005', name: 'Supply Chain Inventory', description: 'Real-time inventory levels across all warehouses and distribution centers.',
      domain: 'supply-chain', classification: 'internal', quality_score: 0.928, freshness_hours: 0.5, completeness: 0.96, availability: 0.997, owner: owners.supply,
      created_at: day('2026-01-05'), updated_at: t0 - 30 * 60_000, version: '1.0.0', tags: { warehouse: 'all' }, sla: null, sample_queries: null, documentation_url: null, lineage: null,
    },
  ];
}

export function demoAccessRequests(t0: number) {
  return [
    { id: 'ar-001', requester_email: 'dev.team@contoso.com', data_product_id: 'dp-001', access_level: 'read', duration_days: 90, status: 'approved', requested_at: t0 - 30 * D, reviewed_at: t0 - 29 * D, expires_at: t0 + 60 * D, reviewed_by: 'jane.smith@contoso.com', review_notes: 'Approved for read-only analytics.', justification: 'Need employee data for headcount dashboard.' },
    { id: 'ar-002', requester_email: 'ml.team@contoso.com', data_product_id: 'dp-004', access_level: 'read', duration_days: 180, status: 'pending', requested_at: t0 - 2 * D, reviewed_at: null, expires_at: null, reviewed_by: null, review_notes: null, justification: 'Training customer churn prediction model.' },
    { id: 'ar-003', requester_email: 'finance.analyst@contoso.com', data_product_id: 'dp-003', access_level: 'read_write', duration_days: 30, status: 'pending', requested_at: t0 - 6 * H, reviewed_at: null, expires_at: null, reviewed_by: null, review_notes: null, justification: 'Quarterly audit report generation.' },
    { id: 'ar-004', requester_email: 'extern.contractor@partner.com', data_product_id: 'dp-002', access_level: 'read', duration_days: 60, status: 'denied', requested_at: t0 - 10 * D, reviewed_at: t0 - 9 * D, expires_at: null, reviewed_by: 'bob.chen@contoso.com', review_notes: 'External contractors require VPN + NDA first.', justification: 'Sensor data analysis for maintenance optimization.' },
  ];
}
