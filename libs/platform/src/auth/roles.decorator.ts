import { SetMetadata } from '@nestjs/common';

export const REQUIRED_ROLES = 'platform:roles';

export interface RoleRequirement {
  readonly roles: readonly string[];
  /** The 403 detail when none is held; by default it lists the roles. */
  readonly detail?: string;
}

/** The caller needs at least one of these roles (token claim `roles`, or its configured name). */
export const Roles = (...roles: string[]) => SetMetadata(REQUIRED_ROLES, { roles } satisfies RoleRequirement);

/** As `@Roles`, with the exact 403 detail a client of the replaced system expects. */
export const RolesWithDetail = (detail: string, ...roles: string[]) => SetMetadata(REQUIRED_ROLES, { roles, detail } satisfies RoleRequirement);
