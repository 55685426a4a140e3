export interface paths {
    "/logs/{log}/ct/v1/add-chain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit a certificate chain; answers the SCT once the entry is sequenced (open logs: anyone; token logs: CtSubmitter of the log tenant) */
        post: operations["SubmissionsController_addChain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log}/ct/v1/add-pre-chain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit a precertificate chain; answers the SCT once sequenced (open logs: anyone; token logs: CtSubmitter of the log tenant) */
        post: operations["SubmissionsController_addPreChain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log}/ct/v1/get-sth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current signed tree head */
        get: operations["CtV1Controller_getSth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log}/ct/v1/get-sth-consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Consistency proof between two tree sizes */
        get: operations["CtV1Controller_getSthConsistency"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log}/ct/v1/get-proof-by-hash": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Inclusion proof for a leaf hash */
        get: operations["CtV1Controller_getProofByHash"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log}/ct/v1/get-entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Entries start…end (inclusive), truncated to get_entries_max and the tree */
        get: operations["CtV1Controller_getEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log}/ct/v1/get-roots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Accepted root certificates */
        get: operations["CtV1Controller_getRoots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log}/ct/v1/get-entry-and-proof": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One entry and its inclusion proof in a tree size */
        get: operations["CtV1Controller_getEntryAndProof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log}/checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current head as a C2SP signed note */
        get: operations["StaticController_checkpoint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log}/tile/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A Merkle tile tile/<L>/<N>[.p/<W>] or data tile tile/data/<N>[.p/<W>] */
        get: operations["StaticController_tile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log}/issuer/{fingerprint}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An issuer certificate referenced by entries, by lowercase SHA-256 hex */
        get: operations["StaticController_issuer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log}/metadata": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Log description, key and state (served even when the log is corrupt) */
        get: operations["StaticController_metadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logs/{log}/heads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Head history: the first head signed at each size, ascending */
        get: operations["StaticController_heads"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant logs */
        get: operations["LogAdminController_list"];
        put?: never;
        /** Create a log (its key is a file or secret reference; "generate" in dev mode) */
        post: operations["LogAdminController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/logs/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One log (weak ETag) */
        get: operations["LogAdminController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change description, config, grace, or make the log read-only (irreversible) */
        patch: operations["LogAdminController_update"];
        trace?: never;
    };
    "/api/v1/admin/logs/{name}/roots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept a root certificate (base64 DER or PEM) */
        post: operations["LogAdminController_addRoot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/logs/{name}/roots/{fingerprint}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Stop accepting a root */
        delete: operations["LogAdminController_removeRoot"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Filter, sort and page (keyset cursor) the tenant certificates */
        get: operations["CertificatesController_list"];
        put?: never;
        /** Log an issued certificate (201), or get the receipt of one already logged (200) */
        post: operations["CertificatesController_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certificates/{fingerprint}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log a revocation (201), or get the original one when repeated (200) */
        post: operations["CertificatesController_revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{userId}/revoke-certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke up to 1,000 of a user's live certificates, oldest logged first */
        post: operations["CertificatesController_revokeUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certificates/serial/{serial}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The most recently logged certificate with this serial, and how many others share it */
        get: operations["CertificatesController_bySerial"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certificates/{fingerprint}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One certificate by SHA-256 fingerprint */
        get: operations["CertificatesController_byFingerprint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search subject and issuer CN, serial, fingerprint and SAN DNS names */
        get: operations["CertificatesController_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/statistics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Exact counts over the tenant certificates (or one log) */
        get: operations["CertificatesController_statistics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/crl/next-number": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Allocate the next CRL number of an issuer (first 1) */
        post: operations["CertificatesController_nextCrlNumber"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/crl/current-number/{issuer}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The last CRL number allocated for an issuer */
        get: operations["CertificatesController_currentCrlNumber"];
        put?: never;
        post?: never;
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
        CtLogError: {
            /**
             * @description RFC 9162 error code (or not_found, internal, …)
             * @example unknownAnchor
             */
            error_code: string;
            error_message: string;
        };
        ChainBody: {
            /** @description The (pre)certificate first, then its chain towards an accepted root, base64 DER */
            chain: string[];
        };
        SctView: {
            /** @enum {integer} */
            sct_version: 0;
            /**
             * Format: byte
             * @description The log id
             */
            id: string;
            /** @description Milliseconds since the epoch */
            timestamp: number;
            /**
             * Format: byte
             * @description Carries the leaf index (static-ct-api)
             */
            extensions: string;
            /** Format: byte */
            signature: string;
        };
        SthView: {
            tree_size: number;
            /** @description Milliseconds since the epoch */
            timestamp: number;
            /** Format: byte */
            sha256_root_hash: string;
            /** Format: byte */
            tree_head_signature: string;
        };
        ConsistencyView: {
            consistency: string[];
        };
        ProofByHashView: {
            leaf_index: number;
            audit_path: string[];
        };
        EntryView: {
            /**
             * Format: byte
             * @description MerkleTreeLeaf
             */
            leaf_input: string;
            /** Format: byte */
            extra_data: string;
        };
        EntriesView: {
            entries: components["schemas"]["EntryView"][];
        };
        RootsView: {
            certificates: string[];
        };
        EntryAndProofView: {
            /**
             * Format: byte
             * @description MerkleTreeLeaf
             */
            leaf_input: string;
            /** Format: byte */
            extra_data: string;
            audit_path: string[];
        };
        TemporalInterval: {
            /** Format: date-time */
            start_inclusive: string;
            /** Format: date-time */
            end_exclusive: string;
        };
        LogMetadata: {
            name: string;
            /** @enum {string} */
            kind: "rfc6962" | "events";
            description: string;
            origin: string;
            /** Format: byte */
            log_id: string;
            /**
             * Format: byte
             * @description SubjectPublicKeyInfo DER
             */
            key: string;
            /** @description Maximum merge delay, seconds */
            mmd: number;
            /** @example active */
            state: string;
            tree_size: number | null;
            temporal_interval: components["schemas"]["TemporalInterval"] | null;
            submission_url: string;
            monitoring_url: string;
        };
        HeadsView: {
            heads: components["schemas"]["SthView"][];
            /** @description Pass as after for the next page; null when there are no more heads */
            next_after: number | null;
        };
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
        LogConfigBody: {
            /** @description Submissions waiting to be sequenced before 503 */
            pool_size?: number;
            batch_max_size?: number;
            batch_max_age_ms?: number;
            /** @description Re-sign the head when idle this long */
            idle_resign_ms?: number;
            /** @description [min, max] Retry-After seconds */
            retry_after_s?: number[];
            max_chain_length?: number;
            get_entries_max?: number;
            /**
             * @description open: anyone may submit (rate-limited per client address)
             * @enum {string}
             */
            submission?: "token" | "open";
        };
        CreateLogBody: {
            name: string;
            /**
             * @description rfc6962: certificate chains; events: the certificate audit API
             * @enum {string}
             */
            kind: "rfc6962" | "events";
            /**
             * @description A key file or secret reference; "generate" in dev mode
             * @example file:shard-a.pem
             */
            key: string;
            /** @default  */
            description?: string;
            /**
             * Format: date-time
             * @description Temporal shard: first accepted notAfter (with not_after_limit)
             */
            not_after_start?: string;
            /**
             * Format: date-time
             * @description Temporal shard: notAfter must be before this
             */
            not_after_limit?: string;
            /** @default 604800 */
            read_only_grace_s?: number;
            /** @description Accepted roots, base64 DER or PEM (rfc6962 logs only) */
            roots?: string[];
            config?: components["schemas"]["LogConfigBody"];
        };
        LogConfigView: {
            pool_size: number;
            batch_max_size: number;
            batch_max_age_ms: number;
            idle_resign_ms: number;
            retry_after_s: number[];
            max_chain_length: number;
            get_entries_max: number;
            /** @enum {string} */
            submission: "token" | "open";
        };
        RootView: {
            /** @description SHA-256 of the DER, uppercase hex */
            fingerprint: string;
            subject: string;
            /** Format: date-time */
            not_after: string;
        };
        LogView: {
            name: string;
            /** @enum {string} */
            kind: "rfc6962" | "events";
            /** @example active */
            state: string;
            description: string;
            /** @description The checkpoint origin line */
            origin: string;
            /**
             * Format: byte
             * @description SHA-256 of the public key, base64
             */
            log_id: string;
            /**
             * Format: byte
             * @description SubjectPublicKeyInfo DER, base64
             */
            public_key: string;
            key_ref: string;
            /** Format: date-time */
            not_after_start: string | null;
            /** Format: date-time */
            not_after_limit: string | null;
            read_only_grace_s: number;
            /** Format: date-time */
            read_only_at: string | null;
            config: components["schemas"]["LogConfigView"];
            roots: components["schemas"]["RootView"][];
            tree_size: number | null;
            sth: components["schemas"]["SthView"] | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** @description The weak ETag W/"<version>" */
            version: number;
        };
        LogList: {
            logs: components["schemas"]["LogView"][];
        };
        UpdateLogBody: {
            description?: string;
            config?: components["schemas"]["LogConfigBody"];
            read_only_grace_s?: number;
            /**
             * @description read_only is irreversible
             * @enum {string}
             */
            state?: "active" | "read_only";
        };
        AddRootBody: {
            /** @description A CA certificate, base64 DER or PEM */
            certificate: string;
        };
        RegisterCertificateBody: {
            /** @description Exactly one CERTIFICATE PEM block */
            certificate_pem: string;
            /** @enum {string} */
            certificate_type: "client" | "server" | "intermediate";
            certificate_purpose?: string;
            /**
             * Format: date-time
             * @description Not more than 5 minutes in the future; defaults to now
             */
            issued_at?: string;
            issuing_user_id?: string;
            /** @description At most two levels of objects of scalars */
            requester_info?: {
                [key: string]: unknown;
            };
        };
        IssuedReceipt: {
            fingerprint: string;
            /** @description The events log that holds the entry */
            log: string;
            leaf_index: number;
            /** Format: byte */
            leaf_hash: string;
            /** Format: date-time */
            timestamp: string;
            /** @description A head that includes the entry */
            sth: components["schemas"]["SthView"];
            /** @description Inclusion proof of the entry in sth */
            audit_path: string[];
            serial: string;
            /** @example logged */
            status: string;
        };
        RevokeBody: {
            /**
             * @description A CRLReason name or number (7 and removeFromCRL refused)
             * @example keyCompromise
             */
            reason: string | number;
            /** Format: date-time */
            revoked_at?: string;
            /** @description Defaults to the token's subject */
            revoked_by?: string;
        };
        RevocationFacts: {
            /** @example keyCompromise */
            reason: string;
            reason_code: number;
            /** Format: date-time */
            revoked_at: string | null;
            revoked_by: string | null;
        };
        RevocationReceipt: {
            fingerprint: string;
            /** @description The events log that holds the entry */
            log: string;
            leaf_index: number;
            /** Format: byte */
            leaf_hash: string;
            /** Format: date-time */
            timestamp: string;
            /** @description A head that includes the entry */
            sth: components["schemas"]["SthView"];
            /** @description Inclusion proof of the entry in sth */
            audit_path: string[];
            /** @example revoked */
            status: string;
            revocation: components["schemas"]["RevocationFacts"];
        };
        UserRevoked: {
            fingerprint: string;
            log: string;
            leaf_index: number;
        };
        UserRevocation: {
            user_id: string;
            revoked: components["schemas"]["UserRevoked"][];
            /** @description Live certificates of the user left for another call */
            remaining: number;
        };
        SubjectName: {
            dn: string;
            cn: string | null;
            o: string | null;
            ou: string | null;
            c: string | null;
            st: string | null;
            l: string | null;
        };
        Name: {
            dn: string;
            cn: string | null;
            o: string | null;
        };
        SubjectAltNames: {
            dns: string[];
            ip: string[];
            email: string[];
        };
        ItemRevocation: {
            /** @example keyCompromise */
            reason: string;
            reason_code: number;
            /** Format: date-time */
            revoked_at: string | null;
            revoked_by: string | null;
            log: string;
            leaf_index: number;
            /** Format: date-time */
            timestamp: string;
        };
        CertificateView: {
            fingerprint: string;
            serial: string;
            subject: components["schemas"]["SubjectName"];
            issuer: components["schemas"]["Name"];
            /** Format: date-time */
            not_before: string;
            /** Format: date-time */
            not_after: string;
            san: components["schemas"]["SubjectAltNames"];
            key_algorithm: string;
            key_size: number | null;
            signature_algorithm: string;
            /** @enum {string} */
            certificate_type: "client" | "server" | "intermediate";
            certificate_purpose: string | null;
            /** Format: date-time */
            issued_at: string;
            issuing_user_id: string | null;
            requester_info: {
                [key: string]: unknown;
            } | null;
            /** @enum {string} */
            status: "active" | "revoked" | "expired";
            revocation: components["schemas"]["ItemRevocation"] | null;
            log: string;
            leaf_index: number;
            /** Format: date-time */
            timestamp: string;
            /** @description With include_pem=true */
            certificate_pem?: string;
            /** @description With include_proof=true: the head, inclusion proofs and metadata openings */
            proof?: {
                [key: string]: unknown;
            };
        };
        CertificatePage: {
            certificates: components["schemas"]["CertificateView"][];
            next_cursor: string | null;
            /** @description With count=true: rows matching the filters */
            total?: number;
        };
        CertificateBySerial: {
            fingerprint: string;
            serial: string;
            subject: components["schemas"]["SubjectName"];
            issuer: components["schemas"]["Name"];
            /** Format: date-time */
            not_before: string;
            /** Format: date-time */
            not_after: string;
            san: components["schemas"]["SubjectAltNames"];
            key_algorithm: string;
            key_size: number | null;
            signature_algorithm: string;
            /** @enum {string} */
            certificate_type: "client" | "server" | "intermediate";
            certificate_purpose: string | null;
            /** Format: date-time */
            issued_at: string;
            issuing_user_id: string | null;
            requester_info: {
                [key: string]: unknown;
            } | null;
            /** @enum {string} */
            status: "active" | "revoked" | "expired";
            revocation: components["schemas"]["ItemRevocation"] | null;
            log: string;
            leaf_index: number;
            /** Format: date-time */
            timestamp: string;
            /** @description With include_pem=true */
            certificate_pem?: string;
            /** @description With include_proof=true: the head, inclusion proofs and metadata openings */
            proof?: {
                [key: string]: unknown;
            };
            /** @description Other certificates with this serial */
            other_matches: number;
        };
        SearchView: {
            query: string;
            exact: boolean;
            results: components["schemas"]["CertificateView"][];
            truncated: boolean;
        };
        CountsByType: {
            client: number;
            server: number;
            intermediate: number;
        };
        CountsByStatus: {
            active: number;
            revoked: number;
            expired: number;
        };
        StatisticsView: {
            total: number;
            by_type: components["schemas"]["CountsByType"];
            by_status: components["schemas"]["CountsByStatus"];
            /** @description Revocations by CRLReason name */
            by_revocation_reason: {
                [key: string]: number;
            };
            issued_last_30_days: number;
            revoked_last_30_days: number;
            expiring_next_30_days: number;
            /** Format: date-time */
            computed_at: string;
        };
        CrlIssuerBody: {
            /** @description The issuer, as the caller names it */
            issuer: string;
        };
        CrlNumberView: {
            issuer: string;
            crl_number: number;
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
    SubmissionsController_addChain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                log: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChainBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SctView"];
                };
            };
            /** @description Malformed request or refused chain (error_code says which) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description The log takes submissions with a CtSubmitter token only */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description The token does not allow submitting to this log */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description No such log, entry or hash */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description Rate limit of open submissions reached; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description The log is not serving (loading, pool full, or read-only); see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
        };
    };
    SubmissionsController_addPreChain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                log: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChainBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SctView"];
                };
            };
            /** @description Malformed request or refused chain (error_code says which) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description The log takes submissions with a CtSubmitter token only */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description The token does not allow submitting to this log */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description No such log, entry or hash */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description Rate limit of open submissions reached; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description The log is not serving (loading, pool full, or read-only); see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
        };
    };
    CtV1Controller_getSth: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                log: string;
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
                    "application/json": components["schemas"]["SthView"];
                };
            };
            /** @description No such log, entry or hash */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description The log is not serving (loading, pool full, or read-only); see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
        };
    };
    CtV1Controller_getSthConsistency: {
        parameters: {
            query: {
                second: number;
                first: number;
            };
            header?: never;
            path: {
                log: string;
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
                    "application/json": components["schemas"]["ConsistencyView"];
                };
            };
            /** @description Malformed request or refused chain (error_code says which) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description No such log, entry or hash */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description The log is not serving (loading, pool full, or read-only); see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
        };
    };
    CtV1Controller_getProofByHash: {
        parameters: {
            query: {
                tree_size: number;
                /** @description The leaf hash, base64 */
                hash: string;
            };
            header?: never;
            path: {
                log: string;
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
                    "application/json": components["schemas"]["ProofByHashView"];
                };
            };
            /** @description Malformed request or refused chain (error_code says which) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description No such log, entry or hash */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description The log is not serving (loading, pool full, or read-only); see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
        };
    };
    CtV1Controller_getEntries: {
        parameters: {
            query: {
                end: number;
                start: number;
            };
            header?: never;
            path: {
                log: string;
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
                    "application/json": components["schemas"]["EntriesView"];
                };
            };
            /** @description Malformed request or refused chain (error_code says which) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description No such log, entry or hash */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description The log is not serving (loading, pool full, or read-only); see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
        };
    };
    CtV1Controller_getRoots: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                log: string;
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
                    "application/json": components["schemas"]["RootsView"];
                };
            };
            /** @description No such log, entry or hash */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description The log is not serving (loading, pool full, or read-only); see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
        };
    };
    CtV1Controller_getEntryAndProof: {
        parameters: {
            query: {
                tree_size: number;
                leaf_index: number;
            };
            header?: never;
            path: {
                log: string;
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
                    "application/json": components["schemas"]["EntryAndProofView"];
                };
            };
            /** @description Malformed request or refused chain (error_code says which) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description No such log, entry or hash */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description The log is not serving (loading, pool full, or read-only); see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
        };
    };
    StaticController_checkpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                log: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The checkpoint */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description No such log, entry or hash */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description The log is not serving (loading, pool full, or read-only); see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
        };
    };
    StaticController_tile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                log: string;
                /** @description The tile path after tile/, e.g. 0/x001/234 or data/000.p/7 */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tile bytes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description No such log, entry or hash */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description The log is not serving (loading, pool full, or read-only); see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
        };
    };
    StaticController_issuer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                log: string;
                fingerprint: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The certificate, DER */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pkix-cert": string;
                };
            };
            /** @description No such log, entry or hash */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description The log is not serving (loading, pool full, or read-only); see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
        };
    };
    StaticController_metadata: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                log: string;
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
                    "application/json": components["schemas"]["LogMetadata"];
                };
            };
            /** @description No such log, entry or hash */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
        };
    };
    StaticController_heads: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Heads with a larger tree size (next_after of the previous page) */
                after?: number;
            };
            header?: never;
            path: {
                log: string;
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
                    "application/json": components["schemas"]["HeadsView"];
                };
            };
            /** @description Malformed request or refused chain (error_code says which) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description No such log, entry or hash */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
            /** @description The log is not serving (loading, pool full, or read-only); see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CtLogError"];
                };
            };
        };
    };
    LogAdminController_list: {
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
                    "application/json": components["schemas"]["LogList"];
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
    LogAdminController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateLogBody"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogView"];
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
    LogAdminController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
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
                    "application/json": components["schemas"]["LogView"];
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
    LogAdminController_update: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the read */
                "If-Match"?: string;
            };
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateLogBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogView"];
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
        };
    };
    LogAdminController_addRoot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddRootBody"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RootView"];
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
    LogAdminController_removeRoot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                fingerprint: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The root is no longer accepted */
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
        };
    };
    CertificatesController_list: {
        parameters: {
            query?: {
                /** @description Add certificate_pem */
                include_pem?: "true" | "false";
                /** @description Add proof: inclusion proofs and metadata openings */
                include_proof?: "true" | "false";
                /** @description Add total */
                count?: "true" | "false";
                /** @description next_cursor of the previous page (alone: it carries the filters) */
                cursor?: string;
                /** @description At most 100 with include_pem or include_proof */
                limit?: number;
                order?: "desc" | "asc";
                sort?: "logged_at" | "issued_at" | "not_before" | "not_after" | "subject" | "serial";
                include_revoked?: "true" | "false";
                revoked_to?: string;
                revoked_from?: string;
                expires_to?: string;
                expires_from?: string;
                issued_to?: string;
                issued_from?: string;
                /** @description issuing_user_id */
                user?: string;
                /** @description SAN DNS name */
                san?: string;
                /** @description SHA-256, 64 hex digits */
                fingerprint?: string;
                /** @description Hexadecimal serial */
                serial?: string;
                /** @description Issuer CN or DN contains */
                issuer?: string;
                /** @description Subject CN or DN contains */
                subject?: string;
                type?: "client" | "server" | "intermediate";
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
                    "application/json": components["schemas"]["CertificatePage"];
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
    CertificatesController_register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterCertificateBody"];
            };
        };
        responses: {
            /** @description Logged before: the original receipt */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedReceipt"];
                };
            };
            /** @description Logged now */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedReceipt"];
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
            /** @description Problem */
            410: {
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
            /** @description Not available now; see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CertificatesController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fingerprint: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RevokeBody"];
            };
        };
        responses: {
            /** @description Revoked before: the original receipt */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevocationReceipt"];
                };
            };
            /** @description Revoked now */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevocationReceipt"];
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
            /** @description Problem */
            410: {
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
            /** @description Not available now; see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CertificatesController_revokeUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RevokeBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserRevocation"];
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
            /** @description Problem */
            410: {
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
            /** @description Not available now; see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CertificatesController_bySerial: {
        parameters: {
            query?: {
                /** @description Add certificate_pem */
                include_pem?: "true" | "false";
                /** @description Add proof: inclusion proofs and metadata openings */
                include_proof?: "true" | "false";
                /** @description Only certificates of this issuer */
                issuer?: string;
            };
            header?: never;
            path: {
                serial: string;
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
                    "application/json": components["schemas"]["CertificateBySerial"];
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
    CertificatesController_byFingerprint: {
        parameters: {
            query?: {
                /** @description Add certificate_pem */
                include_pem?: "true" | "false";
                /** @description Add proof: inclusion proofs and metadata openings */
                include_proof?: "true" | "false";
            };
            header?: never;
            path: {
                fingerprint: string;
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
                    "application/json": components["schemas"]["CertificateView"];
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
    CertificatesController_search: {
        parameters: {
            query: {
                limit?: number;
                exact?: "true" | "false";
                q: string;
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
                    "application/json": components["schemas"]["SearchView"];
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
    CertificatesController_statistics: {
        parameters: {
            query?: {
                /** @description Only this events log */
                log?: string;
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
                    "application/json": components["schemas"]["StatisticsView"];
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
    CertificatesController_nextCrlNumber: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CrlIssuerBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrlNumberView"];
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
    CertificatesController_currentCrlNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                issuer: string;
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
                    "application/json": components["schemas"]["CrlNumberView"];
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
