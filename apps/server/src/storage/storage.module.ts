import { Controller, Get, Inject, Module, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Public } from '../common/context.js';
import { zodDto } from '../common/dto.js';
import { ProblemException } from '../common/problem.js';
import { CONFIG, type Config } from '../config/config.js';
import { LocalObjectStore } from './local-store.js';
import { OBJECT_KEY, type ObjectStore } from './object-store.js';
import { openObjectStore } from './settings.js';

export const OBJECT_STORE = Symbol('OBJECT_STORE');

const gone = (field: string, message: string) => new ProblemException(404, 'not-found', 'This download link does not lead to a file (wrong, expired or deleted).', [{ field, message }]);

class DownloadQueryDto extends zodDto(z.strictObject({
  key: z.string().regex(OBJECT_KEY, 'a file key').describe('the file, as the link names it'),
  expires: z.string().regex(/^\d{1,12}$/, 'a whole number of seconds').transform(Number).describe('when the link stops working, in seconds since 1970'),
  signature: z.string().regex(/^[\w-]{43}$/, 'the signature the link was issued with'),
})) {}

/** Downloads through links the local store signed; with S3, links point at the bucket instead. */
@ApiTags('files')
@Controller('files')
class FilesController {
  constructor(@Inject(OBJECT_STORE) private readonly store: ObjectStore) {}

  @Get()
  @Public()
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'the file, with its type and a download name; the link itself is the permission' })
  async download(@Query() q: DownloadQueryDto, @Res() reply: FastifyReply) {
    if (!(this.store instanceof LocalObjectStore)) throw gone('key', 'files are served from object storage');
    const { key, expires, signature } = q as unknown as { key: string; expires: number; signature: string };
    const verdict = this.store.verify(key, expires, signature);
    if (verdict === 'invalid') throw new ProblemException(403, 'forbidden', 'This download link is not valid.', [{ field: 'signature', message: 'does not match the file and expiry' }]);
    if (verdict === 'expired') throw new ProblemException(410, 'link-expired', 'This download link has expired; ask for a new one.', [{ field: 'expires', message: 'in the past' }]);
    const file = await this.store.get(key);
    if (!file) throw gone('key', 'deleted (retention) or never written');
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', file.disposition)
      .header('content-length', String(file.size))
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.body);
  }
}

@Module({
  controllers: [FilesController],
  providers: [{ provide: OBJECT_STORE, inject: [CONFIG], useFactory: (config: Config) => openObjectStore(process.env, config.MRM_DATA_DIR, config.publicUrl) }],
  exports: [OBJECT_STORE],
})
export class StorageModule {}
