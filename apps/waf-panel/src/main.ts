import { runService } from '@lib/platform';
import { WafPanelService } from './waf-panel.service-definition';

void runService(WafPanelService);
