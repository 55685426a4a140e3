import { runService } from '@lib/platform';
import { ConsoleService } from './console.service-definition';

void runService(ConsoleService);
