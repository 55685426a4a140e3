export interface paths {
    "/api/v1/vhosts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List vhosts sorted by domain; filters domain (substring), policyId, enabled */
        get: operations["VhostsController_list"];
        put?: never;
        /** Create a vhost */
        post: operations["VhostsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/vhosts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a vhost (ETag) */
        get: operations["VhostsController_get"];
        put?: never;
        post?: never;
        /** Delete a vhost (If-Match required); 409 while exclusions are scoped to it */
        delete: operations["VhostsController_remove"];
        options?: never;
        head?: never;
        /** Change a vhost (If-Match required) */
        patch: operations["VhostsController_update"];
        trace?: never;
    };
    "/api/v1/vhosts/{id}/render": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The vhost bundle as text/plain, or JSON with Accept: application/json or ?format=json */
        get: operations["RenderController_render"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List policies sorted by name; q filters by name substring */
        get: operations["PoliciesController_list"];
        put?: never;
        /** Create a policy (revision 1, with the documented defaults) */
        post: operations["PoliciesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a policy with its children, assigned vhosts and warnings (ETag) */
        get: operations["PoliciesController_get"];
        put?: never;
        post?: never;
        /** Delete a policy and its children (If-Match required); 409 while vhosts use it */
        delete: operations["PoliciesController_remove"];
        options?: never;
        head?: never;
        /** Change policy settings (If-Match required) */
        patch: operations["PoliciesController_update"];
        trace?: never;
    };
    "/api/v1/policies/{id}/revisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Revisions, newest first, without snapshots */
        get: operations["RevisionsController_listRevisions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/{id}/revisions/{revision}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One revision with its snapshot */
        get: operations["RevisionsController_getRevision"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/{id}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Changes between two revisions (to defaults to the latest) */
        get: operations["RevisionsController_diff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/{id}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make the policy equal a revision, as a new revision (If-Match required) */
        post: operations["RevisionsController_rollback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export every policy of the tenant (audited) */
        get: operations["TransferController_exportAll"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import an export document, all or nothing; mode=strict (default) or replace */
        post: operations["TransferController_import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export one policy (audited) */
        get: operations["TransferController_exportOne"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/{policyId}/overrides": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All overrides of a policy (by target key) */
        get: operations["OverridesController_list"];
        put?: never;
        /** Add one of the overrides; an optional If-Match must equal the policy ETag */
        post: operations["OverridesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/{policyId}/overrides/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the overrides (ETag) */
        get: operations["OverridesController_get"];
        put?: never;
        post?: never;
        /** Delete one of the overrides (If-Match with its ETag) */
        delete: operations["OverridesController_remove"];
        options?: never;
        head?: never;
        /** Change one of the overrides (If-Match with its ETag) */
        patch: operations["OverridesController_update"];
        trace?: never;
    };
    "/api/v1/policies/{policyId}/exclusions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All exclusions of a policy (in render order) */
        get: operations["ExclusionsController_list"];
        put?: never;
        /** Add one of the exclusions; an optional If-Match must equal the policy ETag */
        post: operations["ExclusionsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/{policyId}/exclusions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the exclusions (ETag) */
        get: operations["ExclusionsController_get"];
        put?: never;
        post?: never;
        /** Delete one of the exclusions (If-Match with its ETag) */
        delete: operations["ExclusionsController_remove"];
        options?: never;
        head?: never;
        /** Change one of the exclusions (If-Match with its ETag) */
        patch: operations["ExclusionsController_update"];
        trace?: never;
    };
    "/api/v1/policies/{policyId}/custom-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All custom rules of a policy (by ruleId) */
        get: operations["CustomRulesController_list"];
        put?: never;
        /** Add one of the custom rules; an optional If-Match must equal the policy ETag */
        post: operations["CustomRulesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/{policyId}/custom-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the custom rules (ETag) */
        get: operations["CustomRulesController_get"];
        put?: never;
        post?: never;
        /** Delete one of the custom rules (If-Match with its ETag) */
        delete: operations["CustomRulesController_remove"];
        options?: never;
        head?: never;
        /** Change one of the custom rules (If-Match with its ETag) */
        patch: operations["CustomRulesController_update"];
        trace?: never;
    };
    "/api/v1/deployments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deployments, newest first */
        get: operations["DeploymentsController_list"];
        put?: never;
        /** Render, validate and publish every enabled vhost (201); 200 when nothing changed */
        post: operations["DeploymentsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deployments/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The deployment nodes are served (404 if none) */
        get: operations["DeploymentsController_current"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deployments/pending": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a deployment now would change, per vhost */
        get: operations["DeploymentsController_pending"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deployments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One deployment and its files (?include=content for their content) */
        get: operations["DeploymentsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/nodes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** WAF nodes: last pull, its result, the checksum served, and whether it is current */
        get: operations["DeploymentsController_nodes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/node/deployment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's current deployment for a WAF node; 304 with If-None-Match; 409 crs-version-mismatch when X-WAF-CRS-Version differs from the CRS it was rendered for */
        get: operations["NodeController_pull"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/node/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The node applied the deployment it pulled, or its engine check or reload failed (it then keeps serving the previous one) */
        post: operations["NodeController_report"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search the audit log, newest first: entityType, entityId, policyId, actor, action (or prefix.*), outcome, from, to, q */
        get: operations["AuditController_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One audit entry */
        get: operations["AuditController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/engine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The CRS version bundles are rendered for, and where the panel learnt it */
        get: operations["EngineController_view"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/engine/catalogue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The deployed CRS's rule ids and tags (WAF_CRS_CATALOGUE), for choosing override and exclusion targets */
        get: operations["EngineController_catalogue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/security-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Security events the nodes shipped, newest first, within the retention period */
        get: operations["EventsController_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/security-events/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Triage: top rules (and the variables each matched), top paths, events per hour; same filters as the list */
        get: operations["EventsController_summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/security-events/proposal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The narrowest exclusions that would have let these events through (rule, exact variable, vhost, shared path), what each stops inspecting, and the bundle it renders; writes nothing */
        post: operations["EventsController_propose"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/security-events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One security event with the rules it matched */
        get: operations["EventsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/node/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A node's batch of security events (from the engine's JSON audit log); a re-sent transaction is stored once */
        post: operations["NodeEventsController_ingest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process serves HTTP */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database and every registered check answer */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (public unless METRICS_PUBLIC=false) */
        get: operations["MetricsController_scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        FieldErrorDto: {
            /** @enum {string} */
            in: "body" | "query" | "path" | "header";
            /** @example quality_rules[0].rule_name */
            path: string;
            message: string;
        };
        ProblemDto: {
            /** @example urn:waf-panel:problem:not-found */
            type: string;
            title: string;
            status: number;
            detail: string;
            instance: string;
            correlationId: string;
            errors?: components["schemas"]["FieldErrorDto"][];
        };
        BackendView: {
            url: string;
            weight: number;
        };
        TlsView: {
            /** @enum {string} */
            mode: "off" | "terminate";
            certificateRef: string | null;
            /** @enum {string} */
            minVersion: "1.2" | "1.3";
            redirectHttp: boolean;
        };
        VhostView: {
            domain: string;
            description: string;
            enabled: boolean;
            /** Format: uuid */
            policyId: string | null;
            backends: components["schemas"]["BackendView"][];
            tls: components["schemas"]["TlsView"];
            /** Format: uuid */
            id: string;
            version: number;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
        };
        VhostViewPage: {
            items: components["schemas"]["VhostView"][];
            /** @description Pass as cursor for the next page; null on the last page */
            nextCursor: string | null;
        };
        BackendBody: {
            /**
             * @description scheme://host[:port]: http or https, DNS name, IPv4 or bracketed IPv6
             * @example http://app:8080
             */
            url: string;
            /** @default 1 */
            weight?: number;
        };
        TlsBody: {
            /**
             * @default off
             * @enum {string}
             */
            mode?: "off" | "terminate";
            /** @description The Kubernetes secret holding the certificate; only with mode terminate */
            certificateRef?: string | null;
            /**
             * @default 1.2
             * @enum {string}
             */
            minVersion?: "1.2" | "1.3";
            /** @description Defaults to true with mode terminate */
            redirectHttp?: boolean;
        };
        CreateVhostBody: {
            /**
             * @description A DNS name (optionally *.), stored lowercase; unique in the tenant
             * @example shop.example.com
             */
            domain: string;
            /** @default  */
            description?: string;
            /** @default true */
            enabled?: boolean;
            /** Format: uuid */
            policyId?: string | null;
            backends: components["schemas"]["BackendBody"][];
            tls?: components["schemas"]["TlsBody"];
        };
        UpdateVhostBody: {
            /**
             * @description A DNS name (optionally *.), stored lowercase; unique in the tenant
             * @example shop.example.com
             */
            domain?: string;
            /** @default  */
            description?: string;
            /** @default true */
            enabled?: boolean;
            /** Format: uuid */
            policyId?: string | null;
            backends?: components["schemas"]["BackendBody"][];
            tls?: components["schemas"]["TlsBody"];
        };
        VhostBundleView: {
            /** Format: uuid */
            vhostId: string;
            domain: string;
            /** Format: uuid */
            policyId: string;
            policyRevision: number;
            sha256: string;
            /** @description The ModSecurity configuration */
            content: string;
            warnings: string[];
            /** @description The bundle of the current deployment, if any */
            deployedSha256: string | null;
            /** @description Whether a deployment now would change this bundle */
            pending: boolean;
        };
        PolicySummary: {
            /** Format: uuid */
            id: string;
            version: number;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            name: string;
            description: string;
            /** @enum {string} */
            mode: "off" | "detection_only" | "blocking";
            blockingParanoiaLevel: number;
            detectionParanoiaLevel: number | null;
            inboundAnomalyThreshold: number;
            outboundAnomalyThreshold: number;
            earlyBlocking: boolean;
            enforceUrlencodedBodyProcessor: boolean;
            skipResponseAnalysis: boolean;
            allowedMethods: string[];
            allowedRequestContentTypes: string[] | null;
            requestBodyLimitBytes: number;
            maxNumArgs: number | null;
            argNameLength: number | null;
            argLength: number | null;
            totalArgLength: number | null;
            maxFileSize: number | null;
            combinedFileSizes: number | null;
            ipAllow: string[];
            ipDeny: string[];
            assignedVhostCount: number;
        };
        PolicySummaryPage: {
            items: components["schemas"]["PolicySummary"][];
            /** @description Pass as cursor for the next page; null on the last page */
            nextCursor: string | null;
        };
        CreatePolicyBody: {
            /** @description Unique in the tenant (trimmed) */
            name: string;
            /** @default  */
            description?: string;
            /**
             * @default detection_only
             * @enum {string}
             */
            mode?: "off" | "detection_only" | "blocking";
            /** @default 1 */
            blockingParanoiaLevel?: number;
            /** @description At least blockingParanoiaLevel; null follows it */
            detectionParanoiaLevel?: number | null;
            /** @default 5 */
            inboundAnomalyThreshold?: number;
            /** @default 4 */
            outboundAnomalyThreshold?: number;
            /**
             * @description CRS 4 only (422 on CRS 3)
             * @default false
             */
            earlyBlocking?: boolean;
            /** @default false */
            enforceUrlencodedBodyProcessor?: boolean;
            /**
             * @description CRS 4 only (422 on CRS 3)
             * @default false
             */
            skipResponseAnalysis?: boolean;
            /**
             * @example [
             *       "GET",
             *       "HEAD",
             *       "OPTIONS",
             *       "POST"
             *     ]
             */
            allowedMethods?: string[];
            /** @description null leaves the CRS default */
            allowedRequestContentTypes?: string[] | null;
            /** @default 13107200 */
            requestBodyLimitBytes?: number;
            /** @description tx.max_num_args; null leaves the CRS default */
            maxNumArgs?: number | null;
            /** @description tx.arg_name_length; null leaves the CRS default */
            argNameLength?: number | null;
            /** @description tx.arg_length; null leaves the CRS default */
            argLength?: number | null;
            /** @description tx.total_arg_length; null leaves the CRS default */
            totalArgLength?: number | null;
            /** @description tx.max_file_size; null leaves the CRS default */
            maxFileSize?: number | null;
            /** @description tx.combined_file_sizes; null leaves the CRS default */
            combinedFileSizes?: number | null;
            /** @description IPv4/IPv6 addresses or CIDR ranges */
            ipAllow?: string[];
            /** @description IPv4/IPv6 addresses or CIDR ranges */
            ipDeny?: string[];
        };
        OverrideView: {
            /** Format: uuid */
            id: string;
            version: number;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            /** Format: uuid */
            policyId: string;
            /** @description A CRS rule id; exactly one of ruleId or tag */
            ruleId: number | null;
            tag: string | null;
            comment: string;
            forced: boolean;
        };
        VariableView: {
            collection: string;
            key: string | null;
        };
        ExclusionView: {
            /** Format: uuid */
            id: string;
            version: number;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            /** Format: uuid */
            policyId: string;
            /** @description A CRS rule id; exactly one of ruleId or tag */
            ruleId: number | null;
            tag: string | null;
            comment: string;
            forced: boolean;
            variable: components["schemas"]["VariableView"] | null;
            /** Format: uuid */
            vhostId: string | null;
            path: string | null;
            /**
             * @description Where the exclusion lands in a bundle
             * @enum {string}
             */
            rendering: "remove" | "update-target" | "runtime";
        };
        CustomRuleView: {
            /** Format: uuid */
            id: string;
            version: number;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            /** Format: uuid */
            policyId: string;
            ruleId: number;
            enabled: boolean;
            phase: number;
            variables: components["schemas"]["VariableView"][];
            /** @enum {string} */
            operator: "rx" | "pm" | "streq" | "contains" | "containsWord" | "beginsWith" | "endsWith" | "within" | "eq" | "ge" | "gt" | "le" | "lt" | "ipMatch" | "detectSQLi" | "detectXSS";
            negate: boolean;
            argument: string | null;
            transformations: string[];
            /** @enum {string} */
            action: "deny" | "log" | "allow";
            status: number | null;
            severity: string;
            message: string;
            comment: string;
        };
        PolicyView: {
            /** Format: uuid */
            id: string;
            version: number;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            name: string;
            description: string;
            /** @enum {string} */
            mode: "off" | "detection_only" | "blocking";
            blockingParanoiaLevel: number;
            detectionParanoiaLevel: number | null;
            inboundAnomalyThreshold: number;
            outboundAnomalyThreshold: number;
            earlyBlocking: boolean;
            enforceUrlencodedBodyProcessor: boolean;
            skipResponseAnalysis: boolean;
            allowedMethods: string[];
            allowedRequestContentTypes: string[] | null;
            requestBodyLimitBytes: number;
            maxNumArgs: number | null;
            argNameLength: number | null;
            argLength: number | null;
            totalArgLength: number | null;
            maxFileSize: number | null;
            combinedFileSizes: number | null;
            ipAllow: string[];
            ipDeny: string[];
            overrides: components["schemas"]["OverrideView"][];
            exclusions: components["schemas"]["ExclusionView"][];
            customRules: components["schemas"]["CustomRuleView"][];
            assignedVhostIds: string[];
            warnings: string[];
        };
        UpdatePolicyBody: {
            /** @description Unique in the tenant (trimmed) */
            name?: string;
            /** @default  */
            description?: string;
            /**
             * @default detection_only
             * @enum {string}
             */
            mode?: "off" | "detection_only" | "blocking";
            /** @default 1 */
            blockingParanoiaLevel?: number;
            /** @description At least blockingParanoiaLevel; null follows it */
            detectionParanoiaLevel?: number | null;
            /** @default 5 */
            inboundAnomalyThreshold?: number;
            /** @default 4 */
            outboundAnomalyThreshold?: number;
            /**
             * @description CRS 4 only (422 on CRS 3)
             * @default false
             */
            earlyBlocking?: boolean;
            /** @default false */
            enforceUrlencodedBodyProcessor?: boolean;
            /**
             * @description CRS 4 only (422 on CRS 3)
             * @default false
             */
            skipResponseAnalysis?: boolean;
            /**
             * @example [
             *       "GET",
             *       "HEAD",
             *       "OPTIONS",
             *       "POST"
             *     ]
             */
            allowedMethods?: string[];
            /** @description null leaves the CRS default */
            allowedRequestContentTypes?: string[] | null;
            /** @default 13107200 */
            requestBodyLimitBytes?: number;
            /** @description tx.max_num_args; null leaves the CRS default */
            maxNumArgs?: number | null;
            /** @description tx.arg_name_length; null leaves the CRS default */
            argNameLength?: number | null;
            /** @description tx.arg_length; null leaves the CRS default */
            argLength?: number | null;
            /** @description tx.total_arg_length; null leaves the CRS default */
            totalArgLength?: number | null;
            /** @description tx.max_file_size; null leaves the CRS default */
            maxFileSize?: number | null;
            /** @description tx.combined_file_sizes; null leaves the CRS default */
            combinedFileSizes?: number | null;
            /** @description IPv4/IPv6 addresses or CIDR ranges */
            ipAllow?: string[];
            /** @description IPv4/IPv6 addresses or CIDR ranges */
            ipDeny?: string[];
        };
        RevisionView: {
            /** Format: uuid */
            policyId: string;
            revision: number;
            /**
             * @description create, update, rollback, import, or the child change that made it
             * @example update
             */
            action: string;
            rolledBackFrom: number | null;
            snapshotSha256: string;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
        };
        RevisionViewPage: {
            items: components["schemas"]["RevisionView"][];
            /** @description Pass as cursor for the next page; null on the last page */
            nextCursor: string | null;
        };
        PolicySettingsView: {
            name: string;
            description: string;
            /** @enum {string} */
            mode: "off" | "detection_only" | "blocking";
            blockingParanoiaLevel: number;
            detectionParanoiaLevel: number | null;
            inboundAnomalyThreshold: number;
            outboundAnomalyThreshold: number;
            earlyBlocking: boolean;
            enforceUrlencodedBodyProcessor: boolean;
            skipResponseAnalysis: boolean;
            allowedMethods: string[];
            allowedRequestContentTypes: string[] | null;
            requestBodyLimitBytes: number;
            maxNumArgs: number | null;
            argNameLength: number | null;
            argLength: number | null;
            totalArgLength: number | null;
            maxFileSize: number | null;
            combinedFileSizes: number | null;
            ipAllow: string[];
            ipDeny: string[];
        };
        PolicySnapshot: {
            settings: components["schemas"]["PolicySettingsView"];
            /** @description Override content by id */
            overrides: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
            /** @description Exclusion content by id */
            exclusions: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
            /** @description Custom rule content by id */
            customRules: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
        };
        RevisionDetail: {
            /** Format: uuid */
            policyId: string;
            revision: number;
            /**
             * @description create, update, rollback, import, or the child change that made it
             * @example update
             */
            action: string;
            rolledBackFrom: number | null;
            snapshotSha256: string;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            snapshot: components["schemas"]["PolicySnapshot"];
        };
        SnapshotChange: {
            /** @enum {string} */
            op: "add" | "remove" | "replace";
            /**
             * @description JSON Pointer into the snapshot
             * @example /settings/mode
             */
            path: string;
            /** @description Any JSON value */
            before: (Record<string, never> | null) | unknown[] | string | number | boolean;
            /** @description Any JSON value */
            after: (Record<string, never> | null) | unknown[] | string | number | boolean;
        };
        RevisionDiff: {
            from: number;
            to: number;
            changes: components["schemas"]["SnapshotChange"][];
        };
        RollbackBody: {
            toRevision: number;
            comment?: string;
        };
        ExportedPolicy: {
            name: string;
            description: string;
            /** @enum {string} */
            mode: "off" | "detection_only" | "blocking";
            blockingParanoiaLevel: number;
            detectionParanoiaLevel: number | null;
            inboundAnomalyThreshold: number;
            outboundAnomalyThreshold: number;
            earlyBlocking: boolean;
            enforceUrlencodedBodyProcessor: boolean;
            skipResponseAnalysis: boolean;
            allowedMethods: string[];
            allowedRequestContentTypes: string[] | null;
            requestBodyLimitBytes: number;
            maxNumArgs: number | null;
            argNameLength: number | null;
            argLength: number | null;
            totalArgLength: number | null;
            maxFileSize: number | null;
            combinedFileSizes: number | null;
            ipAllow: string[];
            ipDeny: string[];
            overrides: {
                [key: string]: unknown;
            }[];
            /** @description vhostDomain replaces vhostId */
            exclusions: {
                [key: string]: unknown;
            }[];
            customRules: {
                [key: string]: unknown;
            }[];
        };
        ExportDocument: {
            /** @example waf-panel/policies */
            format: string;
            /** @example 1 */
            formatVersion: number;
            /** @example 3.3.4 */
            crsVersion: string;
            /** Format: date-time */
            exportedAt: string;
            policies: components["schemas"]["ExportedPolicy"][];
        };
        ImportDocument: {
            /** @example waf-panel/policies */
            format: string;
            /** @example 1 */
            formatVersion: number;
            policies: components["schemas"]["ExportedPolicy"][];
            /** @example 3.3.4 */
            crsVersion?: string;
            /** Format: date-time */
            exportedAt?: string;
        };
        ImportOutcome: {
            name: string;
            /** Format: uuid */
            policyId: string;
            /** @enum {string} */
            result: "created" | "replaced" | "unchanged";
        };
        ImportResult: {
            results: components["schemas"]["ImportOutcome"][];
        };
        OverrideViewPage: {
            items: components["schemas"]["OverrideView"][];
            /** @description Pass as cursor for the next page; null on the last page */
            nextCursor: string | null;
        };
        OverrideBody: {
            /** @description A CRS rule id; exactly one of ruleId or tag */
            ruleId?: number | null;
            /** @description A CRS tag; exactly one of ruleId or tag */
            tag?: string | null;
            comment?: string | null;
            /**
             * @description Admin only: allow a protected target (scoring, initialisation, reporting rules)
             * @default false
             */
            force?: boolean;
        };
        WrittenOverride: {
            /** Format: uuid */
            id: string;
            version: number;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            /** Format: uuid */
            policyId: string;
            /** @description A CRS rule id; exactly one of ruleId or tag */
            ruleId: number | null;
            tag: string | null;
            comment: string;
            forced: boolean;
            /** @description The policy version after this write */
            policyVersion: number;
        };
        ExclusionViewPage: {
            items: components["schemas"]["ExclusionView"][];
            /** @description Pass as cursor for the next page; null on the last page */
            nextCursor: string | null;
        };
        VariableDto: {
            /**
             * @description For exclusions one of ARGS, ARGS_GET, ARGS_POST, ARGS_NAMES, ARGS_GET_NAMES, ARGS_POST_NAMES, REQUEST_COOKIES, REQUEST_COOKIES_NAMES, REQUEST_HEADERS, REQUEST_HEADERS_NAMES, FILES, FILES_NAMES, REQUEST_BODY, REQUEST_URI, REQUEST_FILENAME, REQUEST_BASENAME, QUERY_STRING; custom rules take request and response collections too
             * @example ARGS
             */
            collection: string;
            /**
             * @description A literal key (no regex); required for keyed collections
             * @example comment
             */
            key?: string | null;
        };
        ExclusionBody: {
            /** @description A CRS rule id; exactly one of ruleId or tag */
            ruleId?: number | null;
            /** @description A CRS tag; exactly one of ruleId or tag */
            tag?: string | null;
            comment?: string | null;
            /**
             * @description Admin only: allow a protected target (scoring, initialisation, reporting rules)
             * @default false
             */
            force?: boolean;
            /** @description Exclude only this variable; null removes the whole rule */
            variable?: components["schemas"]["VariableDto"] | null;
            /**
             * Format: uuid
             * @description Only for this vhost
             */
            vhostId?: string | null;
            /**
             * @description Only under this path
             * @example /search
             */
            path?: string | null;
        };
        WrittenExclusion: {
            /** Format: uuid */
            id: string;
            version: number;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            /** Format: uuid */
            policyId: string;
            /** @description A CRS rule id; exactly one of ruleId or tag */
            ruleId: number | null;
            tag: string | null;
            comment: string;
            forced: boolean;
            variable: components["schemas"]["VariableView"] | null;
            /** Format: uuid */
            vhostId: string | null;
            path: string | null;
            /**
             * @description Where the exclusion lands in a bundle
             * @enum {string}
             */
            rendering: "remove" | "update-target" | "runtime";
            /** @description The policy version after this write */
            policyVersion: number;
        };
        CustomRuleViewPage: {
            items: components["schemas"]["CustomRuleView"][];
            /** @description Pass as cursor for the next page; null on the last page */
            nextCursor: string | null;
        };
        CustomRuleBody: {
            /** @description In the tenant custom-rule range */
            ruleId: number;
            /** @default true */
            enabled?: boolean;
            phase: number;
            variables: components["schemas"]["VariableDto"][];
            /** @enum {string} */
            operator: "rx" | "pm" | "streq" | "contains" | "containsWord" | "beginsWith" | "endsWith" | "within" | "eq" | "ge" | "gt" | "le" | "lt" | "ipMatch" | "detectSQLi" | "detectXSS";
            /** @default false */
            negate?: boolean;
            /** @description The operator argument (none for detectSQLi and detectXSS) */
            argument?: string | null;
            /** @default [] */
            transformations?: ("lowercase" | "uppercase" | "urlDecode" | "urlDecodeUni" | "htmlEntityDecode" | "jsDecode" | "cssDecode" | "base64Decode" | "hexDecode" | "sqlHexDecode" | "compressWhitespace" | "removeWhitespace" | "removeNulls" | "replaceNulls" | "removeComments" | "replaceComments" | "normalizePath" | "normalizePathWin" | "cmdLine" | "trim" | "length" | "utf8toUnicode")[];
            /** @enum {string} */
            action: "deny" | "log" | "allow";
            /** @description Only with action deny (default 403) */
            status?: number | null;
            /** @enum {string} */
            severity: "CRITICAL" | "ERROR" | "WARNING" | "NOTICE";
            /** @description Printable ASCII */
            message: string;
            comment?: string | null;
        };
        WrittenCustomRule: {
            /** Format: uuid */
            id: string;
            version: number;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            /** Format: uuid */
            policyId: string;
            ruleId: number;
            enabled: boolean;
            phase: number;
            variables: components["schemas"]["VariableView"][];
            /** @enum {string} */
            operator: "rx" | "pm" | "streq" | "contains" | "containsWord" | "beginsWith" | "endsWith" | "within" | "eq" | "ge" | "gt" | "le" | "lt" | "ipMatch" | "detectSQLi" | "detectXSS";
            negate: boolean;
            argument: string | null;
            transformations: string[];
            /** @enum {string} */
            action: "deny" | "log" | "allow";
            status: number | null;
            severity: string;
            message: string;
            comment: string;
            /** @description The policy version after this write */
            policyVersion: number;
        };
        CreateDeploymentBody: {
            /** @description Publish only if the tenant still renders to this checksum (from GET /deployments/pending) */
            expectedChecksum?: string;
            /** @default  */
            comment?: string;
        };
        DeploymentError: {
            domain: string;
            message: string;
        };
        DeploymentView: {
            /** Format: uuid */
            id: string;
            sequence: number;
            /** @example published */
            status: string;
            checksum: string;
            /** @example 3.3.4 */
            crsVersion: string;
            renderFormat: number;
            fileCount: number;
            errors: components["schemas"]["DeploymentError"][];
            comment: string;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
        };
        DeploymentViewPage: {
            items: components["schemas"]["DeploymentView"][];
            /** @description Pass as cursor for the next page; null on the last page */
            nextCursor: string | null;
        };
        DeploymentFile: {
            /** @example vhosts/shop.example.com/modsecurity.conf */
            path: string;
            /** Format: uuid */
            vhostId: string;
            domain: string;
            /** Format: uuid */
            policyId: string;
            policyRevision: number;
            vhostVersion: number;
            sha256: string;
            /** @description With ?include=content */
            content?: string;
        };
        DeploymentDetail: {
            /** Format: uuid */
            id: string;
            sequence: number;
            /** @example published */
            status: string;
            checksum: string;
            /** @example 3.3.4 */
            crsVersion: string;
            renderFormat: number;
            fileCount: number;
            errors: components["schemas"]["DeploymentError"][];
            comment: string;
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            files: components["schemas"]["DeploymentFile"][];
        };
        PendingChange: {
            /** Format: uuid */
            vhostId: string;
            domain: string;
            /** @enum {string} */
            change: "added" | "modified" | "removed" | "blocked";
        };
        PendingView: {
            pending: boolean;
            /** @description What a deployment now would publish */
            currentChecksum: string;
            deployedChecksum: string | null;
            /** Format: uuid */
            deployedDeploymentId: string | null;
            changes: components["schemas"]["PendingChange"][];
        };
        NodeView: {
            /** @description The node's token subject */
            nodeId: string;
            /** Format: date-time */
            lastPullAt: string;
            /**
             * @description HTTP status of the last pull
             * @example 200
             */
            lastPullResult: number;
            lastServedChecksum: string | null;
            userAgent: string | null;
            /** @description Whether the node holds the current deployment */
            current: boolean;
            /**
             * @description What the node reported for the last deployment it tried
             * @enum {string|null}
             */
            applyStatus: "applied" | "failed" | null;
            /** @description The checksum that report was about */
            applyChecksum: string | null;
            /** @description The engine's error when the check or reload failed */
            applyError: string | null;
            /** Format: date-time */
            appliedAt: string | null;
            /** @example nginx/1.22.1; ModSecurity-nginx */
            engineVersion: string | null;
            /** @example 3.3.4 */
            crsVersion: string | null;
        };
        NodeViewPage: {
            items: components["schemas"]["NodeView"][];
            /** @description Pass as cursor for the next page; null on the last page */
            nextCursor: string | null;
        };
        NodeFile: {
            path: string;
            sha256: string;
            content: string;
        };
        NodeBundle: {
            /** Format: uuid */
            deploymentId: string;
            sequence: number;
            checksum: string;
            crsVersion: string;
            renderFormat: number;
            /** Format: date-time */
            createdAt: string;
            files: components["schemas"]["NodeFile"][];
        };
        NodeReportBody: {
            /** @description The checksum of the deployment the node tried */
            checksum: string;
            /** @enum {string} */
            status: "applied" | "failed";
            /** @description The engine's error text (nginx -t or the reload) */
            error?: string | null;
            /** @example nginx/1.22.1 */
            engineVersion: string;
            /**
             * @description The CRS version the node loads
             * @example 3.3.4
             */
            crsVersion: string;
        };
        AuditActor: {
            sub: string;
            email: string | null;
            /** @example user */
            type: string;
            roles: string[];
        };
        AuditEntity: {
            /** @example policy */
            type: string;
            id: string | null;
            label: string | null;
        };
        AuditParent: {
            type: string;
            id: string;
        };
        AuditChange: {
            /** @description JSON Pointer */
            path: string;
            /** @description Any JSON value */
            from: (Record<string, never> | null) | unknown[] | string | number | boolean;
            /** @description Any JSON value */
            to: (Record<string, never> | null) | unknown[] | string | number | boolean;
        };
        AuditEntryView: {
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            actor: components["schemas"]["AuditActor"];
            /** @example policy.update */
            action: string;
            /** @enum {string} */
            outcome: "success" | "denied" | "precondition_failed" | "failed";
            entity: components["schemas"]["AuditEntity"];
            parent: components["schemas"]["AuditParent"] | null;
            /** @description The entity before, secrets masked */
            before: (Record<string, never> | null) | unknown[] | string | number | boolean;
            /** @description The entity after, secrets masked */
            after: (Record<string, never> | null) | unknown[] | string | number | boolean;
            changes: components["schemas"]["AuditChange"][];
            forced: boolean;
            correlationId: string | null;
            clientIp: string | null;
            httpMethod: string | null;
            httpPath: string | null;
            detail: string | null;
        };
        AuditEntryViewPage: {
            items: components["schemas"]["AuditEntryView"][];
            /** @description Pass as cursor for the next page; null on the last page */
            nextCursor: string | null;
        };
        EngineView: {
            /**
             * @description The CRS version bundles are rendered for
             * @example 3.3.4
             */
            crsVersion: string;
            /**
             * @example 3
             * @enum {number}
             */
            crsMajor: 3 | 4;
            /**
             * @description detected: read from the rule files under crsInclude; configured: WAF_CRS_VERSION (no rule files on this host); default: neither
             * @enum {string}
             */
            crsVersionSource: "detected" | "configured" | "default";
            /**
             * @description The Include every bundle renders (WAF_CRS_INCLUDE)
             * @example /usr/share/modsecurity-crs/rules/*.conf
             */
            crsInclude: string;
            /**
             * @example [
             *       3,
             *       4
             *     ]
             */
            supportedCrsMajors: number[];
            /** @description Whether deployments are checked by WAF_ENGINE_CHECK_CMD before they publish */
            engineCheck: boolean;
        };
        CatalogueView: {
            /** @description Whether WAF_CRS_CATALOGUE names a catalogue; without one, targets are not checked against it */
            configured: boolean;
            /** @description The rule ids of the deployed CRS, ascending */
            ids: number[];
            /** @description Its tags, in byte order */
            tags: string[];
        };
        RuleMatchView: {
            ruleId: number;
            message: string;
            /**
             * @description The matched collection
             * @example ARGS
             */
            collection: string | null;
            /**
             * @description The matched key within it
             * @example comment
             */
            key: string | null;
            /** @description Matched data, masked for secret-named variables, cookies and credentials */
            data: string;
            severity: number | null;
            tags: string[];
        };
        SecurityEventView: {
            /** Format: uuid */
            id: string;
            /** @description The reporting node's token subject */
            nodeId: string;
            transactionId: string;
            /** Format: date-time */
            occurredAt: string;
            /** Format: date-time */
            receivedAt: string;
            host: string;
            /**
             * Format: uuid
             * @description The vhost serving this host when the event arrived
             */
            vhostId: string | null;
            clientIp: string;
            method: string;
            /** @description The path as received, without the query */
            path: string;
            /** @description The query, secret-named arguments masked */
            query: string;
            status: number;
            /** @enum {string} */
            action: "blocked" | "detected";
            engine: string;
            headers: {
                [key: string]: string;
            };
            matches: components["schemas"]["RuleMatchView"][];
        };
        SecurityEventViewPage: {
            items: components["schemas"]["SecurityEventView"][];
            /** @description Pass as cursor for the next page; null on the last page */
            nextCursor: string | null;
        };
        RuleCount: {
            ruleId: number;
            message: string;
            /** @description Events that matched it */
            events: number;
        };
        VariableCount: {
            ruleId: number;
            /** @example ARGS:comment */
            variable: string;
            events: number;
        };
        PathCount: {
            host: string;
            path: string;
            events: number;
        };
        HourCount: {
            /**
             * Format: date-time
             * @description Start of the hour (UTC)
             */
            hour: string;
            blocked: number;
            detected: number;
        };
        SecurityEventSummary: {
            total: number;
            /** @description The 10 rules most events matched (scoring rules left out) */
            topRules: components["schemas"]["RuleCount"][];
            /** @description Per top rule, which variables it matched */
            ruleVariables: components["schemas"]["VariableCount"][];
            /** @description The 10 paths with most events */
            topPaths: components["schemas"]["PathCount"][];
            /** @description Events per hour, oldest first */
            timeline: components["schemas"]["HourCount"][];
        };
        ProposalBody: {
            /** @description Events of one vhost */
            eventIds: string[];
            /** @description Propose exclusions of protected (scoring, initialisation) rules too: Admin only */
            force?: boolean;
        };
        ProposedVariable: {
            /** @example ARGS */
            collection: string;
            /** @example comment */
            key: string | null;
        };
        ProposedExclusionBody: {
            ruleId: number;
            variable: components["schemas"]["ProposedVariable"];
            /** Format: uuid */
            vhostId: string | null;
            path: string | null;
            comment: string;
            /** @description Present (true) when the target is protected and an Admin asked to force it */
            force?: boolean;
        };
        ProposedExclusion: {
            /** @description POST it to /policies/{policyId}/exclusions */
            body: components["schemas"]["ProposedExclusionBody"];
            /** @description What the engine would stop inspecting, and what it still inspects */
            explanation: string;
            /** @description Selected events it would have let through this match */
            events: number;
            /** @description The policy already holds this exclusion */
            exists: boolean;
            protected: boolean;
        };
        SkippedMatch: {
            ruleId: number;
            variable: string | null;
            reason: string;
        };
        BundlePreview: {
            domain: string;
            /** @description The vhost's bundle as it renders now */
            before: string;
            /** @description The bundle with the proposed exclusions */
            after: string;
        };
        ProposalView: {
            /** Format: uuid */
            vhostId: string;
            domain: string;
            /** Format: uuid */
            policyId: string;
            policyName: string;
            /** @description The policy's ETag: send it as If-Match with the first exclusion */
            policyEtag: string;
            exclusions: components["schemas"]["ProposedExclusion"][];
            /** @description Matches no exclusion is proposed for, and why */
            skipped: components["schemas"]["SkippedMatch"][];
            preview: components["schemas"]["BundlePreview"];
        };
        RuleMatchBody: {
            /** @example 942100 */
            ruleId: number;
            /** @example SQL Injection Attack Detected via libinjection */
            message: string;
            /**
             * @description The variable the rule matched, as the engine names it
             * @example ARGS:comment
             */
            variable: string | null;
            /** @description The engine's matched data; masked by the panel for secret-named variables */
            data: string;
            severity: number | null;
            tags: string[];
        };
        SecurityEventBody: {
            /** @description The engine's transaction id (unique_id); a node sending it twice stores it once */
            transactionId: string;
            /** Format: date-time */
            occurredAt: string;
            /**
             * @description The Host header
             * @example shop.example.com
             */
            host: string;
            /** @example 203.0.113.7 */
            clientIp: string;
            /** @example POST */
            method: string;
            /**
             * @description The request target as received (path and query)
             * @example /blog/comments?page=2
             */
            uri: string;
            /** @description The status the client got */
            status: number;
            /**
             * @description SecRuleEngine for this transaction
             * @enum {string}
             */
            engine: "Enabled" | "DetectionOnly";
            /** @example ModSecurity v3.0.9 (Linux); OWASP_CRS/3.3.4 */
            producer: string;
            /** @description Request headers (at most 100); cookies and credentials are masked before they are stored */
            headers: {
                [key: string]: string;
            };
            matches: components["schemas"]["RuleMatchBody"][];
        };
        SecurityEventBatchBody: {
            events: components["schemas"]["SecurityEventBody"][];
        };
        SecurityEventBatchResult: {
            /** @description Events stored now */
            stored: number;
            /** @description Events this node had sent before (same transactionId), stored once */
            duplicates: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    VhostsController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                enabled?: "true" | "false";
                policyId?: string;
                domain?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VhostViewPage"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    VhostsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateVhostBody"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VhostView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    VhostsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VhostView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    VhostsController_remove: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag you last read (428 without it, 412 when it is stale) */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match does not name the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    VhostsController_update: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag you last read (428 without it, 412 when it is stale) */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateVhostBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VhostView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match does not name the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    RenderController_render: {
        parameters: {
            query?: {
                format?: "json";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                    "application/json": components["schemas"]["VhostBundleView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    PoliciesController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicySummaryPage"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    PoliciesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePolicyBody"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    PoliciesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    PoliciesController_remove: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag you last read (428 without it, 412 when it is stale) */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match does not name the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    PoliciesController_update: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag you last read (428 without it, 412 when it is stale) */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePolicyBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match does not name the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    RevisionsController_listRevisions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevisionViewPage"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    RevisionsController_getRevision: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                revision: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevisionDetail"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    RevisionsController_diff: {
        parameters: {
            query: {
                to?: number;
                from: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevisionDiff"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    RevisionsController_rollback: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag you last read (428 without it, 412 when it is stale) */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RollbackBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match does not name the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    TransferController_exportAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportDocument"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    TransferController_import: {
        parameters: {
            query?: {
                mode?: "strict" | "replace";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportDocument"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResult"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    TransferController_exportOne: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportDocument"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    OverridesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OverrideViewPage"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    OverridesController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description The parent ETag you last read (412 when it is stale) */
                "If-Match"?: string;
            };
            path: {
                policyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OverrideBody"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WrittenOverride"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match does not name the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    OverridesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policyId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OverrideView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    OverridesController_remove: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag you last read (428 without it, 412 when it is stale) */
                "If-Match": string;
            };
            path: {
                policyId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match does not name the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    OverridesController_update: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag you last read (428 without it, 412 when it is stale) */
                "If-Match": string;
            };
            path: {
                policyId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OverrideBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WrittenOverride"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match does not name the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ExclusionsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExclusionViewPage"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ExclusionsController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description The parent ETag you last read (412 when it is stale) */
                "If-Match"?: string;
            };
            path: {
                policyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExclusionBody"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WrittenExclusion"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match does not name the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ExclusionsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policyId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExclusionView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ExclusionsController_remove: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag you last read (428 without it, 412 when it is stale) */
                "If-Match": string;
            };
            path: {
                policyId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match does not name the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ExclusionsController_update: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag you last read (428 without it, 412 when it is stale) */
                "If-Match": string;
            };
            path: {
                policyId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExclusionBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WrittenExclusion"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match does not name the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CustomRulesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomRuleViewPage"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CustomRulesController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description The parent ETag you last read (412 when it is stale) */
                "If-Match"?: string;
            };
            path: {
                policyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomRuleBody"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WrittenCustomRule"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match does not name the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CustomRulesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policyId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomRuleView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CustomRulesController_remove: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag you last read (428 without it, 412 when it is stale) */
                "If-Match": string;
            };
            path: {
                policyId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match does not name the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CustomRulesController_update: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag you last read (428 without it, 412 when it is stale) */
                "If-Match": string;
            };
            path: {
                policyId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomRuleBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WrittenCustomRule"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match does not name the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DeploymentsController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentViewPage"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DeploymentsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDeploymentBody"];
            };
        };
        responses: {
            /** @description Nothing changed: the current deployment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentView"];
                };
            };
            /** @description Published */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DeploymentsController_current: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentDetail"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DeploymentsController_pending: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PendingView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DeploymentsController_get: {
        parameters: {
            query?: {
                include?: "content";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeploymentDetail"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DeploymentsController_nodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NodeViewPage"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    NodeController_pull: {
        parameters: {
            query?: never;
            header?: {
                /** @description The checksum ETag the node holds */
                "If-None-Match"?: string;
                /** @description The CRS version the node loads (x.y.z) */
                "X-WAF-CRS-Version"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NodeBundle"];
                };
            };
            /** @description The node holds the current deployment */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request or invalid state */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    NodeController_report: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NodeReportBody"];
            };
        };
        responses: {
            /** @description Recorded; GET /nodes shows it */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    AuditController_search: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description Text in names, labels and before/after values */
                q?: string;
                to?: string;
                from?: string;
                outcome?: "success" | "denied" | "precondition_failed" | "failed";
                /** @description An action, or a prefix ending in .* */
                action?: string;
                /** @description Subject or e-mail */
                actor?: string;
                /** @description The policy and its children */
                policyId?: string;
                entityId?: string;
                entityType?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEntryViewPage"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    AuditController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEntryView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EngineController_view: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EngineView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EngineController_catalogue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogueView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EventsController_search: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                vhostId?: string;
                host?: string;
                /** @description Events that matched this rule */
                ruleId?: number;
                /** @description This path and below */
                path?: string;
                clientIp?: string;
                action?: "blocked" | "detected";
                from?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityEventViewPage"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EventsController_summary: {
        parameters: {
            query?: {
                vhostId?: string;
                host?: string;
                /** @description Events that matched this rule */
                ruleId?: number;
                /** @description This path and below */
                path?: string;
                clientIp?: string;
                action?: "blocked" | "detected";
                from?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityEventSummary"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EventsController_propose: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProposalBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EventsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityEventView"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not found in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    NodeEventsController_ingest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SecurityEventBatchBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityEventBatchResult"];
                };
            };
            /** @description Missing, invalid or expired token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The token does not allow it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Validation failed; errors[] names every bad field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up and serving HTTP. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every readiness check passed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "error" | "shutting_down";
                        info?: {
                            [key: string]: {
                                /** @enum {string} */
                                status?: "up" | "down";
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        error?: {
                            [key: string]: {
                                /** @enum {string} */
                                status?: "up" | "down";
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        details: {
                            [key: string]: {
                                /** @enum {string} */
                                status?: "up" | "down";
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description At least one check failed; the body says which and why. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "error" | "shutting_down";
                        info?: {
                            [key: string]: {
                                /** @enum {string} */
                                status?: "up" | "down";
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        error?: {
                            [key: string]: {
                                /** @enum {string} */
                                status?: "up" | "down";
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        details: {
                            [key: string]: {
                                /** @enum {string} */
                                status?: "up" | "down";
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
    };
    MetricsController_scrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
}
