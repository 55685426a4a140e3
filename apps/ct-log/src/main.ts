import { runService } from '@lib/platform';
import { CtLogService } from './ct-log.service-definition';

void runService(CtLogService);
