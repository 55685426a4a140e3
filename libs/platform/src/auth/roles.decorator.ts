import { SetMetadata } from '@nestjs/common';

export const REQUIRED_ROLES = 'platform:roles';

/** The caller needs at least one of these roles (token claim `roles`, or its configured name). */
export const Roles = (...roles: string[]) => SetMetadata(REQUIRED_ROLES, roles);
