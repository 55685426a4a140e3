import { runService } from '@lib/platform';
import { PortalService } from './portal.service-definition';

void runService(PortalService);
