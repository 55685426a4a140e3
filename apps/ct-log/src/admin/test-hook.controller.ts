import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Roles } from '@lib/platform';
import { TestHookService } from './test-hook.service';

/** Mounted only with CTLOG_TEST_HOOKS=true: otherwise the route and its documentation do not exist. */
@ApiTags('admin')
@Controller('api/v1/admin/logs')
@Roles('Admin')
export class TestHookController {
  constructor(private readonly testHook: TestHookService) {}

  @Post(':name/test/append-raw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Test hook (CTLOG_TEST_HOOKS=true only): append raw leaves to an events log' })
  @ApiProblems(404, 409, 422)
  appendRaw(@Param('name') name: string, @Body() body: unknown) {
    return this.testHook.appendRaw(name, body);
  }
}
