import { Module } from '@nestjs/common';
import { LogsModule } from '../logs/logs.module';
import { ProofsModule } from '../proofs/proofs.module';
import { CertificateItems } from './certificate-items';
import { CertificateReader } from './certificate-reader.service';
import { CertificateWriter } from './certificate-writer.service';
import { CertificatesController } from './certificates.controller';
import { CrlService } from './crl.service';
import { SearchOperatorCheck } from './search-operator-check';

/** The certificate audit API over the tenant's events logs. */
@Module({
  imports: [LogsModule, ProofsModule],
  controllers: [CertificatesController],
  providers: [CertificateItems, CertificateReader, CertificateWriter, CrlService, SearchOperatorCheck],
})
export class AuditModule {}
