export const WAF_NODE_CONFIG = Symbol('WAF_NODE_CONFIG');
