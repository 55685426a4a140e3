/** The longest grant a classification allows: the portal refuses longer requests and approvals. */
export const CAP_DAYS: Readonly<Record<string, number>> = { public: 365, internal: 365, confidential: 90, restricted: 30, cui: 30, fouo: 30 };

/** Classifications whose requests also need a manager's approval (the request tells its reviewer). */
export const ELEVATED: readonly string[] = ['restricted', 'cui', 'fouo'];
