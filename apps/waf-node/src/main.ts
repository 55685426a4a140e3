import { runService } from '@lib/platform';
import { WafNodeService } from './waf-node.service-definition';

void runService(WafNodeService);
