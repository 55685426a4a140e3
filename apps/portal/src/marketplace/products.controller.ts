import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Roles, RolesWithDetail } from '@lib/platform';
import { type Caller, CurrentCaller } from '../common/caller';
import { conditionalBody, etagOf } from '../common/etag';
import { sendPage } from '../common/list';
import {
  CreateProductDto,
  DataProduct,
  ListProductsQuery,
  QualityPoint,
  QualityQuery,
  type StoredProduct,
  UpdateProductDto,
  DomainCount,
  MarketplaceStats,
} from './product.dto';
import { ProductsService } from './products.service';

function withEtag(reply: FastifyReply, stored: StoredProduct): DataProduct {
  void reply.header('etag', etagOf(stored.version));
  return stored.product;
}

@ApiTags('marketplace')
@Controller('api/v1/marketplace')
@Roles('Reader', 'Contributor', 'Admin')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get('products')
  @ApiOperation({ summary: 'List data products, filtered, sorted and paged' })
  @ApiOkResponse({ type: [DataProduct], headers: { 'X-Total-Count': { description: 'Rows matching scope and filters', schema: { type: 'integer' } } } })
  @ApiProblems(422)
  async list(@CurrentCaller() caller: Caller, @Query() query: ListProductsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendPage(reply, await this.products.list(caller, query));
  }

  @Get('products/:id')
  @ApiOperation({ summary: 'Read a data product (ETag; If-None-Match answers 304)' })
  @ApiOkResponse({ type: DataProduct })
  @ApiHeader({ name: 'If-None-Match', required: false })
  @ApiProblems(404)
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const stored = await this.products.get(caller, id);
    return conditionalBody(reply, stored.version, ifNoneMatch, stored.product);
  }

  @Get('products/:id/quality')
  @ApiOperation({ summary: 'Quality history of a data product over the last days' })
  @ApiOkResponse({ type: [QualityPoint] })
  @ApiProblems(404, 422)
  quality(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: QualityQuery) {
    return this.products.quality(caller, id, query.days);
  }

  @Post('products')
  @ApiOperation({ summary: 'Publish a data product' })
  @Roles('Contributor', 'Admin')
  @ApiCreatedResponse({ type: DataProduct })
  @ApiProblems(409, 422)
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateProductDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const stored = await this.products.create(caller, body);
    void reply.status(201).header('location', `/api/v1/marketplace/products/${stored.product.id}`);
    return withEtag(reply, stored);
  }

  @Put('products/:id')
  @ApiOperation({ summary: 'Replace a data product (If-Match optional)' })
  @Roles('Contributor', 'Admin')
  @ApiOkResponse({ type: DataProduct })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiProblems(404, 412, 422)
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: UpdateProductDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.products.update(caller, id, body, ifMatch));
  }

  @Delete('products/:id')
  @ApiOperation({ summary: 'Delete a data product' })
  @HttpCode(204)
  @RolesWithDetail('Admin role required for this operation.', 'Admin')
  @ApiNoContentResponse({ description: 'Deleted with its quality history and access requests' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiProblems(404, 412)
  async remove(@Param('id') id: string, @Headers('if-match') ifMatch: string | undefined) {
    await this.products.remove(id, ifMatch);
  }

  @Post('products/:id/quality')
  @ApiOperation({ summary: 'Record a quality assessment of a data product' })
  @HttpCode(200)
  @Roles('Contributor', 'Admin')
  @ApiOkResponse({ type: DataProduct })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiProblems(404, 412)
  async assess(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.products.assess(caller, id, ifMatch));
  }

  @Get('domains')
  @ApiOperation({ summary: 'Domains with products, with their counts' })
  @ApiOkResponse({ type: [DomainCount], description: 'Sorted by name' })
  @ApiProblems()
  async domains(@CurrentCaller() caller: Caller) {
    return (await this.products.domainCounts(caller)).map(({ name, product_count }) => ({ name, product_count }));
  }

  @Get('stats')
  @ApiOperation({ summary: 'Marketplace statistics' })
  @ApiOkResponse({ type: MarketplaceStats })
  @ApiProblems()
  stats(@CurrentCaller() caller: Caller) {
    return this.products.stats(caller);
  }
}
