import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AccessExpirySweeper } from './access/access-expiry.sweeper';
import { DemoLoader } from './demo/demo-loader';

/** After migrations and before listening: the demo data set, then the first expiry sweep. */
@Injectable()
export class PortalStartup implements OnApplicationBootstrap {
  constructor(
    private readonly demo: DemoLoader,
    private readonly sweeper: AccessExpirySweeper,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.demo.loadAll();
    await this.sweeper.start();
  }
}
